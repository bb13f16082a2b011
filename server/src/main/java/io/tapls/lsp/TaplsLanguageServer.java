package io.tapls.lsp;

import io.tapls.features.AddProbe;
import io.tapls.features.GenerateTapset;
import io.tapls.features.WorkspaceSymbols;
import io.tapls.workspace.Document;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Settings;
import io.tapls.workspace.TaplsVersion;
import io.tapls.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions;
import org.eclipse.lsp4j.DidChangeWorkspaceFoldersParams;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.FileSystemWatcher;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.SemanticTokensServerFull;
import org.eclipse.lsp4j.SemanticTokensWithRegistrationOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.SignatureHelpOptions;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.WorkspaceFoldersOptions;
import org.eclipse.lsp4j.WorkspaceServerCapabilities;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/** The tapls language server: capabilities, lifecycle, settings; documents go to the text service. */
public final class TaplsLanguageServer implements LanguageServer, LanguageClientAware {
    /**
     * The files whose changes on disk matter: trace-events files, tapsets a script may use, and the C sources
     * where events are called (CSourceCache.isSourceName).
     */
    static final List<String> WATCHED = List.of("**/trace-events", "**/trace-events-all", "**/*.trace-events",
            "**/*.stp", "**/*.stpm", "**/*.d", "**/*.{c,h,cc,cpp,cxx,hh,hpp,m}", "**/*.{c,h}.inc");

