package io.tapls.traceevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Settings;
import io.tapls.workspace.Workspace;
import io.tapls.diag.Diagnostic;
import io.tapls.diag.Severity;
import io.tapls.testing.Corpora;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The whole QEMU 10.2.50 corpus: 97 trace-events files and the 45 QAPI-generated ones check clean,
 * except for the 19 lines checkpatch flags, and the model equals what tracetool parsed.
 */
class CorpusConformanceTest {
    private static final Workspace WORKSPACE = new Workspace(List.of(), Settings.defaults());

    /** source path (hw/char/trace-events) -> the corpus file */
    private static Map<String, Path> corpusFiles() throws IOException {
        Path root = Corpora.qemuCorpus();
        Map<String, Path> files = new HashMap<>();
        for (String line : Files.readAllLines(root.resolve("MANIFEST.tsv")).subList(1, 98)) {
            String[] cols = line.split("\t");
            files.put(cols[1], root.resolve("trace-events").resolve(cols[1]));
        }
        try (Stream<Path> qapi = Files.list(root.resolve("generated-qapi"))) {
            qapi.filter(p -> p.toString().endsWith(".trace-events"))
                    .forEach(p -> files.put("qapi/" + p.getFileName(), p));
        }
        return files;
    }

    @Test
    void everyCorpusFileChecksWithOnlyCheckpatchsNineteenLines() throws IOException {
        Map<String, Path> files = corpusFiles();
        assertEquals(97 + 45, files.size());
        TreeSet<String> warned = new TreeSet<>();
        List<String> unexpected = new ArrayList<>();
        for (Map.Entry<String, Path> f : files.entrySet()) {
            String content = Files.readString(f.getValue(), StandardCharsets.UTF_8);
            List<Diagnostic> ds = WORKSPACE.check(f.getKey(), content, FileKind.TRACE_EVENTS);
            for (Diagnostic d : ds) {
                int line = new io.tapls.text.SourceText(content).lineOf(d.span().start()) + 1;
                if (d.severity() == Severity.WARNING && d.rule() == TraceEventRules.CHECKPATCH_HEX_PREFIX) {
                    warned.add(f.getKey() + ":" + line);
                } else {
                    unexpected.add(f.getKey() + ":" + line + ": " + d.message() + " [" + d.rule().id() + "]");
                }
            }
        }
        assertEquals(List.of(), unexpected);
        assertEquals(checkpatchCorpusLines(), warned);
    }

    /** FILE: hw/char/trace-events:142: lines of checkpatch's report over the corpus. */
    static TreeSet<String> checkpatchCorpusLines() throws IOException {
        List<String> out = Files.readAllLines(Corpora.qemuCorpus().resolve("checkpatch/corpus.checkpatch.out"));
        Pattern file = Pattern.compile("^#\\d+: FILE: (.+):(\\d+):$");
        TreeSet<String> lines = new TreeSet<>();
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).startsWith("ERROR:")) {
                Matcher m = file.matcher(out.get(i + 1));
                assertTrue(m.matches(), out.get(i + 1));
                lines.add(m.group(1) + ":" + m.group(2));
            }
        }
        assertEquals(19, lines.size());
        return lines;
    }

    @Test
    void parsedEventsEqualTracetoolsForAll5580() throws IOException {
        Path root = Corpora.qemuCorpus();
        Map<String, String> sourcePath = new HashMap<>();
        for (String line : Files.readAllLines(root.resolve("MANIFEST.tsv")).subList(1, 98)) {
            String[] cols = line.split("\t");
            sourcePath.put(cols[0], cols[1]);
        }
        Map<String, TraceEventsFile> parsed = new HashMap<>();
        int compared = 0;
        for (String json : Files.readAllLines(root.resolve("events.jsonl"))) {
            JsonObject expected = JsonParser.parseString(json).getAsJsonObject();
            String file = sourcePath.get(expected.get("file").getAsString());
            TraceEventsFile model = parsed.computeIfAbsent(file, f -> {
                try {
                    return TraceEventsReader.read(f, Files.readString(root.resolve("trace-events").resolve(f)));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            int line = expected.get("line").getAsInt();
            TraceEvent actual = model.events().stream().filter(e -> e.line() + 1 == line).findFirst()
                    .orElseThrow(() -> new AssertionError("no event at " + file + ":" + line));
            String where = file + ":" + line;
            assertEquals(expected.get("name").getAsString(), actual.name(), where);
            assertEquals(strings(expected.getAsJsonArray("props")),
                    actual.properties().stream().map(Property::name).toList(), where);
            List<List<String>> args = new ArrayList<>();
            for (JsonElement a : expected.getAsJsonArray("args")) {
                args.add(strings(a.getAsJsonArray()));
            }
            assertEquals(args, actual.arguments().stream().map(a -> List.of(a.type(), a.name())).toList(), where);
            assertEquals(expected.get("fmt").getAsString(), actual.format().raw(), where);
            compared++;
        }
        assertEquals(5580, compared);
        assertEquals(5580, parsed.values().stream().mapToInt(f -> f.events().size()).sum(),
                "the model has no event tracetool does not have");
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }
}
