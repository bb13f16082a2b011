package io.tapls.stap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tapls.testing.Cli;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pass-2 rules against the real stap: for scripts that elaborate offline (begin/timer probes, tapset
 * functions), tapls check reports an error iff stap -p2 fails, with stap's message and position.
 */
class StapPass2Test {
    static Map<String, String> snippets() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = StapPass2Test.class.getResourceAsStream("/stap/pass2-snippets.txt")) {
            String id = null;
            StringBuilder body = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
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
    void sameVerdictMessageAndPositionAsStapPassTwo(@TempDir Path dir) throws IOException {
        StapOracle.script();
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> e : snippets().entrySet()) {
            Path f = dir.resolve(e.getKey() + ".stp");
            Files.writeString(f, e.getValue());
            files.add(f);
        }
        Map<Path, StapOracle.Verdict> stap = StapOracle.p2(files);
        List<String> args = new ArrayList<>(List.of("check", "--format", "json"));
        files.forEach(f -> args.add(f.toString()));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        Map<Path, JsonObject> firstError = new HashMap<>();
        for (JsonElement f : JsonParser.parseString(r.stdout()).getAsJsonObject().getAsJsonArray("files")) {
            for (JsonElement d : f.getAsJsonObject().getAsJsonArray("diagnostics")) {
                if (d.getAsJsonObject().get("severity").getAsString().equals("error")) {
                    firstError.putIfAbsent(Path.of(f.getAsJsonObject().get("path").getAsString()),
                            d.getAsJsonObject());
                }
            }
        }
        List<String> diffs = new ArrayList<>();
        int failing = 0;
        int sameMessage = 0;
        for (Path f : files) {
            StapOracle.Verdict v = stap.get(f);
            JsonObject mine = firstError.get(f);
            if (v.pass() != (mine == null)) {
                diffs.add(f.getFileName() + ": stap " + (v.pass() ? "PASS" : v.firstError()) + " / tapls "
                        + (mine == null ? "no error" : mine.get("message").getAsString()));
                continue;
            }
            if (v.pass() || v.firstError().contains("while resolving probe point")) {
                continue; // stap's first line for a probe point names only the point
            }
            failing++;
            String msg = mine.get("message").getAsString()
                    .replaceFirst(" \\((similar|the format|type was first|the array).*", "");
            JsonObject start = mine.getAsJsonObject("range").getAsJsonObject("start");
            String where = ":" + start.get("line").getAsInt() + ":" + start.get("column").getAsInt();
            boolean parse = v.firstError().startsWith("parse error: ");
            // stap omits the file name when it is the one printed last ("at :1:23")
            if (parse ? v.firstError().equals("parse error: " + msg)
                    : v.firstError().startsWith("semantic error: " + msg) && v.firstError().endsWith(where)) {
                sameMessage++;
            } else {
                diffs.add(f.getFileName() + ": stap '" + v.firstError() + "' / tapls '" + msg + "' at " + where);
            }
        }
        System.out.printf("pass 2: %d scripts, %d same verdict; %d/%d errors with stap's message and position%n",
                files.size(), files.size() - (int) diffs.stream().filter(d -> d.contains(" / tapls no error")
                        || d.contains(": stap PASS")).count(), sameMessage, failing);
        assertEquals(List.of(), diffs);
    }
}
