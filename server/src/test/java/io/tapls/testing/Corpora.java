package io.tapls.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the big corpora live: ../shared beside the checkout, and Debian's packages. A test whose data is
 * absent is skipped with a visible message, except under CI=true, where it fails: CI must never skip
 * one silently.
 */
public final class Corpora {
    private Corpora() {
    }

    public static Path repo() {
        String repo = System.getProperty("tapls.repo");
        return (repo != null ? Path.of(repo) : Path.of("").toAbsolutePath().getParent()).toAbsolutePath().normalize();
    }

    public static Path shared() {
        return require(repo().resolveSibling("shared"), "../shared (specs and corpora)");
    }

    public static Path qemuCorpus() {
        return require(shared().resolve("corpus/qemu"), "../shared/corpus/qemu");
    }

    /** Debian 12's QEMU 7.2 trace-events-all (package qemu-system-common). */
    public static Path debianTraceEventsAll() {
        String override = System.getenv("TAPLS_QEMU72_TRACE_EVENTS");
        Path p = override != null ? Path.of(override) : Path.of("/usr/share/qemu/trace-events-all");
        return require(p, "Debian's qemu-system-common (" + p + ")");
    }

    public static Path require(Path path, String what) {
        if (!Files.exists(path)) {
            String message = "SKIPPED: " + what + " is not available at " + path;
            if ("true".equals(System.getenv("CI"))) {
                fail(message + " (CI=true: this test must run; .ci/run installs its data)");
            }
            System.err.println(message);
            assumeTrue(false, message);
        }
        return path;
    }
}
