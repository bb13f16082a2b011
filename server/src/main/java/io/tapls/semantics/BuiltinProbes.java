package io.tapls.semantics;

import io.tapls.stap.ProbePoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * stap's built-in probe point types, as {@code stap --dump-probe-types} (stap 4.8) lists them
 * (resource probe-types.txt, checked against the real stap by BuiltinProbesTest), and whether a probe
 * point has the shape of one of them.
 */
public final class BuiltinProbes {
    private record Comp(String name, String arg) {
    }

    private static final List<List<Comp>> TYPES = new ArrayList<>();
    private static final List<String> LINES = new ArrayList<>();
    private static final Set<String> FAMILIES = new HashSet<>();
    private static final Set<String> SUFFIXES = new HashSet<>();

    /** The families of stap's built-in probe points (begin, kernel, process, timer, ...), sorted. */
    public static java.util.SortedSet<String> families() {
        return new java.util.TreeSet<>(FAMILIES);
    }

    static {
        try (InputStream in = BuiltinProbes.class.getResourceAsStream("probe-types.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                List<Comp> comps = new ArrayList<>();
                for (String c : line.strip().split("\\.")) {
                    int p = c.indexOf('(');
                    comps.add(p < 0 ? new Comp(c, null) : new Comp(c.substring(0, p), c.substring(p + 1, c.length() - 1)));
                }
                TYPES.add(comps);
                LINES.add(line.strip());
                FAMILIES.add(comps.get(0).name());
                comps.stream().skip(1).forEach(c -> SUFFIXES.add(c.name()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BuiltinProbes() {
    }

    public static List<String> types() {
        return LINES;
    }

    /** Families whose shapes are known: begin, end, error, kernel, kprobe, module, netfilter, ... */
    public static boolean knownFamily(String first) {
        return FAMILIES.contains(first);
    }

    /** A component that follows the first in some probe type (.return, .process, .counter...): stap
     * passes it on when it follows an alias name. */
    public static boolean suffix(String component) {
        return SUFFIXES.contains(component);
    }

    /** Whether the point has the shape of a built-in probe type (wildcard points are not judged). */
    public static boolean matches(ProbePoint pt) {
        if (pt.hasWildcard()) {
            return true;
        }
        List<ProbePoint.Component> cs = pt.components();
        for (List<Comp> type : TYPES) {
            if (type.size() != cs.size()) {
                continue;
            }
            boolean ok = true;
            for (int i = 0; i < cs.size() && ok; i++) {
                Comp t = type.get(i);
                ProbePoint.Component c = cs.get(i);
                ok = t.name().equals(c.functor()) && argOk(t, c.arg(), i == 0);
            }
            if (ok) {
                return true;
            }
        }
        return false;
    }

    private static boolean argOk(Comp t, Object arg, boolean first) {
        if (t.arg() == null) {
            return arg == null || first && t.name().equals("process");
        }
        if (arg instanceof ProbePoint.ArgPlaceholder) {
            return true;
        }
        return t.arg().equals("string") ? arg instanceof String : arg instanceof Long;
    }

    /** The probe types closest to a point's text, for "similar:". */
    public static List<String> similar(ProbePoint pt) {
        String family = pt.components().get(0).functor() + ".";
        List<String> same = LINES.stream().filter(l -> l.startsWith(family) || l.equals(pt.components().get(0)
                .functor())).toList();
        String text = pt.text().replaceAll("\\(\"[^\"]*\"\\)", "(string)").replaceAll("\\(-?[0-9]+\\)", "(number)");
        return Names.closest(text, same, 3);
    }
}
