package io.tapls.features;

import io.tapls.csource.CScanner;
import io.tapls.provider.ProviderProbe;
import io.tapls.text.Position;
import io.tapls.workspace.CallSites;
import io.tapls.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the C files under the workspace's roots use a DTrace provider's probe, under the names dtrace -h gives
 * it ({@link ProviderProbe#macroName()} to fire it, {@link ProviderProbe#enabledMacroName()} to test it) or
 * through libvirt's {@code PROBE(NAME, ...)} wrapper (src/util/virprobe.h), which fires it: what references
 * list, hover counts and rename rewrites.
 */
final class ProviderCalls {
    /** One use: the file, the identifier (a wrapper's first argument, or the macro), whether it fires. */
    record Use(Path file, CScanner.Ident ident, boolean fires) {
        Location location() {
            return new Location(file.toString(), new Position(ident.line(), ident.column()),
                    new Position(ident.endLine(), ident.endColumn()));
        }
    }

    private ProviderCalls() {
    }

    /** The probe's uses in C, by file then position (waits for the C index); none outside a provider. */
    static List<Use> of(Workspace workspace, ProviderProbe probe) {
        if (probe.provider().isEmpty()) {
            return List.of();
        }
        Map<String, Boolean> wanted = new LinkedHashMap<>();
        wanted.put(probe.macroName(), true);
        wanted.put(probe.enabledMacroName(), false);
        List<Use> out = new ArrayList<>();
        workspace.callSites().find(wanted).forEach((fires, sites) -> {
            for (CallSites.Site site : sites) {
                out.add(new Use(site.file(), site.ident(), fires));
            }
        });
        out.sort(java.util.Comparator.comparing((Use u) -> u.file().toString())
                .thenComparingInt(u -> u.ident().start()));
        return out;
    }

    /** What hover says of a probe's C uses: how many call sites and where; null without C files to look in. */
    static String summary(Workspace workspace, ProviderProbe probe) {
        if (probe.provider().isEmpty() || workspace.callSites().index().files().isEmpty()) {
            return null;
        }
        List<Use> uses = of(workspace, probe);
        List<Use> calls = uses.stream().filter(Use::fires).toList();
        int checks = uses.size() - calls.size();
        StringBuilder md = new StringBuilder();
        if (calls.isEmpty()) {
            md.append("No call site in the workspace's C files");
        } else {
            md.append(calls.size()).append(calls.size() == 1 ? " call site" : " call sites").append(" in C: ");
            for (int i = 0; i < Math.min(5, calls.size()); i++) {
                Use u = calls.get(i);
                md.append(i > 0 ? ", " : "").append('`').append(EventCalls.shown(workspace, u.file())).append(':')
                        .append(u.ident().line() + 1).append('`');
            }
            if (calls.size() > 5) {
                md.append(" and ").append(calls.size() - 5).append(" more");
            }
        }
        if (checks > 0) {
            md.append("; ").append(checks).append(checks == 1 ? " other use" : " other uses").append(" (`")
                    .append(probe.enabledMacroName()).append("`)");
        }
        return md.toString();
    }
}
