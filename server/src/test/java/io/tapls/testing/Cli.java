package io.tapls.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real `tapls` process (the shaded jar) and captures what it prints. */
public final class Cli {
    private Cli() {
    }

    public record Result(int exitCode, String stdout, String stderr) {
    }

    public static Path jar() {
        return Corpora.repo().resolve("server/target/tapls.jar");
    }

    public static Result run(String... args) {
        return runIn(null, args);
    }

    public static Result runIn(Path workingDirectory, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        if (workingDirectory != null) {
            pb.directory(workingDirectory.toFile());
        }
        pb.environment().remove("CI"); // the CLI must behave the same in and out of CI
        return run(pb, 120);
    }

    /**
     * Runs a process with stdin closed and captures its output (stderr is "" when the builder merges it
     * into stdout); fails the test, killing the process tree, when it outlives the timeout.
     */
    public static Result run(ProcessBuilder pb, int timeoutSeconds) {
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", pb.command()) + " did not finish in " + timeoutSeconds
                        + " s; output so far:\n" + out.getNow("(none)"));
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
