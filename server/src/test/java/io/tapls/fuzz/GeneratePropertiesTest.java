package io.tapls.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.Severity;
import io.tapls.generate.GenerateOptions;
import io.tapls.generate.Refusals;
import io.tapls.generate.TapsetFormat;
import io.tapls.traceevents.QemuVersion;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Settings;
import io.tapls.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * {@code generate} never fails on input that {@code check} accepts: for every trace-events file in which check
 * reports no error for a QEMU release, all four formats of that release's tracetool (stap, log-stap,
 * simpletrace-stap, d) are generated, under the default policy and under --tracetool-compat, without an
 * exception and with output (the d format's may be empty).
 */
class GeneratePropertiesTest {
    private static final java.util.Map<QemuVersion, Workspace> workspaces =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static Path dir;

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("tapls-generate-props");
    }

    @AfterContainer
    static void stop() throws Exception {
        workspaces.values().forEach(Workspace::shutdown);
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Grammar-shaped files and mutants of QEMU's corpus: most of what check accepts comes from these. */
    @Provide
    Arbitrary<String> files() {
        return Arbitraries.oneOf(Arbitraries.longs().map(TraceEventsGenerator::file),
                Arbitraries.longs().map(PropertyInputs::traceEventsMutant));
    }

    /** QEMU releases whose tracetool differs (legacy vcpu events before 10.1, the formats' history). */
    @Provide
    Arbitrary<QemuVersion> versions() {
        return Arbitraries.of("2.12", "4.2", "6.2", "7.2", "8.2", "9.2", "10.0", "10.1", QemuVersion.CURRENT.toString())
                .map(QemuVersion::parse);
    }

    static boolean accepted(String text, QemuVersion version) {
        Workspace workspace = workspaces.computeIfAbsent(version,
                v -> new Workspace(List.of(), Settings.defaults().withQemuVersion(v)));
        List<Diagnostic> ds = workspace.check("trace-events", text, FileKind.TRACE_EVENTS);
        return ds.stream().noneMatch(d -> d.severity() == Severity.ERROR)
                && StandardCharsets.UTF_8.newEncoder().canEncode(text);
    }

    @Property(seed = PropertyInputs.SEED, maxDiscardRatio = 100)
    void generateWritesEveryFormatOfWhatCheckAccepts(@ForAll("files") String text,
                                                     @ForAll("versions") QemuVersion version) throws Exception {
        Assume.that(accepted(text, version));
        GenerateOptions options = new GenerateOptions(version, TraceEventsDifferential.BINARY,
                TraceEventsDifferential.PREFIX);
        Path input = dir.resolve("trace-events");
        Files.writeString(input, text, StandardCharsets.UTF_8);
        assertTimeoutPreemptively(ParserPropertiesTest.BOUND, () -> {
            for (TapsetFormat f : TapsetFormat.values()) {
                for (Refusals.Policy policy : Refusals.Policy.values()) {
                    TraceEventsDifferential.Result g = TraceEventsDifferential.tapls(input, f, policy, options);
                    assertTrue(g.ok(), () -> "check accepts, but generate " + f.id() + " (" + policy
                            + ") refuses: " + g.why());
                    // tracetool's d format writes nothing for a file without enabled events (format/d.py: dtrace
                    // warns about an empty provider); the stap formats always write their header
                    assertTrue(g.output().length > 0 || f == TapsetFormat.D, () -> f.id() + ": no output");
                }
            }
        });
    }
}
