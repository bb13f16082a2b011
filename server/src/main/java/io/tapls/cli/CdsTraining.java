package io.tapls.cli;

import io.tapls.lsp.ServerLauncher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The build's training run for the class-data-sharing archive (server/pom.xml): it does, in one JVM, what
 * users start tapls for (the version, help, usage errors, checks of trace-events files and scripts, a
 * language-server session with both kinds of document), so that the archive holds the classes each of
 * those loads. Not a command: run as {@code java -cp tapls.jar io.tapls.cli.CdsTraining SAMPLES_DIR}.
 * Everything they print is swallowed; a step that fails only leaves its classes out of the archive.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path samples = Path.of(args.length > 0 ? args[0] : "samples");
        PrintStream realErr = System.err;
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        System.setOut(sink);
        System.setErr(sink);
        try {
            Main.run("--version");
            Main.run("--help");
            Main.run("help", "check");
            Main.run("chek");
            Main.run("check", "--bogus");
            Main.run("rules");
            Main.run("check", samples.toString());
            Main.run("check", "--format=json", samples.toString());
            languageServerSession(samples);
        } catch (Exception | AssertionError e) {
            realErr.println("tapls: CDS training: " + e);
        } finally {
            System.setOut(new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true));
            System.setErr(realErr);
        }
        System.exit(0); // the server's non-daemon threads must not keep the build waiting
    }

    /** Opens a trace-events file and a script, waits for both files' diagnostics, hovers, shuts down. */
    private static void languageServerSession(Path samples) throws IOException, InterruptedException {
        // OS pipes, not java.io's piped streams: those fail once a thread that wrote to them has ended.
        Pipe in = Pipe.open();
        Pipe out = Pipe.open();
        OutputStream toServer = Channels.newOutputStream(in.sink());
        InputStream serverIn = Channels.newInputStream(in.source());
        InputStream fromServer = Channels.newInputStream(out.source());
        OutputStream serverOut = Channels.newOutputStream(out.sink());
        Thread server = new Thread(() -> ServerLauncher.run(serverIn, serverOut), "cds-training-server");
        server.setDaemon(true);
        server.start();
        String root = samples.toAbsolutePath().normalize().toUri().toString();
        Path te = samples.resolve("qemu/io/trace-events").toAbsolutePath().normalize();
        Path stp = samples.resolve("stap/qio-tasks.stp").toAbsolutePath().normalize();
        send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
                + "\"rootUri\":" + json(root) + ",\"capabilities\":{\"window\":{\"workDoneProgress\":true}}}}");
        await(fromServer, "\"id\":1", toServer);
        send(toServer, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
        for (Path p : new Path[] {te, stp}) {
            send(toServer, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{"
                    + "\"uri\":" + json(p.toUri().toString()) + ",\"languageId\":\""
                    + (p.equals(stp) ? "systemtap" : "trace-events") + "\",\"version\":1,\"text\":"
                    + json(Files.readString(p)) + "}}}");
        }
        await(fromServer, "publishDiagnostics", toServer);
        await(fromServer, "publishDiagnostics", toServer);
        send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":"
                + "{\"uri\":" + json(te.toUri().toString()) + "},\"position\":{\"line\":1,\"character\":3}}}");
        await(fromServer, "\"id\":2", toServer);
        send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"shutdown\",\"params\":null}");
        await(fromServer, "\"id\":3", toServer);
        toServer.close(); // the end of input ends the session; "exit" would end this JVM
        server.join(TimeUnit.SECONDS.toMillis(10));
    }

    private static void send(OutputStream out, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** Reads messages until one contains {@code marker}, answering the server's own requests with null. */
    private static void await(InputStream in, String marker, OutputStream out) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String message = read(in);
            if (message.contains("\"method\"") && message.contains("\"id\"")) {
                int at = message.indexOf("\"id\":") + 5;
                int end = at;
                while (end < message.length() && ",}".indexOf(message.charAt(end)) < 0) {
                    end++;
                }
                send(out, "{\"jsonrpc\":\"2.0\",\"id\":" + message.substring(at, end) + ",\"result\":null}");
            }
            if (message.contains(marker)) {
                return;
            }
        }
        throw new IOException("no " + marker + " from the server");
    }

    private static String read(InputStream in) throws IOException {
        int length = -1;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the server closed its output");
            }
            if (c != '\n') {
                line.write(c);
                continue;
            }
            String header = line.toString(StandardCharsets.US_ASCII).strip();
            line.reset();
            if (header.isEmpty()) {
                break;
            }
            if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).strip());
            }
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
