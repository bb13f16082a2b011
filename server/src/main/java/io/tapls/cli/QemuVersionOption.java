package io.tapls.cli;

import io.tapls.traceevents.QemuVersion;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** --qemu-version, for every command that reads trace-events files. */
final class QemuVersionOption {
    QemuVersion version = QemuVersion.CURRENT;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /**
     * A QEMU release tapls knows, else a usage error that lists them: a version tapls does not know (a typo,
     * a future release) must not be checked silently with rules it may not have.
     */
    @Option(names = "--qemu-version", paramLabel = "X.Y",
            description = "QEMU release whose tracetool to follow: 10.2 (default) or older, e.g. 7.2.")
    void setVersion(String value) {
        QemuVersion v;
        try {
            v = QemuVersion.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!v.isRelease()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unsupported QEMU version '" + value
                    + "': tapls follows the tracetool of QEMU " + QemuVersion.releases());
        }
        version = v;
    }
}
