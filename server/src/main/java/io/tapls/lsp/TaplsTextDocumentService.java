package io.tapls.lsp;

import io.tapls.features.CodeActions;
import io.tapls.features.Action;
import io.tapls.features.Completion;
import io.tapls.features.InsertPrintf;
import io.tapls.features.Definition;
import io.tapls.features.GenerateTapset;
import io.tapls.features.Folding;
import io.tapls.features.SignatureHelp;
import io.tapls.features.References;
import io.tapls.features.Rename;
import io.tapls.features.DocumentSymbols;
import io.tapls.features.Hover;
import io.tapls.features.QuickFix;
import io.tapls.text.SourceText;
import io.tapls.workspace.Document;
import io.tapls.workspace.TextChange;
import io.tapls.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.CreateFile;
import org.eclipse.lsp4j.CreateFileOptions;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.ResourceOperation;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeKind;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.ParameterInformation;
import org.eclipse.lsp4j.SignatureHelpParams;
import org.eclipse.lsp4j.SignatureInformation;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightParams;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.TextDocumentService;

/** Converts and delegates: the features know nothing of LSP, this class nothing of trace-events. */
final class TaplsTextDocumentService implements TextDocumentService {
    private final Workspace workspace;
    private final DiagnosticScheduler diagnostics;

    private final java.util.function.Consumer<String> clear;

    TaplsTextDocumentService(Workspace workspace, DiagnosticScheduler diagnostics,
                             java.util.function.Consumer<String> clear) {
        this.workspace = workspace;
        this.diagnostics = diagnostics;
        this.clear = clear;
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var doc = params.getTextDocument();
        diagnostics.now(workspace.open(doc.getUri(), doc.getLanguageId(), doc.getVersion(),
                doc.getText() == null ? "" : doc.getText()));
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        List<TextChange> changes = new ArrayList<>();
        for (TextDocumentContentChangeEvent e : params.getContentChanges()) {
            String text = e.getText() == null ? "" : e.getText();
            changes.add(e.getRange() == null ? TextChange.whole(text)
                    : new TextChange(Convert.model(e.getRange().getStart()), Convert.model(e.getRange().getEnd()), text));
        }
        Integer version = params.getTextDocument().getVersion();
        Document d = workspace.change(params.getTextDocument().getUri(), version == null ? 0 : version, changes);
        if (d != null) {
            diagnostics.soon(d);
        }
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        workspace.close(uri);
        diagnostics.cancel(uri);
        clear.accept(uri);
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // Diagnostics follow the edits; saving changes nothing.
    }

