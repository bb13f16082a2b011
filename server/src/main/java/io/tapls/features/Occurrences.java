package io.tapls.features;

import io.tapls.index.TapsetIndex;
import io.tapls.provider.ProviderAlias;
import io.tapls.provider.ProviderFile;
import io.tapls.provider.ProviderProbe;
import io.tapls.provider.ProviderTapset;
import io.tapls.stap.ProbeGlob;
import io.tapls.stap.SourceUnit;
import io.tapls.stap.StapLexing;
import io.tapls.stap.Token;
import io.tapls.text.SourceText;
import io.tapls.text.Span;
import io.tapls.traceevents.TraceEvent;
import io.tapls.traceevents.TraceEventsFile;
import io.tapls.tracetool.EventProbes;
import io.tapls.workspace.Document;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Workspace;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a name is used across the workspace's scripts (open documents, then the files under the roots):
 * what references, document highlight and rename read. From tokens, so that half-typed scripts count.
 * <ul>
 * <li>an event (its name in a trace-events file, or a probe point naming one of its aliases): the probe
 *     points naming its base, {@code .log.} or {@code .simpletrace.} alias for any configured prefix, and the
 *     wildcards that match one;</li>
 * <li>another probe alias: the points naming it, and the wildcards that match it;</li>
 * <li>a function: its definitions and calls;</li>
 * <li>a global: every use of the name outside functions that take it as a parameter;</li>
 * <li>a local: its uses in its probe or function.</li>
 * </ul>
 */
final class Occurrences {
    /** {@code PROBE}: a DTrace provider file's probe (its name there, or a script's use of its derived alias). */
    enum Kind { EVENT, PROBE, ALIAS, FUNCTION, GLOBAL, LOCAL }

    /** A provider probe a target is: its file, the probe, and its alias (null when the tapset has none). */
    record ProbeSite(ProviderFile file, ProviderProbe probe, ProviderAlias alias) {
    }

    /** What was found at the offset. {@code names}: the probe-point names that refer to it. */
    record Target(Kind kind, String name, Set<String> names, Document document, ScriptContext.Block block,
                  Span at) {
    }

    /** One occurrence; {@code declaration} for the definition itself. */
    record Occurrence(String path, SourceText text, Span span, boolean declaration) {
        Location location() {
            return Location.of(path, text, span);
        }
    }

    private Occurrences() {
    }

    static Target target(Workspace workspace, Document document, int offset) {
        int at = Math.max(0, Math.min(offset, document.text().text().length()));
        if (document.kind() == FileKind.TRACE_EVENTS) {
            TraceEventsFile file = document.traceEvents();
            TraceEvent e = file == null ? null : file.eventAt(at);
            if (e == null || !e.nameSpan().contains(at) && e.nameSpan().end() != at) {
                return null;
            }
            return new Target(Kind.EVENT, e.name(), eventNames(workspace, e), document, null, e.nameSpan());
        }
        if (document.kind() == FileKind.PROVIDER) {
            ProviderFile file = document.provider();
            ProviderProbe p = file == null ? null : file.probeAt(at);
            if (p == null || !p.nameSpan().contains(at) && p.nameSpan().end() != at) {
                return null;
            }
            ProviderAlias alias = aliasOf(workspace, file, p);
            return alias == null ? new Target(Kind.PROBE, p.name(), Set.of(), document, null, p.nameSpan())
                    : new Target(Kind.PROBE, alias.name(), Set.of(alias.name()), document, null, p.nameSpan());
        }
        if (document.kind() != FileKind.STAP) {
            return null;
        }
        ScriptContext cx = ScriptContext.at(document, at);
        ScriptSymbol symbol = ScriptSymbol.at(cx, at);
        if (symbol == null) {
            return null;
        }
        TapsetIndex index = workspace.index();
        return switch (symbol.kind()) {
            case PROBE_POINT -> {
                List<TapsetIndex.AliasEntry> entries = index.alias(symbol.name());
                if (!entries.isEmpty() && workspace.providerAlias(symbol.name())
                        .filter(site -> site.file().path().equals(entries.get(0).file())).isPresent()) {
                    yield new Target(Kind.PROBE, symbol.name(), Set.of(symbol.name()), document, null, symbol.span());
                }
                if (!entries.isEmpty() && !entries.get(0).fromTapset()) {
                    String event = symbol.name().substring(symbol.name().lastIndexOf('.') + 1);
                    var site = workspace.event(event);
                    if (site.isPresent()) {
                        yield new Target(Kind.EVENT, event, eventNames(workspace, site.get().event()), document,
                                null, symbol.span());
                    }
                }
                yield new Target(Kind.ALIAS, symbol.name(), Set.of(symbol.name()), document, null, symbol.span());
            }
            case FUNCTION -> new Target(Kind.FUNCTION, symbol.name(), Set.of(), document, null, symbol.span());
            case IDENTIFIER -> {
                ScriptContext.Block b = symbol.block();
                boolean param = b != null && b.function() && b.params().contains(symbol.name());
                boolean global = !param && (declaresGlobal(cx.tokens, symbol.name())
                        || workspace.scripts().values().stream().anyMatch(t -> t.contains("global")
                        && declaresGlobal(tokens(t), symbol.name())));
                yield global ? new Target(Kind.GLOBAL, symbol.name(), Set.of(), document, null, symbol.span())
                        : b == null ? null : new Target(Kind.LOCAL, symbol.name(), Set.of(), document, b, symbol.span());
            }
            case MACRO -> null;
        };
    }

