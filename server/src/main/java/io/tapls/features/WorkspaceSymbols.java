package io.tapls.features;

import io.tapls.traceevents.TraceEvent;
import io.tapls.traceevents.TraceEventsFile;
import io.tapls.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Workspace symbols: the workspace's events (in its trace-events files, open or on disk), and the probe
 * aliases and functions defined in its own scripts and tapset directories, whose names contain the query.
 */
public final class WorkspaceSymbols {
    /** A symbol: what it is, its name, where, and the file or alias it belongs to. */
    public record Symbol(DocumentSymbol.Kind kind, String name, Location location, String container) {
    }

    static final int LIMIT = 500;

    private WorkspaceSymbols() {
    }

    public static List<Symbol> symbols(Workspace workspace, String query) {
        String q = query == null ? "" : query.toLowerCase(Locale.ROOT);
        List<Symbol> out = new ArrayList<>();
        for (TraceEventsFile f : workspace.traceEventsModels()) {
            for (TraceEvent e : f.events()) {
                if (out.size() < LIMIT && e.name().toLowerCase(Locale.ROOT).contains(q)) {
                    out.add(new Symbol(DocumentSymbol.Kind.EVENT, e.name(), Location.of(f.name(), f.text(),
                            e.nameSpan()), f.name()));
                }
            }
        }
        // Functions and aliases of the workspace's own scripts (the library's would drown them).
        for (var script : workspace.scripts().entrySet()) {
            String text = script.getValue();
            io.tapls.text.SourceText source = null;
            for (ScriptContext.Block b : ScriptContext.blocks(Occurrences.tokens(text), text.length())) {
                if (!b.function() && !b.alias() || b.name() == null || out.size() >= LIMIT
                        || !b.name().toLowerCase(Locale.ROOT).contains(q)) {
                    continue;
                }
                source = source == null ? new io.tapls.text.SourceText(text) : source;
                out.add(new Symbol(b.function() ? DocumentSymbol.Kind.FUNCTION : DocumentSymbol.Kind.ALIAS, b.name(),
                        Location.of(script.getKey(), source, b.nameSpan()), script.getKey()));
            }
        }
        return out;
    }
}
