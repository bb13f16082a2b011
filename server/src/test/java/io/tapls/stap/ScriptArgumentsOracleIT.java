package io.tapls.stap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * Script arguments against the real stap: tapls reads a script with arguments as {@code stap FILE ARG...}
 * does. Pass 1: for each script of argument-snippets.txt and each example of the systemtap-doc package that
 * takes arguments (run with the arguments its .meta file gives stap's own test suite), the same verdict
 * as {@code stap -p1} with the same arguments, the same first message, and for what stap accepts the same
 * parse tree, byte for byte. Pass 2 (the real jar): the same verdict, message and position as
 * {@code stap -p2}, and the same "unused command line option" warnings.
 */
class ScriptArgumentsOracleIT {
    private static final Path EXAMPLES = Path.of("/usr/share/systemtap/examples");
    private static final List<Path> ROOTS = List.of(TapsetPath.DEFAULT_ROOT);

    record Snippet(String name, List<String> args, String script) {
    }

    static List<Snippet> snippets() throws IOException {
        List<Snippet> out = new ArrayList<>();
        try (InputStream in = ScriptArgumentsOracleIT.class.getResourceAsStream("/stap/argument-snippets.txt")) {
            String name = null;
            List<String> args = null;
            StringBuilder body = new StringBuilder();
            for (String line : (new String(in.readAllBytes(), StandardCharsets.UTF_8) + "=== \n").split("\n")) {
                if (line.startsWith("=== ")) {
                    if (name != null) {
                        out.add(new Snippet(name, args, body.toString()));
                    }
                    name = line.substring(4).strip();
                    args = null;
                    body.setLength(0);
                } else if (name != null && args == null && line.startsWith("args: ")) {
                    args = new ArrayList<>();
                    for (JsonElement a : JsonParser.parseString(line.substring(6)).getAsJsonArray()) {
                        args.add(a.getAsString());
                    }
                } else if (name != null) {
                    body.append(line).append('\n');
                }
            }
        }
        return out;
    }

    /** What tapls reads: stap's first error line ("parse error: ..." / "Input file ..."), "" when none. */
    private static String taplsFirstError(Path f, String text, List<String> args) {
        PpConfig cfg = PpConfig.defaults().forPath(f.toString());
        StapFile file = StapReader.read(f.toString(), text, TapsetPath.libraryMacros(ROOTS, cfg), cfg, args);
        if (!file.errors().isEmpty()) {
            return file.errors().get(0).stapFirstLine();
        }
        return file.emptiness() == null ? "" : "Input file '" + f + "' is " + file.emptiness() + ".";
    }

    /** Compares one file with stap -p1 and the given arguments; returns the difference, or null. */
    private static String comparePassOne(Path f, List<String> args) throws IOException {
        String text = Files.readString(f);
        StapOracle.Run stap = StapOracle.withArguments("-p1", f, args);
        String mine = taplsFirstError(f, text, args);
        String what = f.getFileName() + " " + args;
        String theirs = stap.firstError().strip();
        if (stap.exitCode() != 0 && theirs.isEmpty() && stap.stderr().startsWith("bad lexical cast\n")) {
            // a %( %) number stap's lex_cast cannot read (0x10): stap gives up with this bare line, tapls
            // reports it as a parse error at the number
            theirs = "parse error: bad lexical cast";
        }
        if (stap.exitCode() != 0 && theirs.isEmpty()) {
            return what + ": stap failed without an error line: " + stap.stderr();
        }
        if ((stap.exitCode() == 0) != mine.isEmpty()) {
            return what + ": stap " + (stap.exitCode() == 0 ? "PASS" : theirs) + " / tapls "
                    + (mine.isEmpty() ? "PASS" : mine);
        }
        if (stap.exitCode() != 0) {
            return mine.equals(theirs) ? null : what + ": stap '" + theirs + "' / tapls '" + mine + "'";
        }
        PpConfig cfg = PpConfig.defaults().forPath(f.toString());
        String tree = StapDump.dump(f.toString(), text, TapsetPath.libraryMacros(ROOTS, cfg), cfg, args);
        return tree.equals(stap.stdout()) ? null
                : what + ": parse trees differ\n--- stap\n" + stap.stdout() + "--- tapls\n" + tree;
    }

    @Test
    void snippetsHaveStapsVerdictMessageAndParseTree(@TempDir Path dir) throws IOException {
        StapOracle.script();
        Corpora.require(TapsetPath.DEFAULT_ROOT, "Debian's systemtap-common");
        List<Snippet> snippets = snippets();
        List<String> diffs = new ArrayList<>();
        int rejected = 0;
        for (Snippet s : snippets) {
            Path f = dir.resolve(s.name() + ".stp");
            Files.writeString(f, s.script());
            String d = comparePassOne(f, s.args());
            if (d != null) {
                diffs.add(d);
            }
            rejected += taplsFirstError(f, s.script(), s.args()).isEmpty() ? 0 : 1;
        }
        System.out.printf("script arguments: %d snippets (%d rejected by stap), same verdict, message and tree: %d%n",
                snippets.size(), rejected, snippets.size() - diffs.size());
        assertTrue(snippets.size() >= 50, "only " + snippets.size() + " snippets");
        assertTrue(rejected >= 10, "only " + rejected + " rejected snippets");
        assertEquals(List.of(), diffs);
    }

    /** The words of a shell command line (the .meta files' test_check lines): quotes and backslashes. */
    static List<String> shellWords(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                    w.append(line.charAt(++i));
                } else {
                    w.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (w != null) {
                    out.add(w.toString());
                    w = null;
                }
            } else {
                if (w == null) {
                    w = new StringBuilder();
                }
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < line.length()) {
                    w.append(line.charAt(++i));
                } else {
                    w.append(c);
                }
            }
        }
        if (w != null) {
            out.add(w.toString());
        }
        return out;
    }

    /** The arguments stap's test suite runs an example with (its .meta "test_check: stap ... FILE ARG..."). */
    private static List<String> metaArguments(Path example) throws IOException {
        String name = example.getFileName().toString();
        Path meta = example.resolveSibling(name.substring(0, name.length() - 4) + ".meta");
        if (Files.isRegularFile(meta)) {
            for (String line : Files.readAllLines(meta)) {
                if (line.startsWith("test_check:")) {
                    List<String> words = shellWords(line.substring("test_check:".length()));
                    int script = words.indexOf(name);
                    if (script >= 0 && script + 1 < words.size()) {
                        return words.subList(script + 1, words.size());
                    }
                }
            }
        }
        // no test_check line: values of the kind the script expects
        return switch (name) {
            case "pyexample.stp" -> List.of("python3"); // probe $1.module("pyexample")...
            case "graphcall.stp" -> List.of("/bin/ls", "main"); // process(@1).function(@2)
            default -> List.of();
        };
    }

    @Test
    void examplesThatTakeArgumentsHaveStapsVerdictAndParseTree() throws IOException {
        StapOracle.script();
        Corpora.require(EXAMPLES, "Debian's systemtap-doc (" + EXAMPLES + ")");
        List<Path> files;
        try (Stream<Path> s = Files.walk(EXAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".stp")).sorted().toList();
        }
        Map<Path, StapOracle.Verdict> without = StapOracle.p1(files);
        List<Path> takeArguments = files.stream()
                .filter(f -> without.get(f).firstError().contains("command line argument out of range")).toList();
        List<String> diffs = new ArrayList<>();
        for (Path f : takeArguments) {
            // with no arguments at all (known to be none), stap's error
            String none = taplsFirstError(f, Files.readString(f), List.of());
            if (!none.equals(without.get(f).firstError().strip())) {
                diffs.add(f + " []: stap '" + without.get(f).firstError() + "' / tapls '" + none + "'");
            }
            List<String> args = metaArguments(f);
            if (args.isEmpty()) {
                diffs.add(f + ": no arguments known for it");
                continue;
            }
            String d = comparePassOne(f, args);
            if (d != null) {
                diffs.add(d);
            }
        }
        System.out.printf("script arguments: %d examples take arguments; with none and with their .meta arguments,"
                + " %d have stap's verdict and parse tree%n", takeArguments.size(),
                takeArguments.size() - diffs.size());
        assertTrue(takeArguments.size() >= 20, "only " + takeArguments.size() + " examples take arguments");
        assertEquals(List.of(), diffs);
    }

    /** Pass-2 scripts, all run with the arguments 5, abc and "1 + 2". */
    private static final Map<String, String> PASS_TWO = new LinkedHashMap<>();

    static {
        PASS_TWO.put("add", "probe begin { println($1 + 1) }\n");
        PASS_TWO.put("precedence", "probe begin { println($3 * $1) }\n");
        PASS_TWO.put("strings", "probe begin { printf(\"%s %s\\n\", @2, @3) }\n");
        PASS_TWO.put("string_for_long", "probe begin { printf(\"%d\\n\", @1) }\n");
        PASS_TWO.put("long_for_string", "probe begin { println($1 . \"x\") }\n");
        PASS_TWO.put("arity", "probe begin { println(foo($1)) }\nfunction foo(a, b) { return a + b }\n");
        PASS_TWO.put("unknown_function", "probe begin { println($2()) }\n");
        PASS_TWO.put("count_branch", "%( $# >= 3 %? probe begin { println(@3) } %: probe begin { println($4) } %)\n");
        PASS_TWO.put("out_of_range", "probe begin { println($4) }\n");
    }

    private static final List<String> PASS_TWO_ARGS = List.of("5", "abc", "1 + 2");

    @Test
    void passTwoWithArgumentsIsStaps(@TempDir Path dir) throws IOException {
        StapOracle.script();
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> e : PASS_TWO.entrySet()) {
            Path f = dir.resolve(e.getKey() + ".stp");
            Files.writeString(f, e.getValue());
            files.add(f);
        }
        List<String> cmd = new ArrayList<>(List.of("check", "--format", "json"));
        PASS_TWO_ARGS.forEach(a -> cmd.addAll(List.of("--script-argument", a)));
        files.forEach(f -> cmd.add(f.toString()));
        Cli.Result r = Cli.run(cmd.toArray(String[]::new));
        assertTrue(r.exitCode() == 0 || r.exitCode() == 1, r.stderr());
        Map<Path, JsonObject> firstError = new HashMap<>();
        Map<Path, List<String>> unused = new HashMap<>();
        for (JsonElement fe : JsonParser.parseString(r.stdout()).getAsJsonObject().getAsJsonArray("files")) {
            Path path = Path.of(fe.getAsJsonObject().get("path").getAsString());
            for (JsonElement de : fe.getAsJsonObject().getAsJsonArray("diagnostics")) {
                JsonObject d = de.getAsJsonObject();
                if (d.get("severity").getAsString().equals("error")) {
                    firstError.putIfAbsent(path, d);
                }
                if (d.get("rule").getAsString().equals("stap-unused-argument")) {
                    unused.computeIfAbsent(path, k -> new ArrayList<>())
                            .add("WARNING: " + d.get("message").getAsString());
                }
            }
        }
        List<String> diffs = new ArrayList<>();
        int failing = 0;
        for (Path f : files) {
            StapOracle.Run stap = StapOracle.withArguments("-p2", f, PASS_TWO_ARGS);
            JsonObject mine = firstError.get(f);
            String name = f.getFileName().toString();
            if ((stap.exitCode() == 0) != (mine == null)) {
                diffs.add(name + ": stap " + (stap.exitCode() == 0 ? "PASS" : stap.firstError()) + " / tapls "
                        + (mine == null ? "no error" : mine.get("message").getAsString()));
                continue;
            }
            List<String> stapUnused = stap.lines("WARNING: unused command line option");
            if (!stapUnused.equals(unused.getOrDefault(f, List.of()))) {
                diffs.add(name + ": stap " + stapUnused + " / tapls " + unused.getOrDefault(f, List.of()));
            }
            if (mine == null) {
                continue;
            }
            failing++;
            String msg = mine.get("message").getAsString().replaceFirst(" \\(similar: .*", "");
            JsonObject start = mine.getAsJsonObject("range").getAsJsonObject("start");
            String where = ":" + start.get("line").getAsInt() + ":" + start.get("column").getAsInt();
            boolean same = stap.firstError().startsWith("parse error: ")
                    ? stap.firstError().equals("parse error: " + msg)
                    : stap.firstError().startsWith("semantic error: " + msg) && stap.firstError().endsWith(where);
            if (!same) {
                diffs.add(name + ": stap '" + stap.firstError() + "' / tapls '" + msg + "' at " + where);
            }
        }
        System.out.printf("script arguments, pass 2: %d scripts (%d failing), same verdict, message, position and "
                + "unused-argument warnings: %d%n", files.size(), failing, files.size() - diffs.size());
        assertFalse(failing == 0, "no failing script compared");
        assertEquals(List.of(), diffs);
    }
}
