package io.tapls.check;

import io.tapls.traceevents.QemuVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What the user asked of a check run: the QEMU dialect, the rules turned off or on, and for SystemTap
 * files whether to report only what stap's pass 1 reports, the extra tapset directories (-I) and whether
 * the default tapset library is searched; trace-events files whose tracetool aliases (for the probe
 * prefixes) scripts may use.
 */
public record CheckOptions(QemuVersion qemuVersion, Set<String> disabledRules, Set<String> enabledRules,
        boolean syntaxOnly, List<Path> tapsetDirs, boolean defaultTapsets, List<Path> traceEvents,
        List<String> probePrefixes) {
    public CheckOptions {
        disabledRules = Set.copyOf(disabledRules);
        enabledRules = Set.copyOf(enabledRules);
        tapsetDirs = List.copyOf(tapsetDirs);
        traceEvents = List.copyOf(traceEvents);
        probePrefixes = List.copyOf(probePrefixes);
    }

    public CheckOptions(QemuVersion qemuVersion, Set<String> disabledRules, Set<String> enabledRules) {
        this(qemuVersion, disabledRules, enabledRules, false, List.of(), true, List.of(),
                List.of("qemu.system.x86_64"));
    }

    public static CheckOptions defaults() {
        return new CheckOptions(QemuVersion.CURRENT, Set.of(), Set.of());
    }

    /** --disable wins over --enable; otherwise the rule's own default. */
    public boolean runs(io.tapls.diag.Rule rule) {
        if (disabledRules.contains(rule.id())) {
            return false;
        }
        return rule.enabledByDefault() || enabledRules.contains(rule.id());
    }
}
