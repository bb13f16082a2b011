package io.tapls.stap;

import io.tapls.diag.Diagnostic;
import io.tapls.index.TapsetIndex;
import java.util.List;

/** Pass-2 checks (placeholder). */
public final class SemanticChecks {
    private SemanticChecks() {
    }

    public static List<Diagnostic> check(StapFile file, TapsetIndex index) {
        return List.of();
    }
}
