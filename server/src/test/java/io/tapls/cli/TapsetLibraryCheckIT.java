package io.tapls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/stap.md's figures for `tapls check` of Debian's whole tapset library are what it prints. */
class TapsetLibraryCheckIT {
    @Test
    void theDocsStateWhatCheckingDebiansLibraryReports() throws IOException {
        Path library = Corpora.require(Path.of("/usr/share/systemtap/tapset"), "Debian's systemtap-common");
        String docs = Files.readString(Corpora.repo().resolve("docs/stap.md"));
        String intro = "`tapls check /usr/share/systemtap/tapset`\nexits 0 and prints `";
        int at = docs.indexOf(intro);
        assertTrue(at >= 0, "docs/stap.md no longer quotes the library's check");
        String summary = docs.substring(at + intro.length(), docs.indexOf('`', at + intro.length()));

        Cli.Result r = Cli.run("check", library.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(summary + "\n", r.stderr(), "docs/stap.md's figures are out of date");
        // The examples the docs name: names that resolve to nothing, an argument count; no types (a tapset file's
        // depend on the script that uses it)
        assertEquals(1, r.stdout().lines().filter(l -> l.contains("unresolved function set_ponter_arg")).count());
        assertTrue(r.stdout().lines().anyMatch(l -> l.contains("python3.stp")
                && l.contains("unresolved function entry_ptr")));
        assertEquals(4, r.stdout().lines().filter(l -> l.contains("sysc_pipe.stp")
                && l.contains("unresolved function _ia64_pipe")).count());
        assertTrue(r.stdout().lines().anyMatch(l -> l.contains("bpf/uconversions.stp")
                && l.contains("arity mismatch found (function 'kernel_string_n' takes 2 args)")));
        assertEquals(0, r.stdout().lines().filter(l -> l.endsWith("[stap-type-mismatch]")
                || l.endsWith("[stap-printf-arg-type]")).count());
    }
}
