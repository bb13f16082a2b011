package io.tapls.features;

import io.tapls.workspace.Document;
import io.tapls.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;

/**
 * Find references: an event's uses in the C files under the roots (every name tracetool gives it:
 * {@code trace_foo(}, {@code TRACE_FOO}, {@code QEMU_FOO(}, ...) and in the workspace's scripts under its three
 * names (base, {@code .log.}, {@code .simpletrace.}, for every configured prefix, wildcards included); a
 * provider probe's C uses ({@link ProviderCalls}) and its derived alias's uses in scripts; an
 * alias's uses; a function's calls; a global's or local's uses. The declaration (first) is included when the
 * client asks for it.
 */
public final class References {
    private References() {
    }

    public static List<Location> references(Workspace workspace, Document document, int offset,
                                            boolean includeDeclaration) {
        Occurrences.Target target = Occurrences.target(workspace, document, offset);
        if (target == null) {
            return List.of();
        }
        List<Location> out = new ArrayList<>();
        List<Occurrences.Occurrence> found = Occurrences.find(workspace, target);
        for (Occurrences.Occurrence o : found) {
            if (includeDeclaration && o.declaration()) {
                out.add(o.location());
            }
        }
        if (target.kind() == Occurrences.Kind.EVENT) {
            for (EventCalls.Use u : EventCalls.of(workspace, target.name())) {
                out.add(u.location());
            }
        }
        if (target.kind() == Occurrences.Kind.PROBE) {
            Occurrences.ProbeSite site = Occurrences.probeSite(workspace, target);
            if (site != null) {
                for (ProviderCalls.Use u : ProviderCalls.of(workspace, site.probe())) {
                    out.add(u.location());
                }
            }
        }
        for (Occurrences.Occurrence o : found) {
            if (!o.declaration()) {
                out.add(o.location());
            }
        }
        return out;
    }
}
