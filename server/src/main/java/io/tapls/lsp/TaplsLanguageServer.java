package io.tapls.lsp;

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
    /** The files whose changes on disk matter: trace-events files, and tapsets a script may use. */
    static final List<String> WATCHED = List.of("**/trace-events", "**/trace-events-all", "**/*.trace-events",
            "**/*.stp", "**/*.stpm");

    private final Workspace workspace = new Workspace(List.of(), Settings.defaults());
    private final DiagnosticScheduler diagnostics;
    private final TaplsTextDocumentService documents;
    private final AtomicInteger progressTokens = new AtomicInteger();
    private volatile LanguageClient client;
    private volatile ClientCapabilities capabilities = new ClientCapabilities();
    private volatile boolean shutdown;
    // LSP: exit code 0 after a shutdown request, 1 without one.
    private volatile Runnable onExit = () -> System.exit(shutdown ? 0 : 1);

    public TaplsLanguageServer() {
        diagnostics = new DiagnosticScheduler(workspace, this::publish);
        documents = new TaplsTextDocumentService(workspace, diagnostics, this::clear);
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
            }

            @Override
            public void scriptContextChanged() {
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
        caps.setExecuteCommandProvider(new ExecuteCommandOptions(List.of(TaplsTextDocumentService.GENERATE_COMMAND)));
        documents.initialized = true;
        caps.setPositionEncoding("utf-16"); // the only encoding tapls speaks, and LSP's default
        caps.setDocumentSymbolProvider(true);
        caps.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix,
                CodeActionKind.RefactorRewrite, CodeActionKind.Source)));
        WorkspaceFoldersOptions folders = new WorkspaceFoldersOptions();
        folders.setSupported(true);
        folders.setChangeNotifications(true);
        caps.setWorkspace(new WorkspaceServerCapabilities(folders));
        return CompletableFuture.completedFuture(new InitializeResult(caps, new ServerInfo("tapls", TaplsVersion.get())));
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
                addRoot(roots, f.getUri());
            }
        }
        if (roots.isEmpty() && params.getRootUri() != null) {
            addRoot(roots, params.getRootUri());
        }
        if (roots.isEmpty() && params.getRootPath() != null) {
            roots.add(Path.of(params.getRootPath()));
        }
        return roots;
    }

    private static void addRoot(List<Path> roots, String uri) {
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
        registerFileWatchers();
        // Start indexing the library now, in the background, so that the first script opened waits less.
        if (!workspace.settings().syntaxOnly()) {
            workspace.libraryIndex();
        }
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
                    if (e != null && e.getUri() != null && e.getUri().startsWith("file:")) {
                        paths.add(Path.of(Workspace.pathOf(e.getUri())));
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
                });
            }

            @Override
            public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
                if (params == null || !TaplsTextDocumentService.GENERATE_COMMAND.equals(params.getCommand())) {
                    return failed(ResponseErrorCode.InvalidParams, "unknown command");
                }
                List<Object> args = params.getArguments() == null ? List.of() : params.getArguments();
                String uri = args.isEmpty() ? null : string(args.get(0));
                boolean overwrite = args.size() > 1 && "true".equals(string(args.get(1)));
                Document d = uri == null ? null : workspace.document(uri);
                if (d == null) {
                    return failed(ResponseErrorCode.InvalidParams, "the first argument is not an open document's URI");
                }
                return CompletableFuture.supplyAsync(() -> {
                    try {
                        return GenerateTapset.write(workspace, d, overwrite);
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
                    for (WorkspaceFolder f : params.getEvent().getRemoved()) {
                        roots.remove(Path.of(Workspace.pathOf(f.getUri())).toAbsolutePath().normalize());
                    }
                }
                if (params.getEvent().getAdded() != null) {
                    for (WorkspaceFolder f : params.getEvent().getAdded()) {
                        addRoot(roots, f.getUri());
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

    private void publish(Document d) {
        LanguageClient c = client;
        if (c == null) {
            return;
        }
        c.publishDiagnostics(new PublishDiagnosticsParams(d.uri(),
                workspace.diagnostics(d).stream().map(x -> Convert.diagnostic(d.text(), x)).toList(), d.version()));
    }

    void clear(String uri) {
        LanguageClient c = client;
        if (c != null) {
            c.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
        }
    }
}
