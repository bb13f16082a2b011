package io.tapls.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tapls.diag.Diagnostic;
import io.tapls.diag.Rule;
import io.tapls.diag.Severity;
import io.tapls.testing.Corpora;
import io.tapls.traceevents.QemuVersion;
import io.tapls.traceevents.TraceEventRules;
import io.tapls.traceevents.TraceEventsChecker;
import io.tapls.traceevents.TraceEventsFile;
import io.tapls.traceevents.TraceEventsReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The 39 edge cases of ../shared/corpus/qemu/errors against tracetool's verdicts (RESULTS.json):
 * <ul>
 * <li>where tracetool failed (rc 1) generation refuses, under both policies;</li>
 * <li>where it succeeded, the output is byte-identical to errors/CASE.FORMAT.out, except that by default
 *     (the strict policy) tapls refuses the cases its checker reports as errors although tracetool accepts them;
 *     with the tracetool policy (--tracetool-compat) those are byte-identical too.</li>
 * </ul>
 */
class ErrorsCorpusTest {
    /** Accepted by tracetool, refused by default: each breaks later, in the C build or in stap. */
    static final Set<String> STRICT_ONLY = Set.of("duplicate_names", "unterminated_string", "pointer_without_name",
            "const_only_type", "name_leading_digit", "size_qualifiers");

    @TestFactory
    Stream<DynamicTest> tracetoolVerdicts() throws Exception {
        Path errors = Corpora.qemuCorpus().resolve("errors");
        JsonObject results = JsonParser.parseString(Files.readString(errors.resolve("RESULTS.json"))).getAsJsonObject();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, com.google.gson.JsonElement> c : results.entrySet()) {
            String name = c.getKey();
            for (TapsetFormat format : TapsetFormat.values()) {
                int rc = c.getValue().getAsJsonObject().getAsJsonObject(format.id()).get("rc").getAsInt();
                for (Refusals.Policy policy : Refusals.Policy.values()) {
                    tests.add(DynamicTest.dynamicTest(name + " " + format.id() + " " + policy, () -> {
                        String output = generate(errors.resolve(name + ".trace-events"), format, policy);
                        if (rc != 0) {
                            assertNull(output, "tracetool failed, so must tapls");
                        } else if (policy == Refusals.Policy.STRICT && STRICT_ONLY.contains(name)) {
                            assertNull(output, "refused by default although tracetool accepts it");
                        } else {
                            assertEquals(Files.readString(errors.resolve(name + "." + format.id() + ".out")), output);
                        }
                    }));
                }
            }
        }
        assertTrue(results.size() >= 39, "39 cases");
        return tests.stream();
    }

    /** generate uses checkErrors (no checkpatch pass): it must find exactly the errors check finds. */
    @Test
    void checkErrorsFindsEveryErrorCheckFinds() throws Exception {
        for (Rule r : TraceEventRules.ALL) {
            if (r.origin().equals("checkpatch")) {
                assertEquals(Severity.WARNING, r.defaultSeverity(), r.id());
            }
        }
        try (Stream<Path> files = Files.list(Corpora.qemuCorpus().resolve("errors"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".trace-events")).toList()) {
                String content = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
                TraceEventsFile file = TraceEventsReader.read(p.getFileName().toString(), content);
                assertEquals(errors(TraceEventsChecker.check(file, QemuVersion.CURRENT)),
                        errors(TraceEventsChecker.checkErrors(file, QemuVersion.CURRENT)), p.toString());
            }
        }
    }

    private static List<Diagnostic> errors(List<Diagnostic> all) {
        return all.stream().filter(d -> d.severity() == Severity.ERROR).toList();
    }

    /** What the generate command does, in process: the output, or null when it refuses. */
    static String generate(Path input, TapsetFormat format, Refusals.Policy policy) throws Exception {
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(input))).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        TraceEventsFile file = TraceEventsReader.read(input.getFileName().toString(), content);
        var diagnostics = TraceEventsChecker.checkErrors(file, QemuVersion.CURRENT);
        if (!Refusals.refusing(diagnostics, policy, QemuVersion.CURRENT, List.of(format)).isEmpty()) {
            return null;
        }
        try {
            return format.generate(file.events(), new GenerateOptions(QemuVersion.CURRENT,
                    "/usr/bin/qemu-system-x86_64", "qemu.system.x86_64"));
        } catch (GenerationException e) {
            return null;
        }
    }
}
