package io.tapls.cli;

import io.tapls.workspace.RuleCatalog;
import io.tapls.diag.Rule;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "List every rule: id, default severity, origin and what it reports.")
final class RulesCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        int width = RuleCatalog.all().stream().mapToInt(r -> r.id().length()).max().orElse(10);
        for (Rule r : RuleCatalog.all()) {
            String severity = r.enabledByDefault() ? r.defaultSeverity().label() : "off";
            spec.commandLine().getOut().printf("%-" + width + "s  %-7s  %-10s  %s%n", r.id(), severity, r.origin(),
                    r.summary());
        }
        spec.commandLine().getOut().flush();
        return Main.EXIT_OK;
    }
}
