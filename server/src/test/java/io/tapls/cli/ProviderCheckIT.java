package io.tapls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tapls check} over a tree with a provider file in libvirt's style, a D program and scripts: the
 * provider file's own diagnostics, the scripts checked against the aliases libvirt's dtrace2systemtap.py
 * derives from it (their names and binaries as in its output, libvirt_probes.stp), {@code --provider-prefix}.
 */
class ProviderCheckIT {
    @TempDir
    Path dir;

    private void tree() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.copy(Corpora.repo().resolve("server/src/test/resources/provider/libvirt_probes.d"),
                src.resolve("libvirt_probes.d"));
        Files.writeString(dir.resolve("app.d"), "module app;\nimport std.stdio;\nvoid main() { writeln(1); }\n");
    }

    @Test
    void scriptsAreCheckedAgainstTheDerivedAliases() throws Exception {
        tree();
        Path rpc = dir.resolve("rpc.stp");
        Files.writeString(rpc, "probe libvirt.rpc.client_msg_rx {\n"
                + "  printf(\"%s %d\\n\", len, serial)\n}\n"
                + "probe libvirt.qemu.monitor_io_write { printf(\"%s %d\\n\", buf, len) }\n");
        Cli.Result r = Cli.run("check", "--no-default-tapsets", dir.toString());
        assertEquals(1, r.exitCode(), r.stderr());
        String out = r.stdout();
        // pass 2 as stap 4.8 resolves types: len is bound (long, from the mark's $arg) where the point is named
        assertTrue(out.contains(rpc + ":2:21: error: type mismatch (string) (type was first inferred here (long) at"
                + " 1:7) [stap-printf-arg-type]"), out);
        assertEquals(1, out.lines().filter(l -> l.contains(": error: ")).count(), out);
        assertTrue(r.stderr().contains("1 error and 0 warnings in 2 files checked"), r.stderr());
        assertFalse(out.contains("app.d"), out);

        // a point no derived alias has: stap's error at the component, and (as stap) no type checks after it
        Files.writeString(rpc, Files.readString(rpc) + "probe libvirt.rpc.client_msg_rxx {}\n");
        r = Cli.run("check", "--no-default-tapsets", dir.toString());
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains(rpc + ":5:19: error: probe point mismatch (similar: client_msg_rx, "), r.stdout());
        assertTrue(r.stdout().contains("(no alias 'libvirt.rpc.client_msg_rxx') [stap-unknown-probe-point]"),
                r.stdout());
        assertEquals(1, r.stdout().lines().filter(l -> l.contains(": error: ")).count(), r.stdout());
    }

    @Test
    void providerFilesAreCheckedAndTheAliasesFirstWordIsAnOption() throws Exception {
        tree();
        Path d = dir.resolve("src/libvirt_probes.d");
        Files.writeString(d, Files.readString(d).replace("probe object_unref(void *obj);",
                "probe object_unref(void *obj);\n\tprobe object_unref(void *obj, int next);"));
        Files.writeString(dir.resolve("obj.stp"), "probe myproj.object.new { println(klassname) }\n");
        Cli.Result r = Cli.run("check", "--no-default-tapsets", "--provider-prefix", "myproj", dir.toString());
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains(d + ":48:8: error: duplicate probe 'object_unref' (line 47): dtrace -h defines"
                + " LIBVIRT_OBJECT_UNREF twice [provider-duplicate-probe]"), r.stdout());
        assertTrue(r.stdout().contains(d + ":48:36: error: argument 'next' is a SystemTap keyword"), r.stdout());
        assertFalse(r.stdout().contains("obj.stp"), r.stdout());
        Cli.Result json = Cli.run("check", "--format", "json", "--no-default-tapsets", d.toString());
        assertTrue(json.stdout().contains("\"rule\": \"provider-duplicate-probe\"") || json.stdout().contains(
                "\"rule\":\"provider-duplicate-probe\""), json.stdout());
    }
}
