package io.tapls.stap;

/** stap's probe-point wildcards over dotted names: '*' within a component, '**' across components. */
final class TapsetIndexGlob {
    private TapsetIndexGlob() {
    }

    static boolean matches(String pattern, String name) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                b.append(".*");
                i++;
            } else if (c == '*') {
                b.append("[^.]*");
            } else {
                b.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return name.matches(b.toString());
    }
}
