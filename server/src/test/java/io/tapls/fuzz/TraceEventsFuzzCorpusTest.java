package io.tapls.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.generate.TapsetFormat;
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
 * The trace-events fuzzer's regression corpus (src/test/resources/fuzz/trace-events: every disagreement with
 * tracetool and every failure the fuzzer found, minimised), without tracetool: for each input and format, tapls
 * generate --tracetool-compat refuses where tracetool failed and writes tracetool's recorded bytes where it
 * succeeded (answers.tsv and NAME.FORMAT.out, which TraceEventsFuzzIT checks against the live tracetool), the
 * default policy refuses wherever tracetool failed, and check never fails on it.
 */
class TraceEventsFuzzCorpusTest {
    private static TraceEventsDifferential diff;

    @BeforeAll
    static void start() {
        diff = new TraceEventsDifferential();
    }

    @AfterAll
    static void stop() {
        diff.shutdown();
    }

    @TestFactory
    List<DynamicTest> taplsGeneratesAsTracetoolDid() throws Exception {
        Path dir = TraceEventsFuzz.CORPUS;
        Map<String, Map<TapsetFormat, TraceEventsDifferential.Result>> recorded = TraceEventsFuzz.recorded(dir);
        List<Path> files = TraceEventsFuzz.corpusFiles(dir);
        assertEquals(files.stream().map(f -> f.getFileName().toString()).toList(), List.copyOf(recorded.keySet()),
                "one recorded answer an input, in name order: run bench/fuzz.sh record");
        assertTrue(files.size() >= 5, "the corpus has its inputs");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                assertNull(diff.robustness(f, name, text), name);
                assertNull(TraceEventsDifferential.disagreement(f, recorded.get(name)), name);
            }));
        }
        return tests;
    }
}
