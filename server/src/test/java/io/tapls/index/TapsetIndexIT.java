package io.tapls.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import io.tapls.testing.StapOracle;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** tapls index (the real jar) against the real stap's listing of Debian's library, and tracetool's aliases. */
class TapsetIndexIT {
    @Test
    void dumpAliasesListsEveryAliasStapLists() {
        String stap = StapOracle.raw("--raw", "--dump-probe-aliases");
        Set<String> expected = new HashSet<>(List.of(stap.strip().split("\n")));
        Cli.Result r = Cli.run("index", "--dump-aliases");
        assertEquals(0, r.exitCode(), r.stderr());
        Set<String> mine = new HashSet<>(List.of(r.stdout().strip().split("\n")));
        List<String> missing = expected.stream().filter(l -> !mine.contains(l)).sorted().toList();
        System.out.printf("aliases: stap lists %d distinct lines, tapls %d; missing %d%n", expected.size(),
                mine.size(), missing.size());
        assertTrue(expected.size() > 5000);
        assertEquals(List.of(), missing.stream().limit(20).toList());
    }

    @Test
    void traceEventsGiveTracetoolsAliasesWithNothingInstalled() {
        Path te = Corpora.qemuCorpus().resolve("trace-events/io/trace-events");
        Cli.Result r = Cli.run("index", "--dump-aliases", "--no-default-tapsets", te.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("qemu.system.x86_64.log.qio_task_new = qemu.system.x86_64.qio_task_new?\n"),
                r.stdout());
        assertTrue(r.stdout().contains("qemu.system.x86_64.qio_task_new = "
                + "process(\"/usr/bin/qemu-system-x86_64\").mark(\"qio_task_new\")\n"));
        assertTrue(r.stdout().contains("qemu.system.x86_64.simpletrace.qio_task_new = "));
        Cli.Result p = Cli.run("index", "--dump-aliases", "--no-default-tapsets", "--probe-prefix", "qemu.img",
                te.toString());
        assertTrue(p.stdout().contains("qemu.img.log.qio_task_new = qemu.img.qio_task_new?\n"));
    }
}
