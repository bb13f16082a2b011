package io.tapls.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** Runs the server over stdio. Stdout is the protocol: anything else printed goes to stderr. */
public final class ServerLauncher {
    private ServerLauncher() {
    }

    public static int runStdio() {
        InputStream in = System.in;
        OutputStream out = System.out;
        System.setOut(new PrintStream(System.err, true)); // a stray print must never corrupt the channel
        return run(in, out);
    }

    /** One line per log record on stderr, no stack traces: malformed input is the client's, not a crash. */
    private static void quietLogging() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        for (java.util.logging.Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        java.util.logging.StreamHandler handler = new java.util.logging.StreamHandler(System.err,
                new java.util.logging.Formatter() {
                    @Override
                    public String format(java.util.logging.LogRecord r) {
                        String message = r.getMessage();
                        if (r.getThrown() != null && (message == null || message.isEmpty()
                                || message.equals(r.getThrown().toString()))) {
                            message = String.valueOf(r.getThrown().getMessage());
                        }
                        return "tapls: " + r.getLevel().getName().toLowerCase(java.util.Locale.ROOT) + ": "
                                + String.valueOf(message).lines().findFirst().orElse("") + System.lineSeparator();
                    }
                }) {
            @Override
            public synchronized void publish(java.util.logging.LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        root.addHandler(handler);
    }

    /**
     * What a failed request answers. lsp4j's service interfaces declare every LSP method with a default body that
     * throws UnsupportedOperationException: a method tapls does not implement is "method not found" (-32601), as
     * the protocol says, not an internal error with a stack trace in the log.
     */
    static ResponseError responseError(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause != cause.getCause()) {
            if (cause instanceof ResponseErrorException) {
                break;
            }
            cause = cause.getCause();
        }
        if (cause instanceof ResponseErrorException r) {
            return r.getResponseError();
        }
        if (cause instanceof UnsupportedOperationException) {
            return new ResponseError(ResponseErrorCode.MethodNotFound, "tapls does not implement this method", null);
        }
        System.err.println("tapls: a request failed: " + cause);
        return new ResponseError(ResponseErrorCode.InternalError, "tapls: " + cause, null);
    }

    public static int run(InputStream in, OutputStream out) {
        quietLogging();
        TaplsLanguageServer server = new TaplsLanguageServer();
        IdleHeapTrim trim = IdleHeapTrim.start();
        // No strict validation: editors send slightly different shapes; requests check what they use.
        Launcher<LanguageClient> launcher = new LSPLauncher.Builder<LanguageClient>()
                .setLocalService(server)
                .setRemoteInterface(LanguageClient.class)
                .setInput(in)
                .setOutput(out)
                .setExceptionHandler(ServerLauncher::responseError)
                .wrapMessages(consumer -> message -> {
                    trim.touch();
                    consumer.consume(message);
                })
                .create();
        server.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        try {
            listening.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            System.err.println("tapls: the connection failed: " + e.getCause());
        }
        return server.isShutdown() ? 0 : 1;
    }
}