    /** The alias the tapset derives from a provider probe, or null. */
    static ProviderAlias aliasOf(Workspace workspace, ProviderFile file, ProviderProbe probe) {
        for (ProviderAlias a : ProviderTapset.aliases(file, workspace.providerOptions())) {
            if (a.probe().equals(probe)) {
                return a;
            }
        }
        return null;
    }

    /** The provider probe a {@link Kind#PROBE} target is, or null when it is gone. */
    static ProbeSite probeSite(Workspace workspace, Target target) {
        Document d = target.document();
        if (d.kind() == FileKind.PROVIDER && d.provider() != null) {
            ProviderProbe p = d.provider().probeAt(target.at().start());
            return p == null ? null : new ProbeSite(d.provider(), p, aliasOf(workspace, d.provider(), p));
        }
        return workspace.providerAlias(target.name())
                .map(site -> new ProbeSite(site.file(), site.alias().probe(), site.alias())).orElse(null);
    }

    /** The names of an event's three aliases under every configured prefix. */
    private static Set<String> eventNames(Workspace workspace, TraceEvent e) {
        Set<String> out = new LinkedHashSet<>();
        for (String prefix : workspace.probePrefixes()) {
            EventProbes p = EventProbes.of(e, prefix, workspace.settings().qemuVersion());
            out.add(p.base());
            out.add(p.log());
            out.add(p.simpletrace());
        }
        return out;
    }

