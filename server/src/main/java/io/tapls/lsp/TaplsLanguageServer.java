package io.tapls.lsp;

import io.tapls.cli.Main;
import io.tapls.workspace.Document;
import io.tapls.workspace.Workspace;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/** The tapls language server: capabilities, lifecycle, settings; documents go to the text service. */
public final class TaplsLanguageServer implements LanguageServer, LanguageClientAware {
    private final Workspace workspace = new Workspace();
    private final DiagnosticScheduler diagnostics;
    private final TaplsTextDocumentService documents;
    private volatile LanguageClient client;
    private volatile boolean shutdown;
    // LSP: exit code 0 after a shutdown request, 1 without one.
    private volatile Runnable onExit = () -> System.exit(shutdown ? 0 : 1);

    public TaplsLanguageServer() {
        diagnostics = new DiagnosticScheduler(workspace::get, this::publish);
        documents = new TaplsTextDocumentService(workspace, diagnostics, this::clear);
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
        if (params.getInitializationOptions() != null) {
            workspace.setOptions(Settings.from(params.getInitializationOptions()).toOptions());
        }
        if (params.getProcessId() != null) {
            ParentProcessWatcher.watch(params.getProcessId(), () -> onExit.run());
        }
        ServerCapabilities caps = new ServerCapabilities();
        caps.setTextDocumentSync(TextDocumentSyncKind.Incremental);
        caps.setHoverProvider(true);
        caps.setDocumentSymbolProvider(true);
        caps.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
        return CompletableFuture.completedFuture(new InitializeResult(caps, new ServerInfo("tapls", Main.version())));
    }

    @Override
    public void initialized(InitializedParams params) {
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdown = true;
        diagnostics.shutdown();
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
                workspace.setOptions(Settings.from(params.getSettings()).toOptions());
                workspace.all().forEach(diagnostics::now);
            }

            @Override
            public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
            }
        };
    }

    private void publish(Document d) {
        LanguageClient c = client;
        if (c == null) {
            return;
        }
        c.publishDiagnostics(new PublishDiagnosticsParams(d.uri(),
                d.diagnostics().stream().map(x -> Convert.diagnostic(d.text(), x)).toList(), d.version()));
    }

    void clear(String uri) {
        LanguageClient c = client;
        if (c != null) {
            c.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
        }
    }
}
