package io.tapls.traceevents;

import io.tapls.diag.Diagnostic;
import io.tapls.text.SourceText;
import io.tapls.text.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and checks a trace-events text incrementally: after an edit, only the lines that changed are
 * parsed and checked again (trace-events is line-based, and every check but two looks at one line
 * only). The lines before the edit are reused as they are, those after it moved by the edit's length.
 * Gives exactly what {@link TraceEventsReader#read} and {@link TraceEventsChecker#check} give; it exists
 * for the editor's keystrokes in files of thousands of lines.
 */
public final class TraceEventsAnalyzer {
    /** Above this many changed lines (a paste, a replaced file), unchanged lines are found by content. */
    private static final int MOVED_LINES_LOOKUP = 64;

    /** A line's event and diagnostics, with offsets from the start of the line and line number 0. */
    private record LineResult(TraceEvent event, List<Diagnostic> diagnostics) {
        LineResult at(int start, int line) {
            if (start == 0 && line == 0) {
                return this;
            }
            Diagnostic[] ds = new Diagnostic[diagnostics.size()];
            for (int i = 0; i < ds.length; i++) {
                ds[i] = diagnostics.get(i).shift(start);
            }
            return new LineResult(event == null ? null : event.shift(start, line), List.of(ds));
        }
    }

    public record Analysis(TraceEventsFile file, List<Diagnostic> diagnostics) {
    }

    private final QemuVersion version;
    private SourceText previous;
    private LineResult[] relative = new LineResult[0];
    private LineResult[] absolute = new LineResult[0];

    public TraceEventsAnalyzer(QemuVersion version) {
        this.version = version;
    }

    public QemuVersion version() {
        return version;
    }

    public Analysis analyze(String name, String content) {
        return analyze(name, new SourceText(content));
    }

    public synchronized Analysis analyze(String name, SourceText text) {
        int n = text.lineCount();
        int m = previous == null ? 0 : previous.lineCount();
        int prefix = 0;
        while (prefix < n && prefix < m && sameLine(text, prefix, prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < n - prefix && suffix < m - prefix && sameLine(text, n - 1 - suffix, m - 1 - suffix)) {
            suffix++;
        }
        LineResult[] rel = new LineResult[n];
        LineResult[] abs = new LineResult[n];
        System.arraycopy(relative, 0, rel, 0, prefix);
        System.arraycopy(absolute, 0, abs, 0, prefix);
        Map<String, LineResult> moved = n - prefix - suffix > MOVED_LINES_LOOKUP ? byContent() : Map.of();
        TraceEventsReader.LineParser parser = null;
        for (int i = prefix; i < n - suffix; i++) {
            String whole = whole(text, i);
            LineResult r = moved.get(whole);
            if (r == null) {
                if (parser == null) {
                    parser = new TraceEventsReader.LineParser();
                }
                r = analyzeLine(parser, whole, text.lineContent(i));
            }
            rel[i] = r;
            abs[i] = r.at(text.lineStart(i), i);
        }
        for (int i = n - suffix; i < n; i++) {
            int j = i - n + m;
            rel[i] = relative[j];
            abs[i] = i == j && text.lineStart(i) == previous.lineStart(j) ? absolute[j]
                    : relative[j].at(text.lineStart(i), i);
        }
        previous = text;
        relative = rel;
        absolute = abs;

        List<TraceEvent> events = new ArrayList<>();
        List<Diagnostic> syntax = new ArrayList<>();
        List<Diagnostic> all = new ArrayList<>();
        int last = n - 1;
        if (!text.lineTerminated(last) && text.lineStart(last) < text.length()) {
            Diagnostic d = Diagnostic.of(TraceEventRules.MISSING_FINAL_NEWLINE, Span.at(text.length()),
                    name + " does not end with a new line", TraceEventFixes.finalNewline(text));
            syntax.add(d);
            all.add(d);
        }
        for (LineResult r : abs) {
            if (r.event() != null) {
                events.add(r.event());
            }
            for (Diagnostic d : r.diagnostics()) {
                all.add(d);
                if (d.rule() == TraceEventRules.EVENT_SYNTAX) {
                    syntax.add(d);
                }
            }
        }
        TraceEventsFile file = new TraceEventsFile(name, text, events, syntax);
        BuildChecks.checkFile(file, all);
        all.sort(TraceEventsChecker.ORDER);
        return new Analysis(file, List.copyOf(all));
    }

    /** Whether line i of the new text equals line j of the previous one, terminator included. */
    private boolean sameLine(SourceText text, int i, int j) {
        int start = text.lineStart(i);
        int end = i + 1 < text.lineCount() ? text.lineStart(i + 1) : text.length();
        int oldStart = previous.lineStart(j);
        int oldEnd = j + 1 < previous.lineCount() ? previous.lineStart(j + 1) : previous.length();
        return end - start == oldEnd - oldStart
                && text.text().regionMatches(start, previous.text(), oldStart, end - start);
    }

    private static String whole(SourceText text, int line) {
        int end = line + 1 < text.lineCount() ? text.lineStart(line + 1) : text.length();
        return text.text().substring(text.lineStart(line), end);
    }

    private Map<String, LineResult> byContent() {
        Map<String, LineResult> map = new HashMap<>();
        for (int j = 0; previous != null && j < previous.lineCount(); j++) {
            map.putIfAbsent(whole(previous, j), relative[j]);
        }
        return map;
    }

    private LineResult analyzeLine(TraceEventsReader.LineParser parser, String whole, String content) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        TraceEvent event = null;
        if (whole.isEmpty()) {
            return new LineResult(null, List.of());
        }
        SourceText line = new SourceText(whole);
        if (!TraceEventsReader.isBlankOrComment(content)) {
            event = TraceEventsReader.parseLine(parser, 0, 0, content, diagnostics);
            if (event != null) {
                TraceEventsChecker.checkEvent(line, event, version, diagnostics);
            }
        }
        CheckpatchChecks.checkLine(line, 0, diagnostics);
        return new LineResult(event, List.copyOf(diagnostics));
    }
}
