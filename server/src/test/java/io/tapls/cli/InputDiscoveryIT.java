package io.tapls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which files a directory given to check, generate, list and run stands for: the files of the kinds the
 * command reads (never a script read as trace-events), found through symbolic links, each once; and a
 * directory with none of them is an error, not an empty success.
 */
class InputDiscoveryIT {
    /** A SystemTap script: read as trace-events, every line of it is an error. */
    static final String SCRIPT = "probe qemu.system.x86_64.log.a { printf(\"%d\\n\", x) }\n";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    private static void oneLineNoStackTrace(Cli.Result r) {
        assertFalse(r.stderr().contains("Exception") || r.stderr().contains("\tat "), r.stderr());
    }

    // ------------------------------------------------------------------ scripts beside trace-events files

    @Test
    void listOfTheSamplesDoesNotReadTheirScriptAsTraceEvents() {
        Path samples = Corpora.repo().resolve("samples");
        assertTrue(Files.isRegularFile(samples.resolve("stap/qio-tasks.stp")), "the samples hold a script");
        Cli.Result r = Cli.run("list", "qemu-system-x86_64", "qio*", "--trace-events", samples.toString());
        assertEquals("", r.stderr());
        assertEquals(0, r.exitCode());
        assertEquals("qio_task_complete\nqio_task_new\nqio_task_thread_start\n", r.stdout());
    }

    @Test
    void generateAndRunReadOnlyTheTraceEventsFilesOfADirectory() throws IOException {
        write("src/trace-events", "a(int x) \"x=%d\"\n");
        write("src/scripts/a.stp", SCRIPT);
        write("src/scripts/macros.stpm", "@define x %( 1 %)\n");
        Cli.Result d = Cli.runIn(dir, "generate", "--format", "d", "src");
        assertEquals("", d.stderr());
        assertEquals(0, d.exitCode());
        assertEquals(GenerateCommandIT.HEADER + "provider qemu {\n\nprobe a(int x);\n\n};\n", d.stdout());
        Cli.Result run = Cli.runIn(dir, "run", "--dry-run", "--stap", "stap", "--trace-events", "src",
                "/nonexistent/qemu-img", "a");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("stap -s 8 -I " + keptTapsets(run) + " -e 'probe qemu.img.log.a {}'\n", run.stdout());
    }

    @Test
    void aDirectoryOfScriptsOnlyHasNoTraceEventsFiles() throws IOException {
        write("scripts/a.stp", SCRIPT);
        Cli.Result gen = Cli.runIn(dir, "generate", "--format", "d", "scripts");
        assertEquals(2, gen.exitCode());
        assertEquals("tapls: scripts: no trace-events files in this directory\n", gen.stderr());
        assertEquals("", gen.stdout());
        Cli.Result list = Cli.runIn(dir, "list", "qemu-img", "--trace-events", "scripts");
        assertEquals(2, list.exitCode());
        assertEquals("tapls: scripts: no trace-events files in this directory\n", list.stderr());
    }

    // ------------------------------------------------------------------ empty directories

    @Test
    void aDirectoryWithNothingToReadIsAUsageError() throws IOException {
        Files.createDirectories(dir.resolve("empty/sub"));
        write("empty/notes.txt", "not a trace-events file\n");
        Cli.Result check = Cli.runIn(dir, "check", "empty");
        assertEquals(2, check.exitCode());
        assertEquals("tapls: empty: no trace-events, *.trace-events, *.stp, *.stpm or provider *.d files here\n", check.stderr());
        assertEquals("", check.stdout());
        Cli.Result gen = Cli.runIn(dir, "generate", "--format", "d", "empty");
        assertEquals(2, gen.exitCode());
        assertEquals("tapls: empty: no trace-events files in this directory\n", gen.stderr());
        Cli.Result list = Cli.runIn(dir, "list", "qemu-img", "--trace-events", "empty");
        assertEquals(2, list.exitCode());
        assertEquals("tapls: empty: no trace-events files in this directory\n", list.stderr());
        Cli.Result run = Cli.runIn(dir, "run", "--dry-run", "--stap", "stap", "--trace-events", "empty",
                "/nonexistent/qemu-img", "a");
        assertEquals(2, run.exitCode());
        assertEquals("tapls: empty: no trace-events files in this directory\n", run.stderr());
    }

    // ------------------------------------------------------------------ symbolic links

