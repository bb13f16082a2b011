package io.tapls.lsp;

import io.tapls.diag.Severity;
import io.tapls.diag.TextEdit;
import io.tapls.features.SemanticTokens;
import io.tapls.text.SourceText;
import io.tapls.text.Span;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/** Between tapls' model (offsets, Span) and lsp4j's types; the only place that knows both. */
final class Convert {
    private Convert() {
    }

    static Position position(SourceText text, int offset) {
        io.tapls.text.Position p = text.position(offset);
        return new Position(p.line(), p.character());
    }

    static Range range(SourceText text, Span span) {
        return new Range(position(text, span.start()), position(text, span.end()));
    }

    static int offset(SourceText text, Position p) {
        return text.offset(new io.tapls.text.Position(p.getLine(), p.getCharacter()));
    }

    static Span span(SourceText text, Range r) {
        int a = offset(text, r.getStart());
        int b = offset(text, r.getEnd());
        return new Span(Math.min(a, b), Math.max(a, b));
    }

    static io.tapls.text.Position model(Position p) {
        return new io.tapls.text.Position(p.getLine(), p.getCharacter());
    }

    static Diagnostic diagnostic(SourceText text, io.tapls.diag.Diagnostic d) {
        Diagnostic out = new Diagnostic(range(text, d.span()), d.message());
        out.setSeverity(severity(d.severity()));
        out.setSource("tapls");
        out.setCode(d.rule().id());
        return out;
    }

    static DiagnosticSeverity severity(Severity s) {
        return switch (s) {
            case ERROR -> DiagnosticSeverity.Error;
            case WARNING -> DiagnosticSeverity.Warning;
            case INFO -> DiagnosticSeverity.Information;
            case HINT -> DiagnosticSeverity.Hint;
        };
    }

    static List<org.eclipse.lsp4j.TextEdit> edits(SourceText text, List<TextEdit> edits) {
        List<org.eclipse.lsp4j.TextEdit> out = new ArrayList<>();
        for (TextEdit e : edits) {
            out.add(new org.eclipse.lsp4j.TextEdit(range(text, e.span()), e.newText()));
        }
        return out;
    }

    static org.eclipse.lsp4j.CompletionItem completionItem(SourceText text, io.tapls.features.CompletionItem c,
                                                        boolean snippets) {
        org.eclipse.lsp4j.CompletionItem out = new org.eclipse.lsp4j.CompletionItem(c.label());
        out.setKind(switch (c.kind()) {
            case PROBE -> CompletionItemKind.Event;
            case PROBE_COMPONENT -> CompletionItemKind.Module;
            case VARIABLE -> CompletionItemKind.Variable;
            case FUNCTION -> CompletionItemKind.Function;
            case GLOBAL -> CompletionItemKind.Field;
            case MACRO -> CompletionItemKind.Constant;
            case KEYWORD -> CompletionItemKind.Keyword;
            case TYPE -> CompletionItemKind.TypeParameter;
            case PROPERTY -> CompletionItemKind.Property;
            case FORMAT -> CompletionItemKind.Value;
        });
        out.setDetail(c.detail());
        if (c.documentation() != null) {
            out.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, c.documentation()));
        }
        String insert = c.insertText();
        if (c.snippet() && snippets) {
            out.setInsertTextFormat(InsertTextFormat.Snippet);
        } else if (c.snippet()) {
            insert = c.label(); // a client without snippets gets the bare name
        }
        out.setTextEdit(Either.forLeft(new org.eclipse.lsp4j.TextEdit(range(text, c.replace()), insert)));
        if (c.sortText() != null) {
            out.setSortText(c.sortText());
        }
        out.setFilterText(c.label());
        return out;
    }

    static SymbolKind symbolKind(io.tapls.features.DocumentSymbol.Kind kind) {
        return switch (kind) {
            case EVENT, PROBE -> SymbolKind.Event;
            case ALIAS -> SymbolKind.Interface;
            case FUNCTION -> SymbolKind.Function;
            case GLOBAL -> SymbolKind.Variable;
            case PROVIDER -> SymbolKind.Module;
            case GROUP -> SymbolKind.Namespace;
        };
    }

    /** The semantic-token legend: the features' types and modifiers, in their enums' order. */
    static org.eclipse.lsp4j.SemanticTokensLegend semanticTokensLegend() {
        return new org.eclipse.lsp4j.SemanticTokensLegend(
                java.util.Arrays.stream(SemanticTokens.Type.values()).map(SemanticTokens.Type::lspName).toList(),
                java.util.Arrays.stream(SemanticTokens.Modifier.values()).map(SemanticTokens.Modifier::lspName)
                        .toList());
    }

    /**
     * Tokens (one line each, in order) in LSP's relative form: per token, its line minus the previous token's,
     * its start column (minus the previous token's when on the same line), length, type, modifier bits.
     * Columns and lengths in UTF-16 code units, the position encoding the server announces.
     */
    static int[] semanticTokens(List<SemanticTokens.LineToken> tokens) {
        int[] out = new int[tokens.size() * 5];
        int line = 0;
        int column = 0;
        int k = 0;
        for (SemanticTokens.LineToken t : tokens) {
            out[k++] = t.line() - line;
            out[k++] = t.line() == line ? t.start() - column : t.start();
            out[k++] = t.length();
            out[k++] = t.type().ordinal();
            out[k++] = t.modifiers();
            line = t.line();
            column = t.start();
        }
        return out;
    }

    /** A feature's location: a file path becomes a file URI; an untitled document keeps its URI. */
    static org.eclipse.lsp4j.Location location(io.tapls.features.Location l) {
        String uri = l.path().startsWith("/") ? java.nio.file.Path.of(l.path()).toUri().toString() : l.path();
        return new org.eclipse.lsp4j.Location(uri, new Range(new Position(l.start().line(), l.start().character()),
                new Position(l.end().line(), l.end().character())));
    }
}
