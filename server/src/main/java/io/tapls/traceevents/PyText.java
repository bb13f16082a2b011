package io.tapls.traceevents;

/** Python's notion of whitespace (str.isspace, str.strip), which tracetool relies on. */
final class PyText {
    private PyText() {
    }

    static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= '\u001f') || c == '\u0085'
                || c == '\u00a0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200a') || c == '\u2028'
                || c == '\u2029' || c == '\u202f' || c == '\u205f' || c == '\u3000';
    }

    static String strip(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isSpace(s.charAt(a))) {
            a++;
        }
        while (b > a && isSpace(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    static String lstrip(String s) {
        int a = 0;
        while (a < s.length() && isSpace(s.charAt(a))) {
            a++;
        }
        return s.substring(a);
    }

    /** For a stripped string, where its last whitespace-separated word starts; -1 for a single word. */
    static int lastWhitespaceRun(String stripped) {
        for (int i = stripped.length() - 1; i >= 0; i--) {
            if (isSpace(stripped.charAt(i))) {
                return i + 1;
            }
        }
        return -1;
    }

    /** Python's \w for one code point. */
    static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp) || cp == '_'
                || Character.getType(cp) == Character.NON_SPACING_MARK
                || Character.getType(cp) == Character.COMBINING_SPACING_MARK
                || Character.getType(cp) == Character.CONNECTOR_PUNCTUATION;
    }
}
