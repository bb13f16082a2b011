package io.tapls.features;

import io.tapls.features.CompletionItem.Kind;
import io.tapls.index.TapsetIndex;
import io.tapls.provider.ProviderAlias;
import io.tapls.semantics.BuiltinProbes;
import io.tapls.stap.DocComment;
import io.tapls.stap.Function;
import io.tapls.stap.Global;
import io.tapls.stap.Macro;
import io.tapls.stap.Token;
import io.tapls.text.SourceText;
import io.tapls.text.Span;
import io.tapls.traceevents.Argument;
import io.tapls.traceevents.CType;
import io.tapls.traceevents.QemuVersion;
import io.tapls.traceevents.TraceEvent;
import io.tapls.traceevents.TraceEventsFile;
import io.tapls.tracetool.EventProbes;
import io.tapls.tracetool.ProbePrefix;
import io.tapls.tracetool.TracetoolEvent;
import io.tapls.workspace.Document;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Workspace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Completion in both languages.
 * <ul>
 * <li>SystemTap: probe points component by component from the index (tapsets, settings' tapset directories,
 *     the aliases derived from the workspace's trace-events files); in a probe body the variables its points
 *     bind, locals, globals, functions with their signatures and docs, macros and keywords; in a printf
 *     format, stap's conversions.</li>
 * <li>trace-events: property words (by QEMU version) before the name, the types tracetool allows where a type
 *     goes, and in the format the conversions that fit the argument at that position.</li>
 * </ul>
 */
public final class Completion {
    /** stap's statement and expression keywords (parse.cxx). */
    static final List<String> KEYWORDS = List.of("if", "else", "for", "foreach", "in", "limit", "while", "break",
            "continue", "next", "return", "delete", "try", "catch", "global", "private", "function", "probe",
            "string", "long");
    /** stap's '@' operators (parse.cxx parse_dwarf_value, parse_stat_op, ...). */
    static final List<String> AT_OPERATORS = List.of("@var", "@cast", "@entry", "@defined", "@probewrite",
            "@count", "@sum", "@min", "@max", "@avg", "@variance", "@hist_linear", "@hist_log", "@const",
            "@kregister", "@uregister", "@choose_defined");
    /** stap's printf conversions (print_format::components_to_string). */
    static final List<String[]> STAP_CONVERSIONS = List.of(new String[] {"d", "signed decimal"},
            new String[] {"i", "signed decimal"}, new String[] {"u", "unsigned decimal"},
            new String[] {"x", "hexadecimal, lower case"}, new String[] {"X", "hexadecimal, upper case"},
            new String[] {"o", "octal"}, new String[] {"p", "pointer (0x...)"}, new String[] {"s", "string"},
            new String[] {"c", "character"}, new String[] {"b", "binary: the value's bytes (with a width)"},
            new String[] {"m", "memory: bytes at an address (with a precision)"},
            new String[] {"M", "memory as hex digits (with a precision)"}, new String[] {"%", "a literal %"});
    private static final int MAX_POINT_VARIABLE_SOURCES = 64;

    private Completion() {
    }

    public static List<CompletionItem> complete(Workspace workspace, Document document, int offset) {
        int at = Math.max(0, Math.min(offset, document.text().text().length()));
        if (document.kind() == FileKind.STAP) {
            return script(workspace, document, at);
        }
        if (document.kind() == FileKind.TRACE_EVENTS) {
            return traceEvents(workspace, document, at);
        }
        if (document.kind() == FileKind.PROVIDER) {
            return ProviderCompletion.complete(document.provider(), at);
        }
        return List.of();
    }

    // ================================================================== SystemTap

    private static List<CompletionItem> script(Workspace workspace, Document document, int offset) {
        String text = document.text().text();
        List<CompletionItem> marks = markNames(workspace, document.tokens().tokens(), text, offset);
        if (marks != null) {
            return marks;
        }
        ScriptContext cx = ScriptContext.at(document, offset);
        return switch (cx.where) {
            case PROBE_POINT -> probePoints(workspace.index(), cx);
            case BODY -> body(workspace, cx);
            case STRING -> format(cx, offset, text);
            case COMMENT -> List.of();
            case TOP -> filter(keywords(List.of("probe", "function", "global", "private", "@define"), cx), cx);
        };
    }

    /**
     * In the string argument of {@code process("...").mark("}: the SDT marks of the workspace's events, null
     * elsewhere. tracetool's dtrace backend (format/d.py) declares one probe per event that is not
     * {@code disable}d, named as the event (event names are never escaped), in {@code provider qemu}; its
     * stap format binds {@code process("BINARY").mark("NAME")} to them. When the process is the binary of one
     * of the workspace's probe prefixes ({@link ProbePrefix#binaryFor}), only the events built into it
     * ({@link ProbePrefix#builtInto}); for another process, or none given, every event.
     */
    static List<CompletionItem> markNames(Workspace workspace, List<Token> tokens, String text, int offset) {
        int i = stringAt(tokens, text, offset);
        if (i < 3 || !tokens.get(i - 1).isOp("(") || !isWord(tokens.get(i - 2), "mark")
                || !tokens.get(i - 3).isOp(".")) {
            return null;
        }
        // Back over the components before .mark: process("path"), provider("qemu"), library("lib"), ...
        String path = null;
        String provider = null;
        boolean process = false;
        int j = i - 4;
        while (j >= 0) {
            String arg = null;
            if (tokens.get(j).isOp(")")) {
                if (j < 2 || !tokens.get(j - 2).isOp("(")) {
                    return null;
                }
                Token a = tokens.get(j - 1);
                arg = a.kind == Token.Kind.STRING ? a.text : null;
                j -= 3;
                if (j < 0) {
                    return null;
                }
            }
            Token c = tokens.get(j);
            if (c.kind != Token.Kind.IDENT && c.kind != Token.Kind.KEYWORD) {
                return null;
            }
            if (c.text.equals("provider")) {
                provider = arg;
            } else if (c.text.equals("process")) {
                process = true;
                path = arg;
                break;
            }
            if (j < 1 || !tokens.get(j - 1).isOp(".")) {
                break;
            }
            j -= 2;
        }
        if (!process) {
            return null;
        }
        if (provider != null && !provider.equals("qemu")) {
            return List.of(); // another provider's marks: tracetool's are all in provider qemu
        }
        Token s = tokens.get(i);
        int contentEnd = s.kind == Token.Kind.STRING ? s.end - 1 : s.end;
        Span replace = new Span(s.start + 1, Math.max(s.start + 1, contentEnd));
        String typed = text.substring(s.start + 1, Math.min(offset, contentEnd));
        String prefix = path == null ? null : prefixOfBinary(workspace, path);
        var version = workspace.settings().qemuVersion();
        Map<String, CompletionItem> byName = new java.util.TreeMap<>();
        for (TraceEventsFile f : workspace.traceEventsModels()) {
            if (prefix != null && !ProbePrefix.builtInto(f.name(), prefix)) {
                continue;
            }
            for (TraceEvent e : f.events()) {
                if (e.isDisabled() || byName.containsKey(e.name()) || !startsWith(e.name(), typed)) {
                    continue;
                }
                TracetoolEvent te = TracetoolEvent.of(e, version);
                List<String> args = te.args().stream().map(Completion::declaration).toList();
                String doc = "```c\n" + e.format().raw() + "\n```\nthe SDT mark of `" + e.name() + "` in `"
                        + f.name() + "` (line " + (e.line() + 1) + "): `$arg1`..`$arg" + args.size() + "` are its "
                        + args.size() + " arguments";
                if (args.isEmpty()) {
                    doc = "```c\n" + e.format().raw() + "\n```\nthe SDT mark of `" + e.name() + "` in `" + f.name()
                            + "` (line " + (e.line() + 1) + "), without arguments";
                }
                byName.put(e.name(), CompletionItem.plain(e.name(), Kind.PROBE, "(" + String.join(", ", args) + ")",
                        doc, replace, null));
            }
        }
        return new ArrayList<>(byName.values());
    }

    /** The index of the string (or string being typed) holding the offset, or -1. */
    private static int stringAt(List<Token> tokens, String text, int offset) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.start >= offset) {
                break;
            }
            if (t.kind == Token.Kind.STRING && offset < t.end || t.kind == Token.Kind.JUNK && offset <= t.end
                    && t.start < text.length() && text.charAt(t.start) == '"') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isWord(Token t, String word) {
        return (t.kind == Token.Kind.IDENT || t.kind == Token.Kind.KEYWORD) && t.text.equals(word);
    }

    /** The workspace's probe prefix whose binary this is (as meson installs it, or as the settings name it). */
    private static String prefixOfBinary(Workspace workspace, String path) {
        List<String> prefixes = workspace.probePrefixes();
        for (String p : prefixes) {
            if (ProbePrefix.binaryFor(p).equals(path)) {
                return p;
            }
        }
        String configured = workspace.settings().tapsetBinary();
        if (configured != null && configured.equals(path) && !prefixes.isEmpty()) {
            return ProbePrefix.forBinary(path).orElse(prefixes.get(0));
        }
        return null;
    }

    /** An argument as the event declares it: {@code void *task}, {@code uint64_t addr}. */
    private static String declaration(TracetoolEvent.Arg a) {
        String type = a.type().strip();
        return type.endsWith("*") ? type + a.name() : type + " " + a.name();
    }

    private static List<CompletionItem> probePoints(TapsetIndex index, ScriptContext cx) {
        List<CompletionItem> out = new ArrayList<>();
        String base = cx.pointBase;
        if (base.contains("*")) {
            // After a wildcard: the components that follow in any of the names it matches.
            SortedMap<String, String> next = new java.util.TreeMap<>();
            int k = base.split("\\.", -1).length;
            for (String name : index.matching(base + ".**")) {
                String[] parts = name.split("\\.");
                if (parts.length > k) {
                    next.putIfAbsent(parts[k], name);
                }
            }
            next.forEach((c, n) -> out.add(CompletionItem.plain(c, Kind.PROBE_COMPONENT, base + "." + c, null,
                    cx.word, null)));
            return filter(out, cx);
        }
        SortedMap<String, String> next = index.nextComponents(base);
        for (Map.Entry<String, String> e : next.entrySet()) {
            String full = e.getValue();
            List<TapsetIndex.AliasEntry> alias = index.alias(full);
            boolean leaf = !alias.isEmpty();
            String doc = null;
            if (leaf) {
                doc = aliasDoc(alias.get(0), index.variables(full));
            }
            // Components that lead further (qemu.system.x86_64's "log" and "simpletrace") before the thousands
            // of probes beside them: a long list is cut (lsp: the completion limit) in this order.
            out.add(CompletionItem.plain(e.getKey(), leaf ? Kind.PROBE : Kind.PROBE_COMPONENT, full, doc, cx.word,
                    (leaf ? "1" : "0") + e.getKey()));
        }
        if (base.isEmpty()) {
            for (String family : BuiltinProbes.families()) {
                if (!next.containsKey(family)) {
                    out.add(CompletionItem.plain(family, Kind.PROBE_COMPONENT, "built-in probe family", null, cx.word,
                            null));
                }
            }
        }
        return filter(out, cx);
    }

    /** An alias's documentation: its doc comment's summary, its variables and types, where it is defined. */
    static String aliasDoc(TapsetIndex.AliasEntry e, Map<String, String> variables) {
        StringBuilder md = new StringBuilder("```stap\nprobe ").append(e.dumpLine()).append("\n```\n");
        DocComment doc = e.doc();
        if (doc != null && !doc.summary().isEmpty()) {
            md.append(doc.summary()).append("\n\n");
        }
        if (!variables.isEmpty()) {
            md.append("Variables: ");
            List<String> vs = new ArrayList<>();
            variables.forEach((k, v) -> vs.add("`" + k + "` (" + v + ")"));
            md.append(String.join(", ", vs)).append("\n\n");
        }
        if (e.file() != null) {
            md.append("Defined in `").append(e.file()).append('`');
        }
        return md.toString().strip();
    }

    private static List<CompletionItem> body(Workspace workspace, ScriptContext cx) {
        if (cx.prefix.startsWith("$")) {
            return filter(contextVariables(workspace, cx), cx);
        }
        if (cx.prefix.startsWith("@")) {
            return filter(atItems(workspace.index(), cx), cx);
        }
        TapsetIndex index = workspace.index();
        Map<String, CompletionItem> byLabel = new LinkedHashMap<>();
        // The variables the probe's points bind, first.
        if (!cx.block.function()) {
            for (Map.Entry<String, String[]> v : pointVariables(workspace, index, cx.block.points()).entrySet()) {
                byLabel.putIfAbsent(v.getKey(), CompletionItem.plain(v.getKey(), Kind.VARIABLE, v.getValue()[0],
                        v.getValue()[1], cx.word, "0" + v.getKey()));
            }
        } else {
            for (String p : cx.block.params()) {
                byLabel.putIfAbsent(p, CompletionItem.plain(p, Kind.VARIABLE, "parameter of " + cx.block.name(), null,
                        cx.word, "0" + p));
            }
        }
        // Locals: names the body assigns.
        List<Token> body = cx.block.bodyTokens();
        for (int i = 0; i + 1 < body.size(); i++) {
            Token t = body.get(i);
            Token n = body.get(i + 1);
            if (t.kind == Token.Kind.IDENT && (n.isOp("=") || n.isOp("+=") || n.isOp("-=") || n.isOp("++")
                    || n.isOp("--") || n.isOp(".=") || n.isOp("<<<")) && !t.text.equals(cx.prefix)) {
                byLabel.putIfAbsent(t.text, CompletionItem.plain(t.text, Kind.VARIABLE, "local", null, cx.word,
                        "1" + t.text));
            }
        }
        // Globals of this file, then of the tapsets.
        for (int i = 0; i + 1 < cx.tokens.size(); i++) {
            if (cx.tokens.get(i).isKeyword("global") && cx.tokens.get(i + 1).kind == Token.Kind.IDENT) {
                String g = cx.tokens.get(i + 1).text;
                byLabel.putIfAbsent(g, CompletionItem.plain(g, Kind.GLOBAL, "global", null, cx.word, "2" + g));
            }
        }
        if (!cx.prefix.isEmpty()) {
            for (Map.Entry<String, List<Global>> g : index.globals().entrySet()) {
                if (startsWith(g.getKey(), cx.prefix) && g.getValue().stream().anyMatch(x -> !x.isPrivate())) {
                    byLabel.putIfAbsent(g.getKey(), CompletionItem.plain(g.getKey(), Kind.GLOBAL, "tapset global",
                            null, cx.word, "3" + g.getKey()));
                }
            }
        }
        // Functions of this file and of the tapsets, as snippets with their parameters.
        for (ScriptContext.Block b : cx.blocks) {
            if (b.function() && !b.name().isEmpty()) {
                byLabel.putIfAbsent(b.name(), functionItem(b.name(), b.params(), null, null, null, cx));
            }
        }
        for (Map.Entry<String, List<TapsetIndex.FunctionEntry>> f : index.functions().entrySet()) {
            if (!startsWith(f.getKey(), cx.prefix)) {
                continue;
            }
            Function fn = f.getValue().get(0).function();
            if (fn.isPrivate() || fn.name().startsWith("_")) {
                continue;
            }
            List<String> params = fn.params().stream().map(Function.Param::name).toList();
            byLabel.putIfAbsent(f.getKey(), functionItem(fn.name(), params, f.getValue().get(0).dumpLine(),
                    fn.doc(), f.getValue().get(0).file(), cx));
        }
        for (CompletionItem k : keywords(KEYWORDS, cx)) {
            byLabel.putIfAbsent(k.label(), k);
        }
        return filter(new ArrayList<>(byLabel.values()), cx);
    }

    /** name → {type, documentation} of what a probe on these points can read. */
    private static Map<String, String[]> pointVariables(Workspace workspace, TapsetIndex index, List<String> points) {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String point : points) {
            List<String> names = point.contains("*") ? index.matching(point) : List.of(point);
            int n = 0;
            for (String name : names) {
                if (n++ >= MAX_POINT_VARIABLE_SOURCES) {
                    break;
                }
                List<TapsetIndex.AliasEntry> entries = index.alias(name);
                DocComment doc = entries.stream().map(TapsetIndex.AliasEntry::doc).filter(d -> d != null)
                        .findFirst().orElse(null);
                Map<String, String> cTypes = eventCTypes(workspace, name);
                index.variables(name).forEach((v, type) -> {
                    String described = doc != null ? doc.vars().get(v) : null;
                    String c = cTypes.get(v);
                    String md = (c != null ? "`" + c + "` in the event's declaration\n\n" : "")
                            + (described != null ? described + "\n\n" : "") + "bound by `" + name + "`";
                    out.putIfAbsent(v, new String[] {type, md});
                });
            }
        }
        return out;
    }

    /** For an alias tracetool derives from an event: its variables' C types, from the event's declaration. */
    static Map<String, String> eventCTypes(Workspace workspace, String aliasName) {
        Map<String, String> out = new LinkedHashMap<>();
        var provider = workspace.providerAlias(aliasName);
        if (provider.isPresent()) {
            // an alias libvirt's dtrace2systemtap.py derives from a provider probe: its arguments' declarations
            for (ProviderAlias.Variable v : provider.get().alias().variables()) {
                out.putIfAbsent(v.name(), v.cType() + (v.string() ? " (read with user_string($arg" + v.argument()
                        + "))" : ""));
            }
            return out;
        }
        String event = aliasName.substring(aliasName.lastIndexOf('.') + 1);
        var site = workspace.event(event);
        if (site.isEmpty()) {
            return out;
        }
        for (String prefix : workspace.probePrefixes()) {
            EventProbes p = EventProbes.of(site.get().event(), prefix, workspace.settings().qemuVersion());
            if (aliasName.equals(p.base()) || aliasName.equals(p.log()) || aliasName.equals(p.simpletrace())) {
                for (EventProbes.Variable v : p.baseVariables()) {
                    out.put(v.name(), v.cType().strip());
                }
                for (EventProbes.Variable v : p.logVariables()) {
                    out.putIfAbsent(v.name(), "string (read from " + v.argument() + ")");
                }
                for (EventProbes.Variable v : p.simpletraceVariables()) {
                    out.putIfAbsent(v.name(), v.name().endsWith("_len") ? "long (length of " + v.argument() + ")"
                            : "string (read from " + v.argument() + ")");
                }
                break;
            }
        }
        return out;
    }

    private static CompletionItem functionItem(String name, List<String> params, String signature, DocComment doc,
                                               String file, ScriptContext cx) {
        StringBuilder snippet = new StringBuilder(name).append('(');
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                snippet.append(", ");
            }
            snippet.append("${").append(i + 1).append(':').append(params.get(i)).append('}');
        }
        snippet.append(')');
        StringBuilder md = new StringBuilder();
        if (doc != null && !doc.summary().isEmpty()) {
            md.append(doc.summary());
        }
        if (file != null) {
            md.append(md.length() > 0 ? "\n\n" : "").append("Defined in `").append(file).append('`');
        }
        return new CompletionItem(name, Kind.FUNCTION, signature != null ? signature : name + "(" + String.join(", ",
                params) + ")", md.length() == 0 ? null : md.toString(), snippet.toString(), true, cx.word, "4" + name);
    }

    private static List<CompletionItem> keywords(List<String> words, ScriptContext cx) {
        List<CompletionItem> out = new ArrayList<>();
        for (String k : words) {
            out.add(CompletionItem.plain(k, Kind.KEYWORD, "keyword", null, cx.word, "5" + k));
        }
        return out;
    }

    /**
     * In a body, after '$': the target variables a mark or function exposes ($argN, $$vars, ...). For the mark
     * of one of the workspace's events (named by {@code process(...).mark("e")} or by an alias tracetool
     * derives from it), its arguments: {@code $argN} in the order tracetool passes them to the mark (a legacy
     * 'vcpu' event's implicit {@code __cpu} first); for another mark, ten.
     */
    private static List<CompletionItem> contextVariables(Workspace workspace, ScriptContext cx) {
        List<CompletionItem> out = new ArrayList<>();
        for (String v : List.of("$$vars", "$$parms", "$$locals", "$$return", "$$name")) {
            out.add(CompletionItem.plain(v, Kind.VARIABLE, "context variables", null, cx.word, "0" + v));
        }
        if (cx.block == null || cx.block.function()) {
            return out;
        }
        TracetoolEvent event = markedEvent(workspace, cx);
        if (event != null) {
            List<TracetoolEvent.Arg> args = event.args();
            for (int i = 1; i <= args.size(); i++) {
                TracetoolEvent.Arg a = args.get(i - 1);
                String doc = "argument " + i + " of the SDT mark `" + event.name() + "`: `" + declaration(a) + "`"
                        + (a.implicitCpu() ? " (the implicit first argument of a 'vcpu' event)" : "")
                        + (a.isString() ? "\n\na pointer into the traced process: read the string with"
                                + " `user_string_n($arg" + i + ", 512)`" : "");
                out.add(CompletionItem.plain("$arg" + i, Kind.VARIABLE, declaration(a), doc, cx.word,
                        String.format("0$arg%03d", i)));
            }
            return out;
        }
        int marks = 0;
        for (String p : cx.block.points()) {
            if (p.contains("mark")) {
                marks = 10;
            }
        }
        for (int i = 1; i <= marks; i++) {
            out.add(CompletionItem.plain("$arg" + i, Kind.VARIABLE, "argument " + i + " of the SDT marker", null,
                    cx.word, String.format("0$arg%03d", i)));
        }
        return out;
    }

    /**
     * The workspace's event whose mark the probe's points name: {@code process(...).mark("e")} in its header, or
     * a base, log or simpletrace alias tracetool derives from e for one of the workspace's prefixes. Null when
     * there is none (or the mark names no event of the workspace).
     */
    private static TracetoolEvent markedEvent(Workspace workspace, ScriptContext cx) {
        var version = workspace.settings().qemuVersion();
        List<Token> header = ScriptContext.headerTokens(cx.tokens, cx.block);
        for (int i = 0; i + 3 < header.size(); i++) {
            if (isWord(header.get(i), "mark") && header.get(i + 1).isOp("(")
                    && header.get(i + 2).kind == Token.Kind.STRING && header.get(i + 3).isOp(")")) {
                var site = workspace.event(header.get(i + 2).text);
                if (site.isPresent() && !site.get().event().isDisabled()) {
                    return TracetoolEvent.of(site.get().event(), version);
                }
            }
        }
        for (String point : cx.block.points()) {
            var site = workspace.event(point.substring(point.lastIndexOf('.') + 1));
            if (site.isEmpty() || site.get().event().isDisabled()) {
                continue;
            }
            for (String prefix : workspace.probePrefixes()) {
                EventProbes p = EventProbes.of(site.get().event(), prefix, version);
                if (point.equals(p.base()) || point.equals(p.log()) || point.equals(p.simpletrace())) {
                    return p.event();
                }
            }
        }
        return null;
    }

    private static List<CompletionItem> atItems(TapsetIndex index, ScriptContext cx) {
        List<CompletionItem> out = new ArrayList<>();
        for (String a : AT_OPERATORS) {
            out.add(CompletionItem.plain(a, Kind.KEYWORD, "stap operator", null, cx.word, "0" + a));
        }
        for (Map.Entry<String, Macro> m : index.macros().entrySet()) {
            String label = "@" + m.getKey();
            Macro macro = m.getValue();
            String detail = label + (macro.params().isEmpty() ? "" : "(" + String.join(", ", macro.params()) + ")");
            out.add(CompletionItem.plain(label, Kind.MACRO, detail, macro.doc() != null ? macro.doc().summary()
                    : null, cx.word, "1" + label));
        }
        return out;
    }

    /** In a string: stap's conversions right after a '%' of a printf-family format. */
    private static List<CompletionItem> format(ScriptContext cx, int offset, String text) {
        Set<String> printfs = Set.of("printf", "sprintf", "printd", "printdln", "warn", "error", "sprint",
                "printk", "log", "ftrace");
        if (cx.callee == null || !printfs.contains(cx.callee) && !cx.callee.endsWith("printf")) {
            return List.of();
        }
        int percent = offset - 1;
        while (percent > cx.string.start && "-+ #0123456789.*lhL".indexOf(text.charAt(percent)) >= 0) {
            percent--;
        }
        if (text.charAt(percent) != '%' || percent > cx.string.start && text.charAt(percent - 1) == '%') {
            return List.of();
        }
        List<CompletionItem> out = new ArrayList<>();
        Span at = new Span(offset, offset);
        for (String[] c : STAP_CONVERSIONS) {
            out.add(new CompletionItem("%" + c[0], Kind.FORMAT, c[1], null, c[0], false, at, null));
        }
        return out;
    }

    // ================================================================== trace-events

    private static List<CompletionItem> traceEvents(Workspace workspace, Document document, int offset) {
        SourceText text = document.text();
        String all = text.text();
        int lineStart = all.lastIndexOf('\n', offset - 1) + 1;
        String head = all.substring(lineStart, offset);
        if (head.stripLeading().startsWith("#")) {
            return List.of();
        }
        int wordStart = offset;
        while (wordStart > lineStart && isIdent(all.charAt(wordStart - 1))) {
            wordStart--;
        }
        int wordEnd = offset;
        while (wordEnd < all.length() && isIdent(all.charAt(wordEnd))) {
            wordEnd++;
        }
        Span word = new Span(wordStart, wordEnd);
        String prefix = all.substring(wordStart, offset);
        QemuVersion version = workspace.settings().qemuVersion();
        int open = head.indexOf('(');
        int close = head.indexOf(')');
        if (open < 0) {
            // Before the name: properties, while only properties precede the word.
            for (String w : head.substring(0, wordStart - lineStart).trim().split("\\s+")) {
                if (!w.isEmpty() && !isProperty(w, version)) {
                    return List.of();
                }
            }
            List<CompletionItem> out = new ArrayList<>();
            out.add(CompletionItem.plain("disable", Kind.PROPERTY, "property", "tracetool generates no code for the"
                    + " event (its trace_ call compiles to nothing)", word, null));
            if (version.acceptsVcpu()) {
                out.add(CompletionItem.plain("vcpu", Kind.PROPERTY, "property (QEMU before 10.1)",
                        "an implicit first argument `void *__cpu`, printed as `cpu=%p `", word, null));
            }
            if (version.acceptsTcg()) {
                out.add(CompletionItem.plain("tcg", Kind.PROPERTY, "property (QEMU before 7.0)",
                        "a TCG event: translation-time and execution-time variants", word, null));
            }
            return filterPrefix(out, prefix);
        }
        if (close < 0) {
            // In the argument list: a type goes first in each argument.
            String arg = head.substring(Math.max(head.lastIndexOf(','), open) + 1, wordStart - lineStart).strip();
            boolean typePosition = arg.isEmpty() || arg.equals("const") || arg.equals("unsigned")
                    || arg.equals("const unsigned") || arg.equals("struct");
            if (!typePosition) {
                return List.of();
            }
            List<CompletionItem> out = new ArrayList<>();
            for (String t : TYPES) {
                out.add(CompletionItem.plain(t, Kind.TYPE, "type tracetool accepts", null, word, null));
            }
            return filterPrefix(out, prefix);
        }
        // In the format: the conversions that fit the argument the next conversion prints.
        TraceEvent event = document.traceEvents() == null ? null : eventOnLine(document.traceEvents(), lineStart);
        String format = head.substring(close + 1);
        int quotes = 0;
        for (int i = 0; i < format.length(); i++) {
            if (format.charAt(i) == '"' && (i == 0 || format.charAt(i - 1) != '\\')) {
                quotes++;
            }
        }
        if (quotes % 2 == 0 || event == null || offset < 1 || all.charAt(offset - 1) != '%') {
            return List.of();
        }
        int consumed = 0;
        for (var c : event.format().conversions()) {
            if (c.span().end() <= offset - 1) {
                consumed += c.argumentsConsumed();
            }
        }
        if (consumed >= event.arguments().size()) {
            return List.of(new CompletionItem("%%", Kind.FORMAT, "a literal %: every argument is printed already",
                    null, "%", false, new Span(offset, offset), null));
        }
        Argument a = event.arguments().get(consumed);
        CType t = CType.of(a.type());
        List<CompletionItem> out = new ArrayList<>();
        Span at = new Span(offset - 1, offset);
        String doc = "prints argument " + (consumed + 1) + ", `" + a.name() + "` (`" + a.type().strip() + "`)";
        if (t == CType.CHAR_POINTER) {
            out.add(new CompletionItem("%s", Kind.FORMAT, "string", doc, "%s", false, at, "0"));
            out.add(new CompletionItem("%p", Kind.FORMAT, "pointer", doc, "%p", false, at, "1"));
        } else if (t == CType.POINTER) {
            out.add(new CompletionItem("%p", Kind.FORMAT, "pointer", doc, "%p", false, at, "0"));
        } else if (t.isInteger()) {
            int k = 0;
            for (char v : new char[] {'d', 'u', 'x', 'o', 'X'}) {
                String spelled = t.conversion(v);
                out.add(new CompletionItem(spelled, Kind.FORMAT, kindOf(v), doc, spelled, false, at,
                        String.valueOf(k++)));
            }
        }
        return out;
    }

    /** The types tracetool's validate_type accepts, as they are written in argument lists. */
    static final List<String> TYPES = List.of("int", "unsigned", "unsigned int", "long", "unsigned long", "short",
            "unsigned short", "char", "unsigned char", "bool", "int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t",
            "uint32_t", "int64_t", "uint64_t", "size_t", "ssize_t", "uintptr_t", "ptrdiff_t", "const char *",
            "void *", "const void *", "uint8_t *", "const uint8_t *");

    private static String kindOf(char v) {
        return switch (v) {
            case 'd' -> "signed decimal";
            case 'u' -> "unsigned decimal";
            case 'x' -> "hexadecimal";
            case 'X' -> "hexadecimal, upper case";
            default -> "octal";
        };
    }

    private static boolean isProperty(String w, QemuVersion version) {
        return w.equals("disable") || w.equals("vcpu") && version.acceptsVcpu() || w.equals("tcg")
                && version.acceptsTcg();
    }

    private static TraceEvent eventOnLine(TraceEventsFile file, int lineStart) {
        int line = file.text().lineOf(lineStart);
        for (TraceEvent e : file.events()) {
            if (e.line() == line) {
                return e;
            }
        }
        return null;
    }

    private static boolean isIdent(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    // ================================================================== filtering

    private static boolean startsWith(String label, String prefix) {
        return label.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static List<CompletionItem> filter(List<CompletionItem> items, ScriptContext cx) {
        return filterPrefix(items, cx.prefix);
    }

    private static List<CompletionItem> filterPrefix(List<CompletionItem> items, String prefix) {
        if (prefix.isEmpty()) {
            return items;
        }
        String p = prefix.toLowerCase(Locale.ROOT);
        return items.stream().filter(i -> i.label().toLowerCase(Locale.ROOT).startsWith(p)).toList();
    }
}
