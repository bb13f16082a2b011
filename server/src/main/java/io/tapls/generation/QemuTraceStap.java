package io.tapls.generation;

import io.tapls.tracetool.ProbePrefix;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What QEMU's scripts/qemu-trace-stap does to trace a binary's events (spec/tracetool.md C), with meson's
 * probe prefix where it derives a wrong one: where the binary and its installed tapsets are, and the stap
 * command that traces the events.
 */
public final class QemuTraceStap {
    private QemuTraceStap() {
    }

    /** The binary: a path is made real, a bare name is searched in $PATH. Null when there is none. */
    public static Path resolveBinary(String binary) {
        if (binary.indexOf('/') < 0) {
            return which(binary);
        }
        try {
            return Path.of(binary).toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    /** The first executable file of that name in a directory of $PATH, or null. */
    public static Path which(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            Path candidate = Path.of(d.isEmpty() ? "." : d, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** realpath(dirname(binary)/../share/systemtap/tapset), where meson installs the tapsets; null when missing. */
    public static Path installedTapsets(Path binaryPath) {
        Path parent = binaryPath.toAbsolutePath().getParent();
        if (parent == null) {
            return null;
        }
        try {
            return parent.resolve("../share/systemtap/tapset").toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether a tapset directory has the binary's log tapset, {@code <exe>-log.stp}. */
    public static boolean hasLogTapset(Path tapsets, String binary) {
        return Files.isRegularFile(tapsets.resolve(ProbePrefix.exeName(binary) + "-log.stp"));
    }

    /**
     * The script: an empty log probe per pattern, {@code probe PREFIX.log.PATTERN {}}; with {@code announce}
     * first a begin probe that says tracing has started.
     */
    public static String script(String prefix, List<String> patterns, boolean announce) {
        StringBuilder script = new StringBuilder();
        if (announce) {
            script.append("probe begin { print(\"Running script, <Ctrl>-c to quit\\n\") } ");
        }
        for (int i = 0; i < patterns.size(); i++) {
            script.append(i > 0 ? " " : "").append("probe ").append(prefix).append(".log.").append(patterns.get(i))
                    .append(" {}");
        }
        return script.toString();
    }

    /**
     * {@code stap -s 8 -I TAPSETS [-x PID] [STAP_ARGS...] -e SCRIPT}: an 8 MB buffer, the tapsets, the process
     * to trace (null: every process).
     */
    public static List<String> command(String stap, Path tapsets, Integer pid, List<String> stapArgs, String script) {
        List<String> command = new ArrayList<>(List.of(stap, "-s", "8", "-I", tapsets.toString()));
        if (pid != null) {
            command.add("-x");
            command.add(pid.toString());
        }
        command.addAll(stapArgs);
        command.add("-e");
        command.add(script);
        return command;
    }
}
