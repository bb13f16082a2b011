package io.tapls.stap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tapls.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tapls check on .stp/.stpm files through the real jar: discovery, options, formats, fixes. */
class StapCheckCommandIT {
    @Test
    void directoriesAreSearchedForStpAndStpm(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/a.stp"), "probe begin { x = = 1 }\n");
        Files.writeString(dir.resolve("m.stpm"), "@define m %( 1 \n");
        Files.writeString(dir.resolve("ok.stp"), "probe begin { println(1) }\n");
        Cli.Result r = Cli.run("check", "--syntax-only", "--no-default-tapsets", dir.toString());
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("sub/a.stp:1:19: error: expected literal string or number [stap-parse-error]"),
                r.stdout());
        assertTrue(r.stdout().contains("m.stpm:1:9: error: incomplete macro definition - missing '%)'"), r.stdout());
        assertTrue(r.stderr().contains("in 3 files checked"), r.stderr());
    }

    @Test
    void printfFormatErrorCarriesTheStapFix(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("f.stp");
        Files.writeString(f, "probe begin { printf(\"%lld %zu\\n\", 1, 2) }\n");
        Cli.Result r = Cli.run("check", "--format", "json", f.toString());
        assertEquals(1, r.exitCode());
        JsonObject d = JsonParser.parseString(r.stdout()).getAsJsonObject().getAsJsonArray("files").get(0)
                .getAsJsonObject().getAsJsonArray("diagnostics").get(0).getAsJsonObject();
        assertEquals("stap-printf-format", d.get("rule").getAsString());
        assertEquals("invalid or missing conversion specifier", d.get("message").getAsString());
        assertEquals("\"%d %u\\n\"", d.getAsJsonArray("fixes").get(0).getAsJsonObject().getAsJsonArray("edits")
                .get(0).getAsJsonObject().get("newText").getAsString());
    }

    @Test
    void syntaxOnlyReportsOnlyWhatPassOneReports(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("f.stp");
        Files.writeString(f, "probe begin { println(nosuchfunction()) }\n");
        Cli.Result all = Cli.run("check", f.toString());
        assertEquals(1, all.exitCode());
        assertTrue(all.stdout().contains("[stap-unknown-function]"), all.stdout());
        Cli.Result syntax = Cli.run("check", "--syntax-only", f.toString());
        assertEquals(0, syntax.exitCode(), syntax.stdout());
        assertFalse(syntax.stdout().contains("stap-unknown-function"));
    }

    @Test
    void dumpPrintsTheParseTreeAsStapDoes(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("d.stp");
        Files.writeString(f, "global n = $#\nprobe begin { x = 1 + 2 * 3; if (x) printf(\"%d\\n\", x) }\n");
        Cli.Result r = Cli.run("dump", f.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("# parse tree dump\n# file " + f + "\nglobal n = 0\nprobe begin{\n(x) = ((1) + ((2) * (3)));\n"
                + "if (x) printf(\"%d\\\\n\", x)\n;\n}\n\n", r.stdout());
    }

    @Test
    void extraTapsetDirectoriesAreSearched(@TempDir Path dir) throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.writeString(lib.resolve("demo.stp"), "probe demo.foo = process(\"./bin\").mark(\"foo\") { a = $arg1 }\n"
                + "function demo_fn:long(x:long) { return x }\n");
        Path f = dir.resolve("s.stp");
        Files.writeString(f, "probe demo.foo { println(demo_fn(a)) }\n");
        Cli.Result without = Cli.run("check", "--no-default-tapsets", f.toString());
        assertEquals(1, without.exitCode(), without.stdout());
        Cli.Result with = Cli.run("check", "--no-default-tapsets", "--tapset", lib.toString(), f.toString());
        assertEquals(0, with.exitCode(), with.stdout());
    }
}
