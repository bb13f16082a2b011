package io.tapls.features;

import io.tapls.text.Span;
import io.tapls.workspace.Document;
import io.tapls.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;

/** The occurrences, in this document, of the name at the offset (what references finds, in one file). */
public final class DocumentHighlight {
    private DocumentHighlight() {
    }

    public static List<Span> highlights(Workspace workspace, Document document, int offset) {
        Occurrences.Target target = Occurrences.target(workspace, document, offset);
        if (target == null) {
            return List.of();
        }
        List<Span> out = new ArrayList<>();
        for (Occurrences.Occurrence o : Occurrences.find(workspace, target)) {
            if (o.path().equals(document.path())) {
                out.add(o.span());
            }
        }
        return out;
    }
}
