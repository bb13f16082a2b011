package io.tapls.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.stap.TapsetPath;
import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pass 2 through tapls check (the real jar): Debian's whole library has no error (tapset files get warnings: stap
 * elaborates them only for a script that uses them); tracetool's aliases; -u and #! stap -u; --syntax-only stays
 * pass 1.
 */
class Pass2IT {
    @Test
    void cliCheckOfTheTapsetLibraryExitsZero() {
        Corpora.require(TapsetPath.DEFAULT_ROOT, "Debian's systemtap-common");
        Cli.Result r = Cli.run("check", TapsetPath.DEFAULT_ROOT.toString());
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    }

    @Test
    void cliFindsTracetoolAliasesFromCheckedTraceEvents(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("trace-events"), "demo_open(const char *path, int flags) \"path=%s flags=%d\"\n");
        Files.writeString(dir.resolve("a.stp"), "probe qemu.system.x86_64.log.demo_open { println(argpath_str) }\n"
                + "probe qemu.system.x86_64.log.demo_opne { }\n");
        Cli.Result r = Cli.run("check", "--no-default-tapsets", dir.toString());
        assertEquals(1, r.exitCode(), r.stdout());
        assertTrue(r.stdout().contains("probe point mismatch (similar: demo_open"), r.stdout());
        assertTrue(!r.stdout().contains("argpath_str"), r.stdout());
    }

    private static final String UNUSED = "probe begin { x = 1; x = \"a\" }\n";

    @Test
    void unusedCodeIsElidedUnlessUnoptimised(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("u.stp"), UNUSED);
        // stap -p2 elides x (never read), then the probe: "no probes found"
        Cli.Result r = Cli.run("check", "--no-default-tapsets", script.toString());
        assertEquals(1, r.exitCode(), r.stdout());
        assertTrue(r.stdout().contains("error: no probes found [stap-no-probes]"), r.stdout());
        assertTrue(r.stdout().contains("warning: Probe 'begin' has been elided [stap-probe-elided]"), r.stdout());
        // stap -u -p2 keeps it and finds the conflict, where stap reports it
        r = Cli.run("check", "-u", "--no-default-tapsets", script.toString());
        assertEquals(1, r.exitCode(), r.stdout());
        assertTrue(r.stdout().contains("u.stp:1:22: error: type mismatch (string) (type was first inferred here (long) "
                + "at 1:15) [stap-type-mismatch]"), r.stdout());
        // so does a script whose first line runs stap -u
        Path shebang = Files.writeString(dir.resolve("s.stp"), "#! /usr/bin/stap -up2\n" + UNUSED);
        r = Cli.run("check", "--no-default-tapsets", shebang.toString());
        assertTrue(r.stdout().contains("s.stp:2:22: error: type mismatch (string)"), r.stdout());
        // and --syntax-only is stap -p1: nothing of pass 2
        r = Cli.run("check", "--syntax-only", "-u", "--no-default-tapsets", script.toString(), shebang.toString());
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertEquals("", r.stdout());
    }
}
