package io.tapls.provider;

import io.tapls.diag.Diagnostic;
import io.tapls.text.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The tapset libvirt's scripts/dtrace2systemtap.py writes from a provider file, byte for byte, and the aliases
 * in it. For each {@code # file:} comment in order (the same path twice: twice, each time with what followed its
 * last {@code # file:}), {@code # FILE} and a blank line; for each probe of the group
 * {@code probe ALIAS = process("BINARY").mark("NAME") {}, one line per argument, <code>}</code> and a blank
 * line; one more blank line after the group. The alias is the probe's name with every {@code PREFIX_} replaced
 * by {@code WORD.PREFIX.} (Python's str.replace), WORD being {@code libvirt} whatever the provider; the binary
 * {@code LIBDIR/libvirt.so}, {@code SBINDIR/NAME} for a {@code # binary: NAME} group, {@code LIBDIR/PATH} for a
 * {@code # module: PATH} one.
 */
public final class ProviderTapset {
    /**
     * What the script is given: the first word of the aliases (its own is always {@code libvirt}) and the
     * directories meson passes (bindir is accepted and unused, as by the script).
     */
    public record Options(String word, String bindir, String sbindir, String libdir) {
        public static final String DEFAULT_WORD = "libvirt";

        /** libvirt's word, and the directories of an install under /usr. */
        public static Options defaults() {
            return new Options(DEFAULT_WORD, "/usr/bin", "/usr/sbin", "/usr/lib");
        }

        public Options withWord(String newWord) {
            return new Options(newWord, bindir, sbindir, libdir);
        }
    }

    /** The tapset's text, or why the script stops on this file: exactly one of the two is null. */
    public record Output(String text, Diagnostic failure) {
    }

    private ProviderTapset() {
    }

    /** The tapset, or the first problem on which the script raises (and writes no complete tapset). */
    public static Output generate(ProviderFile file, Options options) {
        for (Diagnostic d : file.problems()) {
            if (d.rule() == ProviderRules.SYNTAX || d.rule() == ProviderRules.OUTSIDE_FILE) {
                return new Output(null, d);
            }
        }
        int[] effective = effectiveGroups(file);
        StringBuilder out = new StringBuilder();
        for (int g = 0; g < file.groups().size(); g++) {
            ProbeGroup group = file.groups().get(effective[g]);
            out.append("# ").append(group.file()).append("\n\n");
            for (ProviderProbe p : file.probesOf(effective[g])) {
                if (group.prefix() == null) {
                    return new Output(null, missingPrefix(group));
                }
                out.append("probe ").append(aliasName(p.name(), group.prefix(), options.word()))
                        .append(" = process(\"").append(binary(group, options)).append("\").mark(\"")
                        .append(p.name()).append("\") {\n");
                String[] pieces = p.argsText().split(",", -1);
                for (int i = 0; i < pieces.length; i++) {
                    Matcher m = ProviderReader.ARG_NAME.matcher(pieces[i]);
                    if (!m.find()) {
                        return new Output(null, malformed(p, i, pieces[i]));
                    }
                    out.append("  ").append(m.group(1)).append(" = ");
                    if (pieces[i].contains("char *")) {
                        out.append("user_string($arg").append(i + 1).append(");\n");
                    } else {
                        out.append("$arg").append(i + 1).append(";\n");
                    }
                }
                out.append("}\n\n");
            }
            out.append("\n");
        }
        return new Output(out.toString(), null);
    }

    /**
     * The aliases of the tapset, each once, in its order; leniently: a group without a prefix gives none, an
     * argument without a name binds nothing (where the script would stop).
     */
    public static List<ProviderAlias> aliases(ProviderFile file, Options options) {
        List<ProviderAlias> out = new ArrayList<>();
        Set<Integer> done = new LinkedHashSet<>();
        for (int g : effectiveGroups(file)) {
            ProbeGroup group = file.groups().get(g);
            if (!done.add(g) || group.prefix() == null) {
                continue;
            }
            for (ProviderProbe p : file.probesOf(g)) {
                List<ProviderAlias.Variable> vars = new ArrayList<>();
                for (int i = 0; i < p.args().size(); i++) {
                    ProbeArg a = p.args().get(i);
                    if (a.name() != null) {
                        vars.add(new ProviderAlias.Variable(a.name(), i + 1, a.string(), a.type()));
                    }
                }
                out.add(new ProviderAlias(aliasName(p.name(), group.prefix(), options.word()),
                        binary(group, options), p, g, vars));
            }
        }
        return out;
    }

    /** {@code name.replace(prefix + "_", word + "." + prefix + ".")}: every occurrence, as Python's replace. */
    public static String aliasName(String probeName, String prefix, String word) {
        return probeName.replace(prefix + "_", word + "." + prefix + ".");
    }

    /** Where a group's probes fire. */
    public static String binary(ProbeGroup group, Options options) {
        if (group.module() != null) {
            return options.libdir() + "/" + group.module();
        }
        if (group.binary() != null) {
            return options.sbindir() + "/" + group.binary();
        }
        return options.libdir() + "/libvirt.so";
    }

    /**
     * For each group, the group whose data the script writes under its {@code # file:}: the last one of that
     * path (each {@code # file:} starts the path's entry afresh).
     */
    static int[] effectiveGroups(ProviderFile file) {
        Map<String, Integer> last = new HashMap<>();
        for (int g = 0; g < file.groups().size(); g++) {
            last.put(file.groups().get(g).file(), g);
        }
        int[] out = new int[file.groups().size()];
        for (int g = 0; g < out.length; g++) {
            out[g] = last.get(file.groups().get(g).file());
        }
        return out;
    }

    static Diagnostic missingPrefix(ProbeGroup group) {
        return Diagnostic.of(ProviderRules.MISSING_PREFIX, group.fileSpan(), "the group of '" + group.file()
                + "' has probes and no '# prefix:' comment: libvirt's dtrace2systemtap.py stops (TypeError:"
                + " unsupported operand type(s) for +: 'NoneType' and 'str')");
    }

    static Diagnostic malformed(ProviderProbe p, int index, String piece) {
        Span at = index < p.args().size() ? p.args().get(index).span() : p.nameSpan();
        if (at.length() == 0) {
            at = p.nameSpan();
        }
        return Diagnostic.of(ProviderRules.MALFORMED_ARGUMENT, at, p.args().isEmpty()
                ? "probe '" + p.name() + "' has no argument: libvirt's dtrace2systemtap.py stops (Malformed arg "
                        + piece + ")"
                : "Malformed arg " + piece + ": libvirt's dtrace2systemtap.py needs a space before the argument's"
                        + " name");
    }
}
