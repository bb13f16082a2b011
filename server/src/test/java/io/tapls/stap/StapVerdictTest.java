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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Same verdict as the real stap": tapls check --syntax-only (the real jar) reports a parse error in a file
 * if and only if stap -p1 does (asked through ../shared/tools/stap-oracle), and for invalid files with the
 * same message text.
 */
class StapVerdictTest {
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

    record Outcome(int files, int sameVerdict, int invalid, int sameMessage, List<String> differences) {
    }

    static Outcome compare(List<Path> files) {
        Map<Path, StapOracle.Verdict> stap = StapOracle.p1(files);
        Map<Path, String> tapls = taplsFirstErrors(files);
        int same = 0;
        int invalid = 0;
        int sameMessage = 0;
        List<String> diffs = new ArrayList<>();
        for (Path f : files) {
            StapOracle.Verdict v = stap.get(f);
            String mine = tapls.getOrDefault(f, "?");
            boolean taplsFails = !mine.isEmpty();
            if (v.pass() != taplsFails) {
                same++;
            } else {
                diffs.add(f + ": stap " + (v.pass() ? "PASS" : "FAIL " + v.firstError()) + " / tapls "
                        + (taplsFails ? mine : "PASS"));
            }
            if (!v.pass()) {
                invalid++;
                // stap prints a multi-line message's first line; tapls joins the lines
                if (taplsFails && mine.startsWith(v.firstError().strip())) {
                    sameMessage++;
                } else if (taplsFails) {
                    diffs.add(f + ": message: stap '" + v.firstError() + "' / tapls '" + mine + "'");
                }
            }
        }
        return new Outcome(files.size(), same, invalid, sameMessage, diffs);
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
        Outcome o = compare(compared);
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
        Outcome o = compare(compared);
        long accepted = compared.stream().filter(f -> stap.get(f).pass()).count();
        System.out.printf("examples: %d compared (%d need script arguments), %d accepted by stap, "
                + "%d same verdict, %d/%d same message%n", o.files(), files.size() - compared.size(), accepted,
                o.sameVerdict(), o.sameMessage(), o.invalid());
        assertTrue(accepted >= 170, "stap accepted only " + accepted);
        assertEquals(List.of(), o.differences());
    }

    static Map<String, String> snippets() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = StapVerdictTest.class.getResourceAsStream("/stap/verdict-snippets.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String id = null;
            StringBuilder body = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                if (line.startsWith("=== ")) {
                    if (id != null) {
                        out.put(id, body.toString());
                    }
                    id = line.substring(4).strip();
                    body.setLength(0);
                } else if (id != null) {
                    body.append(line).append('\n');
                }
            }
            if (id != null) {
                out.put(id, body.toString());
            }
        }
        return out;
    }

    @Test
    void handWrittenSnippetsHaveStapsVerdictsAndMessages(@TempDir Path dir) throws IOException {
        StapOracle.script();
        Map<String, String> snippets = snippets();
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> e : snippets.entrySet()) {
            Path f = dir.resolve(e.getKey() + ".stp");
            Files.writeString(f, e.getValue().stripTrailing() + "\n");
            files.add(f);
        }
        Outcome o = compare(files);
        double pct = 100.0 * o.sameMessage() / Math.max(1, o.invalid());
        System.out.printf("snippets: %d (%d invalid for stap), %d same verdict, %d/%d same message (%.1f%%)%n",
                o.files(), o.invalid(), o.sameVerdict(), o.sameMessage(), o.invalid(), pct);
        o.differences().forEach(System.out::println);
        assertTrue(o.files() >= 150, "at least 150 snippets");
        assertTrue(o.invalid() >= 100, "at least 100 invalid snippets, have " + o.invalid());
        assertEquals(o.files(), o.sameVerdict(), "every snippet has stap's verdict");
        assertTrue(pct >= 95.0, "same message for at least 95% of invalid snippets: " + pct);
    }
}
