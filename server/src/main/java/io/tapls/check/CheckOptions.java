package io.tapls.check;

import io.tapls.traceevents.QemuVersion;
import java.util.Set;

/** What the user asked of a check run: the QEMU dialect and the rules turned off. */
public record CheckOptions(QemuVersion qemuVersion, Set<String> disabledRules, Set<String> enabledRules) {
    public CheckOptions {
        disabledRules = Set.copyOf(disabledRules);
        enabledRules = Set.copyOf(enabledRules);
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
