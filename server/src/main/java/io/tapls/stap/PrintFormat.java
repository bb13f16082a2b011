package io.tapls.stap;

import java.util.ArrayList;
import java.util.List;

/**
 * stap's printf format grammar (print_format::string_to_components): {@code %[flag][width][.prec][l]CONV}
 * with at most one flag and a single 'l'; width and precision may be '*', each consuming a long.
 */
public final class PrintFormat {
    private PrintFormat() {
    }

    /** One conversion: where it is in the format, its text, and the argument types it consumes. */
    public record Conversion(int start, int end, String text, List<String> argTypes) {
    }

    /** The conversions of a valid format, or null if the format is invalid. */
    public static List<Conversion> conversions(String f) {
        List<Conversion> out = new ArrayList<>();
        return scan(f, out) == null ? out : null;
    }

    /** stap's pass-1 message for an invalid format, or null. */
    public static String syntaxError(String f) {
        return scan(f, new ArrayList<>());
    }

    /** The offset in the format where the first invalid conversion starts, or -1. */
    public static int errorOffset(String f) {
        List<Conversion> out = new ArrayList<>();
        if (scan(f, out) == null) {
            return -1;
        }
        int from = out.isEmpty() ? 0 : out.get(out.size() - 1).end();
        int i = f.indexOf('%', from);
        while (i >= 0 && i + 1 < f.length() && f.charAt(i + 1) == '%') {
            i = f.indexOf('%', i + 2);
        }
        return i;
    }

    /** Past a width or precision at i: '*' (which takes a long argument) or digits. */
    private static int count(String f, int i, List<String> args) {
        if (i < f.length() && f.charAt(i) == '*') {
            args.add("long");
            return i + 1;
        }
        while (i < f.length() && Character.isDigit(f.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String scan(String f, List<Conversion> out) {
        int i = 0;
        int n = f.length();
        while (i < n) {
            char c = f.charAt(i);
            if (c != '%') {
                i++;
                continue;
            }
            if (i + 1 < n && f.charAt(i + 1) == '%') {
                i += 2;
                continue;
            }
            int start = i;
            i++;
            if (i == n) {
                return "invalid or missing conversion specifier";
            }
            boolean something = false;
            List<String> args = new ArrayList<>();
            if ("0+- #".indexOf(f.charAt(i)) >= 0) {
                i++;
                something = true;
            }
            int width = count(f, i, args);
            something |= width > i;
            i = width;
            if (i < n && f.charAt(i) == '.') {
                int precision = count(f, i + 1, args);
                something |= precision > i + 1;
                i = precision;
            }
            if (i < n && f.charAt(i) == 'l') {
                i++;
            }
            if (i == n) {
                return something ? "trailing incomplete print format conversion" : null;
            }
            char conv = f.charAt(i);
            switch (conv) {
                case 's' -> args.add("string");
                case 'b', 'c', 'm', 'M', 'd', 'i', 'u', 'o', 'x', 'X', 'p' -> args.add("long");
                default -> {
                    return "invalid or missing conversion specifier";
                }
            }
            i++;
            out.add(new Conversion(start, i, f.substring(start, i), List.copyOf(args)));
        }
        return null;
    }

    /**
     * The stap equivalent of a C conversion that stap rejects ({@code %lld} → {@code %d}, {@code %zu} → {@code %u},
     * {@code %hd} → {@code %d}, {@code %f} → {@code %d}), applied to the whole format; null when there is nothing
     * to suggest.
     */
    public static String cToStap(String f) {
        String fixed = f.replaceAll("%([-+ #0]?)(\\d*|\\*)((?:\\.(?:\\d*|\\*))?)(?:ll|l|z|j|t|hh|h|q|L)([diouxXcsp])",
                "%$1$2$3$4");
        fixed = fixed.replaceAll("%([-+ #0]?)(\\d*)((?:\\.\\d*)?)(?:ll|l|L)?[fFeEgGaA]", "%$1$2d");
        fixed = fixed.replaceAll("%([-+ #0])[-+ #0]+", "%$1");
        if (fixed.endsWith("%") && !fixed.endsWith("%%")) {
            fixed = fixed + "%";
        }
        fixed = fixed.replaceAll("([^%])%(?=[^%-+ #0-9.*lbcsmMdiuoxXp])", "$1%%");
        return fixed.equals(f) || syntaxError(fixed) != null ? null : fixed;
    }
}
