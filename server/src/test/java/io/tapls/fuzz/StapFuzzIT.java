package io.tapls.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.StapOracle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The .stp differential fuzzer against the live stap -p1 (../shared/tools/stap-oracle): the regression corpus's
 * recorded answers are still stap's, and a short run of the fuzzer (fixed seed; bench/fuzz.sh runs it for as
 * long as wanted) finds no disagreement and no failure.
 */
class StapFuzzIT {
    private static StapDifferential diff;

    @BeforeAll
    static void start() {
        diff = new StapDifferential(StapOracle.script(), StapOracle.macroLib());
    }

    @AfterAll
    static void stop() {
        diff.shutdown();
    }

    @Test
    void recordedAnswersAreStapsAnswers() throws Exception {
        Path dir = StapFuzz.CORPUS.toAbsolutePath();
        Map<String, StapAnswer> recorded = StapDifferential.readAnswers(Files.readAllLines(dir.resolve("answers.tsv")));
        Map<String, StapAnswer> live = new LinkedHashMap<>();
        for (Path f : StapFuzz.corpusFiles(dir)) {
            live.put(f.getFileName().toString(), diff.stap(dir, f.getFileName().toString()));
        }
        assertEquals(live, recorded, "answers.tsv is out of date: run bench/fuzz.sh record");
    }

    @Test
    void aShortRunFindsNoDisagreement() throws Exception {
        StapFuzz.Outcome o = StapFuzz.run(new StapFuzz.Config(20261201, 3600, 300, 2,
                Path.of("target", "fuzz-it", "stap"), 0), diff);
        System.out.printf("stap fuzz: %d inputs (%d distinct), %d accepted by stap, %d disagreements, %d failures%n",
                o.inputs(), o.distinct(), o.stapAccepted(), o.disagreements().size(), o.failures().size());
        assertEquals(300, o.inputs());
        assertTrue(o.stapAccepted() >= 20, "valid programs too: " + o.stapAccepted());
        assertEquals(List.of(), o.failures());
        assertEquals(List.of(), o.disagreements());
    }
}
