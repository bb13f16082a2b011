package io.tapls.workspace;

import io.tapls.check.CheckOptions;
import io.tapls.check.Checker;
import io.tapls.check.FileKind;
import io.tapls.diag.Diagnostic;
import io.tapls.text.SourceText;
import io.tapls.traceevents.TraceEventsFile;
import io.tapls.traceevents.TraceEventsAnalyzer;
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
    /** Shared by the versions of one document: what did not change is not parsed again. */
    private final TraceEventsAnalyzer analyzer;
    private volatile TraceEventsAnalyzer.Analysis analysis;
    private volatile List<Diagnostic> diagnostics;

    public Document(String uri, String path, int version, FileKind kind, String text, CheckOptions options) {
        this(uri, path, version, kind, new SourceText(text), options, new TraceEventsAnalyzer(options.qemuVersion()));
    }

    private Document(String uri, String path, int version, FileKind kind, SourceText text, CheckOptions options,
                     TraceEventsAnalyzer analyzer) {
        this.uri = uri;
        this.path = path;
        this.version = version;
        this.kind = kind;
        this.text = text;
        this.options = options;
        this.analyzer = analyzer;
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
        return analysis().file();
    }

    private TraceEventsAnalyzer.Analysis analysis() {
        TraceEventsAnalyzer.Analysis a = analysis;
        if (a == null) {
            a = analyzer.analyze(path, text);
            analysis = a;
        }
        return a;
    }

    public List<Diagnostic> diagnostics() {
        List<Diagnostic> d = diagnostics;
        if (d == null) {
            d = kind == FileKind.TRACE_EVENTS ? Checker.filter(analysis().diagnostics(), options)
                    : Checker.check(path, kind, text.text(), options);
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
        return new Document(uri, path, newVersion, kind, index, options, analyzer);
    }

    public Document withOptions(CheckOptions newOptions) {
        boolean sameDialect = newOptions.qemuVersion().equals(analyzer.version());
        return new Document(uri, path, version, kind, text, newOptions,
                sameDialect ? analyzer : new TraceEventsAnalyzer(newOptions.qemuVersion()));
    }
}
