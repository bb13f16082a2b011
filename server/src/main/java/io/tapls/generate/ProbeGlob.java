package io.tapls.generate;

/**
 * SystemTap's probe-point wildcards: a pattern and a name are compared component by component (split at
 * '.'); within a component {@code *} matches any run of characters, {@code ?} one character and
 * {@code [...]} a set ({@code [!...]} or {@code [^...]} its complement), as fnmatch(3) does. A wildcard
 * never crosses a '.'.
 */
public final class ProbeGlob {
    private ProbeGlob() {
    }

    public static boolean matches(String pattern, String name) {
        String[] p = pattern.split("\\.", -1);
        String[] n = name.split("\\.", -1);
        if (p.length != n.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (!component(p[i], 0, n[i], 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean component(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi < p.length() && p.charAt(pi) == '*') {
                    pi++;
                }
                if (pi == p.length()) {
                    return true;
                }
                for (int k = si; k <= s.length(); k++) {
                    if (component(p, pi, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length()) {
                return false;
            }
            if (c == '?') {
                pi++;
                si++;
            } else if (c == '[') {
                int end = classEnd(p, pi);
                if (end < 0) {
                    if (s.charAt(si) != '[') {
                        return false;
                    }
                    pi++;
                    si++;
                    continue;
                }
                if (!inClass(p, pi + 1, end, s.charAt(si))) {
                    return false;
                }
                pi = end + 1;
                si++;
            } else {
                if (c == '\\' && pi + 1 < p.length()) {
                    c = p.charAt(++pi);
                }
                if (s.charAt(si) != c) {
                    return false;
                }
                pi++;
                si++;
            }
        }
        return si == s.length();
    }

    /** Index of the ']' closing the class opened at {@code open}, or -1. */
    private static int classEnd(String p, int open) {
        int i = open + 1;
        if (i < p.length() && (p.charAt(i) == '!' || p.charAt(i) == '^')) {
            i++;
        }
        if (i < p.length() && p.charAt(i) == ']') {
            i++;
        }
        while (i < p.length() && p.charAt(i) != ']') {
            i++;
        }
        return i < p.length() ? i : -1;
    }

    private static boolean inClass(String p, int from, int end, char ch) {
        boolean negate = p.charAt(from) == '!' || p.charAt(from) == '^';
        int i = negate ? from + 1 : from;
        boolean hit = false;
        boolean first = true;
        while (i < end) {
            char lo = p.charAt(i);
            if (lo == ']' && !first) {
                break;
            }
            first = false;
            if (i + 2 < end && p.charAt(i + 1) == '-') {
                char hi = p.charAt(i + 2);
                hit |= ch >= lo && ch <= hi;
                i += 3;
            } else {
                hit |= ch == lo;
                i++;
            }
        }
        return hit != negate;
    }
}