    /**
     * Runs a request on an open document; null (or the fallback) when it is not open, an InvalidParams
     * error when the request lacks what it needs.
     */
    private <T> CompletableFuture<T> withDocument(Supplier<String> uriOf, T fallback, Function<Document, T> f) {
        String uri;
        try {
            uri = uriOf.get();
        } catch (NullPointerException e) {
            uri = null;
        }
        if (uri == null) {
            CompletableFuture<T> failed = new CompletableFuture<>();
            failed.completeExceptionally(new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                    "the request has no textDocument.uri", null)));
            return failed;
        }
        if (!initialized || shutDown) {
            // LSP: before initialize, ServerNotInitialized; after shutdown, InvalidRequest
            CompletableFuture<T> failed = new CompletableFuture<>();
            failed.completeExceptionally(new ResponseErrorException(shutDown
                    ? new ResponseError(ResponseErrorCode.InvalidRequest, "the server has been shut down", null)
                    : new ResponseError(ResponseErrorCode.ServerNotInitialized, "the server has not been initialized",
                            null)));
            return failed;
        }
        String known = uri;
        return CompletableFutures.computeAsync(cancel -> {
            Document d = workspace.document(known);
            if (d == null) {
                return fallback;
            }
            cancel.checkCanceled();
            return f.apply(d);
        });
    }

    /** The command that writes a generated tapset for clients without file-creating edits. */
    static final String GENERATE_COMMAND = "tapls.generateLogTapset";
    /** Whether the client applies CreateFile operations in workspace edits (set at initialize). */
    volatile boolean resourceOperations;

    /** Whether the client takes snippets in completion items (set at initialize). */
    volatile boolean snippets;
    /** Whether initialize has been answered: requests before it get ServerNotInitialized (-32002). */
    volatile boolean initialized;
    /** Whether shutdown has been answered: requests after it get InvalidRequest (-32600). */
    volatile boolean shutDown;

    @Override
    public CompletableFuture<Either<List<org.eclipse.lsp4j.CompletionItem>, CompletionList>> completion(
            CompletionParams params) {
        return withDocument(() -> params.getTextDocument().getUri(), Either.forLeft(List.of()), d -> {
            if (params.getPosition() == null) {
                return Either.forLeft(List.of());
            }
            int offset = Convert.offset(d.text(), params.getPosition());
            List<org.eclipse.lsp4j.CompletionItem> items = new ArrayList<>();
            for (io.tapls.features.CompletionItem c : Completion.complete(workspace, d, offset)) {
                items.add(Convert.completionItem(d.text(), c, snippets));
            }
            return Either.forRight(new CompletionList(false, items));
        });
    }

    @Override
    public CompletableFuture<Either<List<? extends org.eclipse.lsp4j.Location>, List<? extends LocationLink>>>
            definition(DefinitionParams params) {
        return withDocument(() -> params.getTextDocument().getUri(), Either.forLeft(List.of()), d -> {
            if (params.getPosition() == null) {
                return Either.forLeft(List.of());
            }
            int offset = Convert.offset(d.text(), params.getPosition());
            return Either.forLeft(Definition.definition(workspace, d, offset).stream().map(Convert::location)
                    .toList());
        });
    }

    @Override
    public CompletableFuture<List<? extends org.eclipse.lsp4j.Location>> references(ReferenceParams params) {
        return withDocument(() -> params.getTextDocument().getUri(), List.of(), d -> {
            if (params.getPosition() == null) {
                return List.of();
            }
            boolean declaration = params.getContext() == null || params.getContext().isIncludeDeclaration();
            return References.references(workspace, d, Convert.offset(d.text(), params.getPosition()), declaration)
                    .stream().map(Convert::location).toList();
        });
    }

    @Override
    public CompletableFuture<List<? extends DocumentHighlight>> documentHighlight(DocumentHighlightParams params) {
        return withDocument(() -> params.getTextDocument().getUri(), List.of(), d -> {
            if (params.getPosition() == null) {
                return List.of();
            }
            return io.tapls.features.DocumentHighlight.highlights(workspace, d,
                    Convert.offset(d.text(), params.getPosition())).stream()
                    .map(s -> new DocumentHighlight(Convert.range(d.text(), s))).toList();
        });
    }

    @Override
    public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(
            PrepareRenameParams params) {
        return withDocument(() -> params.getTextDocument().getUri(), null, d -> {
            if (params.getPosition() == null) {
                return null;
            }
            return Rename.prepare(workspace, d, Convert.offset(d.text(), params.getPosition()))
                    .map(r -> Either3.<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>forSecond(
                            new PrepareRenameResult(Convert.range(d.text(), r.span()), r.name())))
                    .orElse(null);
        });
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
        return withDocument(() -> params.getTextDocument().getUri(), null, d -> {
            if (params.getPosition() == null || params.getNewName() == null) {
                return null;
            }
            Rename.Edits edits;
            try {
                edits = Rename.rename(workspace, d, Convert.offset(d.text(), params.getPosition()),
                        params.getNewName());
            } catch (IllegalArgumentException e) {
                throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, e.getMessage(),
                        null));
            }
            Map<String, List<org.eclipse.lsp4j.TextEdit>> changes = new java.util.LinkedHashMap<>();
            edits.byPath().forEach((path, list) -> {
                String uri = Convert.location(list.get(0).range()).getUri();
                changes.put(uri, list.stream().map(e -> new org.eclipse.lsp4j.TextEdit(
                        Convert.location(e.range()).getRange(), e.newText())).toList());
            });
            return new WorkspaceEdit(changes);
        });
    }

    @Override
    public CompletableFuture<org.eclipse.lsp4j.SignatureHelp> signatureHelp(SignatureHelpParams params) {
        return withDocument(() -> params.getTextDocument().getUri(), null, d -> {
            if (params.getPosition() == null) {
                return null;
            }
            return SignatureHelp.signature(workspace, d, Convert.offset(d.text(), params.getPosition())).map(s -> {
                SignatureInformation info = new SignatureInformation(s.label());
                if (s.documentation() != null) {
                    info.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, s.documentation()));
                }
                info.setParameters(s.parameters().stream().map(p -> new ParameterInformation(p)).toList());
                return new org.eclipse.lsp4j.SignatureHelp(List.of(info), 0, s.activeParameter());
            }).orElse(null);
        });
    }

    @Override
    public CompletableFuture<List<FoldingRange>> foldingRange(FoldingRangeRequestParams params) {
        return withDocument(() -> params.getTextDocument().getUri(), List.of(), d -> Folding.ranges(d).stream()
                .map(r -> {
                    FoldingRange f = new FoldingRange(r.startLine(), r.endLine());
                    if (r.comment()) {
                        f.setKind(FoldingRangeKind.Comment);
                    }
                    return f;
                }).toList());
    }

    @Override
    public CompletableFuture<org.eclipse.lsp4j.Hover> hover(HoverParams params) {
        return withDocument(() -> params.getTextDocument().getUri(), null, d -> {
            if (params.getPosition() == null) {
                return null;
            }
            int offset = Convert.offset(d.text(), params.getPosition());
            return Hover.hover(workspace, d, offset).map(h -> {
                org.eclipse.lsp4j.Hover hover = new org.eclipse.lsp4j.Hover(
                        new MarkupContent(MarkupKind.MARKDOWN, h.markdown()));
                hover.setRange(Convert.range(d.text(), h.span()));
                return hover;
            }).orElse(null);
        });
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(
            DocumentSymbolParams params) {
        return withDocument(() -> params.getTextDocument().getUri(), List.of(), d -> {
            List<Either<SymbolInformation, DocumentSymbol>> out = new ArrayList<>();
            SourceText text = d.text();
            for (io.tapls.features.DocumentSymbol s : DocumentSymbols.symbols(d)) {
                DocumentSymbol sym = new DocumentSymbol(s.name(), Convert.symbolKind(s.kind()), Convert.range(text, s.span()),
                        Convert.range(text, s.selection()), s.detail());
                out.add(Either.forRight(sym));
            }
            return out;
        });
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        return withDocument(() -> params.getTextDocument().getUri(), List.of(), d -> {
            List<Either<Command, CodeAction>> out = new ArrayList<>();
            SourceText text = d.text();
            if (params.getRange() == null) {
                return out;
            }
            for (QuickFix q : CodeActions.quickFixes(workspace, d, Convert.span(text, params.getRange()))) {
                CodeAction action = new CodeAction(q.fix().title());
                action.setKind(CodeActionKind.QuickFix);
                action.setDiagnostics(List.of(Convert.diagnostic(text, q.diagnostic())));
                action.setEdit(new WorkspaceEdit(Map.of(d.uri(), Convert.edits(text, q.fix().edits()))));
                action.setIsPreferred(true);
                out.add(Either.forRight(action));
            }
            int at = Convert.offset(text, params.getRange().getStart());
            InsertPrintf.action(workspace, d, at).ifPresent(a -> out.add(Either.forRight(codeAction(d, a))));
            for (Action a : GenerateTapset.actions(workspace, d)) {
                out.add(Either.forRight(codeAction(d, a)));
            }
            return out;
        });
    }

    /** A feature's action: edits of the current document go to its URI, other files' to their file URIs. */
    private CodeAction codeAction(Document d, Action a) {
        CodeAction action = new CodeAction(a.title());
        action.setKind(switch (a.kind()) {
            case QUICK_FIX -> CodeActionKind.QuickFix;
            case REFACTOR -> CodeActionKind.RefactorRewrite;
            case SOURCE -> CodeActionKind.Source;
        });
        if (a.changes().stream().anyMatch(c -> c instanceof Action.Create)) {
            boolean overwrite = a.changes().stream().anyMatch(c -> c instanceof Action.Create k && k.overwrite());
            if (resourceOperations) {
                List<Either<TextDocumentEdit, ResourceOperation>> ops = new ArrayList<>();
                for (Action.Change c : a.changes()) {
                    if (c instanceof Action.Create k) {
                        String uri = java.nio.file.Path.of(k.path()).toUri().toString();
                        CreateFileOptions options = new CreateFileOptions(k.overwrite(), !k.overwrite());
                        ops.add(Either.forRight(new CreateFile(uri, options)));
                        org.eclipse.lsp4j.TextEdit content = new org.eclipse.lsp4j.TextEdit(new Range(
                                new org.eclipse.lsp4j.Position(0, 0), new org.eclipse.lsp4j.Position(0, 0)), k.content());
                        ops.add(Either.forLeft(new TextDocumentEdit(new VersionedTextDocumentIdentifier(uri, null),
                                List.of(Either.forLeft(content)))));
                    }
                }
                action.setEdit(new WorkspaceEdit(ops));
            } else {
                // A client that cannot create files through an edit: the server writes them when asked.
                action.setCommand(new Command(a.title(), GENERATE_COMMAND, List.of(d.uri(), overwrite)));
            }
            return action;
        }
        Map<String, List<org.eclipse.lsp4j.TextEdit>> changes = new java.util.LinkedHashMap<>();
        for (Action.Change c : a.changes()) {
            if (c instanceof Action.Edit e) {
                String uri = e.path().equals(d.path()) ? d.uri() : Convert.location(e.range()).getUri();
                changes.computeIfAbsent(uri, k -> new ArrayList<>()).add(new org.eclipse.lsp4j.TextEdit(
                        Convert.location(e.range()).getRange(), e.newText()));
            }
        }
        action.setEdit(new WorkspaceEdit(changes));
        return action;
    }
}
