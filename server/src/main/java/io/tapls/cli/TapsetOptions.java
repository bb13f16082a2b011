package io.tapls.cli;

import io.tapls.stap.PpConfig;
import io.tapls.workspace.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How SystemTap scripts are read, for every command that reads them: the tapset search path, the target stap
 * elaborates for, and the scripts' arguments. The editor's settings of the same names map onto the same {@link Settings}.
 */
final class TapsetOptions {
    @Option(names = {"--tapset", "-I"}, paramLabel = "DIR",
            description = "An extra tapset directory searched after the default library, like stap -I (repeatable).")
    List<Path> tapsets = new ArrayList<>();

    @Option(names = "--no-default-tapsets",
            description = "Do not search the default tapset library (/usr/share/systemtap/tapset or $SYSTEMTAP_TAPSET).")
    boolean noDefaultTapsets;

    @Option(names = {"--arch", "-a"}, paramLabel = "ARCH",
            description = "The architecture stap targets, for %%( arch %%) conditions (default x86_64), like stap -a.")
    String arch;

    @Option(names = {"--kernel-release", "-r"}, paramLabel = "RELEASE",
            description = "The kernel release stap targets, for %%( kernel_v %%) conditions (default 6.1.0),"
                    + " like stap -r.")
    String kernelRelease;

    @Option(names = "--runtime", paramLabel = "MODE",
            description = "stap's runtime: kernel (default), dyninst or bpf, like stap --runtime.")
    String runtime;

    @Option(names = "--script-argument", paramLabel = "VALUE",
            description = "A value of the scripts' $1, $2, ... and @1, @2, ..., in order (repeatable).")
    List<String> scriptArguments = new ArrayList<>();

    /**
     * Fails ({@link CliFailure}) on the first extra tapset directory that is missing, not a directory or not
     * readable: a mistyped -I in CI must not pass as a check against fewer tapsets than meant.
     */
    void requireDirectories() {
        for (Path dir : tapsets) {
            String why = Files.isDirectory(dir) ? (Files.isReadable(dir) ? null : "Permission denied")
                    : Files.exists(dir) ? "Not a directory" : "No such file or directory";
            if (why != null) {
                throw new CliFailure("tapset directory " + dir + ": " + why);
            }
        }
    }

    /** These options over the given settings. */
    Settings applyTo(Settings s) {
        return s.withTapsets(tapsets, !noDefaultTapsets)
                .withStapTarget(PpConfig.target(arch, kernelRelease, runtime)).withScriptArguments(scriptArguments);
    }
}
