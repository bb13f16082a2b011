package io.tapls.cli;

import io.tapls.workspace.Settings;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Which probe prefixes the aliases tracetool would generate from trace-events files are derived for, for the
 * commands that check or index scripts against them (the editor's {@code probePrefixes} setting).
 */
final class ProbePrefixOptions {
    @Option(names = "--probe-prefix", paramLabel = "PREFIX",
            description = "Probe prefix of the aliases tracetool generates from the trace-events files (repeatable;"
                    + " default qemu.system.x86_64 and the system emulators of the target/ directories present).")
    List<String> prefixes = new ArrayList<>();

    @Option(names = "--provider-prefix", paramLabel = "WORD",
            description = "First word of the aliases derived from DTrace provider files (*.d), as libvirt's"
                    + " dtrace2systemtap.py names them (default: libvirt).")
    String providerPrefix;

    Settings applyTo(Settings s) {
        return s.withProbePrefixes(prefixes).withProviders(s.providerFiles(), providerPrefix);
    }
}
