package io.tapls.generate;

/**
 * tracetool's log-stap {@code c_fmt_to_stap}: turns a C format token sequence ({@code "a=0x%" PRIx64 " b"})
 * into one SystemTap printf format, quirks included (spec/tracetool.md B.2):
 * <ul>
 * <li>a three-state machine (between tokens, in a string literal, in a macro) with an escape toggle;
 *     escapes inside literals are copied verbatim; a space or tab ends a macro but not an escape;</li>
 * <li>a macro must start with "PRI", and becomes its fourth character ({@code PRIx64} gives {@code x});</li>
 * <li>then {@code %<digits>(l+|z)(x|u|d)} loses its size qualifier, and nothing else does.</li>
 * </ul>
 * An unterminated literal is kept as it is; a backslash outside a literal and a macro that is not a PRI
 * macro are errors, as in tracetool.
 */
public final class CFormatToStap {
    private static final int SKIP = 0;
    private static final int LITERAL = 1;
    private static final int MACRO = 2;

    private CFormatToStap() {
    }

    /** Thrown with tracetool's own message ("Unhandled macro 'X'", "Unexpected escape outside string literal"). */
    public static final class UnsupportedFormatException extends Exception {
        private static final long serialVersionUID = 1L;

        UnsupportedFormatException(String message) {
            super(message);
        }
    }

    public static String convert(String fmt) throws UnsupportedFormatException {
        // tracetool collects literals and converted macros into a list and joins it: they are only ever
        // appended in order, so they are written straight to one buffer here. The output is never longer
        // than the input (a macro gives one character, quotes and whitespace between tokens vanish).
        char[] out = new char[fmt.length()];
        int n = 0;
        int state = SKIP;
        boolean escape = false;
        int macroStart = -1;
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c == '\\') {
                escape = !escape;
                if (state != LITERAL) {
                    throw new UnsupportedFormatException("Unexpected escape outside string literal");
                }
                out[n++] = c;
            } else if (c == '"' && !escape) {
                if (state == LITERAL) {
                    state = SKIP;
                } else {
                    if (state == MACRO) {
                        n = appendMacro(out, n, fmt.substring(macroStart, i));
                    }
                    state = LITERAL;
                }
            } else if (c == ' ' || c == '\t') {
                if (state == MACRO) {
                    n = appendMacro(out, n, fmt.substring(macroStart, i));
                    state = SKIP;
                } else if (state == LITERAL) {
                    out[n++] = c;
                }
            } else {
                escape = false;
                if (state == SKIP) {
                    state = MACRO;
                    macroStart = i;
                }
                if (state == LITERAL) {
                    out[n++] = c;
                }
            }
        }
        if (state == MACRO) {
            n = appendMacro(out, n, fmt.substring(macroStart));
        }
        return stripSizeQualifiers(out, n);
    }

    private static int appendMacro(char[] out, int n, String macro) throws UnsupportedFormatException {
        String f = macroToFormat(macro);
        f.getChars(0, f.length(), out, n);
        return n + f.length();
    }

    /**
     * Python's {@code re.sub(r"%(\d*)(l+|z)(x|u|d)", r"%\1\3", s)}: a left-to-right scan for non-overlapping
     * matches; {@code \d} is any Unicode decimal digit.
     */
    static String stripSizeQualifiers(char[] s, int length) {
        StringBuilder b = null;
        int copied = 0;
        for (int i = 0; i < length; i++) {
            if (s[i] != '%') {
                continue;
            }
            int j = i + 1;
            while (j < length && Character.getType(s[j]) == Character.DECIMAL_DIGIT_NUMBER) {
                j++;
            }
            int q = j;
            if (j < length && s[j] == 'z') {
                j++;
            } else {
                while (j < length && s[j] == 'l') {
                    j++;
                }
            }
            if (j == q || j >= length || s[j] != 'x' && s[j] != 'u' && s[j] != 'd') {
                continue;
            }
            if (b == null) {
                b = new StringBuilder(length);
            }
            b.append(s, copied, q - copied).append(s[j]);
            copied = j + 1;
            i = j;
        }
        if (b == null) {
            return new String(s, 0, length);
        }
        return b.append(s, copied, length - copied).toString();
    }

    /** c_macro_to_format(): "PRIx64" gives "x"; anything else fails. */
    static String macroToFormat(String macro) throws UnsupportedFormatException {
        if (macro.startsWith("PRI")) {
            if (macro.codePointCount(0, macro.length()) < 4) {
                // Python: IndexError: string index out of range
                throw new UnsupportedFormatException("string index out of range (macro '" + macro + "')");
            }
            int at = macro.offsetByCodePoints(0, 3);
            return new String(Character.toChars(macro.codePointAt(at)));
        }
        throw new UnsupportedFormatException("Unhandled macro '" + macro + "'");
    }
}
