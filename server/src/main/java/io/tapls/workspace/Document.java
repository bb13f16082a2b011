package io.tapls.workspace;

import io.tapls.provider.ProviderFile;
import io.tapls.provider.ProviderReader;
import io.tapls.stap.SourceUnit;
import io.tapls.stap.StapFile;
import io.tapls.stap.StapLexing;
import io.tapls.text.SourceText;
import io.tapls.traceevents.QemuVersion;
import io.tapls.traceevents.TraceEventsAnalyzer;
import io.tapls.traceevents.TraceEventsFile;
import java.util.List;

/**
 * An immutable snapshot of one document at one version: its text, its kind and, for a trace-events file,
 * its model (parsed once, on first use, reusing the previous version's unchanged lines). What depends on
 * other files as well (a script's diagnostics need the index) is computed by {@link Workspace}.
 */
public final class Document {
    private final String uri;
    private final String path;
    private final int version;
    private final FileKind kind;
    /** The kind the name or language id says; for a {@code *.d} file the text decides ({@link FileKind#byContent}). */
    private final FileKind claimed;
    private final SourceText text;
    /** Shared by the versions of one document: what did not change is not parsed again. */
    private final TraceEventsAnalyzer analyzer;
    private volatile TraceEventsAnalyzer.Analysis analysis;
    /** A script's parse and the settings it was made with (the workspace's concern: it knows the settings). */
    record Parsed(Settings settings, StapFile file) {
    }

    volatile Parsed parsed;
    private volatile StapLexing.Result tokens;
    private volatile ProviderFile provider;

    Document(String uri, String path, int version, FileKind kind, String text, QemuVersion qemuVersion) {
        this(uri, path, version, kind, new SourceText(text), new TraceEventsAnalyzer(qemuVersion));
    }

    private Document(String uri, String path, int version, FileKind claimed, SourceText text,
                     TraceEventsAnalyzer analyzer) {
        this.uri = uri;
        this.path = path;
        this.version = version;
        this.claimed = claimed;
        this.kind = claimed.byContent(text.text());
        this.text = text;
        this.analyzer = analyzer;
    }

    public String uri() {
        return uri;
    }

    /** The file's path, or for a document that is not a file (untitled) its URI. */
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

    /** The trace-events model, or null for another kind of document. */
    public TraceEventsFile traceEvents() {
        if (kind != FileKind.TRACE_EVENTS) {
            return null;
        }
        return analysis().file();
    }

    /** The trace-events model and its own diagnostics (every rule), for a trace-events document. */
    TraceEventsAnalyzer.Analysis analysis() {
        TraceEventsAnalyzer.Analysis a = analysis;
        if (a == null) {
            a = analyzer.analyze(path, text);
            analysis = a;
        }
        return a;
    }

    /**
     * A script's tokens and comments, lexed once per version: every feature that looks at the script around
     * an offset (completion, hover, definition, references, folding, ...) reads them. Null for another kind
     * of document.
     */
    public StapLexing.Result tokens() {
        if (kind != FileKind.STAP) {
            return null;
        }
        StapLexing.Result t = tokens;
        if (t == null) {
            t = StapLexing.lex(new SourceUnit(path, text.text()));
            tokens = t;
        }
        return t;
    }

    /** A provider file's model, read once per version; null for another kind of document. */
    public ProviderFile provider() {
        if (kind != FileKind.PROVIDER) {
            return null;
        }
        ProviderFile p = provider;
        if (p == null) {
            p = ProviderReader.read(path, text.text());
            provider = p;
        }
        return p;
    }

    /** The next version: the changes applied in order, each range read against the text before it. */
    Document edit(int newVersion, List<TextChange> changes) {
        if (changes.size() == 1 && changes.get(0).start() == null) {
            return new Document(uri, path, newVersion, claimed, new SourceText(changes.get(0).text()), analyzer);
        }
        SourceText.Editor editor = text.edit();
        for (TextChange c : changes) {
            if (c.start() == null) {
                editor.replaceAll(c.text());
            } else {
                int start = editor.offset(c.start());
                int end = Math.max(start, editor.offset(c.end()));
                editor.replace(start, end, c.text());
            }
        }
        return new Document(uri, path, newVersion, claimed, editor.done(), analyzer);
    }

    /** The same text analysed for another QEMU release. */
    Document withQemuVersion(QemuVersion qemuVersion) {
        if (qemuVersion.equals(analyzer.version())) {
            return this;
        }
        return new Document(uri, path, version, claimed, text, new TraceEventsAnalyzer(qemuVersion));
    }
}
