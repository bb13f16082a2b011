package io.tapls.stap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.StapAnswers;
import io.tapls.testing.StapOracle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tests' own tapset library (src/test/resources/tapsets), which the unit tests use instead of Debian's,
 * against the real stap with only that library on its search path: what stap lists of it is still what
 * tapset-fixture.expected recorded, and it stands in for Debian's library in the pass-2 snippets.
 */
class TapsetFixtureIT {
    private static final Path LIBRARY = StapAnswers.tapsetFixture();

    @Test
    void recordedListingsAreStapsListings() {
        Map<String, List<String>> recorded = StapAnswers.sections("/stap/tapset-fixture.expected");
        assertEquals(3, recorded.size(), recorded.keySet().toString());
        Map<String, List<String>> live = new LinkedHashMap<>();
        for (String command : recorded.keySet()) {
            List<String> args = new ArrayList<>(List.of(command.substring("stap ".length()).split(" ")));
            live.put(command, stapWithTheLibrary(args).lines().toList());
        }
        assertEquals(recorded, live, "tapset-fixture.expected is out of date: run " + StapAnswers.REFRESH);
        assertTrue(live.values().stream().allMatch(l -> !l.isEmpty()), live.toString());
    }

    /**
     * The scripts of pass2-snippets.txt get the same answers from stap with this library alone as with Debian's
     * whole library (pass2-snippets.expected), but for the "similar:" lists: StapPass2Test can check tapls with it.
     */
    @Test
    void passTwoSnippetsGetTheSameAnswersAsWithDebiansLibrary() {
        StapOracle.script();
        Map<String, Path> files = StapSnippets.PASS2.write(Path.of("target", "stap-snippets", "pass2-fixture")
                .toAbsolutePath());
        Map<Path, StapOracle.Verdict> stap = StapOracle.p2WithLibrary(LIBRARY, List.copyOf(files.values()));
        Map<String, StapOracle.Verdict> debian = StapSnippets.PASS2.recorded();
        List<String> diffs = new ArrayList<>();
        files.forEach((id, f) -> {
            StapOracle.Verdict mine = withoutSimilar(StapSnippets.relativeTo(f.getParent(), stap.get(f)));
            StapOracle.Verdict theirs = withoutSimilar(debian.get(id));
            if (!mine.equals(theirs)) {
                diffs.add(id + ": with Debian's library " + theirs + ", with the test library " + mine);
            }
        });
        assertTrue(files.size() >= 70, "pass-2 snippets: " + files.size());
        assertEquals(List.of(), diffs);
    }

    private static StapOracle.Verdict withoutSimilar(StapOracle.Verdict v) {
        return new StapOracle.Verdict(v.pass(), v.firstError().replaceFirst(" \\(similar: [^)]*\\)", ""));
    }

    private static String stapWithTheLibrary(List<String> args) {
        List<String> command = new ArrayList<>(List.of(StapOracle.script().toString(), "--raw"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("SYSTEMTAP_TAPSET", LIBRARY.toString());
        io.tapls.testing.Cli.Result r = io.tapls.testing.Cli.run(pb, 120);
        assertEquals(0, r.exitCode(), String.join(" ", command) + "\n" + r.stderr());
        return r.stdout();
    }
}
