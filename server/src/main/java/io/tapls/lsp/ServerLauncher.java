package io.tapls.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import com.google.gson.GsonBuilder;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.json.ConcurrentMessageProcessor;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageConsumer;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;
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

    /**
     * How long the server waits, after a body's JSON has ended short of its Content-Length, for the bytes that
     * remain before it takes the length for wrong (Framing): a client that declared too many sends nothing more.
     */
    static final long QUIET_MILLIS = 1_000;

    /** The longest log line: a message quoting a client's whole message (lsp4j's do) is cut there. */
    static final int MAX_LOG_LINE = 300;

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
                        return "tapls: " + r.getLevel().getName().toLowerCase(java.util.Locale.ROOT) + ": "
                                + logLine(r.getMessage(), r.getThrown()) + System.lineSeparator();
                    }
                }) {
            @Override
            public synchronized void publish(java.util.logging.LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        // A cancellation that arrives after its request was answered is the protocol's normal race (LSP:
        // "the request may already have been answered"); lsp4j warns about each, 1,000 lines for 1,000 cancels.
        handler.setFilter(r -> !String.valueOf(r.getMessage()).startsWith("Unmatched cancel notification"));
        root.addHandler(handler);
    }

    /**
     * A log record as one line: lsp4j's messages quote the client's message as indented JSON over many lines,
     * and the exception (whose stack trace is not printed) says what went wrong.
     */
    static String logLine(String message, Throwable thrown) {
        String text = oneLine(message);
        if (thrown == null) {
            return cut(text, MAX_LOG_LINE);
        }
        // An exception's first line says what went wrong (gson's next ones link to its troubleshooting guide).
        String why = String.valueOf(thrown.getMessage()).lines().findFirst().orElse("").strip();
        if (text.isEmpty() || text.contains(why)) {
            return cut(text.isEmpty() ? why : text, MAX_LOG_LINE);
        }
        return cut(text, MAX_LOG_LINE / 2) + " (" + cut(thrown.getClass().getSimpleName() + ": " + why,
                MAX_LOG_LINE / 2) + ")";
    }

    /** The text's start on one line (lsp4j may quote megabytes of a client's input in a message). */
    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String head = s.length() > 4 * MAX_LOG_LINE ? s.substring(0, 4 * MAX_LOG_LINE) : s;
        return head.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
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
        // A thread's uncaught exception would print its stack trace over many lines: one line, like the rest.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> System.err.println("tapls: internal error on thread "
                + thread.getName() + ": " + cut(String.valueOf(e).lines().findFirst().orElse(""), MAX_LOG_LINE)));
        TaplsLanguageServer server = new TaplsLanguageServer();
        IdleHeapTrim trim = IdleHeapTrim.start();
        // No strict validation: editors send slightly different shapes; requests check what they use.
        Consumer<String> log = message -> System.err.println("tapls: " + message);
        Launcher<LanguageClient> launcher = new LSPLauncher.Builder<LanguageClient>() {
            private ProtocolEndpoint endpoint;

            /** lsp4j's, with JSON-RPC's ids read as JSON-RPC defines them ({@link JsonRpcMessages}). */
            @Override
            protected MessageJsonHandler createJsonHandler() {
                return new MessageJsonHandler(getSupportedMethods()) {
                    @Override
                    public GsonBuilder getDefaultGsonBuilder() {
                        return super.getDefaultGsonBuilder().registerTypeAdapterFactory(
                                new JsonRpcMessages.Factory(this));
                    }
                };
            }

            /** lsp4j's own, with the lifecycle rules of {@link ProtocolEndpoint} in front of the server. */
            @Override
            protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler jsonHandler) {
                MessageConsumer toClient = wrapMessageConsumer(new StreamMessageConsumer(output, jsonHandler));
                endpoint = new ProtocolEndpoint(toClient, ServiceEndpoints.toEndpoint(localServices),
                        exceptionHandler);
                jsonHandler.setMethodProvider(endpoint);
                endpoint.setJsonHandler(jsonHandler);
                return endpoint;
            }

            /** The client's messages read by {@link MessageReader}, not lsp4j's producer (built, never started). */
            @Override
            protected ConcurrentMessageProcessor createMessageProcessor(MessageProducer reader,
                    MessageConsumer messageConsumer, LanguageClient remoteProxy) {
                return new ConcurrentMessageProcessor(new MessageReader(new Framing(in, log, QUIET_MILLIS),
                        endpoint.getJsonHandler(), endpoint, log), messageConsumer);
            }
        }
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
