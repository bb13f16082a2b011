package io.tapls.stap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import io.tapls.testing.StapOracle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pass 2 over Debian's 201 example scripts (systemtap-doc), which mostly probe a kernel or a binary that stap's
 * offline run does not have: tapls check (the real jar, Debian's library) reports an error only where stap -p2
 * rejects the script for a reason that needs no kernel, with stap's message and position; anything that would
 * need the kernel gives at most warnings.
 */
class StapExamplesPass2IT {
    private static final Path EXAMPLES = Path.of("/usr/share/systemtap/examples");

    @Test
    void errorsOnlyWhereStapRejectsTheScriptWithoutAKernelAndWithItsMessage() {
        Corpora.require(EXAMPLES, "Debian's systemtap-doc examples");
        StapOracle.script();
        List<Path> files;
        try (Stream<Path> s = Files.walk(EXAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".stp")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(files.size() >= 200, "examples: " + files.size());
        Cli.Result r = Cli.run("check", "--format", "json", EXAMPLES.toString());
        Map<Path, StapSnippets.FirstError> tapls = new LinkedHashMap<>();
        int warnings = 0;
        for (JsonElement f : JsonParser.parseString(r.stdout()).getAsJsonObject().getAsJsonArray("files")) {
            Path path = Path.of(f.getAsJsonObject().get("path").getAsString()).toAbsolutePath().normalize();
            for (JsonElement d : f.getAsJsonObject().getAsJsonArray("diagnostics")) {
                JsonObject o = d.getAsJsonObject();
                if (o.get("severity").getAsString().equals("error")) {
                    JsonObject start = o.getAsJsonObject("range").getAsJsonObject("start");
                    tapls.putIfAbsent(path, new StapSnippets.FirstError(o.get("message").getAsString(),
                            start.get("line").getAsInt(), start.get("column").getAsInt()));
                } else {
                    warnings++;
                }
            }
        }
        Map<Path, StapOracle.Verdict> stap = StapOracle.p2(files);
        long accepted = stap.values().stream().filter(StapOracle.Verdict::pass).count();
        long kernel = stap.values().stream().filter(v -> !v.pass() && needsKernel(v.firstError())).count();
        List<String> wrong = new ArrayList<>();
        int agreeing = 0;
        for (Map.Entry<Path, StapSnippets.FirstError> e : tapls.entrySet()) {
            Path file = e.getKey();
            StapOracle.Verdict primary = StapOracle.p2Primary(file, false, null);
            Map<Path, StapOracle.Verdict> one = Map.of(file, primary);
            StapSnippets.Pass2Outcome o = StapSnippets.comparePass2(List.of(file), one, Map.of(file, e.getValue()));
            if (primary.pass() || !o.differences().isEmpty()) {
                wrong.add(EXAMPLES.relativize(file) + ": tapls '" + e.getValue().message() + "' at "
                        + e.getValue().line() + ":" + e.getValue().column() + ", stap " + primary);
            } else {
                agreeing++;
            }
        }
        System.out.printf("examples: %d scripts; stap -p2 offline accepts %d, rejects %d (%d for what needs a kernel or"
                + " a binary); tapls: errors in %d, all with stap's message and position: %d; %d warnings%n",
                files.size(), accepted, files.size() - accepted, kernel, tapls.size(), agreeing, warnings);
        assertEquals(List.of(), wrong);
    }

    /** stap's reasons that only a kernel, a binary or their debuginfo would settle. */
    private static boolean needsKernel(String firstError) {
        return firstError.contains("while resolving probe point") || firstError.contains("debuginfo")
                || firstError.contains("type definition") || firstError.contains("not found in")
                || firstError.contains("command line argument");
    }
}
