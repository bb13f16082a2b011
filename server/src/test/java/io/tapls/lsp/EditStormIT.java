package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.tapls.testing.Corpora;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Edit storms over JSON-RPC, against the real jar. 10,000 random incremental edits, undo-like reversals among them,
 * across a trace-events file and a script (a seeded PRNG: a failure is repeatable with {@code -Dtapls.storm.seed}):
 * at every checkpoint, each document gives exactly the diagnostics, symbols, semantic tokens and folding ranges of
 * a document opened with the text the client holds (Resync). And the server's memory stays flat over 10,000
 * open/close cycles of documents it has never seen, measured as the user runs it (the {@code tapls} script).
 */
class EditStormIT {
    static final long SEED = Long.getLong("tapls.storm.seed", 20_240_917L);
    static final int EDITS = Integer.getInteger("tapls.storm.edits", 10_000);
    static final int CHECKPOINTS = 4;
    static final int CYCLES = Integer.getInteger("tapls.storm.cycles", 10_000);

    private static final List<String> TRACE_EVENTS_WORDS = List.of("e1000_", "net_rx", "(", ")", "void", "int ",
            "uint64_t ", "const char *", ", ", "\"", "%d", "%\" PRIx64 \"", "0x%x", " ", "  ", "\n", "\r\n", "# ",
            "disable ", "vcpu ", "tcg ", "\\", "\t", "\uD83D\uDE00", "é", "%s", "%p", "x=", "\"\n",
            "qemu_foo(int a, uint32_t b) \"a=%d b=%u\"\n");
    private static final List<String> SCRIPT_WORDS = List.of("probe ", "begin", "end", "kernel.function(\"sys_*\")",
            "{", "}", "(", ")", ";", "\n", "\r\n", " ", "printf(\"%d\\n\", x)", "/*", "*/", "//", "#", "%(", "%?",
            "%:", "%)", "kernel_v >= \"2.6.9\"", "function ", "global ", "\"", "$1", "@1", "@define", "x", "=", "+",
            "->", "$task", "if (", "else", "return ", "foreach ([a] in b) ", "\uD83D\uDE00", "%{", "%}", "@cast(",
            "probe signal.send { printf(\"%s\\n\", sig_name) }\n");

    // ------------------------------------------------------------------ the storm

    /** The client's copy of a document, and the LSP positions in it: UTF-16 units; "\n", "\r\n" end lines. */
    static final class Model {
        final String uri;
        final String freshUri;
        final String languageId;
        final List<String> words;
        String text;
        int version = 1;
        /** Inverse edits, most recent last: offset, length of the text put there, the text it replaced. */
        final Deque<Object[]> undo = new ArrayDeque<>();
        int reversals;

        Model(String uri, String freshUri, String languageId, List<String> words, String text) {
            this.uri = uri;
            this.freshUri = freshUri;
            this.languageId = languageId;
            this.words = words;
            this.text = text;
        }

        /** Whether an offset is a place an LSP position can name: not inside a surrogate pair or a CRLF. */
        boolean boundary(int o) {
            if (o <= 0 || o >= text.length()) {
                return o == 0 || o == text.length();
            }
            char before = text.charAt(o - 1);
            char after = text.charAt(o);
            return !(Character.isHighSurrogate(before) && Character.isLowSurrogate(after))
                    && !(before == '\r' && after == '\n');
        }

        JsonObject position(int offset) {
            if (!boundary(offset)) {
                throw new IllegalStateException("no position names offset " + offset);
            }
            int line = 0;
            int start = 0;
            for (int i = 0; i < offset; i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                    line++;
                    start = i + 1;
                }
            }
            return RawJsonRpc.position(line, offset - start);
        }

        /** Replaces [from, to) by {@code with}: the change to send, and its inverse kept for an undo. */
        JsonObject replace(int from, int to, String with, boolean remember) {
            JsonObject range = new JsonObject();
            range.add("start", position(from));
            range.add("end", position(to));
            if (remember) {
                undo.addLast(new Object[] {from, with.length(), text.substring(from, to)});
            }
            text = text.substring(0, from) + with + text.substring(to);
            return RawJsonRpc.change(range, with);
        }

