package io.tapls.provider;

/**
 * Python 3's notion of whitespace (str.isspace, str.strip, and {@code \s} in a str pattern), which libvirt's
 * dtrace2systemtap.py relies on.
 */
final class Py {
    /** {@code \s} in a Java character class, as Python's re reads it for str patterns. */
    static final String SPACE_CLASS = " \\t\\n\\x0B\\f\\r\\x1C-\\x1F\\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029"
            + "\\u202F\\u205F\\u3000";
    static final String S = "[" + SPACE_CLASS + "]";
    static final String NS = "[^" + SPACE_CLASS + "]";

    private Py() {
    }

    static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= '\u001f') || c == '\u0085'
                || c == '\u00a0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200a') || c == '\u2028'
                || c == '\u2029' || c == '\u202f' || c == '\u205f' || c == '\u3000';
    }

    /** Where s.strip() begins within [from, to). */
    static int stripStart(CharSequence s, int from, int to) {
        while (from < to && isSpace(s.charAt(from))) {
            from++;
        }
        return from;
    }

    /** Where s.strip() ends within [from, to). */
    static int stripEnd(CharSequence s, int from, int to) {
        while (to > from && isSpace(s.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    static String strip(String s) {
        int a = stripStart(s, 0, s.length());
        return s.substring(a, stripEnd(s, a, s.length()));
    }
}
