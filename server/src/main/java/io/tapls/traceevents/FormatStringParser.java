package io.tapls.traceevents;

import io.tapls.text.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the printf conversions in a format's tokens the way the C compiler sees them: adjacent string
 * literals are joined, escapes decoded, and a PRI macro completes the conversion before it.
 */
public final class FormatStringParser {
    static final Pattern PRI_MACRO = Pattern.compile("PRI[diouxX](?:8|16|32|64|PTR|MAX|(?:LEAST|FAST)(?:8|16|32|64))");
    private static final String FLAGS = "-+ #0'I";
    private static final String CONVERSIONS = "diouxXeEfFgGaAcsSpnmC%";

    private FormatStringParser() {
    }

    /** A character of the joined string, or a macro, with where it came from in the file. */
    private record Unit(char c, String macro, int start, int end) {
        boolean isMacro() {
            return macro != null;
        }
    }

    static FormatString parse(String raw, Span span, List<FormatPiece> pieces) {
        List<Unit> units = new ArrayList<>();
        for (FormatPiece p : pieces) {
            if (p.kind() == FormatPiece.Kind.OTHER) {
                break;
            }
            switch (p.kind()) {
                case STRING, UNTERMINATED_STRING -> decode(p, units);
                case MACRO -> units.add(new Unit('\0', p.text(), p.span().start(), p.span().end()));
                default -> { }
            }
        }
        return new FormatString(raw, span, pieces, conversions(units));
    }

    public static boolean isPriMacro(String name) {
        return PRI_MACRO.matcher(name).matches();
    }

    private static void decode(FormatPiece p, List<Unit> units) {
        String t = p.text();
        int base = p.span().start();
        int end = p.kind() == FormatPiece.Kind.STRING ? t.length() - 1 : t.length();
        int i = 1;
        while (i < end) {
            char c = t.charAt(i);
            int start = i;
            if (c != '\\' || i + 1 >= end) {
                units.add(new Unit(c, null, base + i, base + i + 1));
                i++;
                continue;
            }
            char e = t.charAt(i + 1);
            i += 2;
            char value;
            if (e >= '0' && e <= '7') {
                int v = e - '0';
                for (int k = 0; k < 2 && i < end && t.charAt(i) >= '0' && t.charAt(i) <= '7'; k++, i++) {
                    v = v * 8 + (t.charAt(i) - '0');
                }
                value = (char) (v & 0xff);
            } else if (e == 'x') {
                int v = 0;
                while (i < end && Character.digit(t.charAt(i), 16) >= 0) {
                    v = v * 16 + Character.digit(t.charAt(i), 16);
                    i++;
                }
                value = (char) (v & 0xff);
            } else {
                value = switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'a' -> '\u0007';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'v' -> '\u000b';
                    case 'e' -> '\u001b';
                    default -> e;
                };
            }
            units.add(new Unit(value, null, base + start, base + i));
        }
    }

    /** A field width or precision at {@code j}: "*", digits, or "". */
    private static String count(List<Unit> units, int j) {
        if (j < units.size() && !units.get(j).isMacro() && units.get(j).c() == '*') {
            return "*";
        }
        StringBuilder digits = new StringBuilder();
        while (j < units.size() && !units.get(j).isMacro() && Character.isDigit(units.get(j).c())) {
            digits.append(units.get(j++).c());
        }
        return digits.toString();
    }

    private static List<Conversion> conversions(List<Unit> units) {
        List<Conversion> result = new ArrayList<>();
        int i = 0;
        int n = units.size();
        while (i < n) {
            Unit u = units.get(i);
            if (u.isMacro() || u.c() != '%') {
                i++;
                continue;
            }
            int start = u.start();
            int j = i + 1;
            StringBuilder flags = new StringBuilder();
            while (j < n && !units.get(j).isMacro() && FLAGS.indexOf(units.get(j).c()) >= 0) {
                flags.append(units.get(j++).c());
            }
            String width = count(units, j);
            j += width.length();
            String precision = null;
            if (j < n && !units.get(j).isMacro() && units.get(j).c() == '.') {
                precision = count(units, j + 1);
                j += 1 + precision.length();
            }
            StringBuilder length = new StringBuilder();
            while (j < n && !units.get(j).isMacro() && "hlLqjzZt".indexOf(units.get(j).c()) >= 0
                    && length.length() < 2) {
                char c = units.get(j).c();
                if (length.length() == 1 && !(length.charAt(0) == c && (c == 'h' || c == 'l'))) {
                    break;
                }
                length.append(c);
                j++;
            }
            char conversion = 0;
            String pri = null;
            int end;
            if (j >= n) {
                end = units.get(n - 1).end();
            } else {
                Unit v = units.get(j);
                end = v.end();
                if (v.isMacro()) {
                    if (isPriMacro(v.macro()) && length.length() == 0) {
                        pri = v.macro();
                        conversion = v.macro().charAt(3);
                    }
                } else if (CONVERSIONS.indexOf(v.c()) >= 0) {
                    conversion = v.c();
                }
                j++;
            }
            result.add(new Conversion(new Span(start, end), flags.toString(), width, precision,
                    length.toString(), conversion, pri));
            i = j;
        }
        return result;
    }
}
