package io.tapls.lsp;

import io.tapls.features.AddProbe;
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
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensDelta;
import org.eclipse.lsp4j.SemanticTokensDeltaParams;
import org.eclipse.lsp4j.SemanticTokensEdit;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SemanticTokensRangeParams;
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

    /** Where requests are computed (TaplsLanguageServer.REQUEST_THREADS). */
    private final java.util.concurrent.Executor requests;

    TaplsTextDocumentService(Workspace workspace, DiagnosticScheduler diagnostics,
                             java.util.function.Consumer<String> clear, java.util.concurrent.Executor requests) {
        this.workspace = workspace;
        this.diagnostics = diagnostics;
        this.clear = clear;
        this.requests = requests;
    }

    /*
     * Notifications get no answer, so one with a part missing (a client's bug, or a request for a notification
     * method) is ignored rather than failing with a NullPointerException in the log.
     */

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var doc = params == null ? null : params.getTextDocument();
        if (doc == null || doc.getUri() == null) {
            return;
        }
        diagnostics.now(workspace.open(doc.getUri(), doc.getLanguageId(), doc.getVersion(),
                doc.getText() == null ? "" : doc.getText()));
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        if (params == null || params.getTextDocument() == null || params.getTextDocument().getUri() == null
                || params.getContentChanges() == null) {
            return;
        }
        List<TextChange> changes = new ArrayList<>();
        for (TextDocumentContentChangeEvent e : params.getContentChanges()) {
            if (e == null) {
                continue;
            }
            String text = e.getText() == null ? "" : e.getText();
            Range r = e.getRange();
            if (r != null && (r.getStart() == null || r.getEnd() == null)) {
                return; // a range without both ends cannot be applied, and the changes after it depend on it
            }
            changes.add(r == null ? TextChange.whole(text)
                    : new TextChange(Convert.model(r.getStart()), Convert.model(r.getEnd()), text));
        }
        Integer version = params.getTextDocument().getVersion();
        Document d = workspace.change(params.getTextDocument().getUri(), version == null ? 0 : version, changes);
        if (d != null) {
            diagnostics.soon(d);
        }
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        if (params == null || params.getTextDocument() == null || params.getTextDocument().getUri() == null) {
            return;
        }
        String uri = params.getTextDocument().getUri();
        workspace.close(uri);
        sentTokens.remove(uri);
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
        return CompletableFutures.computeAsync(requests, cancel -> {
            Document d = workspace.document(known);
            if (d == null) {
                return fallback;
            }
            cancel.checkCanceled();
            return f.apply(d);
        });
    }

    /**
     * The command that writes a generated tapset for clients without file-creating edits: arguments the
     * trace-events document's URI, whether to overwrite, and for one event's tapsets the event's name.
     */
    static final String GENERATE_COMMAND = "tapls.generateLogTapset";
    /**
     * The command that creates a new script with a probe for an event, for clients without file-creating edits:
     * arguments the trace-events document's URI and the event's name.
     */
    static final String ADD_PROBE_COMMAND = "tapls.addProbe";
    /** Whether the client applies CreateFile operations in workspace edits (set at initialize). */
    volatile boolean resourceOperations;
    /**
     * At most this many completion items in one answer: in a probe body with nothing typed yet, Debian's library
     * alone offers some 1,300 functions, whose JSON (documentation included) costs more than computing them.
     */
    static final int COMPLETION_LIMIT = 200;
    /** Whether the client resolves a code action's edit lazily (codeAction/resolve with resolveSupport "edit"). */
    volatile boolean resolveEdits;

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
            List<io.tapls.features.CompletionItem> all = Completion.complete(workspace, d, offset);
            boolean incomplete = all.size() > COMPLETION_LIMIT;
            if (incomplete) {
                // The first ones in the order the client shows them (sortText, else the label), as clangd's
                // --limit-results does; isIncomplete makes the client ask again as the word grows.
                all = all.stream().sorted(java.util.Comparator.comparing(
                        (io.tapls.features.CompletionItem c) -> c.sortText() != null ? c.sortText() : c.label()))
                        .limit(COMPLETION_LIMIT).toList();
            }
            List<org.eclipse.lsp4j.CompletionItem> items = new ArrayList<>(all.size());
            for (io.tapls.features.CompletionItem c : all) {
                items.add(Convert.completionItem(d.text(), c, snippets));
            }
            return Either.forRight(new CompletionList(incomplete, items));
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

    /** The last full semantic tokens sent for each document, for the next delta request. */
    private final Map<String, SentTokens> sentTokens = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong tokenResults = new java.util.concurrent.atomic.AtomicLong();

    private record SentTokens(String resultId, int[] data) {
    }

    @Override
    public CompletableFuture<SemanticTokens> semanticTokensFull(SemanticTokensParams params) {
        return withDocument(() -> params.getTextDocument().getUri(), new SemanticTokens(List.of()), d -> {
            int[] data = Convert.semanticTokens(io.tapls.features.SemanticTokens.lines(workspace, d, null));
            return new SemanticTokens(remember(d, data), boxed(data, 0, data.length));
        });
    }

    /** The edit from the tokens last sent (when the client names them) to the current ones: one splice. */
    @Override
    public CompletableFuture<Either<SemanticTokens, SemanticTokensDelta>> semanticTokensFullDelta(
            SemanticTokensDeltaParams params) {
        return withDocument(() -> params.getTextDocument().getUri(), Either.forLeft(new SemanticTokens(List.of())),
                d -> {
                    int[] data = Convert.semanticTokens(io.tapls.features.SemanticTokens.lines(workspace, d, null));
                    SentTokens before = sentTokens.get(d.uri());
                    String id = remember(d, data);
                    if (before == null || !before.resultId().equals(params.getPreviousResultId())) {
                        return Either.forLeft(new SemanticTokens(id, boxed(data, 0, data.length)));
                    }
                    int[] old = before.data();
                    int prefix = 0;
                    while (prefix < old.length && prefix < data.length && old[prefix] == data[prefix]) {
                        prefix++;
                    }
                    int suffix = 0;
                    while (suffix < old.length - prefix && suffix < data.length - prefix
                            && old[old.length - 1 - suffix] == data[data.length - 1 - suffix]) {
                        suffix++;
                    }
                    List<SemanticTokensEdit> edits = prefix == old.length && prefix == data.length ? List.of()
                            : List.of(new SemanticTokensEdit(prefix, old.length - prefix - suffix,
                                    boxed(data, prefix, data.length - suffix)));
                    return Either.forRight(new SemanticTokensDelta(edits, id));
                });
    }

    @Override
    public CompletableFuture<SemanticTokens> semanticTokensRange(SemanticTokensRangeParams params) {
        return withDocument(() -> params.getTextDocument().getUri(), new SemanticTokens(List.of()), d -> {
            if (params.getRange() == null) {
                return new SemanticTokens(List.of());
            }
            int[] data = Convert.semanticTokens(io.tapls.features.SemanticTokens.lines(workspace, d,
                    Convert.span(d.text(), params.getRange())));
            return new SemanticTokens(boxed(data, 0, data.length));
        });
    }

    /**
     * Keeps the tokens sent for a document, while it is open. A request still running when its document is
     * closed must not put them back after didClose removed them: that leaked one entry per such race, for good
     * (EditStormIT's open/close cycles). Put first, then check: didClose closes first, then removes.
     */
    private String remember(Document d, int[] data) {
        String id = Long.toString(tokenResults.incrementAndGet());
        SentTokens sent = new SentTokens(id, data);
        sentTokens.put(d.uri(), sent);
        if (workspace.document(d.uri()) == null) {
            sentTokens.remove(d.uri(), sent);
        }
        return id;
    }

    private static List<Integer> boxed(int[] data, int from, int to) {
        List<Integer> out = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) {
            out.add(data[i]);
        }
        return out;
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
            if (params.getRange() == null) {
                return List.<Either<Command, CodeAction>>of();
            }
            List<String> only = params.getContext() == null ? null : params.getContext().getOnly();
            List<Either<Command, CodeAction>> out = new ArrayList<>();
            for (CodeAction a : actionsAt(d, params.getRange(), only)) {
                if (resolveEdits && a.getEdit() != null && createsFiles(a.getEdit())) {
                    // The files' whole text (megabytes for a big trace-events file) is sent only for the action
                    // the user picks, through codeAction/resolve: asked at every move of the cursor, the list
                    // carries titles.
                    a.setEdit(null);
                    a.setData(Map.of("uri", d.uri(), "range", params.getRange(), "kind", a.getKind()));
                }
                out.add(Either.forRight(a));
            }
            return out;
        });
    }

    /** The edit of an action listed without one: the same action computed again, for the text of now. */
    @Override
    public CompletableFuture<CodeAction> resolveCodeAction(CodeAction unresolved) {
        if (!(unresolved.getData() instanceof com.google.gson.JsonObject data) || !data.has("uri")
                || !data.has("range") || !data.has("kind")) {
            return CompletableFuture.completedFuture(unresolved);
        }
        Range range;
        try {
            range = new com.google.gson.Gson().fromJson(data.get("range"), Range.class);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(unresolved);
        }
        String kind = data.get("kind").getAsString();
        return withDocument(() -> data.get("uri").getAsString(), unresolved, d -> {
            for (CodeAction a : actionsAt(d, range, List.of(kind))) {
                if (a.getTitle().equals(unresolved.getTitle()) && kind.equals(a.getKind())) {
                    return a;
                }
            }
            return unresolved; // the text changed and the action is gone: nothing to apply
        });
    }

    private static boolean createsFiles(WorkspaceEdit edit) {
        return edit.getDocumentChanges() != null && edit.getDocumentChanges().stream().anyMatch(Either::isRight);
    }

    /** Every code action at a range, with its edit, of the kinds asked for (all when {@code only} is null). */
    private List<CodeAction> actionsAt(Document d, Range range, List<String> only) {
        List<CodeAction> out = new ArrayList<>();
        SourceText text = d.text();
        if (wanted(only, CodeActionKind.QuickFix)) {
            for (QuickFix q : CodeActions.quickFixes(workspace, d, Convert.span(text, range))) {
                CodeAction action = new CodeAction(q.fix().title());
                action.setKind(CodeActionKind.QuickFix);
                action.setDiagnostics(List.of(Convert.diagnostic(text, q.diagnostic())));
                action.setEdit(new WorkspaceEdit(Map.of(d.uri(), Convert.edits(text, q.fix().edits()))));
                action.setIsPreferred(q.preferred());
                out.add(action);
            }
        }
        int at = Convert.offset(text, range.getStart());
        List<CodeAction> actions = new ArrayList<>();
        if (wanted(only, CodeActionKind.Refactor)) {
            String event = GenerateTapset.eventAt(d, at).map(e -> e.name()).orElse(null);
            for (Action a : GenerateTapset.eventActions(workspace, d, at)) {
                actions.add(codeAction(d, a, overwrite -> List.of(d.uri(), overwrite, event)));
            }
            for (Action a : AddProbe.actions(workspace, d, at)) {
                actions.add(codeAction(d, a, overwrite -> List.of(d.uri(), event), ADD_PROBE_COMMAND));
            }
        }
        if (wanted(only, CodeActionKind.RefactorRewrite)) {
            InsertPrintf.action(workspace, d, at).ifPresent(a -> actions.add(codeAction(d, a, null)));
        }
        if (wanted(only, CodeActionKind.Source)) {
            for (Action a : GenerateTapset.actions(workspace, d)) {
                actions.add(codeAction(d, a, overwrite -> List.of(d.uri(), overwrite)));
            }
        }
        for (CodeAction a : actions) {
            if (wanted(only, a.getKind())) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * Whether a code action's kind is among those the client asked for: LSP's kinds are hierarchical, so
     * {@code refactor} takes {@code refactor.rewrite}. No {@code only} means every kind.
     */
    private static boolean wanted(List<String> only, String kind) {
        if (only == null || only.isEmpty()) {
            return true;
        }
        for (String o : only) {
            if (kind.equals(o) || kind.startsWith(o + ".")) {
                return true;
            }
        }
        return false;
    }

    private CodeAction codeAction(Document d, Action a, Function<Boolean, List<Object>> commandArguments) {
        return codeAction(d, a, commandArguments, GENERATE_COMMAND);
    }

    /**
     * A feature's action: edits of the current document go to its URI, other files' to their file URIs. An
     * action that creates files does so with CreateFile operations, or, for a client that cannot apply them, by
     * the command that has the server write them ({@code command} with {@code commandArguments(overwrite)}).
     */
    private CodeAction codeAction(Document d, Action a, Function<Boolean, List<Object>> commandArguments,
                                  String command) {
        CodeAction action = new CodeAction(a.title());
        action.setKind(switch (a.kind()) {
            case QUICK_FIX -> CodeActionKind.QuickFix;
            case REFACTOR -> CodeActionKind.RefactorRewrite;
            case GENERATE -> CodeActionKind.Refactor;
            case SOURCE -> CodeActionKind.Source;
        });
        if (a.changes().stream().anyMatch(c -> c instanceof Action.Create)) {
            boolean overwrite = a.changes().stream().anyMatch(c -> c instanceof Action.Create k && k.overwrite());
            if (resourceOperations || commandArguments == null) {
                List<Either<TextDocumentEdit, ResourceOperation>> ops = new ArrayList<>();
                for (Action.Change c : a.changes()) {
                    if (c instanceof Action.Create k) {
                        String uri = java.nio.file.Path.of(k.path()).toUri().toString();
                        // Never ignoreIfExists: the edit that fills the file follows, and would then go into
                        // an existing file (one made since the action was offered, or by applying it twice). A
                        // create that fails on an existing file fails the whole edit, touching nothing.
                        CreateFileOptions options = new CreateFileOptions(k.overwrite(), false);
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
                action.setCommand(new Command(a.title(), command, commandArguments.apply(overwrite)));
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
