package io.tapls.workspace;

import io.tapls.check.CheckOptions;
import io.tapls.check.Checker;
import io.tapls.check.FileKind;
import io.tapls.diag.Diagnostic;
import io.tapls.text.SourceText;
import io.tapls.traceevents.TraceEventsFile;
import io.tapls.traceevents.TraceEventsReader;
import java.util.List;

/**
 * An immutable snapshot of one open document at one version, with its parse and diagnostics computed
 * once, on first use.
 */
public final class Document {
    private final String uri;
    private final String path;
    private final int version;
    private final FileKind kind;
    private final SourceText text;
    private final CheckOptions options;
    private volatile TraceEventsFile traceEvents;
    private volatile List<Diagnostic> diagnostics;

    public Document(String uri, String path, int version, FileKind kind, String text, CheckOptions options) {
        this.uri = uri;
        this.path = path;
        this.version = version;
        this.kind = kind;
        this.text = new SourceText(text);
        this.options = options;
    }

    public String uri() {
        return uri;
    }

    public String path() {
        return path;
    }

    public int version() {
        return version;
    }

    public FileKind kind() {
        return kind;
    }

    public SourceText text() {
        return text;
    }

    public CheckOptions options() {
        return options;
    }

    /** The trace-events model, or null for another kind of document. */
    public TraceEventsFile traceEvents() {
        if (kind != FileKind.TRACE_EVENTS) {
            return null;
        }
        TraceEventsFile f = traceEvents;
        if (f == null) {
            f = TraceEventsReader.read(path, text.text());
            traceEvents = f;
        }
        return f;
    }

    public List<Diagnostic> diagnostics() {
        List<Diagnostic> d = diagnostics;
        if (d == null) {
            d = Checker.check(path, kind, text.text(), options);
            diagnostics = d;
        }
        return d;
    }

    /** The next version: the changes applied in order, each range read against the text before it. */
    public Document edit(int newVersion, List<TextChange> changes) {
        String current = text.text();
        SourceText index = text;
        for (TextChange c : changes) {
            if (c.start() == null) {
                current = c.text();
            } else {
                int start = index.offset(c.start());
                int end = Math.max(start, index.offset(c.end()));
                current = current.substring(0, start) + c.text() + current.substring(end);
            }
            index = new SourceText(current);
        }
        return new Document(uri, path, newVersion, kind, current, options);
    }

    public Document withOptions(CheckOptions newOptions) {
        return new Document(uri, path, version, kind, text.text(), newOptions);
    }
}
