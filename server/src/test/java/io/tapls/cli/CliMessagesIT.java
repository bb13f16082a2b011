package io.tapls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user sees when something is wrong with the command line or the files: one line on stderr that
 * says what and why (as a shell would: {@code tapls: PATH: Permission denied}), the same words from every
 * command, no Java exception, exit status 2; and help that reads as written.
 */
class CliMessagesIT {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    private static void oneLine(Cli.Result r, String expected) {
        assertEquals(2, r.exitCode(), r.stdout() + r.stderr());
        assertEquals(expected + "\n", r.stderr());
        assertFalse(r.stderr().contains("Exception") || r.stderr().contains("\tat "), r.stderr());
    }

    // ------------------------------------------------------------------ files that cannot be read

    @Test
    void aMissingFileIsWordedAlikeByEveryCommand() {
        oneLine(Cli.runIn(dir, "check", "nope.stp"), "tapls: nope.stp: No such file or directory");
        oneLine(Cli.runIn(dir, "dump", "nope.stp"), "tapls: nope.stp: No such file or directory");
        oneLine(Cli.runIn(dir, "index", "--no-default-tapsets", "nope.stp"),
                "tapls: nope.stp: No such file or directory");
        oneLine(Cli.runIn(dir, "generate", "--format", "d", "nope"), "tapls: nope: No such file or directory");
    }

    @Test
    void aDirectoryWhereAFileIsReadOrALoopOfLinksSaysSo() throws IOException {
        Files.createDirectories(dir.resolve("d.stp"));
        oneLine(Cli.runIn(dir, "dump", "d.stp"), "tapls: d.stp: Is a directory");
        Files.createSymbolicLink(dir.resolve("a.stp"), Path.of("b.stp"));
        Files.createSymbolicLink(dir.resolve("b.stp"), Path.of("a.stp"));
        oneLine(Cli.runIn(dir, "dump", "a.stp"), "tapls: a.stp: Too many levels of symbolic links");
        Cli.Result check = Cli.runIn(dir, "check", "a.stp");
        assertEquals(2, check.exitCode());
        assertEquals("tapls: a.stp: Too many levels of symbolic links\n", check.stderr());
    }

    /**
     * A file or directory the user may not read: the reason, in one line. The process runs as an ordinary user
     * (root reads everything: as root, the test runs tapls as nobody through util-linux's setpriv).
     */
    @Test
    void anUnreadableFileOrDirectorySaysPermissionDenied() throws IOException {
        write("locked.trace-events", "a(int x) \"x=%d\"\n");
        write("locked.stp", "probe begin {}\n");
        write("tree/trace-events", "a(int x) \"x=%d\"\n");
        write("tree/sub/trace-events", "b(int x) \"x=%d\"\n");
        Files.createDirectories(dir.resolve("closed"));
        write("closed/trace-events", "c(int x) \"x=%d\"\n");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir.resolve("tree"), PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> locked = List.of("locked.trace-events", "locked.stp", "tree/sub", "closed");
        for (String path : locked) {
            Files.setPosixFilePermissions(dir.resolve(path), PosixFilePermissions.fromString("---------"));
        }
        try {
            oneLine(asUser("check", "locked.trace-events"), "tapls: locked.trace-events: Permission denied");
            oneLine(asUser("dump", "locked.stp"), "tapls: locked.stp: Permission denied");
            oneLine(asUser("check", "closed"), "tapls: closed: Permission denied");
            Cli.Result tree = asUser("check", "tree");
            assertEquals(2, tree.exitCode());
            assertEquals("tapls: tree/sub: Permission denied\n0 errors and 0 warnings in 1 file checked\n",
                    tree.stderr());
            oneLine(asUser("generate", "--format", "d", "tree"), "tapls: tree/sub: Permission denied");
            oneLine(asUser("check", "-I", "closed", "locked.stp"), "tapls: tapset directory closed: Permission denied");
        } finally {
            for (String path : locked) { // so that the temporary directory can be deleted by anyone
                Files.setPosixFilePermissions(dir.resolve(path), PosixFilePermissions.fromString("rwx------"));
            }
        }
    }

    /** tapls as an ordinary user: as this one, or as nobody when this is root. */
    private Cli.Result asUser(String... args) {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", Cli.jar().toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove("CI");
        pb.environment().put("TAPLS_CACHE_DIR", "off"); // the tests' cache is not the other user's to write
        return Cli.run(pb, 120);
    }

    // ------------------------------------------------------------------ options

    @Test
    void aMissingTapsetDirectoryIsAnError() throws IOException {
        write("a.stp", "probe begin {}\n");
        for (String command : List.of("check", "index", "dump")) {
            oneLine(Cli.runIn(dir, command, "-I", "nope", "a.stp"), "tapls: tapset directory nope: No such file or directory");
        }
        oneLine(Cli.runIn(dir, "check", "--tapset", "a.stp", "a.stp"), "tapls: tapset directory a.stp: Not a directory");
    }

