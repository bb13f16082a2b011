package io.tapls.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Corpora;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The .stp fuzzer's regression corpus (src/test/resources/fuzz/stap: every disagreement with stap -p1 and every
 * failure the fuzzer found, minimised), without stap: tapls' pass-1 answer on each input is stap's recorded one
 * (answers.tsv, which StapFuzzIT checks against the live stap), and its full check never fails on it.
 */
class StapFuzzCorpusTest {
    private static StapDifferential diff;

    @BeforeAll
    static void start() {
        // the inputs were answered with the macros of Debian's library, which tapls is given too
        Corpora.require(StapDifferential.LIBRARY, "Debian's systemtap-common");
        diff = new StapDifferential(null, null);
    }

    @AfterAll
    static void stop() {
        diff.shutdown();
    }

    @TestFactory
    List<DynamicTest> tapslAnswersAsStapDid() throws Exception {
        Path dir = StapFuzz.CORPUS;
        Map<String, StapAnswer> answers = StapDifferential.readAnswers(Files.readAllLines(dir.resolve("answers.tsv")));
        List<Path> files = StapFuzz.corpusFiles(dir);
        assertEquals(files.stream().map(f -> f.getFileName().toString()).toList(), List.copyOf(answers.keySet()),
                "one recorded answer an input, in name order: run bench/fuzz.sh record");
        assertTrue(files.size() >= 20, "the corpus has its inputs");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                assertNull(diff.robustness(name, text), name);
                assertNull(StapDifferential.disagreement(answers.get(name), diff.tapls(name, text)), name);
            }));
        }
        return tests;
    }
}
