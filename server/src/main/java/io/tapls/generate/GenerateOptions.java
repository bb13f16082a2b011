package io.tapls.generate;

import io.tapls.traceevents.QemuVersion;

/**
 * What tracetool takes besides the events: the dialect, {@code --binary} and {@code --probe-prefix}.
 * Either string may be null when the format does not need it (d needs neither, log-stap and
 * simpletrace-stap need the prefix, stap needs both). {@code --group} does not change these formats.
 */
public record GenerateOptions(QemuVersion version, String binary, String probePrefix) {
    public GenerateOptions {
        if (version == null) {
            version = QemuVersion.CURRENT;
        }
    }

    public static GenerateOptions of(String binary, String probePrefix) {
        return new GenerateOptions(QemuVersion.CURRENT, binary, probePrefix);
    }

    String requirePrefix() {
        if (probePrefix == null || probePrefix.isEmpty()) {
            throw new GenerationException("a probe prefix is required (give --probe-prefix, or --binary to derive it)");
        }
        return probePrefix;
    }

    String requireBinary() {
        if (binary == null || binary.isEmpty()) {
            throw new GenerationException("--binary is required for the stap format");
        }
        return binary;
    }
}
