package io.tapls.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /** Python's \d is any Unicode decimal digit. */
    private static final Pattern SIZE_QUALIFIER = Pattern.compile("%(\\p{Nd}*)(l+|z)(x|u|d)");

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
        int state = SKIP;
        boolean escape = false;
        List<String> bits = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        StringBuilder macro = new StringBuilder();
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c == '\\') {
                escape = !escape;
                if (state != LITERAL) {
                    throw new UnsupportedFormatException("Unexpected escape outside string literal");
                }
                literal.append(c);
            } else if (c == '"' && !escape) {
                if (state == LITERAL) {
                    state = SKIP;
                    bits.add(literal.toString());
                    literal.setLength(0);
                } else {
                    if (state == MACRO) {
                        bits.add(macroToFormat(macro.toString()));
                        macro.setLength(0);
                    }
                    state = LITERAL;
                }
            } else if (c == ' ' || c == '\t') {
                if (state == MACRO) {
                    bits.add(macroToFormat(macro.toString()));
                    macro.setLength(0);
                    state = SKIP;
                } else if (state == LITERAL) {
                    literal.append(c);
                }
            } else {
                escape = false;
                if (state == SKIP) {
                    state = MACRO;
                }
                if (state == LITERAL) {
                    literal.append(c);
                } else {
                    macro.append(c);
                }
            }
        }
        if (state == MACRO) {
            bits.add(macroToFormat(macro.toString()));
        } else if (state == LITERAL) {
            bits.add(literal.toString());
        }
        String joined = String.join("", bits);
        Matcher m = SIZE_QUALIFIER.matcher(joined);
        return m.find() ? m.replaceAll("%$1$3") : joined;
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
