package io.tapls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Meson's probe prefixes and the binaries they are for, both ways: every command that derives a prefix from a
 * binary derives meson's ({@code qemu-storage-daemon} → {@code qemu.storage_daemon}, where qemu-trace-stap
 * says qemu.storage.daemon), and the index's aliases for a prefix name the binary meson installs.
 */
class ProbePrefixMappingIT {
    @TempDir
    Path dir;

    private void traceEvents() throws IOException {
        Files.writeString(dir.resolve("trace-events"), "blk_open(int fd) \"fd %d\"\n");
    }

    @Test
    void theIndexAliasesOfAPrefixNameItsBinary() throws IOException {
        traceEvents();
        String[][] cases = {
            {"qemu.storage_daemon", "/usr/bin/qemu-storage-daemon"},
            {"qemu.system.x86_64", "/usr/bin/qemu-system-x86_64"},
            {"qemu.user.arm", "/usr/bin/qemu-arm"},
            {"qemu.img", "/usr/bin/qemu-img"},
        };
        for (String[] c : cases) {
            Cli.Result r = Cli.runIn(dir, "index", "--dump-aliases", "--no-default-tapsets", "--probe-prefix", c[0],
                    ".");
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals(c[0] + ".blk_open = process(\"" + c[1] + "\").mark(\"blk_open\")\n"
                    + c[0] + ".log.blk_open = " + c[0] + ".blk_open?\n"
                    + c[0] + ".simpletrace.blk_open = " + c[0] + ".blk_open?\n", r.stdout());
        }
    }

    @Test
    void listAndRunDeriveMesonsPrefixForTheStorageDaemon() throws IOException {
        traceEvents();
        Cli.Result list = Cli.runIn(dir, "list", "qemu-storage-daemon", "--json", "--trace-events", "trace-events");
        assertEquals(0, list.exitCode(), list.stderr());
        assertTrue(list.stdout().contains("\"probe\": \"qemu.storage_daemon.log.blk_open\""), list.stdout());
        Cli.Result byPrefix = Cli.runIn(dir, "list", "qemu.storage_daemon", "--trace-events", "trace-events");
        assertEquals("blk_open\n", byPrefix.stdout());
        Path tapsets = Files.createDirectories(dir.resolve("tapsets"));
        Cli.Result run = Cli.runIn(dir, "run", "--dry-run", "--stap", "stap", "--tapsets", tapsets.toString(),
                "/usr/bin/qemu-storage-daemon", "blk_*");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("stap -s 8 -I " + tapsets + " -e 'probe qemu.storage_daemon.log.blk_* {}'\n", run.stdout());
    }

    @Test
    void aNameThatIsNotQemusIsNoBinaryToListFor() {
        Cli.Result r = Cli.run("list", "/usr/bin/myapp", "--trace-events", "trace-events");
        assertEquals(2, r.exitCode());
        assertEquals("tapls: cannot derive a probe prefix from '/usr/bin/myapp' (not a qemu-* executable)\n",
                r.stderr());
    }
}
