package io.tapls.traceevents;

import io.tapls.diag.Diagnostic;
import java.util.List;

/**
 * The trace-events reader's two paths for one line, for the tests of other packages (io.tapls.fuzz's
 * properties): the fast path ({@link EventLineScanner}, null where it leaves the line to the grammar) and the
 * reference path (the ANTLR grammar), which stay package-private in the product.
 */
public final class LinePaths {
    private LinePaths() {
    }

    public static TraceEvent fast(String line, int base, int lineNumber) {
        return EventLineScanner.scan(line, base, lineNumber);
    }

    public static TraceEvent reference(String line, int base, int lineNumber, List<Diagnostic> diagnostics) {
        return TraceEventsReader.parseLineWithGrammar(new TraceEventsReader.LineParser(), base, lineNumber, line,
                diagnostics);
    }

    public static boolean isBlankOrComment(String line) {
        return TraceEventsReader.isBlankOrComment(line);
    }
}
