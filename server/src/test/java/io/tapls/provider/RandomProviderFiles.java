package io.tapls.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Provider files generated at random from a seed, in libvirt's style and around it: groups with and without
 * {@code # prefix:}, {@code # binary:} and {@code # module:}, the same path twice, probes over several lines,
 * {@code char *} and {@code const char *} arguments, tabs and spaces, CRLF, unknown comments, and now and then
 * what libvirt's dtrace2systemtap.py stumbles on (a probe before any {@code # file:}, an argument without a
 * space, a probe never closed, text after {@code );}, a space before the parenthesis, garbage). Most files are
 * well formed, so that most comparisons with the script compare tapsets.
 */
public final class RandomProviderFiles {
    private static final String[] TYPES = {"int", "unsigned int", "long long", "unsigned long long", "void *",
        "void*", "char *", "const char *", "char*", "const char*", "size_t", "char **", "unsigned char *",
        "const unsigned char *", "struct foo *", "uint64_t", "long"};
    private static final String[] WORDS = {"client", "msg", "rx", "tx", "queue", "new", "dispose", "auth", "allow",
        "deny", "handle", "add", "update", "remove", "timeout", "read", "write", "send", "fd", "ref", "unref", "io",
        "x", "a1", "B2", "probe", "provider"};
    private static final String[] PREFIXES = {"rpc", "event_poll", "qemu", "object", "lxc", "a", "rpc_client", "x1"};

    private final Random random;
    /** How often (out of 100) a quirk is put in: 0 gives only well-formed files. */
    private final int quirks;

    public RandomProviderFiles(long seed, int quirks) {
        this.random = new Random(seed);
        this.quirks = quirks;
    }

    private boolean quirk() {
        return random.nextInt(100) < quirks;
    }

    private String pick(String[] from) {
        return from[random.nextInt(from.length)];
    }

    private String space() {
        return switch (random.nextInt(6)) {
            case 0 -> "\t";
            case 1 -> "  ";
            case 2 -> " \t";
            default -> " ";
        };
    }

    private String indent() {
        return switch (random.nextInt(5)) {
            case 0 -> "";
            case 1 -> "        ";
            case 2 -> "    ";
            default -> "\t";
        };
    }

    /**
     * A word for names and comments; 'probe' and 'provider' (which systemtap's dtrace misreads in a probe's line
     * or a comment when it reads the file line by line) only in files with quirks.
     */
    private String word() {
        String w = pick(WORDS);
        while (quirks == 0 && (w.equals("probe") || w.equals("provider"))) {
            w = pick(WORDS);
        }
        return w;
    }

    /** The probe names of the file so far: one is used twice only as a quirk. */
    private final java.util.Set<String> names = new java.util.HashSet<>();

    /** One file's text. */
    public String next() {
        names.clear();
        List<String> lines = new ArrayList<>();
        if (random.nextInt(4) == 0) {
            lines.add("# " + word() + " " + word());
        }
        if (!quirk() || random.nextBoolean()) {
            lines.add("provider" + (random.nextInt(8) == 0 ? "  " : " ") + pick(new String[] {"libvirt", "libvirt_qemu",
                "myproj"}) + (random.nextInt(8) == 0 ? "{" : " {"));
        }
        if (quirk()) {
            lines.add(indent() + probe("rpc", false));
        }
        if (quirk()) {
            lines.add(indent() + directive(pick(new String[] {"prefix", "binary", "module"}), word()));
        }
        List<String> paths = new ArrayList<>();
        int groups = 1 + random.nextInt(5);
        for (int g = 0; g < groups; g++) {
            String path = !paths.isEmpty() && quirk() ? paths.get(random.nextInt(paths.size()))
                    : "src/" + word() + "/" + word() + g + ".c";
            paths.add(path);
            String in = indent();
            lines.add(in + directive("file", path));
            String prefix = pick(PREFIXES);
            if (!quirk()) {
                lines.add(in + directive("prefix", prefix));
            }
            switch (random.nextInt(5)) {
                case 0 -> lines.add(in + directive("binary", "virt" + word() + "d"));
                case 1 -> lines.add(in + directive("module", "libvirt/connection-driver/libvirt_driver_" + word()
                        + ".so"));
                case 2 -> {
                    lines.add(in + directive("binary", "libvirtd"));
                    lines.add(in + directive("module", "lib" + word() + ".so"));
                }
                default -> {
                }
            }
            if (random.nextInt(6) == 0) {
                lines.add(in + "# " + word() + " " + word() + ": " + word());
            }
            int probes = random.nextInt(quirk() ? 2 : 6);
            for (int p = 0; p < probes; p++) {
                if (random.nextInt(5) == 0) {
                    lines.add(random.nextBoolean() ? "" : in);
                }
                lines.add(in + probe(prefix, true));
            }
            if (random.nextInt(3) == 0) {
                lines.add("");
            }
        }
        if (quirk()) {
            lines.add(word() + " " + word());
        }
        if (!quirk()) {
            lines.add("};");
        }
        String eol = random.nextInt(10) == 0 ? "\r\n" : "\n";
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l).append(random.nextInt(15) == 0 ? " " : "").append(eol);
        }
        if (random.nextInt(10) == 0) {
            b.setLength(b.length() - eol.length());
        }
        return b.toString();
    }

    private String directive(String word, String value) {
        String s = switch (random.nextInt(6)) {
            case 0 -> "#" + word + ":" + value;
            case 1 -> "#  " + word + ":\t" + value;
            default -> "# " + word + ": " + value;
        };
        if (quirk()) {
            s = s + " " + word(); // two words: not a directive for the script
        }
        return s;
    }

    /** A probe over one or more lines (joined into one string with line breaks). */
    private String probe(String prefix, boolean usual) {
        StringBuilder name = new StringBuilder();
        if (!quirk()) {
            name.append(prefix).append('_');
        }
        int words = 1 + random.nextInt(3);
        for (int i = 0; i < words; i++) {
            name.append(i > 0 ? "_" : "").append(word());
        }
        if (quirk()) {
            name.append('_').append(prefix).append('_').append(word());
        }
        if (!names.add(name.toString()) && !quirk()) {
            name.append('_').append(names.size());
            names.add(name.toString());
        }
        List<String> args = new ArrayList<>();
        int n = quirk() ? 0 : 1 + random.nextInt(usual ? 8 : 3);
        for (int i = 0; i < n; i++) {
            String type = pick(TYPES);
            if (quirk()) {
                args.add(random.nextBoolean() ? type : type.replace(" ", "") + word());
            } else if (type.endsWith(" *") && random.nextBoolean()) {
                args.add(type + word() + i);
            } else {
                args.add(type + space() + word() + i);
            }
        }
        StringBuilder b = new StringBuilder("probe ").append(name).append(quirk() ? " (" : "(");
        String continuation = "\n" + indent() + "    ";
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                b.append(',');
                b.append(random.nextInt(4) == 0 ? continuation : random.nextInt(6) == 0 ? "" : " ");
            }
            b.append(args.get(i));
        }
        b.append(quirk() ? " )" : ")");
        if (!quirk()) {
            b.append(';');
        }
        if (quirk()) {
            b.append(" /* ").append(word()).append(" */");
        }
        return b.toString();
    }
}
