package io.tapls.features;

import io.tapls.workspace.Document;
import io.tapls.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;

/**
 * Find references: an event's uses in the workspace's scripts under its three names (base, {@code .log.},
 * {@code .simpletrace.}, for every configured prefix, wildcards included); an alias's uses; a function's
 * calls; a global's or local's uses. The declaration is included when the client asks for it.
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
        for (Occurrences.Occurrence o : Occurrences.find(workspace, target)) {
            if (includeDeclaration || !o.declaration()) {
                out.add(o.location());
            }
        }
        return out;
    }
}
