package io.tapls.traceevents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.Severity;
import io.tapls.testing.Corpora;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** QEMU 7.2's trace-events-all (Debian 12) against the current and the legacy dialect. */
class QemuDialectTest {

    private static TreeMap<Integer, String> errors(String content, QemuVersion version) {
        TraceEventsFile file = TraceEventsReader.read("trace-events-all", content);
        TreeMap<Integer, String> lines = new TreeMap<>();
        for (Diagnostic d : TraceEventsChecker.check(file, version)) {
            if (d.severity() == Severity.ERROR) {
                lines.put(file.text().lineOf(d.span().start()) + 1, d.rule().id());
            }
        }
        return lines;
    }

    @Test
    void debian72ChecksCleanWithTheLegacyDialect() throws IOException {
        String content = Files.readString(Corpora.debianTraceEventsAll());
        assertEquals(5078, TraceEventsReader.read("t", content).events().size());
        assertEquals(new TreeMap<>(), errors(content, QemuVersion.parse("7.2")));
    }

    @Test
    void currentDialectRejectsExactlyTheVcpuAndNewlineEvents() throws IOException {
        String content = Files.readString(Corpora.debianTraceEventsAll());
        TreeMap<Integer, String> errors = errors(content, QemuVersion.CURRENT);
        List<Integer> vcpu = errors.entrySet().stream().filter(e -> e.getValue().equals("unknown-property"))
                .map(java.util.Map.Entry::getKey).toList();
        List<Integer> newline = errors.entrySet().stream()
                .filter(e -> e.getValue().equals("format-embedded-newline")).map(java.util.Map.Entry::getKey).toList();
        assertEquals(5, vcpu.size(), vcpu.toString());
        assertEquals(74, vcpu.get(0));
        assertEquals(List.of(821, 4048, 4049, 4279, 4287, 4319, 4648, 4664), newline);
        assertEquals(13, errors.size(), errors.toString());
    }

    @Test
    void versionsDecideTheDialect() {
        String vcpu = "vcpu foo(int x) \"x=%d\"\n";
        assertEquals(1, errors(vcpu, QemuVersion.CURRENT).size());
        assertEquals(0, errors(vcpu, QemuVersion.parse("10.0")).size());
        String tcg = "tcg foo(int x) \"x=%d\"\n";
        assertEquals(1, errors(tcg, QemuVersion.LEGACY).size());
        assertEquals(0, errors(tcg, QemuVersion.parse("6.2")).size());
        String newline = "foo(int x) \"a\\nx=%d\"\n";
        assertEquals(1, errors(newline, QemuVersion.parse("9.1")).size());
        assertEquals(0, errors(newline, QemuVersion.parse("9.0")).size());
    }
}
