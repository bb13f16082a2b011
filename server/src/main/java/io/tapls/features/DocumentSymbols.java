package io.tapls.features;

import io.tapls.traceevents.TraceEvent;
import io.tapls.traceevents.TraceEventsFile;
import io.tapls.workspace.Document;
import java.util.ArrayList;
import java.util.List;

/** The outline of a document: its events. */
public final class DocumentSymbols {
    private DocumentSymbols() {
    }

    public static List<DocumentSymbol> symbols(Document document) {
        TraceEventsFile file = document.traceEvents();
        List<DocumentSymbol> out = new ArrayList<>();
        if (file == null) {
            return out;
        }
        for (TraceEvent e : file.events()) {
            String detail = e.arguments().stream().map(a -> a.text()).reduce((a, b) -> a + ", " + b).orElse("void");
            out.add(new DocumentSymbol(e.name(), (e.isDisabled() ? "disable " : "") + "(" + detail + ")", e.span(),
                    e.nameSpan()));
        }
        return out;
    }
}
