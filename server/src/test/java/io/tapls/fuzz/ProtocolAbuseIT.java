package io.tapls.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tapls.testing.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protocol abuse over real JSON-RPC (issue 9, Build 4), with a client of the test's own that writes whatever bytes
 * it likes: malformed JSON, wrong parameter types, unknown methods and notifications, didChange for a document
 * never opened, out-of-range, negative and surrogate-splitting positions, a 50 MB document, 1,000 requests in
 * flight then cancelled, requests after shutdown. Every request gets a reply (a result or an error code), the
 * server stays alive, and a hover is still answered correctly afterwards.
 */
class ProtocolAbuseIT {
    @TempDir
    Path dir;
    private Process server;
    private OutputStream toServer;
    private final BlockingQueue<JsonObject> fromServer = new LinkedBlockingQueue<>();
    private final StringBuilder stderr = new StringBuilder();
    private int nextId = 1000;
    private String traceEventsUri;

    @BeforeEach
    void start() throws Exception {
        server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", Cli.jar().toString(), "lsp").start();
        toServer = server.getOutputStream();
        Thread reader = new Thread(() -> readFrames(server.getInputStream()), "abuse-reader");
        reader.setDaemon(true);
        reader.start();
        Thread errs = new Thread(() -> {
            try (InputStream e = server.getErrorStream()) {
                byte[] b = e.readAllBytes();
                synchronized (stderr) {
                    stderr.append(new String(b, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // gone
            }
        });
        errs.setDaemon(true);
        errs.start();
        JsonObject init = request("initialize", "{\"processId\":null,\"rootUri\":null,\"capabilities\":{}}");
        assertTrue(init.has("result"), init.toString());
        notify("initialized", "{}");
        Path te = dir.resolve("trace-events");
        String text = "qio_task_new(void *task, void *source) \"task=%p source=%p\"\n";
        Files.writeString(te, text);
        traceEventsUri = te.toUri().toString();
        notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"" + traceEventsUri + "\",\"languageId\":"
                + "\"qemu-trace-events\",\"version\":1,\"text\":" + new com.google.gson.Gson().toJson(text) + "}}");
    }

    @AfterEach
    void stop() {
        server.destroyForcibly();
    }

    // ------------------------------------------------------------------ the raw client

    private void readFrames(InputStream in) {
        try {
            while (true) {
                int length = -1;
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                while (true) {
                    int c = in.read();
                    if (c < 0) {
                        return;
                    }
                    if (c == '\n') {
                        String header = line.toString(StandardCharsets.US_ASCII).strip();
                        line.reset();
                        if (header.isEmpty()) {
                            break;
                        }
                        if (header.toLowerCase().startsWith("content-length:")) {
                            length = Integer.parseInt(header.substring(15).strip());
                        }
                    } else {
                        line.write(c);
                    }
                }
                byte[] body = in.readNBytes(length);
                fromServer.add(JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject());
            }
        } catch (IOException e) {
            // the server is gone
        }
    }

    private void sendBytes(byte[] body) throws IOException {
        toServer.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        toServer.write(body);
        toServer.flush();
    }

    private void send(String json) throws IOException {
        sendBytes(json.getBytes(StandardCharsets.UTF_8));
    }

    private void notify(String method, String params) throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params + "}");
    }

    private int sendRequest(String method, String params) throws IOException {
        int id = nextId++;
        send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
        return id;
    }

    private JsonObject request(String method, String params) throws Exception {
        return reply(sendRequest(method, params), 60);
    }

