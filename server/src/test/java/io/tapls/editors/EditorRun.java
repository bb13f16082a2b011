package io.tapls.editors;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;



/**
 * Runs a real editor in batch mode on one of the test scripts under editors/, with the repository's
 * ./tapls launcher as the server. A missing editor skips the test with a visible message, except under
 * CI=true, where it fails: .ci/run installs the editors.
 */
final class EditorRun {
    /** Exit status a test script uses to say that something it needs is missing. */
    static final int MISSING = 77;

    record Result(int exitCode, String output) {
    }

    private EditorRun() {
    }

    static Path repo() {
        return Corpora.repo();
    }

    /** The program on the PATH, or a skip (a failure under CI=true). */
    static Path require(String program, String install) {
        Optional<Path> found = onPath(program);
        if (found.isEmpty()) {
            skipOrFail(program + " is not installed (" + install + ")");
        }
        Path launcher = repo().resolve("tapls");
        if (!Files.isExecutable(launcher) || !Files.exists(repo().resolve("server/target/tapls.jar"))) {
            fail("the tapls launcher or its jar is missing: " + launcher);
        }
        return found.get();
    }

    static void skipOrFail(String why) {
        String message = "SKIPPED: " + why;
        if ("true".equals(System.getenv("CI"))) {
            fail(message + " (CI=true: this test must run; .ci/run installs what it needs)");
        }
        System.err.println(message);
        assumeTrue(false, message);
    }

    static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs the command in the repository with TAPLS_EXECUTABLE set, stdin closed, stdout and stderr merged. */
    static Result run(List<String> command, int timeoutSeconds) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(repo().toFile()).redirectErrorStream(true);
        pb.environment().put("TAPLS_EXECUTABLE", repo().resolve("tapls").toString());
        pb.environment().put("TERM", "dumb");
        Cli.Result r = Cli.run(pb, timeoutSeconds);
        String output = r.stdout();
        System.out.println(output);
        if (r.exitCode() == MISSING) {
            skipOrFail(lastLine(output));
        }
        return new Result(r.exitCode(), output);
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }
}
