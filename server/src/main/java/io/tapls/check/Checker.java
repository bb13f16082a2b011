package io.tapls.check;

import io.tapls.diag.Diagnostic;
import io.tapls.traceevents.TraceEventsChecker;
import io.tapls.traceevents.TraceEventsReader;
import java.util.List;

/** Checks one file's text according to its kind; the same code serves the CLI and the editor. */
public final class Checker {
    private Checker() {
    }

    public static List<Diagnostic> check(String path, FileKind kind, String content, CheckOptions options) {
        List<Diagnostic> all = switch (kind) {
            case TRACE_EVENTS -> TraceEventsChecker.check(TraceEventsReader.read(path, content), options.qemuVersion());
            case STAP -> io.tapls.stap.StapChecker.check(path, content, options);
            case UNKNOWN -> List.of();
        };
        return filter(all, options);
    }

    /** Only the diagnostics of the rules that run with these options. */
    public static List<Diagnostic> filter(List<Diagnostic> all, CheckOptions options) {
        return all.stream().filter(d -> options.runs(d.rule())).toList();
    }
}