        int randomBoundary(Random r) {
            int o = r.nextInt(text.length() + 1);
            while (!boundary(o)) {
                o--;
            }
            return o;
        }

        String snippet(Random r) {
            if (r.nextInt(5) == 0 && text.length() > 2) {
                int a = randomBoundary(r);
                int b = Math.min(text.length(), a + 1 + r.nextInt(60));
                while (!boundary(b)) {
                    b--;
                }
                return text.substring(a, b); // a paste of the document's own text
            }
            StringBuilder sb = new StringBuilder();
            for (int n = 1 + r.nextInt(3); n > 0; n--) {
                sb.append(words.get(r.nextInt(words.size())));
            }
            return sb.toString();
        }

        /** The changes of one didChange: 1 to 4 edits, each against the text the ones before it made. */
        List<JsonObject> nextChanges(Random r) {
            List<JsonObject> changes = new ArrayList<>();
            int n = r.nextInt(10) < 7 ? 1 : 2 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
                int kind = r.nextInt(100);
                if (kind < 20 && !undo.isEmpty()) {
                    Object[] u = undo.removeLast(); // undo: put back what the most recent edit replaced
                    reversals++;
                    int at = (Integer) u[0];
                    changes.add(replace(at, at + (Integer) u[1], (String) u[2], false));
                } else if (kind < 55) {
                    int at = randomBoundary(r);
                    changes.add(replace(at, at, snippet(r), true));
                } else if (kind < 99 || text.isEmpty()) {
                    int a = randomBoundary(r);
                    int b = Math.min(text.length(), a + 1 + r.nextInt(kind < 77 ? 40 : 8));
                    while (!boundary(b)) {
                        b++;
                    }
                    changes.add(replace(a, b, kind < 77 ? "" : snippet(r), true));
                } else {
                    // now and then the whole text at once, as a client that resyncs sends it
                    text = text + snippet(r);
                    undo.clear();
                    changes.add(RawJsonRpc.change(null, text));
                }
            }
            return changes;
        }
    }

    @Test
    void tenThousandEditsGiveWhatAFullResyncGives() throws Exception {
        Path te = Corpora.require(Corpora.qemuCorpus().resolve("trace-events/hw/net/trace-events"),
                "QEMU's hw/net/trace-events");
        Path stp = Corpora.require(Path.of("/usr/share/systemtap/tapset/linux/signal.stp"),
                "Debian's systemtap-common (the tapset library)");
        List<Model> models = List.of(
                new Model("file:///storm/a/hw/net/trace-events", "file:///storm/b/hw/net/trace-events",
                        "trace-events", TRACE_EVENTS_WORDS, Files.readString(te)),
                new Model("file:///storm/a/signal.stp", "file:///storm/b/signal.stp", "systemtap", SCRIPT_WORDS,
                        Files.readString(stp)));
        Random random = new Random(SEED);
        try (RawJsonRpc rpc = RawJsonRpc.start()) {
            rpc.initialize(null);
            for (Model m : models) {
                rpc.open(m.uri, m.languageId, m.version, m.text);
                rpc.diagnostics(m.uri, d -> true, 60);
            }
            long t0 = System.nanoTime();
            int edits = 0;
            int notifications = 0;
            int nextCheckpoint = EDITS / CHECKPOINTS;
            while (edits < EDITS) {
                Model m = models.get(random.nextInt(models.size()));
                List<JsonObject> changes = m.nextChanges(random);
                m.version += 1 + random.nextInt(2);
                rpc.didChange(m.uri, m.version, changes.toArray(new JsonObject[0]));
                edits += changes.size();
                notifications++;
                if (edits >= nextCheckpoint || edits >= EDITS) {
                    nextCheckpoint += EDITS / CHECKPOINTS;
                    for (Model x : models) {
                        Resync.assertSameAsFreshOpen(rpc, x.uri, x.version, x.languageId, x.freshUri, x.text);
                    }
                }
            }
            long took = System.nanoTime() - t0;
            for (Model m : models) {
                int last = 0;
                for (JsonObject n : rpc.notifications()) {
                    JsonObject p = n.getAsJsonObject("params");
                    if (n.get("method").getAsString().equals("textDocument/publishDiagnostics")
                            && p.get("uri").getAsString().equals(m.uri)) {
                        int v = p.get("version").getAsInt();
                        assertTrue(v >= last, "diagnostics of version " + v + " after those of " + last);
                        last = v;
                    }
                }
                assertEquals(m.version, last, "the last diagnostics are those of the last version");
            }
            System.out.printf("EditStormIT: %d edits (%d reversals) in %d didChange notifications across %d documents"
                    + ", with %d resync checks, in %d ms; %d requests, slowest reply %s; resident memory %s%n",
                    edits, models.stream().mapToInt(m -> m.reversals).sum(), notifications, models.size(), CHECKPOINTS * models.size(),
                    TimeUnit.NANOSECONDS.toMillis(took), rpc.requestsSent(), rpc.slowestReply(),
                    residentMemory(rpc.pid()));
            rpc.assertEveryRequestAnswered(30);
            rpc.assertCleanChannels();
        }
    }

    // ------------------------------------------------------------------ memory

    @Test
    void residentMemoryStaysFlatOverTenThousandOpenCloseCycles() throws Exception {
        // The first 8 KB of each (a script cut there has errors to publish, and to clear at its close).
        String te = head(Files.readString(Corpora.require(Corpora.qemuCorpus().resolve(
                "trace-events/hw/net/trace-events"), "QEMU's hw/net/trace-events")), 8 << 10);
        String stp = head(Files.readString(Corpora.require(Path.of("/usr/share/systemtap/tapset/linux/signal.stp"),
                "Debian's systemtap-common (the tapset library)")), 8 << 10);
        try (RawJsonRpc rpc = RawJsonRpc.startScript()) {
            rpc.initialize(null);
            // Warm up: the index, the caches at their working size, and the JIT, whose compiled code and the
            // compiler's own memory grow resident memory by some 30 MB over the first few thousand cycles.
            cycles(rpc, 0, WARM_UP, te, stp);
            Map<String, Long> before = memory(rpc.pid());
            long t0 = System.nanoTime();
            cycles(rpc, WARM_UP, WARM_UP + CYCLES, te, stp);
            long took = System.nanoTime() - t0;
            Map<String, Long> after = memory(rpc.pid());
            // Every closed document's diagnostics end cleared, none published after its close.
            rpc.awaitQuiet(1_000, 60);
            Map<String, JsonObject> last = new HashMap<>();
            for (JsonObject n : rpc.notifications()) {
                if (n.get("method").getAsString().equals("textDocument/publishDiagnostics")) {
                    last.put(n.getAsJsonObject("params").get("uri").getAsString(), n.getAsJsonObject("params"));
                }
            }
            List<String> stale = new ArrayList<>();
            last.forEach((u, p) -> {
                if (!p.getAsJsonArray("diagnostics").isEmpty()) {
                    stale.add(u);
                }
            });
            long rss = after.get("rss") - before.get("rss");
            long heap = after.get("heap") - before.get("heap");
            System.out.printf("EditStormIT: %d open/close cycles in %d ms; after a full collection, resident %d MB ->"
                    + " %d MB (%+d KB), live heap %d MB -> %d MB (%+d KB), peak resident %d MB; %d requests (pipelined),"
                    + " slowest reply %s%n", CYCLES, TimeUnit.NANOSECONDS.toMillis(took), before.get("rss") >> 20,
                    after.get("rss") >> 20, rss >> 10, before.get("heap") >> 20, after.get("heap") >> 20, heap >> 10,
                    after.get("peak") >> 20, rpc.requestsSent(), rpc.slowestReply());
            assertEquals(List.of(), stale, "closed documents whose last diagnostics were not the clearing ones");
            assertTrue(rss < 64L << 20, "resident memory grew by " + (rss >> 20) + " MB over " + CYCLES + " cycles");
            assertTrue(heap < 8L << 20, "the live heap grew by " + (heap >> 20) + " MB over " + CYCLES + " cycles");
            rpc.assertEveryRequestAnswered(30);
            rpc.assertCleanChannels();
        }
    }

    static final int WARM_UP = 3_000;

    /** The text's first lines, up to about {@code size} characters. */
    private static String head(String text, int size) {
        int end = text.indexOf('\n', Math.min(size, text.length() - 1));
        return end < 0 ? text : text.substring(0, end + 1);
    }

    private static String uri(int i) {
        return i % 2 == 0 ? "file:///memory/" + i + "/trace-events" : "file:///memory/" + i + "/signal.stp";
    }

    /**
     * Opens and closes documents {@code from} to {@code to}, every other one a script; every 10th is asked for what
     * an editor asks when it shows a file (symbols, tokens, folding, code actions, a hover) before it is closed.
     */
    private static void cycles(RawJsonRpc rpc, int from, int to, String te, String stp) throws Exception {
        for (int i = from; i < to; i++) {
            String uri = uri(i);
            boolean script = i % 2 == 1;
            // Each document a little different, as files are: no two texts the same.
            String text = (script ? "// " : "# ") + i + "\n" + (script ? stp : te);
            rpc.open(uri, script ? "systemtap" : "trace-events", 1, text);
            if (i % 10 == 0 || i % 10 == 1) {
                JsonObject doc = RawJsonRpc.textDocument(uri);
                rpc.request("textDocument/documentSymbol", doc);
                rpc.request("textDocument/semanticTokens/full", doc);
                rpc.request("textDocument/foldingRange", doc);
                JsonObject action = doc.deepCopy();
                action.add("range", RawJsonRpc.range(5, 0, 5, 0));
                action.add("context", RawJsonRpc.object("{\"diagnostics\":[]}"));
                rpc.request("textDocument/codeAction", action);
                rpc.request("textDocument/hover", RawJsonRpc.at(uri, 5, 3));
            }
            if (i % 3 == 0) {
                rpc.didChange(uri, 2, RawJsonRpc.change(RawJsonRpc.range(1, 0, 1, 0), script ? "// x\n" : "# x\n"));
            }
            rpc.close(uri);
            if (i % 500 == 499) {
                // keep the server from falling far behind: everything sent so far is read before this answer
                rpc.result("workspace/symbol", RawJsonRpc.object("{\"query\":\"e1000\"}"));
            }
        }
        rpc.assertEveryRequestAnswered(120);
    }

    // ------------------------------------------------------------------ measuring

    /** The server's resident memory as /proc gives it: now, and its peak. */
    static String residentMemory(long pid) {
        try {
            Map<String, Long> s = status(pid);
            return (s.get("VmRSS") >> 20) + " MB (peak " + (s.get("VmHWM") >> 20) + " MB)";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static Map<String, Long> status(long pid) throws IOException {
        Map<String, Long> out = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            Matcher m = Pattern.compile("(Vm\\w+):\\s+(\\d+) kB").matcher(line);
            if (m.matches()) {
                out.put(m.group(1), Long.parseLong(m.group(2)) << 10);
            }
        }
        return out;
    }

    /**
     * After a full collection (asked for with jcmd, as the server's idle trim would run one): resident memory, its
     * peak, and the live heap (the used sizes jcmd's GC.heap_info reports).
     */
    private static Map<String, Long> memory(long pid) throws Exception {
        jcmd(pid, "GC.run");
        Thread.sleep(500);
        String info = jcmd(pid, "GC.heap_info");
        long used = 0;
        Matcher m = Pattern.compile("(?m)^\\s*(def new generation|tenured generation)\\s+total \\d+K, used (\\d+)K")
                .matcher(info);
        while (m.find()) {
            used += Long.parseLong(m.group(2)) << 10;
        }
        assertTrue(used > 0, "no heap sizes in jcmd's answer: " + info);
        Map<String, Long> s = status(pid);
        return Map.of("rss", s.get("VmRSS"), "peak", s.get("VmHWM"), "heap", used);
    }

    private static String jcmd(long pid, String command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "jcmd " + command + ": " + out);
        return out;
    }
}
