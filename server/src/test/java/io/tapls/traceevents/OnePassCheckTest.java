package io.tapls.traceevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.diag.Diagnostic;
import io.tapls.testing.Corpora;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The one-pass check of a whole file (what tapls check runs: read in pieces on every core, each event dropped
 * once checked) finds exactly what the check of the file's model finds, duplicates across pieces included.
 */
class OnePassCheckTest {
    private static List<Diagnostic> viaModel(String name, String text) {
        return TraceEventsChecker.check(TraceEventsReader.read(name, text), QemuVersion.CURRENT);
    }

    @Test
    void everyCorpusFileGivesTheSameDiagnostics() throws Exception {
        Path root = Corpora.qemuCorpus();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith("trace-events")
                    && !p.toString().contains("/expected/")).sorted().toList();
        }
        assertTrue(files.size() > 150, "the corpus and its edge cases");
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            assertEquals(viaModel(f.toString(), text), TraceEventsChecker.checkText(f.toString(), text,
                    QemuVersion.CURRENT), f.toString());
        }
    }

    @Test
    void aFileOfManyPiecesWithDuplicatesAcrossThemGivesTheSameDiagnostics() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            // every 7th name comes back 9,000 lines later, in another piece; some lines are wrong
            int id = i % 7 == 0 ? i % 9_000 : i;
            b.append(i % 1_000 == 0 ? "ev_" + id + "(int x) \"x=%d\" junk\r\n" : "ev_" + id + "(uint64_t a, int b)"
                    + " \"a=0x%\" PRIx64 \" b=%x\"\n");
        }
        b.append("last(void)");
        String text = b.toString();
        List<Diagnostic> expected = viaModel("big", text);
        assertTrue(expected.stream().anyMatch(d -> d.rule() == TraceEventRules.DUPLICATE_EVENT));
        assertEquals(expected, TraceEventsChecker.checkText("big", text, QemuVersion.CURRENT));
    }
}
