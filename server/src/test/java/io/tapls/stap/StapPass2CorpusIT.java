package io.tapls.stap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The pass-2 corpus against the live stap: tapls check (the real jar, Debian's library, each script by its file name
 * from its directory, as stap is run) reports an error iff stap -p2 (with -u where the script's first line asks)
 * rejects the script, with stap's message at stap's position; the recordings StapPass2CorpusTest reads are still
 * stap's answers; and the tests' own tapset library gives these scripts the answers Debian's does.
 */
class StapPass2CorpusIT {
    private static final Path DIR = Path.of("target", "stap-snippets", "pass2-corpus").toAbsolutePath();

    /** Each suite's snippets as DIR/SUITE/ID.stp. */
    private static Map<StapSnippets, Map<String, Path>> files() {
        Map<StapSnippets, Map<String, Path>> out = new LinkedHashMap<>();
        for (StapSnippets s : StapSnippets.corpusAll()) {
            out.put(s, s.write(DIR.resolve(s.suite().replace('/', '-'))));
        }
        return out;
    }

    /**
     * The scripts asked of the live stap: each stap -p2 reads Debian's whole library (about a second on an idle
     * core), so the 575 scripts twice over would take CI half an hour. By default a fixed sixth of each suite (by
     * the id's hash: the same scripts on every run); -Dtapls.pass2.live=all asks stap about every one (the full
     * comparison, as StapPass2CorpusTest makes it against the recordings on every run without stap).
     */
    private static Map<String, Path> sample(Map<String, Path> byId) {
        if ("all".equals(System.getProperty("tapls.pass2.live"))) {
            return byId;
        }
        Map<String, Path> out = new LinkedHashMap<>();
        byId.forEach((id, p) -> {
            if (Math.floorMod(id.hashCode(), 6) == 0) {
                out.put(id, p);
            }
        });
        return out;
    }

    private static final Map<Path, StapOracle.Verdict> LIVE = new HashMap<>();

    private static synchronized StapOracle.Verdict live(StapSnippets suite, Path f) {
        return LIVE.computeIfAbsent(f, p -> StapOracle.p2Primary(p, StapSnippets.unoptimized(suite.fileText(read(p))),
                null));
    }

    private static String read(Path p) {
        try {
            return java.nio.file.Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void sameVerdictMessageAndPositionAsStapPassTwo() {
        StapOracle.script();
        int files = 0;
        int accepted = 0;
        int rejected = 0;
        int sameVerdict = 0;
        int sameMessage = 0;
        List<String> diffs = new ArrayList<>();
        for (Map.Entry<StapSnippets, Map<String, Path>> suite : files().entrySet()) {
            Map<String, Path> byId = suite.getValue();
            List<String> args = new ArrayList<>(List.of("check", "--format", "json"));
            byId.keySet().forEach(id -> args.add(id + ".stp"));
            Path dir = byId.values().iterator().next().getParent();
            Cli.Result r = Cli.runIn(dir, args.toArray(String[]::new));
            Map<String, StapSnippets.FirstError> tapls = new HashMap<>();
            for (JsonElement f : JsonParser.parseString(r.stdout()).getAsJsonObject().getAsJsonArray("files")) {
                String id = f.getAsJsonObject().get("path").getAsString().replaceFirst("\\.stp$", "");
                for (JsonElement d : f.getAsJsonObject().getAsJsonArray("diagnostics")) {
                    JsonObject o = d.getAsJsonObject();
                    if (o.get("severity").getAsString().equals("error")) {
                        JsonObject start = o.getAsJsonObject("range").getAsJsonObject("start");
                        tapls.putIfAbsent(id, new StapSnippets.FirstError(o.get("message").getAsString(),
                                start.get("line").getAsInt(), start.get("column").getAsInt()));
                    }
                }
            }
            Map<String, StapOracle.Verdict> stap = new LinkedHashMap<>();
            Map<String, Path> asked = sample(byId);
            asked.forEach((id, p) -> stap.put(id, live(suite.getKey(), p)));
            StapSnippets.Pass2Outcome o = StapSnippets.comparePass2(List.copyOf(asked.keySet()), stap, tapls);
            files += o.files();
            accepted += (int) stap.values().stream().filter(StapOracle.Verdict::pass).count();
            rejected += (int) stap.values().stream().filter(v -> !v.pass()).count();
            sameVerdict += o.sameVerdict();
            sameMessage += o.sameMessage();
            o.differences().forEach(d -> diffs.add(suite.getKey().suite() + " " + d));
        }
        System.out.printf("pass-2 corpus: %d scripts (%d accepted by stap, %d rejected), %d same verdict, %d/%d with"
                + " stap's message and position%n", files, accepted, rejected, sameVerdict, sameMessage, rejected);
        assertEquals(List.of(), diffs);
    }

    /** CLASS.expected, which StapPass2CorpusTest compares tapls with, is what stap says now. */
    @Test
    void recordedAnswersAreStapsAnswers() {
        StapOracle.script();
        List<String> outOfDate = new ArrayList<>();
        for (Map.Entry<StapSnippets, Map<String, Path>> suite : files().entrySet()) {
            Map<String, StapOracle.Verdict> live = new LinkedHashMap<>();
            sample(suite.getValue()).forEach((id, p) -> live.put(id, live(suite.getKey(), p)));
            suite.getKey().outOfDate(live).stream().filter(l -> !l.endsWith(": no such snippet"))
                    .forEach(outOfDate::add);
            suite.getKey().recorded().keySet().stream().filter(id -> !suite.getValue().containsKey(id))
                    .forEach(id -> outOfDate.add(id + ": no such snippet"));
        }
        assertEquals(List.of(), outOfDate, "a pass-2 corpus recording is out of date: run " + StapAnswers.REFRESH);
    }

    /**
     * With the tests' own tapset library alone on its search path stap gives the corpus the answers it gives with
     * Debian's (but for "similar:" lists): StapPass2CorpusTest can check tapls with that library.
     */
    @Test
    void theTestLibraryGivesTheCorpusDebiansAnswers() {
        StapOracle.script();
        List<String> diffs = new ArrayList<>();
        int n = 0;
        for (Map.Entry<StapSnippets, Map<String, Path>> suite : files().entrySet()) {
            if (!StapSnippets.CORPUS.contains(suite.getKey())) {
                continue; // about Debian's library
            }
            Map<String, StapOracle.Verdict> debian = suite.getKey().recorded();
            for (Map.Entry<String, Path> f : sample(suite.getValue()).entrySet()) {
                n++;
                StapOracle.Verdict mine = StapOracle.p2Primary(f.getValue(),
                        StapSnippets.unoptimized(read(f.getValue())), StapAnswers.tapsetFixture());
                String a = withoutSimilar(mine.firstError());
                String b = withoutSimilar(debian.get(f.getKey()).firstError());
                if (mine.pass() != debian.get(f.getKey()).pass() || !a.equals(b)) {
                    diffs.add(suite.getKey().suite() + " " + f.getKey() + ": with Debian's library " + b
                            + ", with the test library " + a);
                }
            }
        }
        assertTrue(n >= ("all".equals(System.getProperty("tapls.pass2.live")) ? 250 : 30), "corpus scripts: " + n);
        assertEquals(List.of(), diffs);
    }

    private static String withoutSimilar(String line) {
        return line.replaceFirst(" \\(similar: [^)]*\\)", "");
    }
}