    /** Every occurrence of a target: in the workspace's scripts, or, for a local, in its block. */
    static List<Occurrence> find(Workspace workspace, Target target) {
        List<Occurrence> out = new ArrayList<>();
        if (target.kind() == Kind.LOCAL) {
            Document d = target.document();
            SourceText text = d.text();
            ScriptContext.Block b = target.block();
            List<Token> tokens = tokens(text.text());
            for (int i = 0; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (t.start >= b.headerStart() && t.end <= b.bodyEnd() && t.kind == Token.Kind.IDENT
                        && t.text.equals(target.name()) && !(i + 1 < tokens.size() && tokens.get(i + 1).isOp("("))
                        && (t.start >= b.bodyStart() || b.function())) {
                    out.add(new Occurrence(d.path(), text, new Span(t.start, t.end), false));
                }
            }
            return out;
        }
        if (target.kind() == Kind.EVENT) {
            workspace.event(target.name()).ifPresent(site -> out.add(new Occurrence(site.file().name(),
                    site.file().text(), site.event().nameSpan(), true)));
        }
        if (target.kind() == Kind.PROBE) {
            ProbeSite site = probeSite(workspace, target);
            if (site != null) {
                out.add(new Occurrence(site.file().path(), site.file().text(), site.probe().nameSpan(), true));
            }
            if (target.names().isEmpty()) {
                return out; // no alias: no script can name it
            }
        }
        for (Map.Entry<String, String> script : workspace.scripts().entrySet()) {
            String text = script.getValue();
            if (target.kind() == Kind.FUNCTION || target.kind() == Kind.GLOBAL) {
                if (!text.contains(target.name())) {
                    continue; // most scripts do not mention it: no need to lex them
                }
            }
            SourceText source = null;
            List<Token> tokens = tokens(text);
            switch (target.kind()) {
                case EVENT, ALIAS, PROBE -> {
                    for (ScriptContext.Block b : ScriptContext.blocks(tokens, text.length())) {
                        if (b.function()) {
                            continue;
                        }
                        List<Token> header = ScriptContext.headerTokens(tokens, b);
                        List<ScriptContext.PointAt> points = ScriptContext.pointSpans(header);
                        for (int k = 0; k < points.size(); k++) {
                            ScriptContext.PointAt p = points.get(k);
                            boolean declaration = b.alias() && k == 0;
                            if (matches(p.name(), target.names())) {
                                source = source == null ? new SourceText(text) : source;
                                // a tapset generated from the provider file defines the alias too
                                out.add(new Occurrence(script.getKey(), source, p.span(), declaration
                                        && target.kind() != Kind.EVENT));
                            }
                        }
                    }
                }
                case FUNCTION -> {
                    for (int i = 0; i < tokens.size(); i++) {
                        Token t = tokens.get(i);
                        boolean call = t.kind == Token.Kind.IDENT && t.text.equals(target.name())
                                && i + 1 < tokens.size() && tokens.get(i + 1).isOp("(");
                        boolean definition = call && i > 0 && tokens.get(i - 1).isKeyword("function");
                        if (call) {
                            source = source == null ? new SourceText(text) : source;
                            out.add(new Occurrence(script.getKey(), source, new Span(t.start, t.end), definition));
                        }
                    }
                }
                case GLOBAL -> {
                    List<ScriptContext.Block> blocks = ScriptContext.blocks(tokens, text.length());
                    for (int i = 0; i < tokens.size(); i++) {
                        Token t = tokens.get(i);
                        if (t.kind != Token.Kind.IDENT || !t.text.equals(target.name())
                                || i + 1 < tokens.size() && tokens.get(i + 1).isOp("(")
                                || shadowedByParameter(blocks, t)) {
                            continue;
                        }
                        source = source == null ? new SourceText(text) : source;
                        out.add(new Occurrence(script.getKey(), source, new Span(t.start, t.end),
                                i > 0 && tokens.get(i - 1).isKeyword("global")));
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }

    private static boolean matches(String point, Set<String> names) {
        if (names.contains(point)) {
            return true;
        }
        if (point.indexOf('*') >= 0) {
            var glob = ProbeGlob.compile(point);
            for (String n : names) {
                if (glob.matcher(n).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean shadowedByParameter(List<ScriptContext.Block> blocks, Token t) {
        for (ScriptContext.Block b : blocks) {
            if (b.function() && b.headerStart() <= t.start && t.start <= b.bodyEnd() && b.params().contains(t.text)) {
                return true;
            }
        }
        return false;
    }

    private static boolean declaresGlobal(List<Token> tokens, String name) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isKeyword("global")) {
                for (int j = i + 1; j < tokens.size() && !tokens.get(j).isKeyword("probe")
                        && !tokens.get(j).isKeyword("function") && !tokens.get(j).isKeyword("global"); j++) {
                    if (tokens.get(j).kind == Token.Kind.IDENT && tokens.get(j).text.equals(name)
                            && (tokens.get(j - 1).isKeyword("global") || tokens.get(j - 1).isOp(","))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static List<Token> tokens(String text) {
        return StapLexing.lex(new SourceUnit("", text)).tokens();
    }
}