    @Test
    void aDirectoryGivenAsALinkIsSearchedLikeTheDirectory() throws IOException {
        write("real/trace-events", "a(int x) \"x=%d\"\n");
        write("real/hw/trace-events", "b(uint64_t x) \"x=0x%x\"\n"); // an error for check: %x of a 64-bit value
        write("real/s.stp", "probe begin { println(\"up\") }\n");
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real"));

        Cli.Result check = Cli.runIn(dir, "check", "--no-default-tapsets", "link");
        assertEquals(1, check.exitCode(), check.stderr());
        assertTrue(check.stdout().startsWith("link/hw/trace-events:1:20: error: format '%x' expects 'unsigned int'"),
                check.stdout());
        assertEquals("1 error and 0 warnings in 3 files checked\n", check.stderr());

        Cli.Result gen = Cli.runIn(dir, "generate", "--format", "d", "--tracetool-compat", "link");
        assertEquals(0, gen.exitCode(), gen.stderr());
        assertEquals(Cli.runIn(dir, "generate", "--format", "d", "--tracetool-compat", "real").stdout(), gen.stdout());
        assertTrue(gen.stdout().contains("probe b(uint64_t x);"), gen.stdout());

        Cli.Result list = Cli.runIn(dir, "list", "qemu-img", "--trace-events", "link");
        assertEquals(0, list.exitCode(), list.stderr());
        assertEquals("a\nb\n", list.stdout());
    }

    @Test
    void aLinkLoopNeitherHangsNorRepeatsFiles() throws IOException {
        write("tree/trace-events", "a(int x) \"x=%d\"\n");
        write("tree/b/trace-events", "b(int x) \"x=%d\"\n");
        Files.createSymbolicLink(dir.resolve("tree/b/up"), Path.of("..")); // tree/b/up/b/up/... is tree
        Files.createSymbolicLink(dir.resolve("tree/to-b"), Path.of("b")); // and tree/to-b is tree/b

        Cli.Result check = Cli.runIn(dir, "check", "tree");
        oneLineNoStackTrace(check);
        assertEquals(0, check.exitCode(), check.stderr());

        Cli.Result gen = Cli.runIn(dir, "generate", "--format", "d", "tree");
        oneLineNoStackTrace(gen);
        assertEquals(0, gen.exitCode(), gen.stderr());
        assertEquals(GenerateCommandIT.HEADER + "provider qemu {\n\nprobe b(int x);\n\nprobe a(int x);\n\n};\n",
                gen.stdout(), "each file once, by its shortest path (tree/b/trace-events before tree/trace-events)");

        Cli.Result perFile = Cli.runIn(dir, "generate", "--per-file", "--format", "d", "--output-dir", "out", "tree");
        assertEquals(0, perFile.exitCode(), perFile.stderr());
        assertTrue(Files.isRegularFile(dir.resolve("out/b/trace-events")));
        assertFalse(Files.exists(dir.resolve("out/to-b")), "not again through the link");

        Cli.Result list = Cli.runIn(dir, "list", "qemu-img", "--trace-events", "tree");
        oneLineNoStackTrace(list);
        assertEquals(0, list.exitCode(), list.stderr());
        assertEquals("a\nb\n", list.stdout());
    }

    @Test
    void twoDirectoriesLinkedToEachOtherAreReadOnceEach() throws IOException {
        write("a/trace-events", "a(int x) \"x=%d\"\n");
        write("b/trace-events", "b(int x) \"x=%d\"\n");
        Files.createSymbolicLink(dir.resolve("a/link"), Path.of("../b"));
        Files.createSymbolicLink(dir.resolve("b/link"), Path.of("../a"));
        Cli.Result gen = Cli.runIn(dir, "generate", "--format", "d", ".");
        assertEquals(0, gen.exitCode(), gen.stderr());
        assertEquals(GenerateCommandIT.HEADER + "provider qemu {\n\nprobe a(int x);\n\nprobe b(int x);\n\n};\n",
                gen.stdout());
    }

    // ------------------------------------------------------------------ text that is not UTF-8

    @Test
    void aScriptThatIsNotUtf8IsOneLineForIndexAndADiagnosticForCheck() throws IOException {
        Files.createDirectories(dir.resolve("scripts"));
        Files.write(dir.resolve("scripts/a.stp"), new byte[] {'#', ' ', (byte) 0xe9, '\n'});
        String line = "scripts/a.stp:1:3: error: the file is not valid UTF-8 (byte 0xe9); tracetool fails with"
                + " UnicodeDecodeError [encoding]\n";
        Cli.Result index = Cli.runIn(dir, "index", "--no-default-tapsets", "scripts");
        assertEquals(2, index.exitCode());
        assertEquals(line, index.stderr());
        // check reports it as the diagnostic of the encoding rule, with the line it is on (CheckCommandIT).
        Cli.Result check = Cli.runIn(dir, "check", "--no-default-tapsets", "scripts");
        assertEquals(1, check.exitCode());
        assertTrue(check.stdout().startsWith(line), check.stdout());
    }

    /** The temporary tapset directory a dry run keeps (and says so); deleted here. */
    private static String keptTapsets(Cli.Result run) throws IOException {
        String prefix = "tapls: tapsets generated in ";
        assertTrue(run.stderr().startsWith(prefix) && run.stderr().endsWith(" (kept for --dry-run)\n"), run.stderr());
        Path kept = Path.of(run.stderr().substring(prefix.length(), run.stderr().indexOf(" (kept")));
        try (var files = Files.list(kept)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(kept);
        return kept.toString();
    }
}
