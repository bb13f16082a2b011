package io.tapls.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.generate.GenerateOptions;
import io.tapls.generate.Refusals;
import io.tapls.generate.TapsetFormat;
import io.tapls.traceevents.QemuVersion;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.InputProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generation engine without a command line: what an editor's "generate the log tapset" needs. Every
 * outcome is a value; nothing is printed, nothing is written until asked.
 */
class GenerationTest {
    static final GenerateOptions LOG = new GenerateOptions(QemuVersion.CURRENT, null, "qemu.img");

    @TempDir
    Path dir;

    private static TraceEventsInputs.Loaded buffer(String shown, String text) {
        var source = new TraceEventsInputs.Source(Path.of(shown), shown, "trace-events", text);
        return new TraceEventsInputs.Loaded(TraceEventsInputs.analyze(List.of(source), QemuVersion.CURRENT), List.of());
    }

    private static Generation.Request logStapTo(Path target) {
        return new Generation.Request(List.of(TapsetFormat.LOG_STAP), new Generation.Destination.Single(target), LOG,
                Refusals.Policy.STRICT);
    }

    @Test
    void generatesTheLogTapsetOfAnEditorsBufferInMemory() {
        Path target = dir.resolve("qemu-img-log.stp");
        Generation.Generated g = Generation.generate(buffer("hw/trace-events", "open(int fd) \"fd %d\"\n"),
                logStapTo(target));
        assertNull(g.stop());
        Generation.Output out = g.outputs().get(0);
        assertEquals(target, out.target());
        assertTrue(new String(out.bytes(), StandardCharsets.UTF_8)
                .contains("probe qemu.img.log.open = qemu.img.open ?"));
        assertTrue(Files.notExists(target), "generating writes nothing");
    }

    @Test
    void inputWithErrorsIsARefusalWithTheReportsOfTheInputs() {
        Generation.Generated g = Generation.generate(buffer("hw/trace-events", "bad(struct Foo *p) \"%p\"\n"),
                logStapTo(null));
        Generation.Stop.Refused refused = assertInstanceOf(Generation.Stop.Refused.class, g.stop());
        assertEquals("hw/trace-events", refused.reports().get(0).path());
        assertEquals("disallowed-type", refused.reports().get(0).diagnostics().get(0).rule().id());
        assertNull(g.outputs());
    }

    @Test
    void unreadableInputsComeFirst() throws IOException {
        Files.createDirectories(dir.resolve("scripts"));
        Files.writeString(dir.resolve("scripts/a.stp"), "probe begin {}\n");
        Files.write(dir.resolve("latin1.trace-events"), "a(void) \"\u00e9\"\n".getBytes(StandardCharsets.ISO_8859_1));
        Path missing = dir.resolve("missing");
        Generation.Generated g = Generation.generate(List.of(missing, dir.resolve("scripts"),
                dir.resolve("latin1.trace-events")), logStapTo(null));
        Generation.Stop.Unreadable u = assertInstanceOf(Generation.Stop.Unreadable.class, g.stop());
        assertEquals(List.of(new InputProblem.Unreadable(missing.toString(), "No such file or directory"),
                new InputProblem.NothingFound(dir.resolve("scripts"), Set.of(FileKind.TRACE_EVENTS)),
                new InputProblem.NotUtf8(dir.resolve("latin1.trace-events").toString(), 1, 10, 0xe9)), u.problems());
    }

    @Test
    void perFileOutputsThatWouldCollideAreAStop() throws IOException {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        Path a = Files.writeString(dir.resolve("a/trace-events"), "x(int v)\n");
        Path b = Files.writeString(dir.resolve("b/trace-events"), "y(int v)\n");
        Generation.Request perFile = new Generation.Request(List.of(TapsetFormat.D),
                new Generation.Destination.PerFile(dir.resolve("out")), LOG, Refusals.Policy.STRICT);
        Generation.Generated g = Generation.generate(List.of(a, b), perFile);
        assertEquals(new Generation.Stop.Collision(a.toString(), b.toString(), dir.resolve("out/trace-events")),
                g.stop());
    }

    @Test
    void tracetoolsLogStapAcceptsWhatOnlyTheBuildWouldReject() {
        TraceEventsInputs.Loaded duplicate = buffer("trace-events", "a(int x) \"%d\"\na(int y) \"%d\"\n");
        assertEquals(Optional.empty(), Generation.acceptForLogTapset(duplicate, QemuVersion.CURRENT));
        assertInstanceOf(Generation.Stop.Refused.class, Generation.generate(duplicate, logStapTo(null)).stop());
    }

    @Test
    void neverOverwritesAFileTracetoolDidNotGenerate() throws IOException {
        Path hand = Files.writeString(dir.resolve("hand.stp"), "probe begin {}\n");
        Path generated = Files.writeString(dir.resolve("gen.stp"), GeneratedFiles.MARKER + ", do not edit. */\n");
        Path empty = Files.writeString(dir.resolve("empty.d"), "");
        assertEquals(GeneratedFiles.Reason.NOT_GENERATED, GeneratedFiles.refuseToOverwrite(hand).get().reason());
        assertEquals(GeneratedFiles.Reason.IS_A_DIRECTORY, GeneratedFiles.refuseToOverwrite(dir).get().reason());
        assertEquals(Optional.empty(), GeneratedFiles.refuseToOverwrite(generated));
        assertEquals(Optional.empty(), GeneratedFiles.refuseToOverwrite(empty), "an empty d file is tracetool's");
        assertEquals(Optional.empty(), GeneratedFiles.refuseToOverwrite(dir.resolve("new/x.stp")));
    }

    @Test
    void writesEveryTargetAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("sub/qemu-img-log.stp");
        Generation.Generated g = Generation.generate(buffer("trace-events", "open(int fd) \"fd %d\"\n"),
                logStapTo(target));
        assertEquals(List.of(), GeneratedFiles.refusals(g.outputs()));
        assertEquals(Optional.empty(), GeneratedFiles.writeAll(g.outputs()));
        assertEquals(new String(g.outputs().get(0).bytes(), StandardCharsets.UTF_8), Files.readString(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList());
        }
    }
}