    /** The reply to request {@code id}, skipping notifications and other replies. */
    private JsonObject reply(Object id, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            JsonObject m = fromServer.poll(100, TimeUnit.MILLISECONDS);
            if (m != null && m.has("id") && !m.has("method") && matches(m.get("id"), id)) {
                return m;
            }
        }
        throw new AssertionError("no reply to " + id + " within " + seconds + " s; alive: " + server.isAlive()
                + "; stderr: " + stderr());
    }

    private static boolean matches(JsonElement got, Object id) {
        if (id == null) {
            return got.isJsonNull();
        }
        return !got.isJsonNull() && got.getAsString().equals(String.valueOf(id));
    }

    private String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    private static int errorCode(JsonObject reply) {
        assertTrue(reply.has("error"), "an error: " + reply);
        return reply.getAsJsonObject("error").get("code").getAsInt();
    }

    /** The server still answers a hover on the trace-events file correctly: the event's name and its probes. */
    private void stillServes() throws Exception {
        assertTrue(server.isAlive(), "the server is alive; stderr: " + stderr());
        JsonObject r = request("textDocument/hover", "{\"textDocument\":{\"uri\":\"" + traceEventsUri
                + "\"},\"position\":{\"line\":0,\"character\":3}}");
        assertTrue(r.has("result") && !r.get("result").isJsonNull(), r.toString());
        assertTrue(r.toString().contains("qio_task_new"), r.toString());
    }

    // ------------------------------------------------------------------ the abuse

    @Test
    void malformedJsonIsAParseErrorAndTheServerGoesOn() throws Exception {
        for (String garbage : List.of("{not json", "[1, 2", "\"a string\"", "null", "{}", "{\"jsonrpc\":\"2.0\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":5}", "\u0000\u0001\u0002", "{\"id\":{\"x\":1}}")) {
            send(garbage);
        }
        sendBytes(new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'});
        stillServes();
    }

    @Test
    void unknownMethodsWrongParametersAndUnopenedDocumentsGetAnswers() throws Exception {
        assertEquals(-32601, errorCode(request("tapls/noSuchMethod", "{}")));
        notify("tapls/noSuchNotification", "{\"x\":1}");
        notify("$/noSuchThing", "[]");
        // wrong types: each request gets a reply, an error or a result
        for (String params : List.of("{\"textDocument\":42,\"position\":\"x\"}", "[]", "null", "\"text\"",
                "{\"textDocument\":{\"uri\":\"file:///nowhere/x.stp\"},\"position\":{\"line\":\"a\"}}",
                "{\"textDocument\":{\"uri\":\"not a uri\"},\"position\":{\"line\":0,\"character\":0}}")) {
            JsonObject r = request("textDocument/hover", params);
            assertTrue(r.has("result") || r.has("error"), r.toString());
            r = request("textDocument/completion", params);
            assertTrue(r.has("result") || r.has("error"), r.toString());
        }
        notify("textDocument/didChange", "{\"textDocument\":{\"uri\":\"file:///never/opened.stp\",\"version\":3},"
                + "\"contentChanges\":[{\"range\":{\"start\":{\"line\":5,\"character\":0},\"end\":{\"line\":9,"
                + "\"character\":0}},\"text\":\"x\"}]}");
        notify("textDocument/didClose", "{\"textDocument\":{\"uri\":\"file:///never/opened.stp\"}}");
        // a stale version, and an edit far outside the text
        notify("textDocument/didChange", "{\"textDocument\":{\"uri\":\"" + traceEventsUri + "\",\"version\":0},"
                + "\"contentChanges\":[{\"range\":{\"start\":{\"line\":500,\"character\":9},\"end\":{\"line\":-3,"
                + "\"character\":-1}},\"text\":\"\"}]}");
        stillServes();
    }

    @Test
    void positionsOutsideTheTextOrInsideACharacterAreAnswered() throws Exception {
        Path script = dir.resolve("s.stp");
        String text = "probe begin { printf(\"😀%d\\n\", 1) }\n";
        Files.writeString(script, text);
        String uri = script.toUri().toString();
        notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"" + uri + "\",\"languageId\":\"systemtap\","
                + "\"version\":1,\"text\":" + new com.google.gson.Gson().toJson(text) + "}}");
        int[][] positions = {{0, 0}, {-1, 0}, {0, -5}, {99, 0}, {0, 9999}, {1, 0}, {0, 23}, {0, 24},
            {Integer.MAX_VALUE, Integer.MAX_VALUE}, {Integer.MIN_VALUE, 3}};
        for (String method : List.of("textDocument/hover", "textDocument/completion", "textDocument/definition",
                "textDocument/references", "textDocument/signatureHelp", "textDocument/documentHighlight",
                "textDocument/prepareRename")) {
            for (int[] p : positions) {
                String params = "{\"textDocument\":{\"uri\":\"" + uri + "\"},\"position\":{\"line\":" + p[0]
                        + ",\"character\":" + p[1] + "},\"context\":{\"includeDeclaration\":true}}";
                JsonObject r = request(method, params);
                assertTrue(r.has("result") || r.has("error"), method + " " + p[0] + ":" + p[1] + ": " + r);
                if (r.has("error")) {
                    assertFalse(r.toString().contains("Exception"), method + ": " + r);
                }
            }
        }
        JsonObject r = request("textDocument/rename", "{\"textDocument\":{\"uri\":\"" + uri + "\"},\"position\":"
                + "{\"line\":0,\"character\":-7},\"newName\":\"x\"}");
        assertTrue(r.has("result") || r.has("error"), r.toString());
        stillServes();
    }

    @Test
    void aFiftyMegabyteDocumentIsTakenAndTheServerGoesOn() throws Exception {
        StringBuilder big = new StringBuilder(50 << 20);
        for (int i = 0; big.length() < 50 << 20; i++) {
            big.append("ev_").append(i).append("(uint64_t addr, int n) \"addr=0x%\" PRIx64 \" n=%d\"\n");
        }
        Path f = dir.resolve("big-trace-events");
        String uri = f.toUri().toString();
        String json = "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\""
                + uri + "\",\"languageId\":\"qemu-trace-events\",\"version\":1,\"text\":"
                + new com.google.gson.Gson().toJson(big.toString()) + "}}}";
        send(json);
        stillServes();
        // and its diagnostics arrive (it is a correct file: none)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        boolean published = false;
        while (!published && System.nanoTime() < deadline) {
            JsonObject m = fromServer.poll(100, TimeUnit.MILLISECONDS);
            published = m != null && "textDocument/publishDiagnostics".equals(m.has("method")
                    ? m.get("method").getAsString() : null) && m.toString().contains(uri);
        }
        assertTrue(published, "diagnostics of the big document; stderr: " + stderr());
        stillServes();
    }

    @Test
    void aThousandRequestsInFlightThenCancelledAreEachAnswered() throws Exception {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(sendRequest(i % 2 == 0 ? "textDocument/completion" : "textDocument/hover", "{\"textDocument\":"
                    + "{\"uri\":\"" + traceEventsUri + "\"},\"position\":{\"line\":0,\"character\":" + (i % 40) + "}}"));
        }
        for (int id : ids) {
            notify("$/cancelRequest", "{\"id\":" + id + "}");
        }
        Set<String> answered = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (answered.size() < ids.size() && System.nanoTime() < deadline) {
            JsonObject m = fromServer.poll(100, TimeUnit.MILLISECONDS);
            if (m != null && m.has("id") && !m.has("method")) {
                assertTrue(m.has("result") || m.has("error") && (errorCode(m) == -32800 || errorCode(m) < 0),
                        m.toString());
                answered.add(m.get("id").getAsString());
            }
        }
        assertEquals(ids.size(), answered.size(), "every request answered (a result or RequestCancelled)");
        stillServes();
    }

    @Test
    void requestsAfterShutdownAreRefusedAndExitEndsTheServer() throws Exception {
        JsonObject r = request("shutdown", "null");
        assertTrue(r.has("result"), r.toString());
        JsonObject after = request("textDocument/hover", "{\"textDocument\":{\"uri\":\"" + traceEventsUri
                + "\"},\"position\":{\"line\":0,\"character\":3}}");
        assertNotNull(after);
        assertTrue(after.has("error"), "refused after shutdown: " + after);
        notify("exit", "null");
        assertTrue(server.waitFor(20, TimeUnit.SECONDS), "exit ends the server");
        assertEquals(0, server.exitValue());
    }
}
