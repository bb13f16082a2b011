package io.tapls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `tapls check` as a process: output formats, exit codes, and never a stack trace. */
class CheckCommandIT {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    private static void noStackTrace(Cli.Result r) {
        assertFalse(r.stderr().contains("\tat ") || r.stderr().contains("Exception"), r.stderr());
        assertFalse(r.stdout().contains("\tat "), r.stdout());
    }

    @Test
    void gccStyleWithSourceLineAndCaret() throws IOException {
        write("trace-events", "# c\nfoo(uint64_t x) \"x=0x%x\"\n");
        Cli.Result r = Cli.runIn(dir, "check", "trace-events");
        assertEquals(1, r.exitCode());
        assertEquals(String.join("\n",
                "trace-events:2:22: error: format '%x' expects 'unsigned int', but argument 'x' has type 'uint64_t';"
                        + " use '%\" PRIx64 \"' [format-type-mismatch]",
                "   2 | foo(uint64_t x) \"x=0x%x\"",
                "     |                      ^~",
                ""), r.stdout());
        assertEquals("1 error and 0 warnings in 1 file checked\n", r.stderr());
        assertFalse(r.stdout().contains("\u001b["), "no colour when not on a terminal");
    }

    @Test
    void cleanFilesExitZeroWithOnlyTheSummary() throws IOException {
        write("trace-events", "foo(int x) \"x=%d\"\n");
        write("hw/trace-events", "bar(int x) \"x=%d\"\n");
        Cli.Result r = Cli.runIn(dir, "check", "trace-events", "hw");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertEquals("", r.stdout());
        // What it checked, as a run with problems says it (the README's wording), so that CI logs show it ran.
        assertEquals("0 errors and 0 warnings in 2 files checked\n", r.stderr());
    }

    @Test
    void aFileNamedTwiceIsCheckedAndCountedOnce() throws IOException {
        write("trace-events", "foo(int x) \"x=%x\"\n");
        Cli.Result r = Cli.runIn(dir, "check", "trace-events", "./trace-events", dir.resolve("trace-events").toString());
        assertEquals(1, r.stdout().lines().filter(l -> l.contains("[checkpatch-hex-prefix]")).count(), r.stdout());
        assertEquals("0 errors and 1 warning in 1 file checked\n", r.stderr());
    }

    @Test
    void warningsFailOnlyWithWerror() throws IOException {
        write("trace-events", "foo(int x) \"x=%x\"\n");
        assertEquals(0, Cli.runIn(dir, "check", ".").exitCode());
        assertEquals(1, Cli.runIn(dir, "check", "--werror", ".").exitCode());
        Cli.Result disabled = Cli.runIn(dir, "check", "--werror", "--disable", "checkpatch-hex-prefix", ".");
        assertEquals(0, disabled.exitCode(), disabled.stdout());
    }

    @Test
    void offByDefaultRulesCanBeEnabled() throws IOException {
        write("trace-events", "foo(uint64_t x) \"x=0x%lx\"\n");
        assertEquals("", Cli.runIn(dir, "check", ".").stdout());
        Cli.Result r = Cli.runIn(dir, "check", "--enable", "format-not-portable", ".");
        assertTrue(r.stdout().contains("[format-not-portable]"), r.stdout());
        assertEquals(0, r.exitCode(), "a warning");
    }

    @Test
    void directoriesAreSearchedForTraceEventsFiles() throws IOException {
        write("hw/a/trace-events", "a(int x) \"%s\"\n");
        write("b.trace-events", "b(int x) \"%s\"\n");
        write("share/trace-events-all", "c(int x) \"%s\"\n");
        write("notes.txt", "d(int x) \"%s\"\n");
        write(".git/trace-events", "e(int x) \"%s\"\n");
        Cli.Result r = Cli.runIn(dir, "check", ".");
        assertEquals(1, r.exitCode());
        List<String> files = r.stdout().lines().filter(l -> l.contains(": error: "))
                .map(l -> l.substring(0, l.indexOf(':'))).toList();
        assertEquals(List.of("./b.trace-events", "./hw/a/trace-events", "./share/trace-events-all"), files);
    }

    @Test
    void qemuVersionSelectsTheDialect() throws IOException {
        write("trace-events", "vcpu foo(int x) \"a\\nx=%d\"\n");
        Cli.Result current = Cli.runIn(dir, "check", "trace-events");
        assertTrue(current.stdout().contains("Unknown properties: vcpu [unknown-property]"), current.stdout());
        assertTrue(current.stdout().contains("[format-embedded-newline]"), current.stdout());
        assertEquals(0, Cli.runIn(dir, "check", "--qemu-version", "7.2", "trace-events").exitCode());
    }

