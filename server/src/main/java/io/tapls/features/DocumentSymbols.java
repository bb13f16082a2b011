package io.tapls.features;

import io.tapls.provider.ProbeGroup;
import io.tapls.provider.ProviderDecl;
import io.tapls.provider.ProviderFile;
import io.tapls.provider.ProviderProbe;
import io.tapls.stap.Token;
import io.tapls.text.Span;
import io.tapls.traceevents.TraceEvent;
import io.tapls.traceevents.TraceEventsFile;
import io.tapls.workspace.Document;
import io.tapls.workspace.FileKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The outline of a document: a trace-events file's events; a provider file's provider, groups and probes; a
 * script's probes, aliases, functions and globals,
 * in the order they appear (read from its tokens, so that a half-typed script still has an outline).
 */
public final class DocumentSymbols {
    private DocumentSymbols() {
    }

    public static List<DocumentSymbol> symbols(Document document) {
        if (document.kind() == FileKind.STAP) {
            return script(document);
        }
        if (document.kind() == FileKind.PROVIDER) {
            return provider(document.provider());
        }
        TraceEventsFile file = document.traceEvents();
        List<DocumentSymbol> out = new ArrayList<>();
        if (file == null) {
            return out;
        }
        for (TraceEvent e : file.events()) {
            String detail = e.arguments().stream().map(a -> a.text()).reduce((a, b) -> a + ", " + b).orElse("void");
            out.add(new DocumentSymbol(DocumentSymbol.Kind.EVENT, e.name(), (e.isDisabled() ? "disable " : "") + "("
                    + detail + ")", e.span(), e.nameSpan()));
        }
        return out;
    }

    /**
     * A provider file's outline: the provider (to its '};'), each '# file:' group (its path; its prefix and where
     * its probes fire) and each probe with its arguments.
     */
    private static List<DocumentSymbol> provider(ProviderFile file) {
        List<DocumentSymbol> out = new ArrayList<>();
        int end = file.text().length();
        for (int i = 0; i < file.providers().size(); i++) {
            ProviderDecl d = file.providers().get(i);
            int stop = i + 1 < file.providers().size() ? file.providers().get(i + 1).span().start() : end;
            for (Span c : file.closings()) {
                if (c.start() > d.span().start() && c.end() <= stop) {
                    stop = c.end();
                    break;
                }
            }
            out.add(new DocumentSymbol(DocumentSymbol.Kind.PROVIDER, d.name().isEmpty() ? "provider" : d.name(),
                    "provider", new Span(d.span().start(), stop), d.name().isEmpty() ? d.span() : d.nameSpan()));
        }
        for (ProbeGroup g : file.groups()) {
            String detail = (g.prefix() == null ? "no prefix" : "prefix " + g.prefix())
                    + (g.module() != null ? ", module " + g.module() : g.binary() != null ? ", binary " + g.binary()
                    : "");
            out.add(new DocumentSymbol(DocumentSymbol.Kind.GROUP, g.file(), detail, g.span(), g.fileSpan()));
        }
        for (ProviderProbe p : file.probes()) {
            String args = p.args().stream().map(a -> a.declaration()).reduce((a, b) -> a + ", " + b).orElse("");
            out.add(new DocumentSymbol(DocumentSymbol.Kind.EVENT, p.name(), "(" + args + ")", p.span(),
                    p.nameSpan()));
        }
        out.sort(Comparator.comparingInt(s -> s.span().start()));
        return out;
    }

    private static List<DocumentSymbol> script(Document document) {
        String text = document.text().text();
        ScriptContext cx = ScriptContext.at(document, 0);
        List<DocumentSymbol> out = new ArrayList<>();
        for (ScriptContext.Block b : cx.blocks) {
            Span whole = new Span(b.headerStart(), Math.min(text.length(), b.bodyEnd() + 1));
            if (b.function()) {
                out.add(new DocumentSymbol(DocumentSymbol.Kind.FUNCTION, b.name(), "(" + String.join(", ", b.params())
                        + ")", whole, b.nameSpan()));
            } else if (b.alias()) {
                out.add(new DocumentSymbol(DocumentSymbol.Kind.ALIAS, b.name(), "= " + String.join(", ",
                        b.points().subList(1, b.points().size())), whole, b.nameSpan()));
            } else {
                String name = text.substring(b.nameSpan().start(), b.nameSpan().end()).replaceAll("\\s+", " ");
                out.add(new DocumentSymbol(DocumentSymbol.Kind.PROBE, name, "probe", whole, b.nameSpan()));
            }
        }
        List<Token> tokens = cx.tokens;
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (!tokens.get(i).isKeyword("global") || inBlock(cx.blocks, tokens.get(i).start)) {
                continue;
            }
            // global a, b[10], c = 1: a name after 'global' and after each ',' outside brackets; the list ends
            // at a keyword, or at a line break that does not follow a ','.
            boolean expectName = true;
            int depth = 0;
            for (int j = i + 1; j < tokens.size(); j++) {
                Token t = tokens.get(j);
                Token prev = tokens.get(j - 1);
                if (t.kind == Token.Kind.KEYWORD || depth == 0 && !expectName && !prev.isOp(",")
                        && text.substring(prev.end, t.start).contains("\n")) {
                    break;
                }
                if (t.isOp("[") || t.isOp("(")) {
                    depth++;
                } else if (t.isOp("]") || t.isOp(")")) {
                    depth--;
                } else if (depth == 0 && t.isOp(",")) {
                    expectName = true;
                } else if (depth == 0 && expectName && t.kind == Token.Kind.IDENT) {
                    out.add(new DocumentSymbol(DocumentSymbol.Kind.GLOBAL, t.text, "global",
                            new Span(tokens.get(i).start, t.end), new Span(t.start, t.end)));
                    expectName = false;
                } else if (depth == 0 && expectName) {
                    break;
                }
            }
        }
        out.sort(Comparator.comparingInt(s -> s.span().start()));
        return out;
    }

    private static boolean inBlock(List<ScriptContext.Block> blocks, int offset) {
        for (ScriptContext.Block b : blocks) {
            if (b.headerStart() <= offset && offset <= b.bodyEnd()) {
                return true;
            }
        }
        return false;
    }
}
