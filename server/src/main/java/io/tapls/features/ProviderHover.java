package io.tapls.features;

import io.tapls.provider.ProbeArg;
import io.tapls.provider.ProbeGroup;
import io.tapls.provider.ProviderAlias;
import io.tapls.provider.ProviderFile;
import io.tapls.provider.ProviderProbe;
import io.tapls.provider.ProviderTapset;
import io.tapls.text.Span;
import io.tapls.workspace.Workspace;
import java.util.Optional;

/**
 * Hover in a DTrace provider file: over a probe's name, its C macros (dtrace -h) and the alias libvirt's
 * dtrace2systemtap.py makes of it, with the variables it binds; over an argument, the variable and how it is
 * read; over a group's {@code # file:}, {@code # prefix:}, {@code # binary:} or {@code # module:} value, what
 * it means for the group's probes.
 */
final class ProviderHover {
    private ProviderHover() {
    }

    static Optional<HoverResult> hover(Workspace workspace, ProviderFile file, int offset) {
        ProviderTapset.Options options = workspace.providerOptions();
        for (ProviderProbe p : file.probes()) {
            if (p.nameSpan().contains(offset)) {
                String md = probe(file, p, options);
                String calls = ProviderCalls.summary(workspace, p);
                return Optional.of(new HoverResult(calls == null ? md : md + "\n\n" + calls, p.nameSpan()));
            }
            for (int i = 0; i < p.args().size(); i++) {
                ProbeArg a = p.args().get(i);
                if (a.span().length() > 0 && a.span().contains(offset)) {
                    return Optional.of(new HoverResult(argument(a, i + 1), a.span()));
                }
            }
        }
        for (int g = 0; g < file.groups().size(); g++) {
            ProbeGroup group = file.groups().get(g);
            int probes = file.probesOf(g).size();
            if (group.fileSpan().contains(offset)) {
                return Optional.of(new HoverResult("`" + group.file() + "`: " + probes + (probes == 1 ? " probe"
                        : " probes") + (group.prefix() == null ? "" : ", aliases `" + options.word() + "."
                        + group.prefix() + ".*`") + ", in `" + ProviderTapset.binary(group, options) + "`",
                        group.fileSpan()));
            }
            if (group.prefixSpan() != null && group.prefixSpan().contains(offset)) {
                return Optional.of(new HoverResult("The group's probes are named `" + group.prefix() + "_*`; libvirt's"
                        + " dtrace2systemtap.py names their aliases `" + options.word() + "." + group.prefix()
                        + ".*`", group.prefixSpan()));
            }
            Span where = group.binarySpan() != null && group.binarySpan().contains(offset) ? group.binarySpan()
                    : group.moduleSpan() != null && group.moduleSpan().contains(offset) ? group.moduleSpan() : null;
            if (where != null) {
                return Optional.of(new HoverResult("The group's probes fire in `" + ProviderTapset.binary(group,
                        options) + "` (`" + (group.module() != null ? "LIBDIR/" + group.module()
                        : "SBINDIR/" + group.binary()) + "`" + (group.module() != null && group.binary() != null
                        ? "; `# module:` wins over `# binary:`" : "") + ")", where));
            }
        }
        return Optional.empty();
    }

    /** The probe's declaration as written (all its lines). */
    static String declaration(ProviderFile file, ProviderProbe probe) {
        return file.text().slice(probe.span());
    }

    private static String probe(ProviderFile file, ProviderProbe p, ProviderTapset.Options options) {
        StringBuilder md = new StringBuilder("```c\n").append(declaration(file, p)).append("\n```\n");
        if (!p.provider().isEmpty()) {
            md.append("C: `").append(p.macroName()).append("(...)`, `").append(p.enabledMacroName())
                    .append("()`\n\n");
        }
        ProviderAlias alias = null;
        for (ProviderAlias a : ProviderTapset.aliases(file, options)) {
            if (a.probe().equals(p)) {
                alias = a;
            }
        }
        if (alias == null) {
            md.append(p.closed() ? "No SystemTap alias: libvirt's dtrace2systemtap.py writes none for it"
                    : "Not closed: libvirt's dtrace2systemtap.py drops it");
            return md.toString().strip();
        }
        md.append("SystemTap: `").append(alias.name()).append("` = `").append(alias.point()).append('`');
        if (!alias.variables().isEmpty()) {
            md.append("\n");
            for (ProviderAlias.Variable v : alias.variables()) {
                md.append("\n- `").append(v.name()).append("`: ").append(v.stapType()).append(" (`").append(v.cType())
                        .append("`").append(v.string() ? ", `user_string($arg" + v.argument() + ")`"
                                : ", `$arg" + v.argument() + "`").append(')');
            }
        }
        return md.toString();
    }

    private static String argument(ProbeArg a, int n) {
        String md = "```c\n" + a.declaration() + "\n```\nargument " + n + " of the mark";
        if (a.name() == null) {
            return md + "; libvirt's dtrace2systemtap.py finds no name in it";
        }
        return md + "; the tapset binds `" + a.name() + " = " + (a.string() ? "user_string($arg" + n + ")` (a string)"
                : "$arg" + n + "` (a long)");
    }
}