    /**
     * How many requests are computed at once. The rest wait in a queue, where a cancelled one never starts.
     * CompletableFuture's default executor runs a new thread per task on a machine with two cores (the common
     * pool has one thread there, too few for it): 1,000 requests in flight were 1,000 threads, and the thread that
     * reads the client's messages, its cancellations among them, got a thousandth of the CPU, so that every
     * cancelled request was computed anyway. A few more threads than cores: a script's request may wait for the
     * library index while others go on.
     */
    static final int REQUEST_THREADS = Math.min(8, Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));

    private final java.util.concurrent.ExecutorService requests = java.util.concurrent.Executors.newFixedThreadPool(
            REQUEST_THREADS, new java.util.concurrent.ThreadFactory() {
                private final AtomicInteger count = new AtomicInteger();

                @Override
                public Thread newThread(Runnable r) {
                    Thread t = new Thread(r, "tapls-request-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }
            });
    private final Workspace workspace = new Workspace(List.of(), Settings.defaults());
    private final DiagnosticScheduler diagnostics;
    private final TaplsTextDocumentService documents;
    private final AtomicInteger progressTokens = new AtomicInteger();
    private volatile LanguageClient client;
    private volatile ClientCapabilities capabilities = new ClientCapabilities();
    private volatile boolean shutdown;
    /** Whether the client has sent {@code initialized}: the server may send it requests from then on. */
    private volatile boolean clientInitialized;
    // LSP: exit code 0 after a shutdown request, 1 without one.
    private volatile Runnable onExit = () -> System.exit(shutdown ? 0 : 1);

    public TaplsLanguageServer() {
        diagnostics = new DiagnosticScheduler(workspace, this::publish);
        documents = new TaplsTextDocumentService(workspace, diagnostics, this::clear, requests);
        workspace.addListener(new Workspace.Listener() {
            private volatile CompletableFuture<String> token;

            @Override
            public void indexingStarted(List<Path> roots) {
                token = beginProgress("Indexing SystemTap tapsets",
                        roots.isEmpty() ? "no tapset directories" : roots.size() + " tapset directories");
            }

            @Override
            public void indexingDone(int aliases, int functions) {
                endProgress(token, aliases + " probe aliases, " + functions + " functions");
                refreshSemanticTokens(); // scripts' tokens were computed without the library until now
            }

            @Override
            public void callSitesChanged() {
                for (Document d : workspace.documents()) {
                    if (d.kind() == FileKind.TRACE_EVENTS || d.kind() == FileKind.PROVIDER) {
                        diagnostics.afterOthers(d); // their unused events (probes) may have changed
                    }
                }
            }

            @Override
            public void scriptContextChanged() {
                refreshSemanticTokens(); // the variables the workspace's aliases bind may have changed
                for (Document d : workspace.documents()) {
                    if (d.kind() == FileKind.STAP) {
                        diagnostics.afterOthers(d);
                    }
                }
            }
        });
    }

    @Override
    public void connect(LanguageClient languageClient) {
        this.client = languageClient;
    }

    void onExit(Runnable action) {
        this.onExit = action;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        if (params.getCapabilities() != null) {
            capabilities = params.getCapabilities();
        }
        workspace.setRoots(roots(params));
        if (params.getInitializationOptions() != null) {
            applySettings(params.getInitializationOptions());
        }
        if (params.getProcessId() != null) {
            ParentProcessWatcher.watch(params.getProcessId(), () -> onExit.run());
        }
        ServerCapabilities caps = new ServerCapabilities();
        caps.setTextDocumentSync(TextDocumentSyncKind.Incremental);
        caps.setHoverProvider(true);
        caps.setDefinitionProvider(true);
        caps.setReferencesProvider(true);
        caps.setDocumentHighlightProvider(true);
        caps.setRenameProvider(new RenameOptions(true));
        caps.setSignatureHelpProvider(new SignatureHelpOptions(List.of("(", ",")));
        caps.setFoldingRangeProvider(true);
        caps.setWorkspaceSymbolProvider(true);
        caps.setCompletionProvider(new CompletionOptions(false, List.of(".", "%", "@", "$")));
        documents.snippets = snippetSupport(capabilities);
        documents.resourceOperations = resourceOperations(capabilities);
        documents.resolveEdits = resolveEdits(capabilities);
        caps.setExecuteCommandProvider(new ExecuteCommandOptions(List.of(TaplsTextDocumentService.GENERATE_COMMAND,
                TaplsTextDocumentService.ADD_PROBE_COMMAND)));
        documents.initialized = true;
        caps.setPositionEncoding("utf-16"); // the only encoding tapls speaks, and LSP's default
        caps.setDocumentSymbolProvider(true);
        caps.setSemanticTokensProvider(new SemanticTokensWithRegistrationOptions(Convert.semanticTokensLegend(),
                new SemanticTokensServerFull(true), true));
        CodeActionOptions codeActions = new CodeActionOptions(List.of(CodeActionKind.QuickFix, CodeActionKind.Refactor,
                CodeActionKind.RefactorRewrite, CodeActionKind.Source));
        codeActions.setResolveProvider(true);
        caps.setCodeActionProvider(codeActions);
        WorkspaceFoldersOptions folders = new WorkspaceFoldersOptions();
        folders.setSupported(true);
        folders.setChangeNotifications(true);
        caps.setWorkspace(new WorkspaceServerCapabilities(folders));
        return CompletableFuture.completedFuture(new InitializeResult(caps, new ServerInfo("tapls", TaplsVersion.get())));
    }

    /**
     * Asks the client to request semantic tokens again, when it takes such requests; not before it has sent
     * {@code initialized} (the settings given to initialize change the context too, before it is answered).
     */
    private void refreshSemanticTokens() {
        LanguageClient c = client;
        var ws = capabilities.getWorkspace();
        if (c != null && clientInitialized && ws != null && ws.getSemanticTokens() != null
                && Boolean.TRUE.equals(ws.getSemanticTokens().getRefreshSupport())) {
            c.refreshSemanticTokens().exceptionally(e -> null);
        }
    }

    private static boolean resolveEdits(ClientCapabilities caps) {
        var text = caps.getTextDocument();
        var codeAction = text == null ? null : text.getCodeAction();
        var resolve = codeAction == null ? null : codeAction.getResolveSupport();
        return resolve != null && resolve.getProperties() != null && resolve.getProperties().contains("edit");
    }

    private static boolean resourceOperations(ClientCapabilities caps) {
        var ws = caps.getWorkspace();
        var edit = ws == null ? null : ws.getWorkspaceEdit();
        return edit != null && Boolean.TRUE.equals(edit.getDocumentChanges()) && edit.getResourceOperations() != null
                && edit.getResourceOperations().contains("create");
    }

    private static boolean snippetSupport(ClientCapabilities caps) {
        var text = caps.getTextDocument();
        return text != null && text.getCompletion() != null && text.getCompletion().getCompletionItem() != null
                && Boolean.TRUE.equals(text.getCompletion().getCompletionItem().getSnippetSupport());
    }

    private static List<Path> roots(InitializeParams params) {
        List<Path> roots = new ArrayList<>();
        if (params.getWorkspaceFolders() != null) {
            for (WorkspaceFolder f : params.getWorkspaceFolders()) {
                addPath(roots, f.getUri());
            }
        }
        if (roots.isEmpty() && params.getRootUri() != null) {
            addPath(roots, params.getRootUri());
        }
        if (roots.isEmpty() && params.getRootPath() != null) {
            roots.add(Path.of(params.getRootPath()));
        }
        return roots;
    }

    /** Adds a file: URI's path, when it names one on this machine. */
    private static void addPath(List<Path> roots, String uri) {
        if (uri != null && uri.startsWith("file:")) {
            try {
                roots.add(Path.of(Workspace.pathOf(uri)));
            } catch (RuntimeException e) {
                // not a path on this machine: no files on disk to read there
            }
        }
    }

    @Override
    public void initialized(InitializedParams params) {
        clientInitialized = true;
        registerFileWatchers();
        // Start indexing the library now, in the background, so that the first script opened waits less.
        if (!workspace.settings().syntaxOnly()) {
            workspace.libraryIndex();
        }
        scanCSources();
    }

    /**
     * Scans the C sources under the roots in the background, so that the first reference, hover or rename on
     * an event does not wait for it; with a progress report when there are C files to read.
     */
    private void scanCSources() {
        // No event to look for, nothing to scan for (yet: a request that needs the index builds it). A DTrace
        // provider file's probes, once the workspace knows them, are events of this kind too.
        if (workspace.roots().isEmpty()) {
            return;
        }
        CompletableFuture.runAsync(() -> {
            if (workspace.traceEventsPaths().isEmpty()) {
                return; // a walk of the folders: not on the thread that reads the client's messages
            }
            int files = workspace.callSites().files().size(); // finds them: a walk of the folders
            if (files == 0) {
                return;
            }
            CompletableFuture<String> token = beginProgress("Scanning C sources for trace calls",
                    files + (files == 1 ? " C file" : " C files"));
            long start = System.nanoTime();
            try {
                workspace.callSites().index();
                endProgress(token, files + " C files, " + (System.nanoTime() - start) / 1_000_000 + " ms");
            } catch (RuntimeException e) {
                endProgress(token, "failed: " + e);
            }
        });
    }

    private void registerFileWatchers() {
        LanguageClient c = client;
        var ws = capabilities.getWorkspace();
        if (c == null || ws == null || ws.getDidChangeWatchedFiles() == null
                || !Boolean.TRUE.equals(ws.getDidChangeWatchedFiles().getDynamicRegistration())) {
            return;
        }
        List<FileSystemWatcher> watchers = WATCHED.stream()
                .map(g -> new FileSystemWatcher(Either.forLeft(g))).toList();
        c.registerCapability(new RegistrationParams(List.of(new Registration("tapls-watched-files",
                "workspace/didChangeWatchedFiles", new DidChangeWatchedFilesRegistrationOptions(watchers)))));
    }

    private void applySettings(Object raw) {
        ClientSettings parsed = ClientSettings.parse(raw, this::warn);
        Path base = workspace.roots().isEmpty() ? null : workspace.roots().get(0);
        workspace.updateSettings(parsed.toSettings(base, this::warn));
    }

    private void warn(String message) {
        System.err.println("tapls: " + message);
        LanguageClient c = client;
        if (c != null) {
            c.logMessage(new MessageParams(MessageType.Warning, "tapls: " + message));
        }
    }

    /**
     * Starts a work-done progress report when the client takes them: the token once the client has
     * accepted it, or null. Never waits for the client (this may run on the thread that reads its answers).
     */
    private CompletableFuture<String> beginProgress(String title, String message) {
        LanguageClient c = client;
        var window = capabilities.getWindow();
        if (c == null || window == null || !Boolean.TRUE.equals(window.getWorkDoneProgress())) {
            return CompletableFuture.completedFuture(null);
        }
        String token = "tapls-progress-" + progressTokens.incrementAndGet();
        return c.createProgress(new WorkDoneProgressCreateParams(Either.forLeft(token))).thenApply(x -> {
            WorkDoneProgressBegin begin = new WorkDoneProgressBegin();
            begin.setTitle(title);
            begin.setMessage(message);
            c.notifyProgress(new ProgressParams(Either.forLeft(token), Either.forLeft(begin)));
            return token;
        }).exceptionally(e -> null); // refused or failed: no progress report, nothing else changes
    }

    private void endProgress(CompletableFuture<String> started, String message) {
        LanguageClient c = client;
        if (c == null || started == null) {
            return;
        }
        started.thenAccept(token -> {
            if (token != null) {
                WorkDoneProgressEnd end = new WorkDoneProgressEnd();
                end.setMessage(message);
                c.notifyProgress(new ProgressParams(Either.forLeft(token), Either.forLeft(end)));
            }
        });
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdown = true;
        documents.shutDown = true;
        diagnostics.shutdown();
        workspace.shutdown();
        requests.shutdown(); // what runs finishes; nothing new is accepted after shutdown
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        onExit.run();
    }

    boolean isShutdown() {
        return shutdown;
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return documents;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return new WorkspaceService() {
            @Override
            public void didChangeConfiguration(DidChangeConfigurationParams params) {
                if (params == null || !ClientSettings.present(params.getSettings())) {
                    return; // another extension's settings, or a bare notification
                }
                applySettings(params.getSettings());
                workspace.documents().forEach(diagnostics::now);
            }

            @Override
            public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
                if (params == null || params.getChanges() == null) {
                    return;
                }
                List<Path> paths = new ArrayList<>();
                for (FileEvent e : params.getChanges()) {
                    if (e != null) {
                        addPath(paths, e.getUri());
                    }
                }
                workspace.filesChanged(paths);
            }

            @Override
            public CompletableFuture<Either<List<? extends SymbolInformation>, List<? extends WorkspaceSymbol>>> symbol(
                    WorkspaceSymbolParams params) {
                return CompletableFuture.supplyAsync(() -> {
                    List<WorkspaceSymbol> out = new ArrayList<>();
                    for (WorkspaceSymbols.Symbol s : WorkspaceSymbols.symbols(workspace, params.getQuery())) {
                        out.add(new WorkspaceSymbol(s.name(), Convert.symbolKind(s.kind()), Either.forLeft(Convert.location(s.location())),
                                s.container()));
                    }
                    return Either.forRight(out);
                }, requests);
            }

            @Override
            public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
                String command = params == null ? null : params.getCommand();
                boolean generate = TaplsTextDocumentService.GENERATE_COMMAND.equals(command);
                if (!generate && !TaplsTextDocumentService.ADD_PROBE_COMMAND.equals(command)) {
                    return failed(ResponseErrorCode.InvalidParams, "unknown command");
                }
                List<Object> args = params.getArguments() == null ? List.of() : params.getArguments();
                String uri = args.isEmpty() ? null : string(args.get(0));
                Document d = uri == null ? null : workspace.document(uri);
                if (d == null) {
                    return failed(ResponseErrorCode.InvalidParams, "the first argument is not an open document's URI");
                }
                // generate: [uri, overwrite, event?]; add probe: [uri, event]
                boolean overwrite = generate && args.size() > 1 && "true".equals(string(args.get(1)));
                int eventAt = generate ? 2 : 1;
                String event = args.size() > eventAt && args.get(eventAt) != null
                        && !(args.get(eventAt) instanceof com.google.gson.JsonNull) ? string(args.get(eventAt)) : null;
                if (!generate && event == null) {
                    return failed(ResponseErrorCode.InvalidParams, "the second argument must name an event");
                }
                return org.eclipse.lsp4j.jsonrpc.CompletableFutures.computeAsync(requests, cancel -> {
                    cancel.checkCanceled(); // cancelled while queued: the client was told so, write nothing
                    try {
                        return generate ? GenerateTapset.write(workspace, d, event, overwrite)
                                : List.of(AddProbe.write(workspace, d, event));
                    } catch (java.io.IOException e) {
                        throw new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed,
                                e.getMessage(), null));
                    }
                });
            }

            @Override
            public void didChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams params) {
                if (params == null || params.getEvent() == null) {
                    return;
                }
                List<Path> roots = new ArrayList<>(workspace.roots());
                if (params.getEvent().getRemoved() != null) {
                    List<Path> removed = new ArrayList<>();
                    for (WorkspaceFolder f : params.getEvent().getRemoved()) {
                        if (f != null) {
                            addPath(removed, f.getUri());
                        }
                    }
                    removed.forEach(r -> roots.remove(r.toAbsolutePath().normalize()));
                }
                if (params.getEvent().getAdded() != null) {
                    for (WorkspaceFolder f : params.getEvent().getAdded()) {
                        if (f != null) {
                            addPath(roots, f.getUri());
                        }
                    }
                }
                workspace.setRoots(roots);
            }
        };
    }

    private static String string(Object o) {
        return o instanceof com.google.gson.JsonPrimitive p ? p.getAsString() : String.valueOf(o);
    }

    private static <T> CompletableFuture<T> failed(ResponseErrorCode code, String message) {
        CompletableFuture<T> f = new CompletableFuture<>();
        f.completeExceptionally(new ResponseErrorException(new ResponseError(code, message, null)));
        return f;
    }

    /**
     * Publishing a document's diagnostics and clearing those of a closed one, one at a time. A script's take tens of
     * milliseconds to compute: a document closed meanwhile had its clearing sent first, and then the computed
     * ones, which stayed in the editor for a file no longer open (8 of 60 documents closed while being checked,
     * EditStormIT). didClose closes the document before it clears: a publication that finds it closed is dropped.
     */
    private final Object publishing = new Object();

    private void publish(Document d) {
        LanguageClient c = client;
        if (c == null) {
            return;
        }
        List<org.eclipse.lsp4j.Diagnostic> found = workspace.diagnostics(d).stream()
                .map(x -> Convert.diagnostic(d.text(), x)).toList();
        synchronized (publishing) {
            if (workspace.document(d.uri()) == null) {
                return;
            }
            c.publishDiagnostics(new PublishDiagnosticsParams(d.uri(), found, d.version()));
        }
    }

    void clear(String uri) {
        LanguageClient c = client;
        if (c != null) {
            synchronized (publishing) {
                c.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
            }
        }
    }
}
