package io.tapls.traceevents;

import io.tapls.diag.Diagnostic;
import io.tapls.text.SourceText;
import java.util.List;

/**
 * A parsed trace-events file. Parsing never fails: lines that are not events are reported in
 * {@code syntaxDiagnostics} and left out of {@code events}.
 *
 * @param name the file's path as the user gave it (tracetool quotes it in messages)
 */
public record TraceEventsFile(String name, SourceText text, List<TraceEvent> events,
                              List<Diagnostic> syntaxDiagnostics) {
    public TraceEventsFile {
        events = List.copyOf(events);
        syntaxDiagnostics = List.copyOf(syntaxDiagnostics);
    }

    public TraceEvent eventAt(int offset) {
        int line = text.lineOf(offset);
        for (TraceEvent e : events) {
            if (e.line() == line) {
                return e;
            }
        }
        return null;
    }
}
