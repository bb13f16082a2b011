package io.tapls.stap;

import java.util.regex.Pattern;

/**
 * SystemTap's probe-point wildcards as qemu-trace-stap passes them on ({@code stap -l PREFIX.log.PATTERN}):
 * {@code *} matches any run of characters within one dot-separated component, {@code **} any run across
 * components. Nothing else is special: stap rejects {@code ?} in a probe point, and tapls takes it, like
 * {@code [} and every other character, literally.
 */
public final class ProbeGlob {
    private ProbeGlob() {
    }

    public static boolean matches(String pattern, String name) {
        return compile(pattern).matcher(name).matches();
    }

    public static Pattern compile(String pattern) {
        StringBuilder regex = new StringBuilder();
        int literal = 0;
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) != '*') {
                continue;
            }
            if (literal < i) {
                regex.append(Pattern.quote(pattern.substring(literal, i)));
            }
            if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                regex.append(".*");
                while (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                    i++;
                }
            } else {
                regex.append("[^.]*");
            }
            literal = i + 1;
        }
        if (literal < pattern.length()) {
            regex.append(Pattern.quote(pattern.substring(literal)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
