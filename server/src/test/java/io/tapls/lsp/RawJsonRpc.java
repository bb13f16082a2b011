package io.tapls.lsp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tapls.testing.Cli;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A JSON-RPC client at the level of bytes, for the tests that abuse the protocol: it writes to the server's stdin
 * whatever it is given, well-formed or not, and reads its stdout strictly. Every byte the server prints must belong
 * to a {@code Content-Length: N} header block and a JSON-RPC 2.0 body of exactly N bytes; anything else, and a
 * second answer to one request, is kept as {@link #junk()}, which the tests require to be empty. Stderr is kept
 * line by line. The server's own requests (registrations, progress) are answered with null.
 */
final class RawJsonRpc implements AutoCloseable {
    final Process process;
    private final OutputStream toServer;
    private final Map<String, JsonObject> responses = new ConcurrentHashMap<>();
    private final List<JsonObject> notifications = new ArrayList<>();
    private final List<String> junk = new ArrayList<>();
    private final List<JsonObject> nullIdResponses = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Object lock = new Object();
    private volatile long lastMessageNanos = System.nanoTime();
    /** When each request was sent, and for what method: for the slowest reply. */
    private final Map<String, long[]> sentAt = new ConcurrentHashMap<>();
    private final Map<String, String> sentMethod = new ConcurrentHashMap<>();
    private volatile long slowestNanos;
    private volatile String slowest = "none";

    private RawJsonRpc(Process process) {
        this.process = process;
        this.toServer = process.getOutputStream();
        Thread out = new Thread(() -> read(new BufferedInputStream(process.getInputStream(), 1 << 16)),
                "raw-json-rpc-stdout");
        out.setDaemon(true);
        out.start();
        Thread err = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (lock) {
                        stderr.add(line);
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "raw-json-rpc-stderr");
        err.setDaemon(true);
        err.start();
    }

    /** The server as the other JSON-RPC tests start it (LspClient's options), from the packaged jar. */
    static RawJsonRpc start() throws IOException {
        return start(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss4m", "-jar", Cli.jar().toString(), "lsp"));
    }

    /**
     * The server as users run it: the checkout's {@code tapls} script ({@code tapls lsp}), with its JVM options
     * for a long-lived server, and the JDK the tests run on.
     */
    static RawJsonRpc startScript() throws IOException {
        Path script = io.tapls.testing.Corpora.repo().resolve("tapls");
        if (!Files.isRegularFile(script)) {
            throw new IOException("no tapls script at " + script);
        }
        ProcessBuilder pb = new ProcessBuilder("sh", script.toString(), "lsp");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("TAPLS_JAVA_OPTS");
        return new RawJsonRpc(pb.start());
    }

    static RawJsonRpc start(List<String> command) throws IOException {
        return new RawJsonRpc(new ProcessBuilder(command).start());
    }

    // ------------------------------------------------------------------ reading

    private void read(InputStream in) {
        try {
            while (true) {
                int length = -1;
                boolean framed = true;
                while (true) {
                    String line = headerLine(in);
                    if (line == null) {
                        return;
                    }
                    if (line.isEmpty()) {
                        break;
                    }
                    String lower = line.toLowerCase(java.util.Locale.ROOT);
                    if (lower.startsWith("content-length: ") && line.substring(16).matches("[0-9]{1,9}")) {
                        length = Integer.parseInt(line.substring(16));
                    } else if (!lower.startsWith("content-type: ")) {
                        junk("not a header: " + line);
                        framed = false;
                    }
                }
                if (length < 0) {
                    junk("a header block without Content-Length");
                    continue;
                }
                byte[] body = in.readNBytes(length);
                if (body.length < length) {
                    junk("a body cut short: " + body.length + " of " + length + " bytes");
                    return;
                }
                lastMessageNanos = System.nanoTime();
                if (framed) {
                    accept(new String(body, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    /** A header line without its CRLF; null at the end of the stream. A bare LF is junk: LSP's headers end in CRLF. */
    private String headerLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                if (previous != '\r') {
                    junk("a header line ending in a bare LF: " + line.toString(StandardCharsets.UTF_8));
                    return line.toString(StandardCharsets.UTF_8);
                }
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
        if (line.size() > 0) {
            junk("bytes after the last message: " + line.toString(StandardCharsets.UTF_8));
        }
        return null;
    }

    private void accept(String text) {
        JsonObject m;
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                junk("a body that is not a JSON object: " + text);
                return;
            }
            m = e.getAsJsonObject();
        } catch (RuntimeException e) {
            junk("a body that is not JSON: " + text);
            return;
        }
        if (!m.has("jsonrpc") || !"2.0".equals(m.get("jsonrpc").getAsString())) {
            junk("not JSON-RPC 2.0: " + text);
            return;
        }
        if (m.has("method") && m.has("id")) {
            JsonObject answer = new JsonObject();
            answer.addProperty("jsonrpc", "2.0");
            answer.add("id", m.get("id"));
            answer.add("result", JsonNull.INSTANCE);
            try {
                send(answer);
            } catch (IOException e) {
                // the process is gone
            }
            return;
        }
        if (m.has("method")) {
            synchronized (lock) {
                notifications.add(m);
                lock.notifyAll();
            }
            return;
        }
        if (!m.has("id") || !(m.has("result") ^ m.has("error"))) {
            junk("a response without an id, or with neither or both of result and error: " + text);
            return;
        }
        if (m.get("id").isJsonNull()) {
            // JSON-RPC's answer to a request whose id could not be read, or was null: in the order they came
            synchronized (lock) {
                nullIdResponses.add(m);
                lock.notifyAll();
            }
            return;
        }
        String id = m.get("id").toString();
        long[] sent = sentAt.get(id);
        if (sent != null) {
            long took = System.nanoTime() - sent[0];
            if (took > slowestNanos) {
                slowestNanos = took;
                slowest = sentMethod.get(id) + " (" + (m.has("error") ? "error " + errorCode(m) : "result") + ")";
            }
        }
        if (responses.putIfAbsent(id, m) != null) {
            junk("a second response to request " + id + ": " + text);
        }
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    private void junk(String what) {
        synchronized (lock) {
            junk.add(what.length() > 500 ? what.substring(0, 500) + "..." : what);
        }
    }

    // ------------------------------------------------------------------ writing

    void sendRaw(byte[] bytes) throws IOException {
        synchronized (toServer) {
            toServer.write(bytes);
            toServer.flush();
        }
    }

    /** A body with a correct header, whatever the body is. */
    void sendBody(byte[] body) throws IOException {
        byte[] header = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        synchronized (toServer) {
            toServer.write(header);
            toServer.write(body);
            toServer.flush();
        }
    }

    void sendBody(String body) throws IOException {
        sendBody(body.getBytes(StandardCharsets.UTF_8));
    }

    void send(JsonObject message) throws IOException {
        sendBody(message.toString());
    }

    /** Sends a request with a fresh numeric id; returns the id as it appears in the response. */
    String request(String method, JsonElement params) throws IOException {
        int id = ids.incrementAndGet();
        JsonObject m = new JsonObject();
        m.addProperty("jsonrpc", "2.0");
        m.addProperty("id", id);
        m.addProperty("method", method);
        if (params != null) {
            m.add("params", params);
        }
        String key = Integer.toString(id);
        sentAt.put(key, new long[] {System.nanoTime()});
        sentMethod.put(key, method);
        send(m);
        return key;
    }

    void notify(String method, JsonElement params) throws IOException {
        JsonObject m = new JsonObject();
        m.addProperty("jsonrpc", "2.0");
        m.addProperty("method", method);
        if (params != null) {
            m.add("params", params);
        }
        send(m);
    }

    /** The response to a request: its id as {@link #request} returned it (a JSON number or string literal). */
    JsonObject await(String id, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (lock) {
            while (!responses.containsKey(id)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("no response to request " + id + " within " + seconds + " s; stderr: "
                            + stderr());
                }
                lock.wait(Math.min(left, 200));
            }
        }
        return responses.get(id);
    }

    /** The {@code n}th response (from 0) whose id is null, waiting up to {@code seconds} for it. */
    JsonObject awaitNullId(int n, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (lock) {
            while (nullIdResponses.size() <= n) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("no response " + n + " with id null within " + seconds + " s (got "
                            + nullIdResponses + "); stderr: " + stderr());
                }
                lock.wait(Math.min(left, 200));
            }
            return nullIdResponses.get(n);
        }
    }

    /** How many responses with id null came so far. */
    int nullIdResponses() {
        synchronized (lock) {
            return nullIdResponses.size();
        }
    }

    /** Whether the request has been answered yet. */
    boolean answered(String id) {
        return responses.containsKey(id);
    }

    JsonObject call(String method, JsonElement params) throws IOException, InterruptedException {
        return await(request(method, params), 60);
    }

    /** A call's result; fails the test on an error response. */
    JsonElement result(String method, JsonElement params) throws IOException, InterruptedException {
        JsonObject r = call(method, params);
        if (r.has("error")) {
            throw new AssertionError(method + " failed: " + r);
        }
        return r.get("result");
    }

    /** The error code of a response, or null for a result. */
    static Integer errorCode(JsonObject response) {
        return response.has("error") ? response.getAsJsonObject("error").get("code").getAsInt() : null;
    }

    /** Every notification so far, in order. */
    List<JsonObject> notifications() {
        synchronized (lock) {
            return List.copyOf(notifications);
        }
    }

    /**
     * The first diagnostics published for {@code uri} (after the {@code skip} first notifications) that satisfy
     * {@code accept}, waiting up to {@code seconds}.
     */
    JsonObject diagnostics(String uri, Predicate<JsonObject> accept, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (lock) {
            int seen = 0;
            while (true) {
                for (; seen < notifications.size(); seen++) {
                    JsonObject n = notifications.get(seen);
                    if ("textDocument/publishDiagnostics".equals(n.get("method").getAsString())) {
                        JsonObject p = n.getAsJsonObject("params");
                        if (uri.equals(p.get("uri").getAsString()) && accept.test(p)) {
                            return p;
                        }
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("no such diagnostics for " + uri + " within " + seconds + " s; stderr: "
                            + stderr());
                }
                lock.wait(Math.min(left, 200));
            }
        }
    }

    /** The diagnostics last published for {@code uri}, or null. */
    JsonObject lastDiagnostics(String uri) {
        synchronized (lock) {
            for (int i = notifications.size() - 1; i >= 0; i--) {
                JsonObject n = notifications.get(i);
                if ("textDocument/publishDiagnostics".equals(n.get("method").getAsString())
                        && uri.equals(n.getAsJsonObject("params").get("uri").getAsString())) {
                    return n.getAsJsonObject("params");
                }
            }
        }
        return null;
    }

    /** Waits until the server has sent nothing for {@code quietMillis} (at most {@code seconds} in all). */
    void awaitQuiet(long quietMillis, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            long idle = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastMessageNanos);
            if (idle >= quietMillis) {
                return;
            }
            Thread.sleep(Math.max(1, quietMillis - idle));
        }
        throw new AssertionError("the server kept sending for " + seconds + " s");
    }

    List<String> junk() {
        synchronized (lock) {
            return List.copyOf(junk);
        }
    }

    List<String> stderr() {
        synchronized (lock) {
            return List.copyOf(stderr);
        }
    }

    /**
     * Nothing but the protocol on stdout, and on stderr only tapls' own one-line messages: no stack trace, no
     * second line of a message, nothing from the JVM.
     */
    void assertCleanChannels() {
        List<String> j = junk();
        if (!j.isEmpty()) {
            throw new AssertionError("stdout carried more than the protocol: " + j);
        }
        for (String line : stderr()) {
            if (!line.startsWith("tapls: ")) {
                throw new AssertionError("a line on stderr that is not one of tapls' one-line messages: '" + line
                        + "' in " + stderr());
            }
        }
    }

    // ------------------------------------------------------------------ LSP helpers

    static JsonObject object(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }

    /** initialize (with the given capabilities and options JSON, or none) and initialized. */
    JsonObject initialize(String initializationOptions, Path... folders) throws IOException, InterruptedException {
        JsonObject p = new JsonObject();
        p.add("processId", JsonNull.INSTANCE);
        p.add("capabilities", new JsonObject());
        if (initializationOptions != null) {
            p.add("initializationOptions", JsonParser.parseString(initializationOptions));
        }
        if (folders.length > 0) {
            JsonArray fs = new JsonArray();
            for (Path f : folders) {
                JsonObject o = new JsonObject();
                o.addProperty("uri", f.toUri().toString());
                o.addProperty("name", String.valueOf(f.getFileName()));
                fs.add(o);
            }
            p.add("workspaceFolders", fs);
        }
        JsonObject r = call("initialize", p);
        if (r.has("error")) {
            throw new AssertionError("initialize failed: " + r);
        }
        notify("initialized", new JsonObject());
        return r.getAsJsonObject("result");
    }

    void open(String uri, String languageId, int version, String text) throws IOException {
        JsonObject doc = new JsonObject();
        doc.addProperty("uri", uri);
        doc.addProperty("languageId", languageId);
        doc.addProperty("version", version);
        doc.addProperty("text", text);
        JsonObject p = new JsonObject();
        p.add("textDocument", doc);
        notify("textDocument/didOpen", p);
    }

    void close(String uri) throws IOException {
        notify("textDocument/didClose", textDocument(uri));
    }

    static JsonObject textDocument(String uri) {
        JsonObject doc = new JsonObject();
        doc.addProperty("uri", uri);
        JsonObject p = new JsonObject();
        p.add("textDocument", doc);
        return p;
    }

    static JsonObject position(int line, int character) {
        JsonObject p = new JsonObject();
        p.addProperty("line", line);
        p.addProperty("character", character);
        return p;
    }

    static JsonObject range(int l1, int c1, int l2, int c2) {
        JsonObject r = new JsonObject();
        r.add("start", position(l1, c1));
        r.add("end", position(l2, c2));
        return r;
    }

    /** Params of a request on a document at a position. */
    static JsonObject at(String uri, int line, int character) {
        JsonObject p = textDocument(uri);
        p.add("position", position(line, character));
        return p;
    }

    /** One content change: a range and its new text. */
    static JsonObject change(JsonObject range, String text) {
        JsonObject c = new JsonObject();
        if (range != null) {
            c.add("range", range);
        }
        c.addProperty("text", text);
        return c;
    }

    void didChange(String uri, Integer version, JsonObject... changes) throws IOException {
        JsonObject id = new JsonObject();
        id.addProperty("uri", uri);
        if (version != null) {
            id.addProperty("version", version);
        }
        JsonObject p = new JsonObject();
        p.add("textDocument", id);
        JsonArray cs = new JsonArray();
        for (JsonObject c : changes) {
            cs.add(c);
        }
        p.add("contentChanges", cs);
        notify("textDocument/didChange", p);
    }

    /** The markdown of a hover, or null when there is none. */
    String hover(String uri, int line, int character) throws IOException, InterruptedException {
        JsonElement r = result("textDocument/hover", at(uri, line, character));
        return r.isJsonNull() ? null : r.getAsJsonObject().getAsJsonObject("contents").get("value").getAsString();
    }

    /** The slowest reply to a request sent with {@link #request}: milliseconds, and which. */
    String slowestReply() {
        return TimeUnit.NANOSECONDS.toMillis(slowestNanos) + " ms, " + slowest;
    }

    /** The slowest reply's time, in milliseconds. */
    long slowestReplyMillis() {
        return TimeUnit.NANOSECONDS.toMillis(slowestNanos);
    }

    /** How many requests were sent with {@link #request}. */
    int requestsSent() {
        return ids.get();
    }

    /** Every request sent with {@link #request} has exactly one response (a second one is junk). */
    void assertEveryRequestAnswered(int seconds) throws InterruptedException {
        for (int i = 1; i <= ids.get(); i++) {
            await(Integer.toString(i), seconds);
        }
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
