package io.tapls.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressNotification;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * A JSON-RPC client for tests: starts the real server (`java -jar tapls.jar lsp`) as a process and
 * talks LSP to it over its stdin/stdout, as an editor does.
 */
public final class LspClient implements AutoCloseable {
    public final Process process;
    public final LanguageServer server;
    public final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();
    /**
     * Every message the server sent, in order: "diagnostics URI", "progress begin|end", "register METHOD",
     * "refresh semanticTokens".
     */
    public final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final OutputStream toServer;
    private final StringBuilder stderr = new StringBuilder();

    private LspClient(Process process) {
        this.process = process;
        this.toServer = process.getOutputStream();
        LanguageClient client = new LanguageClient() {
            @Override
            public void telemetryEvent(Object object) {
            }

            @Override
            public void publishDiagnostics(PublishDiagnosticsParams params) {
                events.add("diagnostics " + params.getUri());
                diagnostics.add(params);
            }

            @Override
            public CompletableFuture<Void> createProgress(WorkDoneProgressCreateParams params) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void notifyProgress(ProgressParams params) {
                WorkDoneProgressNotification n = params.getValue().getLeft();
                events.add("progress " + n.getKind().name() + (n instanceof WorkDoneProgressBegin b
                        ? " " + b.getTitle() : n instanceof WorkDoneProgressEnd e ? " " + e.getMessage() : ""));
            }

            @Override
            public CompletableFuture<Void> registerCapability(RegistrationParams params) {
                params.getRegistrations().forEach(r -> events.add("register " + r.getMethod()));
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void showMessage(MessageParams params) {
            }

            @Override
            public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void logMessage(MessageParams params) {
            }

            @Override
            public CompletableFuture<Void> refreshSemanticTokens() {
                events.add("refresh semanticTokens");
                return CompletableFuture.completedFuture(null);
            }
        };
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, process.getInputStream(),
                toServer);
        launcher.startListening();
        this.server = launcher.getRemoteProxy();
        Thread errs = new Thread(() -> {
            // Line by line, so that a test sees what the server logged so far while it runs.
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (stderr) {
                        stderr.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
        });
        errs.setDaemon(true);
        errs.start();
    }

    public static LspClient start() throws IOException {
        return start(java.util.Map.of());
    }

    /** Starts the server with these environment variables set (over the tests' own). */
    public static LspClient start(java.util.Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", Cli.jar().toString(), "lsp"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        return new LspClient(pb.start());
    }

    public InitializeResult initialize(Object initializationOptions) throws Exception {
        InitializeParams params = new InitializeParams();
        params.setProcessId((int) ProcessHandle.current().pid());
        params.setInitializationOptions(initializationOptions);
        InitializeResult result = server.initialize(params).get(30, TimeUnit.SECONDS);
        server.initialized(new org.eclipse.lsp4j.InitializedParams());
        return result;
    }

    /** Initializes with the client's own params (workspace folders, capabilities), then sends initialized. */
    public InitializeResult initializeWith(InitializeParams params) throws Exception {
        params.setProcessId((int) ProcessHandle.current().pid());
        InitializeResult result = server.initialize(params).get(30, TimeUnit.SECONDS);
        server.initialized(new org.eclipse.lsp4j.InitializedParams());
        return result;
    }

    /**
     * Initializes with these workspace folders and settings (JSON text, or null for none), as an editor does
     * when it opens a project.
     */
    public InitializeResult initializeIn(String settingsJson, java.nio.file.Path... folders) throws Exception {
        InitializeParams params = new InitializeParams();
        params.setWorkspaceFolders(java.util.Arrays.stream(folders).map(f -> new org.eclipse.lsp4j.WorkspaceFolder(
                f.toUri().toString(), String.valueOf(f.getFileName()))).toList());
        params.setInitializationOptions(settingsJson == null ? null : com.google.gson.JsonParser.parseString(
                settingsJson));
        return initializeWith(params);
    }

    /** The next event whose text starts with {@code prefix}, waiting up to {@code seconds}. */
    public String nextEvent(String prefix, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && e.startsWith(prefix)) {
                return e;
            }
        }
        throw new AssertionError("no '" + prefix + "' within " + seconds + " s; server stderr: " + stderr());
    }

    /** The next diagnostics published for a URI (skipping other URIs), waiting up to 10 s. */
    public PublishDiagnosticsParams nextDiagnostics(String uri) throws InterruptedException {
        return nextDiagnostics(uri, 10);
    }

    /** The next diagnostics published for a URI (skipping other URIs), waiting up to {@code seconds}. */
    public PublishDiagnosticsParams nextDiagnostics(String uri, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            PublishDiagnosticsParams p = diagnostics.poll(100, TimeUnit.MILLISECONDS);
            if (p != null && p.getUri().equals(uri)) {
                return p;
            }
        }
        throw new AssertionError("no diagnostics for " + uri + " within " + seconds + " s; server stderr: "
                + stderr());
    }

    /** Writes raw bytes to the server, as a broken client would. */
    public void sendRaw(String message) throws IOException {
        synchronized (toServer) {
            toServer.write(message.getBytes(StandardCharsets.UTF_8));
            toServer.flush();
        }
    }

    public String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