    @Test
    void aQemuVersionTapslsDoesNotKnowIsRefusedWithTheReleasesItKnows() throws IOException {
        write("trace-events", "foo(int x) \"x=%d\"\n");
        String releases = "10.0-10.2, 9.0-9.2, 8.0-8.2, 7.0-7.2, 6.0-6.2, 5.0-5.2, 4.0-4.2, 3.0-3.1, 2.0-2.12";
        oneLine(Cli.runIn(dir, "check", "--qemu-version", "99.9", "trace-events"),
                "tapls: unsupported QEMU version '99.9': tapls follows the tracetool of QEMU " + releases
                        + " (see 'tapls check --help')");
        for (String unknown : List.of("10.3", "9.3", "2.13", "1.7")) {
            assertEquals(2, Cli.runIn(dir, "check", "--qemu-version", unknown, "trace-events").exitCode(), unknown);
        }
        oneLine(Cli.runIn(dir, "generate", "--qemu-version", "11.0", "--format", "d", "trace-events"),
                "tapls: unsupported QEMU version '11.0': tapls follows the tracetool of QEMU " + releases
                        + " (see 'tapls generate --help')");
        // A development tree's version (10.2.50) follows its release's tracetool.
        for (String known : List.of("10.2", "10.2.50", "7.2", "2.12")) {
            assertEquals(0, Cli.runIn(dir, "check", "--qemu-version", known, "trace-events").exitCode(), known);
        }
    }

    @Test
    void anUnknownCommandSaysSoWithPicocliSuggestion() {
        Cli.Result r = Cli.run("frobnicate");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().startsWith("tapls: unknown command 'frobnicate'"), r.stderr());
        assertTrue(r.stderr().endsWith(" (see 'tapls --help')\n"), r.stderr());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        oneLine(Cli.run("chekc"),
                "tapls: unknown command 'chekc'; did you mean one of 'check', 'help'? (see 'tapls --help')");
        oneLine(Cli.run("help", "frobnicate"), "tapls: unknown command 'frobnicate' (see 'tapls --help')");
        oneLine(Cli.run("rules", "extra"), "tapls: unexpected argument 'extra' (see 'tapls rules --help')");
        oneLine(Cli.run("check", "--formt", "json"),
                "tapls: unknown option '--formt'; did you mean '--format'? (see 'tapls check --help')");
    }

    // ------------------------------------------------------------------ help

    /**
     * Help lines are broken at spaces only, never inside a word such as {@code *.stp} or {@code X.Y} (picocli
     * breaks after any full stop): every word of the help at 80 columns is a word of the same help unwrapped
     * (picocli.usage.width=1000), and no line is wider than 80.
     */
    @Test
    void helpIsWrappedAtSpacesOnly() {
        List<List<String>> helps = new ArrayList<>();
        helps.add(List.of("--help"));
        for (String command : Main.COMMANDS) {
            if (!command.equals("bench")) {
                helps.add(List.of("help", command));
            }
        }
        for (List<String> args : helps) {
            Cli.Result narrow = Cli.run(args.toArray(String[]::new));
            assertEquals(0, narrow.exitCode(), narrow.stderr());
            String wide = unwrapped(args);
            Set<String> words = new HashSet<>(Arrays.asList(wide.split("\\s+")));
            for (String word : narrow.stdout().split("\\s+")) {
                assertTrue(words.contains(word), args + ": '" + word + "' is a word broken across lines in:\n"
                        + narrow.stdout());
            }
            assertEquals(Arrays.asList(wide.split("\\s+")).size(), narrow.stdout().split("\\s+").length,
                    args + ": the same words");
            assertTrue(wide.lines().count() <= narrow.stdout().lines().count(), args + ": unwrapped:\n" + wide);
            for (String line : narrow.stdout().split("\n")) {
                assertTrue(line.length() <= 80, args + ": wider than 80 columns: " + line);
            }
        }
    }

    /** The command list shows each command's first sentence whole, not cut at the end of a source line. */
    @Test
    void theCommandListShowsWholeSentences() {
        String usage = Cli.run("--help").stdout();
        String commands = usage.substring(usage.indexOf("Commands:\n") + "Commands:\n".length());
        List<String> entries = new ArrayList<>();
        for (String line : commands.split("\n")) {
            if (line.startsWith("  ") && !line.startsWith("    ")) {
                entries.add(line.strip());
            } else {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
            }
        }
        for (String entry : entries) {
            assertTrue(entry.endsWith("."), "cut short: " + entry);
        }
        assertTrue(entries.stream().anyMatch(e -> e.startsWith("index ") && e.endsWith("stap --dump-functions.")),
                usage);
        assertTrue(entries.stream().anyMatch(e -> e.startsWith("dump ") && e.endsWith("fully parenthesised.")), usage);
    }

    private static String unwrapped(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dpicocli.usage.width=1000", "-jar", Cli.jar().toString()));
        command.addAll(args);
        Cli.Result r = Cli.run(new ProcessBuilder(command), 120);
        assertEquals(0, r.exitCode(), r.stderr());
        return r.stdout();
    }
}
