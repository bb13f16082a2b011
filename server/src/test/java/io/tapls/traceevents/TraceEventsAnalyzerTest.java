package io.tapls.traceevents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tapls.diag.Diagnostic;
import io.tapls.testing.Corpora;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The incremental analyzer gives exactly what reading and checking the whole text gives, cold and after
 * edits that reuse its per-line results.
 */
class TraceEventsAnalyzerTest {

    private static void assertSame(TraceEventsAnalyzer analyzer, String name, String content) {
        TraceEventsAnalyzer.Analysis a = analyzer.analyze(name, content);
        TraceEventsFile file = TraceEventsReader.read(name, content);
        List<Diagnostic> expected = TraceEventsChecker.check(file, analyzer.version());
        assertEquals(file.events(), a.file().events(), name);
        assertEquals(file.syntaxDiagnostics().size(), a.file().syntaxDiagnostics().size(), name);
        assertEquals(expected, a.diagnostics(), name);
    }

    private static List<Path> corpus() throws IOException {
        List<Path> files = new ArrayList<>();
        Path root = Corpora.qemuCorpus();
        try (Stream<Path> s = Files.walk(root.resolve("trace-events"))) {
            s.filter(p -> p.getFileName().toString().equals("trace-events") && Files.isRegularFile(p))
                    .forEach(files::add);
        }
        try (Stream<Path> s = Files.list(root.resolve("errors"))) {
            s.filter(p -> p.toString().endsWith(".trace-events") && !p.toString().contains("non_utf8"))
                    .forEach(files::add);
        }
        return files;
    }

    @Test
    void coldAnalysisEqualsReadAndCheck() throws IOException {
        for (Path p : corpus()) {
            String content = Files.readString(p, StandardCharsets.UTF_8);
            assertSame(new TraceEventsAnalyzer(QemuVersion.CURRENT), p.toString(), content);
            assertSame(new TraceEventsAnalyzer(QemuVersion.LEGACY), p.toString(), content);
        }
    }

    @Test
    void editsReuseLinesAndStillAgree() throws IOException {
        String content = Files.readString(Corpora.qemuCorpus().resolve("trace-events/hw/usb/trace-events"));
        TraceEventsAnalyzer analyzer = new TraceEventsAnalyzer(QemuVersion.CURRENT);
        assertSame(analyzer, "t", content);
        Random random = new Random(7);
        String[] inserts = {"x", "\n", "%", "\"", ")", "(", " ", "foo(int a) \"%d\"\n", "#", "\r\n", "%llx"};
        StringBuilder text = new StringBuilder(content);
        for (int i = 0; i < 200; i++) {
            int at = random.nextInt(text.length() + 1);
            if (random.nextBoolean() && at < text.length()) {
                text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(20)));
            } else {
                text.insert(at, inserts[random.nextInt(inserts.length)]);
            }
            assertSame(analyzer, "t", text.toString());
        }
    }

    @Test
    void duplicatesAcrossLinesAreStillFound() {
        TraceEventsAnalyzer analyzer = new TraceEventsAnalyzer(QemuVersion.CURRENT);
        String one = "foo(int x) \"%d\"\nbar(int y) \"%d\"\n";
        assertSame(analyzer, "t", one);
        assertSame(analyzer, "t", one.replace("bar", "foo"));
        assertSame(analyzer, "t", one.replace("bar", "foo") + "foo(int x) \"%d\"");
    }
}
