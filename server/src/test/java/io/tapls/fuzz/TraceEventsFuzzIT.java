package io.tapls.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.generate.TapsetFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The trace-events differential fuzzer against QEMU's live tracetool (../shared/tools/tracetool): the regression
 * corpus's recorded answers are still tracetool's, and a short run of the fuzzer (fixed seed; bench/fuzz.sh runs
 * it for as long as wanted) finds no disagreement and no failure.
 */
class TraceEventsFuzzIT {
    @Test
    void recordedAnswersAreTracetoolsAnswers() throws Exception {
        Path dir = TraceEventsFuzz.CORPUS.toAbsolutePath();
        Map<String, Map<TapsetFormat, TraceEventsDifferential.Result>> recorded = TraceEventsFuzz.recorded(dir);
        Map<String, Map<TapsetFormat, TraceEventsDifferential.Result>> live = new LinkedHashMap<>();
        try (TraceEventsDifferential.Tracetool t = new TraceEventsDifferential.Tracetool(TraceEventsFuzz.scripts(),
                TraceEventsFuzz.batch())) {
            Path work = Files.createDirectories(TraceEventsFuzz.RECORD_WORK.toAbsolutePath());
            for (Path f : TraceEventsFuzz.corpusFiles(dir)) {
                live.put(f.getFileName().toString(), t.run(f, work));
            }
        }
        // Result.equals compares the outputs (null when tracetool failed), not the failure texts
        assertEquals(recorded, live, "answers.tsv or an output is out of date: run bench/fuzz.sh record");
    }

    @Test
    void aShortRunFindsNoDisagreement() throws Exception {
        TraceEventsFuzz.Outcome o = TraceEventsFuzz.run(new TraceEventsFuzz.Config(20261201, 3600, 2000, 2,
                Path.of("target", "fuzz-it", "trace-events"), 0));
        System.out.printf("trace-events fuzz: %d inputs (%d distinct), %d accepted by tracetool, %d outputs compared,"
                + " %d disagreements, %d failures%n", o.inputs(), o.distinct(), o.accepted(), o.outputsCompared(),
                o.disagreements().size(), o.failures().size());
        assertEquals(2000, o.inputs());
        assertTrue(o.accepted() >= 400, "valid files too: " + o.accepted());
        assertEquals(List.of(), o.failures());
        assertEquals(List.of(), o.disagreements());
    }
}
