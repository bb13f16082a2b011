package io.tapls.semantics;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * stap's pattern tree of built-in probe points (match_node, elaborate.cxx), made from the probe types stap 4.8
 * lists ({@link BuiltinProbes}, probe-types.txt): each node is keyed by a component's name and whether it takes
 * a number or a string, and marks where a point may end.
 */
final class ProbeTypes {
    /** match_key: a component's name and its parameter (NONE, NUMBER or STRING), ordered as stap orders them. */
    record Key(String name, int param) implements Comparable<Key> {
        static final int NONE = 0;
        static final int NUMBER = 1;
        static final int STRING = 2;

        @Override
        public int compareTo(Key o) {
            int c = name.compareTo(o.name);
            if (c != 0) {
                return c;
            }
            return Integer.compare(param, o.param);
        }

        /** match_key::str(): {@code name}, {@code name(number)}, {@code name(string)}. */
        String str() {
            return switch (param) {
                case NUMBER -> name + "(number)";
                case STRING -> name + "(string)";
                default -> name;
            };
        }
    }

    static final class Node {
        final TreeMap<Key, Node> sub = new TreeMap<>();
        /** A point may end here: a built-in builder is bound to this node. */
        boolean end;
        /** The first component of the points under this node (begin, timer, kernel...). */
        String family;
    }

    static final Node ROOT = new Node();

    static {
        for (String line : BuiltinProbes.types()) {
            Node n = ROOT;
            String family = null;
            for (String c : line.split("\\.")) {
                int p = c.indexOf('(');
                Key k = p < 0 ? new Key(c, Key.NONE)
                        : new Key(c.substring(0, p), c.substring(p + 1).startsWith("string") ? Key.STRING : Key.NUMBER);
                if (family == null) {
                    family = k.name();
                }
                n = n.sub.computeIfAbsent(k, x -> new Node());
                n.family = family;
            }
            n.end = true;
        }
    }

    private ProbeTypes() {
    }

    /**
     * Families whose points stap resolves without a kernel, a binary or their debuginfo, and whose probes have no
     * context variables: there a $var is an error and @defined($var) is 0.
     */
    static boolean plain(String family, List<String> components) {
        return switch (family) {
            case "begin", "end", "error", "never" -> true;
            case "timer" -> !components.contains("profile");
            default -> false;
        };
    }

    /** The names of a node's children, for "similar:" (match_node::suggest_functors). */
    static List<String> functors(Node n) {
        List<String> out = new ArrayList<>();
        if (n != null) {
            for (Key k : n.sub.keySet()) {
                out.add(k.name());
            }
        }
        return out;
    }
}
