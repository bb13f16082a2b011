package io.tapls.features;

import io.tapls.traceevents.Argument;
import io.tapls.traceevents.Conversion;
import io.tapls.traceevents.TraceEvent;
import io.tapls.traceevents.TraceEventsFile;
import io.tapls.tracetool.EventProbes;
import io.tapls.tracetool.TracetoolEvent;
import io.tapls.generate.CFormatToStap;
import io.tapls.index.TapsetIndex;
import io.tapls.provider.ProviderFile;
import io.tapls.provider.ProviderProbe;
import io.tapls.stap.DocComment;
import io.tapls.stap.Function;
import io.tapls.stap.Global;
import io.tapls.stap.Macro;
import io.tapls.stap.StapFile;
import io.tapls.workspace.Document;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hover. In a trace-events file: over an event name, its declaration and the probes tracetool makes of it;
 * over an argument, the conversion that prints it; over a conversion, the argument it prints. In a SystemTap
 * script: over a probe point, the alias (definition, variables and types, doc comment; for an alias derived
 * from an event, the event's line and what its log probe prints; for a wildcard, what it matches); over a
 * function, its signature and doc comment; over a variable, its type and the alias that binds it (an alias
 * derived from a provider file shows the probe's line and declaration). In a provider file: {@link ProviderHover}.
 */
public final class Hover {
    private Hover() {
    }

    public static Optional<HoverResult> hover(Workspace workspace, Document document, int offset) {
        if (document.kind() == FileKind.STAP) {
            return script(workspace, document, Math.max(0, Math.min(offset, document.text().text().length())));
        }
        if (document.kind() == FileKind.PROVIDER) {
            return ProviderHover.hover(workspace, document.provider(), offset);
        }
        TraceEventsFile file = document.traceEvents();
        if (file == null) {
            return Optional.empty();
        }
        TraceEvent event = file.eventAt(offset);
        if (event == null) {
            return Optional.empty();
        }
        List<Pairing> pairs = pair(event);
        // What tracetool makes of the event for the workspace's first probe prefix and QEMU version.
        EventProbes probes = EventProbes.of(event, workspace.probePrefixes().get(0),
                workspace.settings().qemuVersion());
        if (event.nameSpan().contains(offset)) {
            return Optional.of(new HoverResult(describeEvent(workspace, event, probes), event.nameSpan()));
        }
        List<TracetoolEvent.Arg> marker = probes.event().args();
        int shift = marker.size() - event.arguments().size(); // the legacy implicit __cpu comes first
        for (int i = 0; i < event.arguments().size(); i++) {
            Argument a = event.arguments().get(i);
            if (a.span().contains(offset) && !a.text().isEmpty()) {
                int n = i + shift + 1;
                StringBuilder md = new StringBuilder("```c\n").append(a.type());
                if (!a.type().endsWith("*")) {
                    md.append(' ');
                }
                md.append(a.name()).append("\n```\nargument ").append(i + 1).append(" of `").append(event.name())
                        .append("`, `").append(marker.get(n - 1).stapName()).append("` (`$arg").append(n)
                        .append("`) in SystemTap");
                if (a.isString()) {
                    md.append(" (a string: read it with `user_string_n($arg").append(n).append(", 512)`)");
                }
                for (Pairing p : pairs) {
                    if (p.argument() == i) {
                        md.append("\n\nprinted by `").append(p.conversion().spelling()).append('`');
                    }
                }
                return Optional.of(new HoverResult(md.toString(), a.span()));
            }
        }
        for (Pairing p : pairs) {
            if (p.conversion().span().contains(offset)) {
                String md;
                String macro = p.conversion().priMacro();
                int macroAt = macro == null ? -1 : document.text().text().indexOf(macro, p.conversion().span().start());
                if (macro != null && macroAt >= 0 && macroAt <= offset && offset <= macroAt + macro.length()) {
                    return Optional.of(new HoverResult(priMacro(macro), new io.tapls.text.Span(macroAt,
                            macroAt + macro.length())));
                }
                if (p.argument() < event.arguments().size()) {
                    Argument a = event.arguments().get(p.argument());
                    md = "`" + p.conversion().spelling() + "` prints argument " + (p.argument() + 1) + ", `" + a.name()
                            + "` (`" + a.type().trim() + "`)";
                } else {
                    md = "`" + p.conversion().spelling() + "` has no argument to print";
                }
                return Optional.of(new HoverResult(md, p.conversion().span()));
            }
        }
        return Optional.empty();
    }

    /** What the event's log probe prints: the format tracetool's log-stap probe passes to printf (format/log_stap.py). */
    private static void appendLogOutput(StringBuilder md, EventProbes probes) {
        if (probes.event().source().format().isEmpty()) {
            return;
        }
        try {
            md.append("\n\nIts log probe prints `%d@%d ").append(probes.name()).append(' ')
                    .append(CFormatToStap.convert(probes.event().format()).replace("`", "'"))
                    .append("\\n` (pid, time in ns, then the values)");
        } catch (CFormatToStap.UnsupportedFormatException ex) {
            md.append("\n\ntracetool's log-stap generator fails on this format: ").append(ex.getMessage());
        }
    }

    /** What a PRI macro expands to, on the LP64 hosts QEMU is built for and on 32-bit ones (C99 inttypes.h). */
    static String priMacro(String macro) {
        String size = macro.substring(3); // PRIx64 -> x64, PRIuPTR -> uPTR
        char conv = size.charAt(0);
        String bits = size.substring(1);
        String lp64 = switch (bits) {
            case "64", "PTR" -> "l";
            case "8" -> "hh";
            case "16" -> "h";
            default -> "";
        };
        String ilp32 = switch (bits) {
            case "64" -> "ll";
            case "8" -> "hh";
            case "16" -> "h";
            default -> "";
        };
        String type = bits.equals("PTR") ? "uintptr_t" : ("di".indexOf(conv) >= 0
                ? "int" : "uint") + bits + "_t";
        return "`" + macro + "` (inttypes.h) expands to `\"" + lp64 + conv + "\"` on 64-bit hosts (LP64), `\""
                + ilp32 + conv + "\"` on 32-bit ones: `%\" " + macro + "` prints a `" + type + "`";
    }

    private static String describeEvent(Workspace workspace, TraceEvent e, EventProbes probes) {
        StringBuilder md = new StringBuilder("```c\n");
        for (var p : e.properties()) {
            md.append(p.name()).append(' ');
        }
        md.append(e.name()).append('(');
        List<String> args = new ArrayList<>();
        for (Argument a : e.arguments()) {
            args.add(a.text());
        }
        md.append(args.isEmpty() ? "void" : String.join(", ", args)).append(")\n```\n");
        if (!e.format().isEmpty()) {
            md.append("format: `").append(e.format().raw().trim()).append("`\n\n");
        }
        if (e.isDisabled()) {
            md.append("disabled: tracetool generates no probe for it\n\n");
        } else {
            md.append("C: `trace_").append(e.name()).append("(...)`; SystemTap: `").append(probes.base())
                    .append("`, `").append(probes.log()).append("`, `").append(probes.simpletrace()).append('`');
            appendLogOutput(md, probes);
        }
        appendCallSites(md, workspace, e.name());
        return md.toString();
    }

    /** How many places in the workspace's C files call the event, and where. */
    private static void appendCallSites(StringBuilder md, Workspace workspace, String event) {
        String calls = EventCalls.summary(workspace, event);
        if (calls != null) {
            md.append("\n\n").append(calls);
        }
    }

    // ================================================================== SystemTap

    private static final int LISTED_MATCHES = 20;

    private static Optional<HoverResult> script(Workspace workspace, Document document, int offset) {
        ScriptContext cx = ScriptContext.at(document, offset);
        ScriptSymbol symbol = ScriptSymbol.at(cx, offset);
        if (symbol == null) {
            return Optional.empty();
        }
        TapsetIndex index = workspace.index();
        String md = switch (symbol.kind()) {
            case PROBE_POINT -> probePoint(workspace, index, symbol.name());
            case FUNCTION -> function(workspace, document, index, symbol.name());
            case MACRO -> macro(index, symbol.name());
            case IDENTIFIER -> identifier(workspace, index, symbol);
        };
        return md == null ? Optional.empty() : Optional.of(new HoverResult(md, symbol.span()));
    }

    private static String probePoint(Workspace workspace, TapsetIndex index, String name) {
        if (name.contains("*")) {
            List<String> matches = index.matching(name);
            StringBuilder md = new StringBuilder("`").append(name).append("` matches ").append(matches.size())
                    .append(matches.size() == 1 ? " probe" : " probes");
            if (!matches.isEmpty()) {
                md.append(":\n\n");
                for (String m : matches.subList(0, Math.min(LISTED_MATCHES, matches.size()))) {
                    md.append("- `").append(m).append("`\n");
                }
                if (matches.size() > LISTED_MATCHES) {
                    md.append("- … and ").append(matches.size() - LISTED_MATCHES).append(" more\n");
                }
            }
            return md.toString().strip();
        }
        List<TapsetIndex.AliasEntry> entries = index.alias(name);
        if (entries.isEmpty()) {
            return null;
        }
        StringBuilder md = new StringBuilder(Completion.aliasDoc(entries.get(0), index.variables(name)));
        String event = name.substring(name.lastIndexOf('.') + 1);
        var provider = workspace.providerAlias(name).filter(site -> site.file().path().equals(entries.get(0).file()));
        if (provider.isPresent()) {
            ProviderFile file = provider.get().file();
            ProviderProbe probe = provider.get().alias().probe();
            md.append("\n\nFrom the probe at `").append(file.path()).append(':')
                    .append(file.text().lineOf(probe.nameSpan().start()) + 1).append("`:\n```c\n")
                    .append(ProviderHover.declaration(file, probe)).append("\n```");
            Map<String, String> cTypes = Completion.eventCTypes(workspace, name);
            if (!cTypes.isEmpty()) {
                md.append("\n");
                cTypes.forEach((v, t) -> md.append("\n- `").append(v).append("`: `").append(t).append('`'));
            }
            md.append("\n\nC: `").append(probe.macroName()).append("(...)`");
            String calls = ProviderCalls.summary(workspace, probe);
            if (calls != null) {
                md.append("\n\n").append(calls);
            }
        } else if (!entries.get(0).fromTapset()) {
            workspace.event(event).ifPresent(site -> {
                TraceEvent e = site.event();
                md.append("\n\nFrom the event at `").append(site.file().name()).append(':').append(e.line() + 1)
                        .append("`:\n```c\n").append(site.file().text().text(), e.span().start(), e.span().end())
                        .append("\n```");
                Map<String, String> cTypes = Completion.eventCTypes(workspace, name);
                if (!cTypes.isEmpty()) {
                    md.append("\n");
                    cTypes.forEach((v, t) -> md.append("\n- `").append(v).append("`: `").append(t).append('`'));
                }
                appendLogOutput(md, EventProbes.of(e, workspace.probePrefixes().get(0),
                        workspace.settings().qemuVersion()));
                appendCallSites(md, workspace, e.name());
            });
        }
        return md.toString();
    }

    private static String function(Workspace workspace, Document document, TapsetIndex index, String name) {
        StapFile own = workspace.parse(document);
        for (Function f : own.functions()) {
            if (f.name().equals(name)) {
                return functionDoc(new TapsetIndex.FunctionEntry(f, document.path(), true));
            }
        }
        List<TapsetIndex.FunctionEntry> entries = index.function(name);
        return entries.stream().filter(TapsetIndex.FunctionEntry::onSearchPath).findFirst()
                .or(() -> entries.stream().findFirst()).map(Hover::functionDoc).orElse(null);
    }

    static String functionDoc(TapsetIndex.FunctionEntry e) {
        Function f = e.function();
        StringBuilder md = new StringBuilder("```stap\nfunction ").append(f.name());
        if (f.returnType() != null) {
            md.append(':').append(f.returnType());
        }
        md.append(" (");
        for (int i = 0; i < f.params().size(); i++) {
            Function.Param p = f.params().get(i);
            md.append(i > 0 ? ", " : "").append(p.name()).append(p.type() != null ? ":" + p.type() : "");
        }
        md.append(")\n```");
        DocComment doc = e.function().doc();
        if (doc != null) {
            if (!doc.summary().isEmpty()) {
                md.append("\n").append(doc.summary());
            }
            if (!doc.vars().isEmpty()) {
                md.append("\n");
                doc.vars().forEach((k, v) -> md.append("\n- `").append(k).append("`: ").append(v));
            }
            String description = doc.sections().get("Description");
            if (description != null && !description.isBlank()) {
                md.append("\n\n").append(description.strip());
            }
        }
        md.append("\n\nDefined in `").append(e.file()).append('`');
        return md.toString();
    }

    private static String macro(TapsetIndex index, String name) {
        Macro m = index.macros().get(name);
        if (m == null) {
            return null;
        }
        StringBuilder md = new StringBuilder("```stap\n@define ").append(name);
        if (!m.params().isEmpty()) {
            md.append('(').append(String.join(", ", m.params())).append(')');
        }
        md.append("\n```");
        if (m.doc() != null && !m.doc().summary().isEmpty()) {
            md.append("\n").append(m.doc().summary());
        }
        if (m.tok() != null) {
            md.append("\n\nDefined in `").append(m.tok().unit.path).append('`');
        }
        return md.toString();
    }

    private static String identifier(Workspace workspace, TapsetIndex index, ScriptSymbol symbol) {
        ScriptContext.Block b = symbol.block();
        if (b != null && !b.function()) {
            for (String point : b.points()) {
                for (String alias : point.contains("*") ? index.matching(point) : List.of(point)) {
                    String type = index.variables(alias).get(symbol.name());
                    if (type != null) {
                        String c = Completion.eventCTypes(workspace, alias).get(symbol.name());
                        return "```stap\n" + type + " " + symbol.name() + "\n```\n" + (c != null ? "`" + c
                                + "` in the event's declaration; " : "") + "bound by `" + alias + "`";
                    }
                }
            }
        }
        if (b != null && b.params().contains(symbol.name())) {
            return "```stap\n" + symbol.name() + "\n```\nparameter of `" + b.name() + "`";
        }
        List<Global> globals = index.globals().get(symbol.name());
        if (globals != null && !globals.isEmpty()) {
            return "```stap\nglobal " + symbol.name() + "\n```" + (globals.get(0).tok() == null ? ""
                    : "\nDefined in `" + globals.get(0).tok().unit.path + "`");
        }
        return null;
    }

    /** Which argument (0-based) each value-printing conversion reads; '*' widths take one too. */
    record Pairing(Conversion conversion, int argument) {
    }

    static List<Pairing> pair(TraceEvent e) {
        List<Pairing> out = new ArrayList<>();
        int next = 0;
        for (Conversion c : e.format().conversions()) {
            if (c.argumentsConsumed() == 0) {
                continue;
            }
            next += c.argumentsConsumed() - 1;
            out.add(new Pairing(c, next++));
        }
        return out;
    }
}
