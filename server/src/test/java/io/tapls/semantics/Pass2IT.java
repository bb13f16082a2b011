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

/** Pass 2 through tapls check (the real jar): Debian's whole library has no error; tracetool's aliases. */
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
}
