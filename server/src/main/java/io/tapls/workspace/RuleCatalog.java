package io.tapls.workspace;

import io.tapls.diag.InputRules;
import io.tapls.diag.Rule;
import io.tapls.provider.ProviderRules;
import io.tapls.stap.StapRules;
import io.tapls.traceevents.TraceEventRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every rule tapls knows, for `tapls rules`, --disable and SARIF. */
public final class RuleCatalog {
    private static final List<Rule> ALL;

    static {
        List<Rule> all = new ArrayList<>(InputRules.ALL);
        all.addAll(TraceEventRules.ALL);
        all.addAll(StapRules.ALL);
        all.addAll(ProviderRules.ALL);
        ALL = List.copyOf(all);
    }

    private RuleCatalog() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    public static Optional<Rule> find(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
