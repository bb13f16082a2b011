package io.tapls.stap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import io.tapls.testing.StapAnswers;
import io.tapls.testing.StapOracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * "Same verdict as the real stap": tapls check --syntax-only (the real jar) reports a parse error in a file
 * if and only if stap -p1 does (asked through ../shared/tools/stap-oracle), and for invalid files with the
 * same message text. Also checks that verdict-snippets.expected, the recording the unit test StapVerdictTest
 * compares tapls with, is still what stap says.
 */
class StapVerdictIT {
    private static final Path TAPSET = Path.of("/usr/share/systemtap/tapset");
    private static final Path EXAMPLES = Path.of("/usr/share/systemtap/examples");

    /** First stap-style error line per file from tapls, "" when clean. */
    static Map<Path, String> taplsFirstErrors(List<Path> files) {
        Map<Path, String> out = new HashMap<>();
        for (int i = 0; i < files.size(); i += 400) {
            List<String> args = new ArrayList<>(List.of("check", "--syntax-only", "--format", "json"));
            files.subList(i, Math.min(files.size(), i + 400)).forEach(p -> args.add(p.toString()));
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertTrue(r.exitCode() == 0 || r.exitCode() == 1, "tapls check failed: " + r.stderr());
            JsonObject root = JsonParser.parseString(r.stdout()).getAsJsonObject();
            for (JsonElement f : root.getAsJsonArray("files")) {
                JsonObject o = f.getAsJsonObject();
                String first = "";
                for (JsonElement d : o.getAsJsonArray("diagnostics")) {
                    JsonObject dd = d.getAsJsonObject();
                    if (dd.get("severity").getAsString().equals("error")) {
                        String m = dd.get("message").getAsString();
                        first = m.startsWith("Input file") ? m : "parse error: " + m;
                        break;
                    }
                }
                out.put(Path.of(o.get("path").getAsString()), first);
            }
        }
        return out;
    }

    static StapSnippets.VerdictOutcome compare(List<Path> files) {
        return StapSnippets.compareVerdicts(files, StapOracle.p1(files), taplsFirstErrors(files));
    }

    static List<Path> stpFiles(Path root, String... suffixes) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(suffixes).anyMatch(x -> p.getFileName().toString().endsWith(x)))
                    .sorted().toList();
        }
    }

    @Test
    void tapsetLibraryHasStapsVerdicts() throws IOException {
        Corpora.require(TAPSET, "Debian's systemtap-common (" + TAPSET + ")");
        List<Path> files = stpFiles(TAPSET, ".stp");
        Map<Path, StapOracle.Verdict> stap = StapOracle.p1(files);
        List<Path> compared = files.stream()
                .filter(f -> !stap.get(f).firstError().startsWith("Input file")).toList();
        StapSnippets.VerdictOutcome o = compare(compared);
        System.out.printf("tapset library: %d files compared (%d empty after preprocessing left out), "
                + "%d same verdict%n", o.files(), files.size() - compared.size(), o.sameVerdict());
        assertTrue(compared.size() >= 550, "too few tapset files: " + compared.size());
        assertEquals(List.of(), o.differences());
    }

    @Test
    void examplesHaveStapsVerdicts() throws IOException {
        Corpora.require(EXAMPLES, "Debian's systemtap-doc (" + EXAMPLES + ")");
        List<Path> files = stpFiles(EXAMPLES, ".stp");
        Map<Path, StapOracle.Verdict> stap = StapOracle.p1(files);
        List<Path> compared = files.stream()
                .filter(f -> !stap.get(f).firstError().contains("command line argument out of range")).toList();
        StapSnippets.VerdictOutcome o = compare(compared);
        long accepted = compared.stream().filter(f -> stap.get(f).pass()).count();
        System.out.printf("examples: %d compared (%d need script arguments), %d accepted by stap, "
                + "%d same verdict, %d/%d same message%n", o.files(), files.size() - compared.size(), accepted,
                o.sameVerdict(), o.sameMessage(), o.invalid());
        assertTrue(accepted >= 170, "stap accepted only " + accepted);
        assertEquals(List.of(), o.differences());
    }

    /** The snippets as files in one directory for the whole run, so that the oracle's answers are cached once. */
    private static Map<String, Path> snippetFiles() {
        return StapSnippets.VERDICT.write(Path.of("target", "stap-snippets", "verdict").toAbsolutePath());
    }

    @Test
    void handWrittenSnippetsHaveStapsVerdictsAndMessages() {
        StapOracle.script();
        List<Path> files = List.copyOf(snippetFiles().values());
        StapSnippets.VerdictOutcome o = compare(files);
        double pct = 100.0 * o.sameMessage() / Math.max(1, o.invalid());
        System.out.printf("snippets: %d (%d invalid for stap), %d same verdict, %d/%d same message (%.1f%%)%n",
                o.files(), o.invalid(), o.sameVerdict(), o.sameMessage(), o.invalid(), pct);
        o.differences().forEach(System.out::println);
        assertTrue(o.files() >= 150, "at least 150 snippets");
        assertTrue(o.invalid() >= 100, "at least 100 invalid snippets, have " + o.invalid());
        assertEquals(o.files(), o.sameVerdict(), "every snippet has stap's verdict");
        assertTrue(pct >= 95.0, "same message for at least 95% of invalid snippets: " + pct);
    }

    /** verdict-snippets.expected, which the unit test StapVerdictTest compares tapls with, is what stap says now. */
    @Test
    void recordedAnswersAreStapsAnswers() {
        StapOracle.script();
        Map<String, Path> files = snippetFiles();
        Map<Path, StapOracle.Verdict> stap = StapOracle.p1(List.copyOf(files.values()));
        Map<String, StapOracle.Verdict> live = new LinkedHashMap<>();
        files.forEach((id, f) -> live.put(id, StapSnippets.relativeTo(f.getParent(), stap.get(f))));
        assertEquals(List.of(), StapSnippets.VERDICT.outOfDate(live), StapSnippets.VERDICT.file() + " is out of date: run "
                + StapAnswers.REFRESH);
    }
}
