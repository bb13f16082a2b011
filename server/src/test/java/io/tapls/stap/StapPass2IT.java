package io.tapls.stap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tapls.testing.Cli;
import io.tapls.testing.StapAnswers;
import io.tapls.testing.StapOracle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pass-2 rules against the real stap: for scripts that elaborate offline (begin/timer probes, tapset
 * functions), tapls check (the real jar, with Debian's library) reports an error iff stap -p2 fails, with
 * stap's message and position. Also checks that pass2-snippets.expected, the recording the unit test
 * StapPass2Test compares tapls with, is still what stap says.
 */
class StapPass2IT {
    /** The snippets as files in one directory for the whole run, so that the oracle's answers are cached once. */
    private static Map<String, Path> snippetFiles() {
        return StapSnippets.PASS2.write(Path.of("target", "stap-snippets", "pass2").toAbsolutePath());
    }

    @Test
    void sameVerdictMessageAndPositionAsStapPassTwo() {
        StapOracle.script();
        List<Path> files = List.copyOf(snippetFiles().values());
        Map<Path, StapOracle.Verdict> stap = StapOracle.p2(files);
        List<String> args = new ArrayList<>(List.of("check", "--format", "json"));
        files.forEach(f -> args.add(f.toString()));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        Map<Path, StapSnippets.FirstError> firstError = new HashMap<>();
        for (JsonElement f : JsonParser.parseString(r.stdout()).getAsJsonObject().getAsJsonArray("files")) {
            for (JsonElement d : f.getAsJsonObject().getAsJsonArray("diagnostics")) {
                JsonObject o = d.getAsJsonObject();
                if (o.get("severity").getAsString().equals("error")) {
                    JsonObject start = o.getAsJsonObject("range").getAsJsonObject("start");
                    firstError.putIfAbsent(Path.of(f.getAsJsonObject().get("path").getAsString()),
                            new StapSnippets.FirstError(o.get("message").getAsString(), start.get("line").getAsInt(),
                                    start.get("column").getAsInt()));
                }
            }
        }
        StapSnippets.Pass2Outcome o = StapSnippets.comparePass2(files, stap, firstError);
        System.out.printf("pass 2: %d scripts, %d same verdict; %d/%d errors with stap's message and position%n",
                o.files(), o.sameVerdict(), o.sameMessage(), o.failing());
        assertEquals(List.of(), o.differences());
    }

    /** pass2-snippets.expected, which the unit test StapPass2Test compares tapls with, is what stap says now. */
    @Test
    void recordedAnswersAreStapsAnswers() {
        StapOracle.script();
        Map<String, Path> files = snippetFiles();
        Map<Path, StapOracle.Verdict> stap = StapOracle.p2(List.copyOf(files.values()));
        Map<String, StapOracle.Verdict> live = new LinkedHashMap<>();
        files.forEach((id, f) -> live.put(id, StapSnippets.relativeTo(f.getParent(), stap.get(f))));
        assertEquals(List.of(), StapSnippets.PASS2.outOfDate(live), StapSnippets.PASS2.file() + " is out of date: run "
                + StapAnswers.REFRESH);
    }
}
