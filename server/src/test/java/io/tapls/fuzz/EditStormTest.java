package io.tapls.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.features.DocumentSymbols;
import io.tapls.testing.Corpora;
import io.tapls.testing.StapAnswers;
import io.tapls.text.SourceText;
import io.tapls.workspace.Document;
import io.tapls.workspace.Settings;
import io.tapls.workspace.TextChange;
import io.tapls.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Edit storms (issue 9, Build 5): 10,000 random incremental edits of each kind of document, with undo-like
 * reversals, as an editor sends them: at checkpoints and at the end, the document's text, diagnostics and symbols
 * are exactly those of the same text opened afresh (a full resync), so the incremental analysis never drifts.
 * And 10,000 open/close cycles leave the heap as it was.
 */
class EditStormTest {
    private static final String[] PIECES = {"\n", " ", "(", ")", "\"", "%", "%d", "%\" PRIx64 \"", ",", "int x",
        "void *p", "disable ", "#", "{", "}", "probe ", "begin", ";", "x = 1", "%(", "%)", "@define m %( 1 %)", "\r\n",
        "é", "😀", "\t", "function f(a) { return a }", "$x", "/* c */", "\"s\"", "printf(\"%d\\n\", x)"};

    private static Workspace workspace() {
        // the tests' own small library: the scripts' checks need an index, not Debian's
        return new Workspace(List.of(), Settings.defaults().withTapsets(List.of(StapAnswers.tapsetFixture()), false));
    }

    /** One edit: a range of the text replaced (start, end offsets and the new text). */
    private record Edit(int start, int end, String text) {
    }

    private static void storm(String uri, String languageId, String initial, long seed) {
        Workspace ws = workspace();
        try {
            SplittableRandom r = new SplittableRandom(seed);
            StringBuilder text = new StringBuilder(initial);
            ws.open(uri, languageId, 1, initial);
            Deque<Edit> undo = new ArrayDeque<>();
            for (int i = 1; i <= 10_000; i++) {
                Edit e;
                if (!undo.isEmpty() && r.nextInt(4) == 0) {
                    e = undo.pop(); // an undo: the reversal of the last edit not yet undone
                } else {
                    int start = text.length() == 0 ? 0 : r.nextInt(text.length() + 1);
                    int end = Math.min(text.length(), start + (r.nextInt(3) == 0 ? r.nextInt(40) : 0));
                    // never split a surrogate pair: an editor edits whole characters
                    start = whole(text, start);
                    end = Math.max(start, whole(text, end));
                    String with = r.nextInt(5) == 0 ? "" : PIECES[r.nextInt(PIECES.length)];
                    e = new Edit(start, end, with);
                    undo.push(new Edit(start, start + with.length(), text.substring(start, end)));
                }
                SourceText before = new SourceText(text.toString());
                ws.change(uri, i + 1, List.of(new TextChange(before.position(e.start()), before.position(e.end()),
                        e.text())));
                text.replace(e.start(), e.end(), e.text());
                // the diagnostics after each edit (a trace-events file's analysis is incremental: each version
                // from the last), after every 10th of a script's
                if (languageId.equals("qemu-trace-events") || i % 10 == 0) {
                    ws.diagnostics(ws.document(uri));
                }
                if (i % 1_000 == 0) {
                    sameAsFresh(ws, uri, languageId, text.toString(), uri + " after " + i + " edits");
                }
            }
        } finally {
            ws.shutdown();
        }
    }

    /** An offset an editor can name: not inside a surrogate pair, not between the '\r' and '\n' of a CRLF. */
    private static int whole(CharSequence s, int offset) {
        boolean inside = offset > 0 && offset < s.length() && (Character.isLowSurrogate(s.charAt(offset))
                || s.charAt(offset - 1) == '\r' && s.charAt(offset) == '\n');
        return inside ? offset - 1 : offset;
    }

    private static void sameAsFresh(Workspace ws, String uri, String languageId, String text, String what) {
        Document edited = ws.document(uri);
        assertEquals(text, edited.text().text(), what + ": the text");
        Workspace fresh = workspace();
        try {
            Document again = fresh.open(uri, languageId, 1, text);
            assertEquals(fresh.diagnostics(again), ws.diagnostics(edited), what + ": the diagnostics");
            assertEquals(DocumentSymbols.symbols(again), DocumentSymbols.symbols(edited), what + ": the symbols");
        } finally {
            fresh.shutdown();
        }
    }

    @Test
    void tenThousandEditsOfATraceEventsFileGiveWhatAFullResyncGives() throws Exception {
        Path f = Corpora.qemuCorpus().resolve("trace-events/hw/net/trace-events");
        storm("file:///storm/trace-events", "qemu-trace-events", new String(Files.readAllBytes(f),
                StandardCharsets.UTF_8).substring(0, 6_000), 91);
    }

    @Test
    void tenThousandEditsOfAScriptGiveWhatAFullResyncGives() {
        String script = """
                global count, names%
                @define twice(x) %( (@x) * 2 %)
                function f(a, b:string) { return a + strlen(b) }
                probe begin { count = @twice(3); printf("%d %s\\n", count, names[1]) }
                probe timer.ms(100) { if (count > 10) exit(); else count++ }
                probe end %( arch == "x86_64" %? { println("done") } %: { println("other") } %)
                """;
        storm("file:///storm/s.stp", "systemtap", script.repeat(4), 17);
    }

    @Test
    void tenThousandOpenCloseCyclesLeaveTheHeapFlat() throws Exception {
        Workspace ws = workspace();
        try {
            String te = new String(Files.readAllBytes(Corpora.qemuCorpus().resolve("trace-events/hw/net/trace-events")),
                    StandardCharsets.UTF_8);
            te = te.substring(0, te.indexOf('\n', 1_500) + 1);
            String stp = "probe begin { x = 1; printf(\"%d\\n\", x) }\n";
            for (int i = 0; i < 500; i++) { // warm up: caches and code reach their size
                cycle(ws, i, te, stp);
            }
            long before = usedAfterGc();
            for (int i = 0; i < 10_000; i++) {
                cycle(ws, i, te, stp);
            }
            long after = usedAfterGc();
            System.out.printf("10,000 open/close cycles: heap used %d KB before, %d KB after%n", before >> 10,
                    after >> 10);
            assertTrue(ws.documents().isEmpty());
            assertTrue(after - before < 16L << 20, "heap grew by " + ((after - before) >> 10) + " KB");
        } finally {
            ws.shutdown();
        }
    }

    private static void cycle(Workspace ws, int i, String te, String stp) {
        String a = "file:///cycle/" + i + "/trace-events";
        String b = "file:///cycle/" + i + "/s.stp";
        ws.diagnostics(ws.open(a, "qemu-trace-events", 1, te));
        ws.diagnostics(ws.open(b, "systemtap", 1, stp));
        ws.close(a);
        ws.close(b);
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
