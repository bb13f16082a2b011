package io.tapls.traceevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.diag.Diagnostic;
import io.tapls.testing.Corpora;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fast path (EventLineScanner) against the reference path (the ANTLR grammar): for every line it takes, the
 * same event, span for span; for the lines it leaves, the grammar decides. Over every event line of QEMU's corpus
 * and 7.2's trace-events-all, and over lines mutated from them with the characters the grammar treats specially.
 */
class EventLineScannerTest {

    /** The event the grammar gives for one line, or null with its diagnostics. */
    private static TraceEvent reference(String line, int base, List<Diagnostic> diagnostics) {
        return TraceEventsReader.parseLineWithGrammar(new TraceEventsReader.LineParser(), base, 3, line, diagnostics);
    }

    private static void agree(String line) {
        TraceEvent fast = EventLineScanner.scan(line, 100, 3);
        if (fast == null) {
            return; // left to the grammar, which is what the reader then uses
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        TraceEvent ref = reference(line, 100, diagnostics);
        assertEquals(ref, fast, () -> "fast and reference paths differ on: " + line);
        assertEquals(List.of(), diagnostics, () -> "the grammar rejects what the fast path took: " + line);
    }

    private static List<String> eventLines() {
        List<Path> files = new ArrayList<>();
        Path corpus = Corpora.require(Corpora.qemuCorpus(), "QEMU's trace-events corpus");
        // The inputs only: trace-events/, generated-qapi/ and errors/ (expected/ holds tracetool's outputs).
        try (Stream<Path> walk = Stream.of("trace-events", "generated-qapi", "errors")
                .flatMap(d -> walkQuietly(corpus.resolve(d)))) {
            walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith("trace-events"))
                    .forEach(files::add);
        }
        files.add(Corpora.require(Corpora.debianTraceEventsAll(), "QEMU 7.2's trace-events-all"));
        List<String> lines = new ArrayList<>();
        for (Path f : files) {
            try {
                for (String l : new String(Files.readAllBytes(f), StandardCharsets.UTF_8).split("\r?\n")) {
                    if (!TraceEventsReader.isBlankOrComment(l)) {
                        lines.add(l);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    private static Stream<Path> walkQuietly(Path dir) {
        try {
            return Files.walk(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyCorpusLineGivesTheGrammarsEvent() {
        List<String> lines = eventLines();
        int fast = 0;
        for (String l : lines) {
            agree(l);
            fast += EventLineScanner.scan(l, 0, 0) != null ? 1 : 0;
        }
        assertTrue(lines.size() > 10_000, "corpus lines: " + lines.size());
        assertTrue(fast > lines.size() * 0.99, "the fast path takes nearly every line: " + fast + "/" + lines.size());
    }

    @Test
    void mutatedLinesGiveTheGrammarsEventOrAreLeftToIt() {
        List<String> lines = eventLines();
        String specials = "()\",\\ \t\u000B\u000C\u001C\u001F#%*_aZ09\u00e9\u2003\uD83D\uDE00xPRIu64";
        Random random = new Random(7);
        for (int k = 0; k < 60_000; k++) {
            StringBuilder b = new StringBuilder(lines.get(random.nextInt(lines.size())));
            for (int m = 1 + random.nextInt(3); m > 0; m--) {
                int at = random.nextInt(b.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> b.insert(at, specials.charAt(random.nextInt(specials.length())));
                    case 1 -> { if (at < b.length()) { b.deleteCharAt(at); } }
                    default -> b.setLength(at);
                }
            }
            agree(b.toString());
        }
    }

    @Test
    void unusualShapesAreLeftToTheGrammar() {
        assertNull(EventLineScanner.scan(" e(int x) \"x=%d\"", 0, 0), "one-character indent");
        assertNull(EventLineScanner.scan("e(int x) junk", 0, 0), "text tracetool drops");
        assertNull(EventLineScanner.scan("e(int x) \"", 0, 0), "a lone quote");
        assertNull(EventLineScanner.scan("e(int x \"x\"", 0, 0), "no ')'");
        assertNull(EventLineScanner.scan("é(int x)", 0, 0), "outside ASCII");
        assertNotNull(EventLineScanner.scan("disable  e(int x, const char *s) \"x=%d s=%s\" PRIx64 \"\\\"", 0, 0));
    }
}
