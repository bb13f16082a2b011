package io.tapls.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Corpora;
import io.tapls.traceevents.QemuVersion;
import io.tapls.traceevents.TraceEventsReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * All 97 corpus files x 4 formats are byte-identical to the real tracetool's output in
 * ../shared/corpus/qemu/expected, with the README's parameters: binary /usr/bin/qemu-system-x86_64, prefix
 * qemu.system.x86_64 (the group from MANIFEST.tsv does not change these formats).
 */
class CorpusGenerationTest {
    @TestFactory
    Stream<DynamicTest> everyFileInEveryFormatIsByteIdentical() throws IOException {
        Path corpus = Corpora.qemuCorpus();
        List<String> rows = Files.readAllLines(corpus.resolve("MANIFEST.tsv"));
        List<DynamicTest> tests = new ArrayList<>();
        GenerateOptions options = new GenerateOptions(QemuVersion.CURRENT, "/usr/bin/qemu-system-x86_64",
                "qemu.system.x86_64");
        for (String row : rows.subList(1, rows.size())) {
            String source = row.split("\t")[1];
            for (TapsetFormat format : TapsetFormat.values()) {
                tests.add(DynamicTest.dynamicTest(format.id() + " " + source, () -> {
                    String input = Files.readString(corpus.resolve("trace-events").resolve(source));
                    Path expected = corpus.resolve("expected").resolve(format.id()).resolve(source);
                    var events = TraceEventsReader.read(source, input).events();
                    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), format.generate(events, options));
                }));
            }
        }
        assertEquals(97 * 4, tests.size(), "97 files x 4 formats");
        assertTrue(tests.size() > 0);
        return tests.stream();
    }
}
