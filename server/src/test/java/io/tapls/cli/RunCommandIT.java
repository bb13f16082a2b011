package io.tapls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tapls run --dry-run: the stap command qemu-trace-stap run would exec, with meson's prefixes. */
class RunCommandIT {
    @TempDir
    Path dir;

    @Test
    void theCommandForEachKindOfBinary() throws IOException {
        Path tapsets = Files.createDirectories(dir.resolve("tapset"));
        String t = tapsets.toString();
        String[][] cases = {
            {"qemu-system-x86_64", "stap -s 8 -I " + t + " -e 'probe qemu.system.x86_64.log.qio* {}'"},
            {"qemu-x86_64", "stap -s 8 -I " + t + " -e 'probe qemu.user.x86_64.log.qio* {}'"},
            {"qemu-storage-daemon", "stap -s 8 -I " + t + " -e 'probe qemu.storage_daemon.log.qio* {}'"},
            {"/usr/bin/qemu-img", "stap -s 8 -I " + t + " -e 'probe qemu.img.log.qio* {}'"},
        };
        for (String[] c : cases) {
            Cli.Result r = Cli.run("run", "--dry-run", "--stap", "stap", "--tapsets", t, c[0], "qio*");
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals(c[1] + "\n", r.stdout());
        }
        Cli.Result full = Cli.run("run", "--dry-run", "--stap", "/usr/bin/stap", "--pid", "42", "--stap-arg=-p2",
                "--stap-arg", "-v", "--tapsets", t, "qemu-system-x86_64", "kvm_*", "qio_task_new");
        assertEquals("/usr/bin/stap -s 8 -I " + t + " -x 42 -p2 -v -e 'probe qemu.system.x86_64.log.kvm_* {}"
                + " probe qemu.system.x86_64.log.qio_task_new {}'\n", full.stdout());
    }

    @Test
    void verboseAddsTheBeginProbeAndSaysWhatItUses() throws IOException {
        String t = Files.createDirectories(dir.resolve("tapset")).toString();
        Cli.Result r = Cli.run("run", "-v", "--dry-run", "--stap", "stap", "--tapsets", t, "qemu-img", "a");
        assertEquals("stap -s 8 -I " + t + " -e 'probe begin { print(\"Running script, <Ctrl>-c to quit\\n\") }"
                + " probe qemu.img.log.a {}'\n", r.stdout());
        assertTrue(r.stderr().startsWith("Using tapset dir '" + t + "' for binary 'qemu-img'\n"), r.stderr());
    }

    @Test
    void generatesTapsetsWhenNoneAreInstalled() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("build")).resolve("qemu-system-x86_64");
        Files.writeString(bin, "");
        Path te = dir.resolve("trace-events");
        Files.writeString(te, "a(int x) \"x=%d\"\n");
        Cli.Result r = Cli.run("run", "--dry-run", "--stap", "stap", "--trace-events", te.toString(), bin.toString(),
                "a");
        assertEquals(0, r.exitCode(), r.stderr());
        Matcher m = Pattern.compile("stap -s 8 -I (\\S+) -e 'probe qemu.system.x86_64.log.a \\{\\}'\n")
                .matcher(r.stdout());
        assertTrue(m.matches(), r.stdout());
        Path generated = Path.of(m.group(1));
        try {
            assertTrue(Files.readString(generated.resolve("qemu-system-x86_64.stp"))
                    .contains("process(\"" + bin.toRealPath() + "\").mark(\"a\")"));
            assertTrue(Files.exists(generated.resolve("qemu-system-x86_64-log.stp")));
            assertTrue(r.stderr().contains("kept for --dry-run"), r.stderr());
        } finally {
            for (String f : new String[] {"qemu-system-x86_64.stp", "qemu-system-x86_64-log.stp",
                "qemu-system-x86_64-simpletrace.stp"}) {
                Files.deleteIfExists(generated.resolve(f));
            }
            Files.deleteIfExists(generated);
        }
    }

    @Test
    void runsStapAndRelaysItsExitStatus() throws IOException {
        Path stap = script("fake-stap", "#!/bin/sh\necho \"stap $*\"\nexit 3\n");
        String t = Files.createDirectories(dir.resolve("tapset")).toString();
        Cli.Result r = Cli.run("run", "--stap", stap.toString(), "--tapsets", t, "qemu-img", "a*");
        assertEquals(3, r.exitCode(), r.stderr());
        assertEquals("stap -s 8 -I " + t + " -e probe qemu.img.log.a* {}\n", r.stdout());
    }

    /** Ctrl-C reaches stap, which ends the trace as it likes; tapls waits for it and relays its status. */
    @Test
    void ctrlCIsLeftToStap() throws Exception {
        Path stap = script("fake-stap", "#!/bin/bash\ntrap 'echo interrupted; exit 7' INT\necho started\n"
                + "sleep 10 & wait\n");
        Path setsid = Path.of("/usr/bin/setsid");
        io.tapls.testing.Corpora.require(setsid, "setsid (util-linux)");
        String t = Files.createDirectories(dir.resolve("tapset")).toString();
        Process p = new ProcessBuilder(setsid.toString(), Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", Cli.jar().toString(), "run", "--stap", stap.toString(), "--tapsets", t, "qemu-img",
                "a*").redirectErrorStream(true).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            assertEquals("started", out.readLine());
            // the whole process group, as a terminal's Ctrl-C does
            new ProcessBuilder("bash", "-c", "kill -INT -- -" + p.pid()).start().waitFor();
            assertEquals("interrupted", out.readLine());
            assertTrue(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(7, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    private Path script(String name, String text) throws IOException {
        Path s = dir.resolve(name);
        Files.writeString(s, text);
        assertTrue(s.toFile().setExecutable(true));
        return s;
    }

    @Test
    void problemsExit2WithOneLine() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin")).resolve("qemu-img");
        Files.writeString(bin, "");
        assertEquals("tapls: At least one probe pattern must be specified\n",
                Cli.run("run", "--dry-run", "qemu-img").stderr());
        Cli.Result none = Cli.run("run", "--dry-run", "--stap", "stap", bin.toString(), "a");
        assertEquals(2, none.exitCode());
        assertTrue(none.stderr().startsWith("tapls: no tapsets for qemu-img in "), none.stderr());
        Cli.Result missing = Cli.run("run", "--dry-run", "--stap", "stap", dir.resolve("nope/qemu-img").toString(), "a");
        assertEquals(2, missing.exitCode());
        assertEquals("tapls: Unable to find '" + dir.resolve("nope/qemu-img") + "'\n", missing.stderr());
        Cli.Result prefix = Cli.run("run", "--dry-run", "--stap", "stap", "myapp", "a");
        assertEquals(2, prefix.exitCode());
        assertTrue(prefix.stderr().contains("give --probe-prefix"), prefix.stderr());
    }
}