    @Test
    void missingFileIsAnIoProblem() {
        Cli.Result r = Cli.runIn(dir, "check", "nope/trace-events");
        assertEquals(2, r.exitCode());
        assertEquals("tapls: nope/trace-events: No such file or directory\n", r.stderr());
        noStackTrace(r);
    }

    @Test
    void notUtf8IsTheEncodingRuleWithAPositionAndTheLine() throws IOException {
        Files.write(dir.resolve("trace-events"), "# t\nfoo(int x) \"caf\u00e9 %d\"\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        Cli.Result r = Cli.runIn(dir, "check", "trace-events");
        assertEquals(1, r.exitCode());
        assertEquals(String.join("\n",
                "trace-events:2:16: error: the file is not valid UTF-8 (byte 0xe9); tracetool fails with"
                        + " UnicodeDecodeError [encoding]",
                "   2 | foo(int x) \"caf\ufffd %d\"",
                "     |                ^",
                ""), r.stdout());
        assertEquals("1 error and 0 warnings in 1 file checked\n", r.stderr());
        noStackTrace(r);
    }

    @Test
    void corpusCaseNotUtf8() {
        Path nonUtf8 = Corpora.qemuCorpus().resolve("errors/non_utf8.trace-events");
        Cli.Result r = Cli.run("check", nonUtf8.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.stdout().startsWith(nonUtf8 + ":2:"), r.stdout());
        assertTrue(r.stdout().lines().findFirst().orElseThrow().endsWith("[encoding]"), r.stdout());
    }

    /** The encoding rule is a rule like the others: listed, reported in every format (so CI sees it), disabled. */
    @Test
    void encodingIsARuleInEveryFormat() throws IOException {
        Files.write(dir.resolve("trace-events"), "foo(int x) \"caf\u00e9 %d\"\n".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(Cli.run("rules").stdout().lines().anyMatch(l -> l.startsWith("encoding ") && l.contains(" error ")));

        Cli.Result json = Cli.runIn(dir, "check", "--format", "json", "trace-events");
        assertEquals(1, json.exitCode());
        assertEquals("", json.stderr());
        JsonObject d = JsonParser.parseString(json.stdout()).getAsJsonObject().getAsJsonArray("files").get(0)
                .getAsJsonObject().getAsJsonArray("diagnostics").get(0).getAsJsonObject();
        assertEquals("encoding", d.get("rule").getAsString());
        assertEquals(15, d.getAsJsonObject("range").getAsJsonObject("start").get("offset").getAsInt());

        Cli.Result sarif = Cli.runIn(dir, "check", "--format", "sarif", "trace-events");
        assertEquals(1, sarif.exitCode());
        JsonNode results = new ObjectMapper().readTree(sarif.stdout()).get("runs").get(0).get("results");
        assertEquals(1, results.size(), sarif.stdout());
        assertEquals("encoding", results.get(0).get("ruleId").asText());
        assertEquals("error", results.get(0).get("level").asText());
        assertEquals(16, results.get(0).at("/locations/0/physicalLocation/region/startColumn").asInt());

        Cli.Result github = Cli.runIn(dir, "check", "--format", "github", "trace-events");
        assertEquals(1, github.exitCode());
        assertEquals("::error file=trace-events,line=1,endLine=1,col=16,endColumn=17,title=tapls encoding::the file is"
                + " not valid UTF-8 (byte 0xe9); tracetool fails with UnicodeDecodeError [encoding]\n", github.stdout());

        // Off, the text is checked as an editor shows it (U+FFFD for the byte): here, clean.
        Cli.Result disabled = Cli.runIn(dir, "check", "--disable", "encoding", "trace-events");
        assertEquals(0, disabled.exitCode(), disabled.stdout() + disabled.stderr());
        assertEquals("", disabled.stdout());
    }

    @Test
    void usageProblemsExitTwoWithOneLine() throws IOException {
        write("trace-events", "foo(int x) \"%d\"\n");
        for (String[] args : List.of(new String[] {"check", "--disable", "no-such-rule", "."},
                new String[] {"check", "--qemu-version", "seven", "."},
                new String[] {"check", "--format", "xml", "."},
                new String[] {"check", "--bogus"},
                new String[] {"frobnicate"})) {
            Cli.Result r = Cli.runIn(dir, args);
            assertEquals(2, r.exitCode(), String.join(" ", args));
            assertTrue(r.stderr().startsWith("tapls: "), r.stderr());
            assertEquals(1, r.stderr().lines().count(), r.stderr());
            noStackTrace(r);
        }
    }

    @Test
    void jsonFormat() throws IOException {
        write("trace-events", "foo(uint64_t x) \"x=0x%llx\"\n");
        Cli.Result r = Cli.runIn(dir, "check", "--format", "json", "trace-events");
        assertEquals(1, r.exitCode());
        JsonObject root = JsonParser.parseString(r.stdout()).getAsJsonObject();
        assertEquals("tapls", root.get("tool").getAsString());
        JsonObject file = root.getAsJsonArray("files").get(0).getAsJsonObject();
        assertEquals("trace-events", file.get("path").getAsString());
        JsonObject d = file.getAsJsonArray("diagnostics").get(0).getAsJsonObject();
        assertEquals("format-type-mismatch", d.get("rule").getAsString());
        assertEquals("error", d.get("severity").getAsString());
        JsonObject start = d.getAsJsonObject("range").getAsJsonObject("start");
        assertEquals(1, start.get("line").getAsInt());
        assertEquals(22, start.get("column").getAsInt());
        assertEquals(21, start.get("offset").getAsInt());
        JsonObject edit = d.getAsJsonArray("fixes").get(0).getAsJsonObject().getAsJsonArray("edits").get(0)
                .getAsJsonObject();
        assertEquals("%\" PRIx64", edit.get("newText").getAsString());
        assertEquals(1, root.getAsJsonObject("summary").get("errors").getAsInt());
    }

    @Test
    void githubFormat() throws IOException {
        write("trace-events", "foo(int x) \"x=%x, 50%%\"\n");
        Cli.Result r = Cli.runIn(dir, "check", "--format", "github", "trace-events");
        assertEquals("::warning file=trace-events,line=1,endLine=1,col=15,endColumn=17,title=tapls checkpatch-hex-prefix"
                + "::Hex numbers must be prefixed with '0x' [checkpatch-hex-prefix]\n", r.stdout());
    }

    @Test
    void sarifValidatesAgainstTheSarif210Schema() throws IOException {
        write("hw/trace-events", "foo(uint64_t x) \"x=%llx\"\nbar(int) \"x\"\nbaz(int y) \"%x\" \n");
        Cli.Result r = Cli.runIn(dir, "check", "--format", "sarif", "hw");
        assertEquals(1, r.exitCode());
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        JsonNode sarif = new ObjectMapper().readTree(r.stdout());
        Set<ValidationMessage> problems = schema.validate(sarif);
        assertEquals(Set.of(), problems);
        JsonNode results = sarif.get("runs").get(0).get("results");
        assertEquals(5, results.size(), results.toString());
        JsonNode first = results.get(1);
        assertEquals("format-type-mismatch", first.get("ruleId").asText());
        assertEquals("hw/trace-events", first.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
        assertEquals("%SRCROOT%", first.at("/locations/0/physicalLocation/artifactLocation/uriBaseId").asText());
        assertEquals(20, first.at("/locations/0/physicalLocation/region/startColumn").asInt());
        assertTrue(first.has("fixes"));
    }

    @Test
    void rulesVersionAndHelp() {
        Cli.Result rules = Cli.run("rules");
        assertEquals(0, rules.exitCode());
        assertTrue(rules.stdout().contains("format-type-mismatch"), rules.stdout());
        assertTrue(rules.stdout().lines().anyMatch(l -> l.startsWith("format-not-portable") && l.contains(" off ")));
        assertEquals("tapls 0.1.0\n", Cli.run("--version").stdout());
        Cli.Result help = Cli.run("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.stdout().contains("check"), help.stdout());
    }

    @Test
    void launcherScriptRunsTheJar() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Corpora.repo().resolve("tapls").toString(), "--version")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals("tapls 0.1.0\n", out);
    }

    @Test
    void sampleTreeOfTheQuickStartPrintsWhatTheReadmeShows() throws IOException {
        Cli.Result r = Cli.runIn(Corpora.repo(), "check", "samples");
        assertEquals(1, r.exitCode(), "the sample has deliberate mistakes");
        String readme = Files.readString(Corpora.repo().resolve("README.md"));
        int intro = readme.indexOf("builds the jar and checks the small sample tree");
        int start = readme.indexOf("```\n", intro) + 4;
        String shown = readme.substring(start, readme.indexOf("```", start));
        assertEquals(shown, r.stdout() + r.stderr(), "README's quick-start output is out of date");
    }
}
