package io.tapls.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutants of the real trace-events files (../shared/corpus/qemu): a run of lines from one file, then a few of: a
 * line deleted, doubled, swapped or taken from another file; a character deleted, doubled or inserted (from the
 * characters that matter to tracetool's regex and to C formats); a piece of a line copied into another; the
 * line terminators changed; the final new line dropped.
 */
final class TraceEventsMutator {
    private TraceEventsMutator() {
    }

    private static final String NOISE = "()\",*%\\ \t#.-_0x9aZé\u00a0lzhPRIx64disable";
    private static final String[] PIECES = {"disable ", "vcpu ", "%m", "\\n", "PRIx64", "\" PRIu32 \"", "void",
        "const ", "*", "struct X *", "hwaddr ", ", int y", "%%", "%lld", "\"", "(", ")", " # c", "\t", "%0*"};

    static String mutate(String source, String donor, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> lines = window(source, r);
        List<String> other = window(donor, r);
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n && !lines.isEmpty(); i++) {
            int at = r.nextInt(lines.size());
            String l = lines.get(at);
            switch (r.nextInt(9)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, l);
                case 2 -> lines.add(at, other.isEmpty() ? l : other.get(r.nextInt(other.size())));
                case 3 -> {
                    int p = r.nextInt(l.length() + 1);
                    lines.set(at, l.substring(0, p) + NOISE.charAt(r.nextInt(NOISE.length())) + l.substring(p));
                }
                case 4 -> {
                    if (!l.isEmpty()) {
                        int p = r.nextInt(l.length());
                        lines.set(at, l.substring(0, p) + l.substring(p + 1));
                    }
                }
                case 5 -> {
                    int p = r.nextInt(l.length() + 1);
                    lines.set(at, l.substring(0, p) + PIECES[r.nextInt(PIECES.length)] + l.substring(p));
                }
                case 6 -> {
                    // a piece of another line pasted in
                    String d = lines.get(r.nextInt(lines.size()));
                    if (!d.isEmpty()) {
                        int a = r.nextInt(d.length());
                        int b = Math.min(d.length(), a + 1 + r.nextInt(20));
                        int p = r.nextInt(l.length() + 1);
                        lines.set(at, l.substring(0, p) + d.substring(a, b) + l.substring(p));
                    }
                }
                case 7 -> {
                    // the argument list or the format cut short
                    int p = l.lastIndexOf(r.nextBoolean() ? ')' : '"');
                    if (p > 0) {
                        lines.set(at, l.substring(0, p));
                    }
                }
                default -> {
                    if (at + 1 < lines.size()) {
                        lines.set(at, lines.get(at + 1));
                        lines.set(at + 1, l);
                    }
                }
            }
        }
        String eol = r.nextInt(10) == 0 ? (r.nextBoolean() ? "\r\n" : "\r") : "\n";
        StringBuilder out = new StringBuilder();
        for (String l : lines) {
            out.append(l).append(eol);
        }
        if (r.nextInt(20) == 0 && out.length() > 0) {
            out.setLength(out.length() - eol.length());
        }
        return out.toString();
    }

    /** Up to 25 consecutive lines of a file. */
    private static List<String> window(String s, SplittableRandom r) {
        List<String> all = Arrays.asList(s.split("\n", -1));
        if (all.size() <= 25) {
            return new ArrayList<>(all);
        }
        int from = r.nextInt(all.size() - 5);
        return new ArrayList<>(all.subList(from, Math.min(all.size(), from + 3 + r.nextInt(23))));
    }
}
