package io.tapls.traceevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Settings;
import io.tapls.workspace.Workspace;
import io.tapls.diag.Diagnostic;
import io.tapls.diag.Rule;
import io.tapls.diag.Severity;
import io.tapls.testing.Corpora;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 39 edge cases of ../shared/corpus/qemu/errors: tapls' verdict against tracetool's (RESULTS.json),
 * with tracetool's message wherever it was a ValueError.
 */
class TracetoolErrorsTest {
    /** Cases tracetool accepts whose generated code would not build: tapls must say so, with this rule. */
    private static final Map<String, Rule> NOT_ENOUGH_FOR_A_BUILD = Map.of(
            "duplicate_names", TraceEventRules.DUPLICATE_EVENT,
            "unterminated_string", TraceEventRules.UNTERMINATED_FORMAT,
            "pointer_without_name", TraceEventRules.UNNAMED_ARGUMENT,
            "const_only_type", TraceEventRules.CONST_ONLY_TYPE,
            "name_leading_digit", TraceEventRules.INVALID_EVENT_NAME,
            "size_qualifiers", TraceEventRules.FORMAT_ARGUMENT_COUNT);

    static Stream<Arguments> cases() throws IOException {
        Path dir = Corpora.qemuCorpus().resolve("errors");
        JsonObject results = JsonParser.parseString(Files.readString(dir.resolve("RESULTS.json"))).getAsJsonObject();
        return results.keySet().stream().sorted().map(name -> Arguments.of(name, results.getAsJsonObject(name)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameVerdictAsTracetool(String name, JsonObject result) throws IOException {
        Path file = Corpora.qemuCorpus().resolve("errors").resolve(name + ".trace-events");
        byte[] bytes = Files.readAllBytes(file);
        boolean rejected = result.keySet().stream()
                .anyMatch(format -> result.getAsJsonObject(format).get("rc").getAsInt() != 0);
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // Not UTF-8: the CLI refuses the file (CheckCommandIT); tracetool fails with UnicodeDecodeError.
            assertTrue(rejected, name);
            return;
        }
        String shown = name + ".trace-events";
        List<Diagnostic> errors = new Workspace(List.of(), Settings.defaults()).check(shown, content, FileKind.TRACE_EVENTS)
                .stream().filter(d -> d.severity() == Severity.ERROR).toList();
        if (rejected) {
            assertTrue(!errors.isEmpty(), name + ": tracetool rejects it, tapls must too");
            String last = result.getAsJsonObject("stap").get("last_stderr_line").getAsString();
            if (result.getAsJsonObject("stap").get("rc").getAsInt() == 0) {
                last = result.getAsJsonObject("log-stap").get("last_stderr_line").getAsString();
            }
            String expected = tracetoolMessage(last, shown);
            if (expected != null) {
                String exp = expected;
                assertTrue(errors.stream().anyMatch(d -> sameMessage(d.message(), exp)),
                        name + ": expected tracetool's message '" + expected + "' among " + errors);
            }
        } else if (NOT_ENOUGH_FOR_A_BUILD.containsKey(name)) {
            Rule rule = NOT_ENOUGH_FOR_A_BUILD.get(name);
            assertTrue(errors.stream().anyMatch(d -> d.rule() == rule), name + ": expected " + rule.id() + " in "
                    + errors);
        } else {
            assertEquals(List.of(), errors, name + ": tracetool accepts it and the code it generates builds");
        }
    }

    /**
     * tracetool's text where it was a ValueError of its own; null for Python crashes (AssertionError,
     * "not enough values to unpack", Unhandled macro), where tapls says plainly what is wrong instead.
     */
    static String tracetoolMessage(String last, String shown) {
        if (!last.startsWith("ValueError: ") || last.contains("not enough values to unpack")) {
            return null;
        }
        String m = last.substring("ValueError: ".length());
        String prefix = "Error at " + shown + ":";
        if (m.startsWith(prefix)) {
            m = m.substring(m.indexOf(": ", prefix.length()) + 2);
        }
        return m;
    }

    /** Python reports a set of unknown properties in hash order: compare those as sets. */
    private static boolean sameMessage(String actual, String expected) {
        String props = "Unknown properties: ";
        if (actual.startsWith(props) && expected.startsWith(props)) {
            return new java.util.TreeSet<>(List.of(actual.substring(props.length()).split(", ")))
                    .equals(new java.util.TreeSet<>(List.of(expected.substring(props.length()).split(", "))));
        }
        return actual.equals(expected);
    }
}
