package io.tapls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script ({@code ./tapls}) picks the JVM's options by command: the language server runs with
 * the full JIT (editors start it through this script), every other command with the fast-start CLI options.
 * It runs here against a fake {@code $JAVA_HOME/bin/java} that records the arguments it was given.
 */
class LauncherIT {
    @TempDir
    Path tmp;

    /** A copy of the launcher beside an (empty) jar, and a java that writes its arguments one a line. */
    private Path install() throws IOException {
        Path launcher = tmp.resolve("checkout/tapls");
        Files.createDirectories(launcher.getParent().resolve("server/target"));
        Files.copy(Corpora.repo().resolve("tapls"), launcher);
        Files.writeString(launcher.getParent().resolve("server/target/tapls.jar"), "");
        Path java = tmp.resolve("jdk/bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$ARGS_FILE\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return launcher;
    }

    private List<String> javaArgs(Path launcher, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Path argsFile = tmp.resolve("args.txt");
        Files.deleteIfExists(argsFile);
        pb.environment().remove("TAPLS_JAVA_OPTS");
        pb.environment().put("JAVA_HOME", tmp.resolve("jdk").toString());
        pb.environment().put("ARGS_FILE", argsFile.toString());
        pb.environment().putAll(env);
        Cli.Result r = Cli.run(pb, 30);
        assertEquals(0, r.exitCode(), r.stderr());
        return Files.readAllLines(argsFile);
    }

    @Test
    void theLanguageServerRunsWithTheFullJitAndEveryOtherCommandWithTheFastStartOptions() throws IOException {
        Path launcher = install();
        String jar = launcher.getParent().resolve("server/target/tapls.jar").toString();

        List<String> lsp = javaArgs(launcher, Map.of(), "lsp", "--stdio");
        assertFalse(lsp.stream().anyMatch(a -> a.contains("TieredStopAtLevel")), lsp.toString());
        assertTrue(lsp.contains("-Xss4m"), "the parser recurses: " + lsp);
        assertTrue(lsp.contains("-XX:+ExitOnOutOfMemoryError"), lsp.toString());
        assertEquals(List.of("-jar", jar, "lsp", "--stdio"), lsp.subList(lsp.size() - 4, lsp.size()));

        List<String> check = javaArgs(launcher, Map.of(), "check", "lsp");
        assertTrue(check.contains("-XX:TieredStopAtLevel=1"), check.toString());
        assertTrue(check.contains("-Xss4m"), check.toString());
        assertEquals(List.of("-jar", jar, "check", "lsp"), check.subList(check.size() - 4, check.size()));

        List<String> version = javaArgs(launcher, Map.of(), "--version");
        assertTrue(version.contains("-XX:TieredStopAtLevel=1"), version.toString());
    }

    @Test
    void tapls_java_optsReplacesTheChosenOptions() throws IOException {
        Path launcher = install();
        List<String> lsp = javaArgs(launcher, Map.of("TAPLS_JAVA_OPTS", "-Xmx300m -XX:TieredStopAtLevel=1"), "lsp");
        assertEquals(List.of("-Xmx300m", "-XX:TieredStopAtLevel=1"), lsp.subList(0, 2));
        assertFalse(lsp.contains("-XX:+ExitOnOutOfMemoryError"), lsp.toString());
        List<String> empty = javaArgs(launcher, Map.of("TAPLS_JAVA_OPTS", ""), "lsp");
        assertTrue(empty.contains("-XX:+ExitOnOutOfMemoryError"), "empty means the defaults: " + empty);
    }

    @Test
    void anUpToDateClassDataSharingArchiveIsUsedForEveryCommand() throws IOException {
        Path launcher = install();
        Path jar = launcher.getParent().resolve("server/target/tapls.jar");
        Path jsa = launcher.getParent().resolve("server/target/tapls.jar.jsa");
        Files.writeString(jsa, "");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000_000_000L));
        for (String command : List.of("lsp", "check")) {
            List<String> args = javaArgs(launcher, Map.of(), command);
            assertTrue(args.contains("-XX:SharedArchiveFile=" + jsa), args.toString());
            assertTrue(args.contains("-Xlog:disable"), "a stale archive's warning must not reach stdout: " + args);
        }
        // An archive older than the jar belongs to another build: the JVM would refuse it anyway.
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertFalse(javaArgs(launcher, Map.of(), "lsp").stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile")));
    }

    /**
     * The native heap trim (-XX:TrimNativeHeapInterval) only for a JVM that has the option, as its JDK's release
     * file names the version: 17.0.9+, 21.0.1+, 22 and later; any other would refuse to start. Never for the CLI.
     */
    @Test
    void theServerTrimsTheNativeHeapOnlyOnAJvmThatCan() throws IOException {
        Path launcher = install();
        Path release = tmp.resolve("jdk/release");
        for (String v : List.of("17.0.9", "17.0.15", "17.0.10.1", "21.0.1", "22", "22-ea", "25.0.1")) {
            Files.writeString(release, "IMPLEMENTOR=\"Someone\"\nJAVA_VERSION=\"" + v + "\"\nOS_NAME=\"Linux\"\n");
            assertTrue(javaArgs(launcher, Map.of(), "lsp").contains("-XX:TrimNativeHeapInterval=1000"), v);
            assertFalse(javaArgs(launcher, Map.of(), "check").stream().anyMatch(a -> a.contains("TrimNativeHeap")), v);
        }
        for (String v : List.of("17", "17.0.2", "17.0.8", "17.0.8.1", "18.0.2", "20.0.1", "21", "21.0.0", "11.0.20")) {
            Files.writeString(release, "JAVA_VERSION=\"" + v + "\"\n");
            assertFalse(javaArgs(launcher, Map.of(), "lsp").stream().anyMatch(a -> a.contains("TrimNativeHeap")), v);
        }
        Files.delete(release);
        List<String> none = javaArgs(launcher, Map.of(), "lsp");
        assertFalse(none.stream().anyMatch(a -> a.contains("TrimNativeHeap")), "no release file: " + none);
        assertTrue(none.contains("-XX:+ExitOnOutOfMemoryError"), none.toString());
    }
}
