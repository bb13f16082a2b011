package io.tapls.workspace;

import io.tapls.diag.Diagnostic;
import io.tapls.index.LibraryIndexCache;
import io.tapls.index.TapsetIndex;
import io.tapls.index.TraceEventAliases;
import io.tapls.semantics.StapChecker;
import io.tapls.stap.PpConfig;
import io.tapls.stap.StapFile;
import io.tapls.stap.StapReader;
import io.tapls.stap.TapsetPath;
import io.tapls.text.SourceText;
import io.tapls.traceevents.TraceEvent;
import io.tapls.traceevents.TraceEventsChecker;
import io.tapls.traceevents.TraceEventsFile;
import io.tapls.traceevents.TraceEventsReader;
import io.tapls.tracetool.ProbePrefix;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The files tapls is working on, and everything derived from them. The server and every CLI command use
 * one: roots (the editor's workspace folders, or the paths a command was given), open documents laid over
 * the files on disk, the {@link Settings}, and the index scripts are checked against: the tapset library
 * plus the aliases tracetool would generate from the workspace's trace-events files, open or on disk.
 *
 * <p>Thread-safe. The library index is built on a worker thread ({@link #libraryIndex()}); trace-events
 * diagnostics never wait for it. Anything that changes what scripts see (a trace-events file edited, saved,
 * created or deleted, the settings) starts a new generation: the next look at the index rebuilds the
 * workspace's part of it, which is cheap, over the same library.
 */
public final class Workspace {
    /** What a workspace tells the outside world about its index: for progress reports. */
    public interface Listener {
        /** The tapset library is being indexed (it can take a second or more). */
        default void indexingStarted(List<Path> roots) {
        }

        /** The library index is ready, with this many probe aliases and functions. */
        default void indexingDone(int aliases, int functions) {
        }

        /** Something scripts are checked against changed: their diagnostics are out of date. */
        default void scriptContextChanged() {
        }
    }

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tapls-index");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Document> documents = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicLong generation = new AtomicLong();
    private final Map<Path, OnDisk> onDisk = new ConcurrentHashMap<>();
    private final Map<String, Cached> diagnosticsCache = new ConcurrentHashMap<>();

    private volatile List<Path> roots;
    private volatile Settings settings;
    private volatile List<Path> traceEventsFiles; // null: search the roots again
    private volatile List<Path> scriptFiles; // null: search the roots again
    private volatile LibraryBuild library;
    private volatile Overlay overlay;

    /** A trace-events file read from disk, kept while its size and time do not change. */
    private record OnDisk(long size, long modified, TraceEventsFile file) {
    }

    private record LibraryBuild(List<Path> roots, PpConfig target, CompletableFuture<TapsetIndex> index) {
    }

    private record Overlay(long generation, TapsetIndex library, TapsetIndex index) {
    }

    private record Cached(Document document, long generation, List<Diagnostic> diagnostics) {
    }

    /** An event of the workspace and the file it is declared in. */
    public record EventSite(TraceEventsFile file, TraceEvent event) {
    }

    private record Events(long generation, Map<String, EventSite> byName) {
    }

    private volatile Events events;

    public Workspace(List<Path> roots, Settings settings) {
        this.roots = normalize(roots);
        this.settings = settings;
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public List<Path> roots() {
        return roots;
    }

    public Settings settings() {
        return settings;
    }

    /** New workspace folders. */
    public void setRoots(List<Path> newRoots) {
        roots = normalize(newRoots);
        traceEventsFiles = null;
        scriptFiles = null;
        changed();
    }

    public void updateSettings(Settings newSettings) {
        Settings old = settings;
        settings = newSettings;
        if (!old.qemuVersion().equals(newSettings.qemuVersion())) {
            documents.replaceAll((u, d) -> d.withQemuVersion(newSettings.qemuVersion()));
        }
        if (!old.traceEvents().equals(newSettings.traceEvents())) {
            traceEventsFiles = null;
        }
        diagnosticsCache.clear();
        changed();
    }

    // ------------------------------------------------------------------ documents

    /** Opens a document; its kind comes from the language id when that names one, else from its name. */
    public Document open(String uri, String languageId, int version, String text) {
        FileKind kind = FileKind.ofLanguageId(languageId);
        String path = pathOf(uri);
        if (kind == FileKind.UNKNOWN) {
            kind = kindOfPath(path);
        }
        Document d = new Document(uri, path, version, kind, text, settings.qemuVersion());
        documents.put(uri, d);
        if (kind == FileKind.TRACE_EVENTS) {
            changed();
        }
        return d;
    }

    /** Applies changes to an open document; null when it is not open. */
    public Document change(String uri, int version, List<TextChange> changes) {
        Document d = documents.computeIfPresent(uri, (u, old) -> old.edit(version, changes));
        if (d != null && d.kind() == FileKind.TRACE_EVENTS) {
            changed();
        }
        return d;
    }

    /** Closes a document: from now on the file on disk (if any) is what counts. */
    public void close(String uri) {
        Document d = documents.remove(uri);
        diagnosticsCache.remove(uri);
        if (d != null && d.kind() == FileKind.TRACE_EVENTS) {
            changed();
        }
    }

    public Document document(String uri) {
        return documents.get(uri);
    }

    public Collection<Document> documents() {
        return documents.values();
    }

    /** Files changed on disk (saved, created, deleted, by the editor or anyone else). */
    public void filesChanged(Collection<Path> paths) {
        boolean relevant = false;
        for (Path p : paths) {
            Path n = p.toAbsolutePath().normalize();
            onDisk.remove(n);
            FileKind k = FileKind.of(n);
            if (k == FileKind.TRACE_EVENTS) {
                traceEventsFiles = null; // created or deleted: search again
                relevant = true;
            }
            if (k == FileKind.STAP) {
                scriptFiles = null;
            } else if (k == FileKind.STAP && settings.tapsetRoots().stream().anyMatch(r -> n.startsWith(r))) {
                relevant = true; // the library itself changed: its fingerprint will tell
                library = null;
            }
        }
        if (relevant) {
            changed();
        }
    }

    private void changed() {
        generation.incrementAndGet();
        for (Listener l : listeners) {
            l.scriptContextChanged();
        }
    }

    // ------------------------------------------------------------------ diagnostics

    /** A document's diagnostics with the current settings; for a script, waits for the index. */
    public List<Diagnostic> diagnostics(Document d) {
        long gen = generation.get();
        Cached c = diagnosticsCache.get(d.uri());
        if (c != null && c.document() == d && (d.kind() != FileKind.STAP || c.generation() == gen)) {
            return c.diagnostics();
        }
        List<Diagnostic> out = compute(d);
        if (documents.get(d.uri()) == d) {
            diagnosticsCache.put(d.uri(), new Cached(d, gen, out));
        }
        return out;
    }

    private List<Diagnostic> compute(Document d) {
        Settings s = settings;
        List<Diagnostic> all = switch (d.kind()) {
            case TRACE_EVENTS -> d.analysis().diagnostics();
            case STAP -> StapChecker.check(d.path(), d.text().text(), s.tapsetRoots(), s.stapTarget(),
                    s.scriptArguments(), s.syntaxOnly() ? null : index(), s.unoptimized());
            case UNKNOWN -> List.of();
        };
        return all.stream().filter(x -> s.runs(x.rule())).toList();
    }

    /**
     * A script's declarations and syntax errors (every preprocessor branch), as stap's parser reads it with the
     * library's macros for the configured target; null for another kind of document.
     */
    public StapFile parse(Document d) {
        if (d.kind() != FileKind.STAP) {
            return null;
        }
        Settings s = settings;
        Document.Parsed cached = d.parsed;
        if (cached != null && cached.settings() == s) {
            return cached.file();
        }
        PpConfig config = s.stapTarget().forPath(Path.of(d.path()).toAbsolutePath().toString());
        StapFile f = StapReader.read(d.path(), d.text().text(), TapsetPath.libraryMacros(s.tapsetRoots(), config),
                config);
        d.parsed = new Document.Parsed(s, f);
        return f;
    }

    /**
     * Checks a file's text outside the open documents (the CLI): the same analysis as for an open document.
     * A file whose name says nothing of its kind is checked as {@code kind}.
     */
    public List<Diagnostic> check(String shown, String content, FileKind kind) {
        if (kind == FileKind.TRACE_EVENTS) {
            // Read once, whole: what an open document's line-by-line analysis gives too (TraceEventsAnalyzerTest),
            // without the bookkeeping that makes its next version cheap.
            Settings s = settings;
            return TraceEventsChecker.check(TraceEventsReader.read(shown, content), s.qemuVersion()).stream()
                    .filter(x -> s.runs(x.rule())).toList();
        }
        Document d = new Document(shown, shown, 0, kind, content, settings.qemuVersion());
        return compute(d);
    }

    /** True when a script's diagnostics can be computed without waiting for the library index. */
    public boolean indexReady() {
        if (settings.syntaxOnly()) {
            return true;
        }
        CompletableFuture<TapsetIndex> f = libraryBuild().index();
        return f.isDone();
    }

    /** The library index, built in the background on first call (and again when the settings change). */
    public CompletableFuture<TapsetIndex> libraryIndex() {
        return libraryBuild().index();
    }

    private LibraryBuild libraryBuild() {
        Settings s = settings;
        List<Path> r = s.tapsetRoots();
        LibraryBuild b = library;
        if (b != null && b.roots().equals(r) && b.target().equals(s.stapTarget())) {
            return b;
        }
        synchronized (this) {
            b = library;
            if (b != null && b.roots().equals(r) && b.target().equals(s.stapTarget())) {
                return b;
            }
            for (Listener l : listeners) {
                l.indexingStarted(r);
            }
            CompletableFuture<TapsetIndex> f = CompletableFuture.supplyAsync(
                    () -> LibraryIndexCache.get(r, s.stapTarget()), worker);
            f.thenAccept(ix -> {
                for (Listener l : listeners) {
                    l.indexingDone(ix.aliases().size(), ix.functions().size());
                }
            });
            b = new LibraryBuild(r, s.stapTarget(), f);
            library = b;
            return b;
        }
    }

    /**
     * What scripts are checked against now: the library plus the aliases derived from the workspace's
     * trace-events files for every probe prefix. Waits for the library.
     */
    public TapsetIndex index() {
        long gen = generation.get();
        TapsetIndex lib = libraryIndex().join();
        Overlay o = overlay;
        if (o != null && o.generation() == gen && o.library() == lib) {
            return o.index();
        }
        TapsetIndex ix = lib.overlay();
        List<TraceEventsFile> files = traceEventsModels();
        var version = settings.qemuVersion();
        for (String prefix : probePrefixes(files)) {
            ix.addDerived(prefix, () -> {
                List<TapsetIndex.AliasEntry> out = new ArrayList<>();
                for (TraceEventsFile f : files) {
                    out.addAll(TraceEventAliases.of(f, prefix, version));
                }
                return out;
            });
        }
        overlay = new Overlay(gen, lib, ix);
        return ix;
    }

    /** The configured prefixes, or meson's for the trace-events files' directories. */
    public List<String> probePrefixes() {
        return probePrefixes(null);
    }

    private List<String> probePrefixes(List<TraceEventsFile> files) {
        if (!settings.probePrefixes().isEmpty()) {
            return settings.probePrefixes();
        }
        List<String> paths = new ArrayList<>();
        for (Path p : traceEventsPaths()) {
            paths.add(p.toString());
        }
        return ProbePrefix.defaults(paths);
    }

    // ------------------------------------------------------------------ trace-events files

    /** The trace-events files under the roots and the configured trace-events paths, on disk. */
    public List<Path> traceEventsPaths() {
        List<Path> found = traceEventsFiles;
        if (found == null) {
            List<Path> where = new ArrayList<>(roots);
            where.addAll(normalize(settings.traceEvents()));
            found = filesOfKind(where, FileKind.TRACE_EVENTS);
            traceEventsFiles = found;
        }
        return found;
    }

    /** The SystemTap scripts and tapsets under the roots, on disk (not the library's). */
    public List<Path> scriptPaths() {
        List<Path> found = scriptFiles;
        if (found == null) {
            found = filesOfKind(roots, FileKind.STAP);
            scriptFiles = found;
        }
        return found;
    }

    /** The files of a kind under these directories, and those of the paths that are such files, each once. */
    private static List<Path> filesOfKind(List<Path> where, FileKind kind) {
        Set<Path> all = new LinkedHashSet<>();
        for (Path r : where) {
            if (Files.isDirectory(r)) {
                for (Path f : Discovery.files(r, EnumSet.of(kind)).files()) {
                    all.add(f.toAbsolutePath().normalize());
                }
            } else if (FileKind.of(r) == kind && Files.isRegularFile(r)) {
                all.add(r);
            }
        }
        return List.copyOf(all);
    }

    /**
     * Every script of the workspace as the user sees it: the open SystemTap documents, and the scripts on disk
     * under the roots that are not open. Path → text.
     */
    public Map<String, String> scripts() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Document d : documents.values()) {
            if (d.kind() == FileKind.STAP) {
                out.put(d.path(), d.text().text());
            }
        }
        for (Path p : scriptPaths()) {
            if (!out.containsKey(p.toString())) {
                try {
                    out.put(p.toString(), new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // unreadable: nothing to find there
                }
            }
        }
        return out;
    }

    /** The models of every trace-events file: an open document's text wins over the file on disk. */
    public List<TraceEventsFile> traceEventsModels() {
        Map<String, TraceEventsFile> byPath = new LinkedHashMap<>();
        for (Path p : traceEventsPaths()) {
            TraceEventsFile f = fromDisk(p);
            if (f != null) {
                byPath.put(p.toString(), f);
            }
        }
        for (Document d : documents.values()) {
            if (d.kind() == FileKind.TRACE_EVENTS) {
                byPath.put(d.path(), d.traceEvents());
            }
        }
        return List.copyOf(byPath.values());
    }

    private TraceEventsFile fromDisk(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            OnDisk known = onDisk.get(p);
            long modified = a.lastModifiedTime().toMillis();
            if (known != null && known.size() == a.size() && known.modified() == modified) {
                return known.file();
            }
            String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
            TraceEventsFile f = TraceEventsReader.read(p.toString(), text);
            onDisk.put(p, new OnDisk(a.size(), modified, f));
            return f;
        } catch (IOException e) {
            return null; // unreadable: the check of that file says so
        }
    }

    /**
     * The workspace's event of this name (an open document's first, then the files on disk in path order;
     * the first declaration wins, as in the tapset tracetool generates from them all).
     */
    public java.util.Optional<EventSite> event(String name) {
        long gen = generation.get();
        Events e = events;
        if (e == null || e.generation() != gen) {
            Map<String, EventSite> byName = new java.util.HashMap<>();
            for (TraceEventsFile f : traceEventsModels()) {
                for (TraceEvent ev : f.events()) {
                    byName.putIfAbsent(ev.name(), new EventSite(f, ev));
                }
            }
            e = new Events(gen, byName);
            events = e;
        }
        return java.util.Optional.ofNullable(e.byName().get(name));
    }

    // ------------------------------------------------------------------ paths

    private static List<Path> normalize(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            out.add(p.toAbsolutePath().normalize());
        }
        return List.copyOf(out);
    }

    private static FileKind kindOfPath(String path) {
        try {
            return FileKind.ofName(path.substring(path.lastIndexOf('/') + 1));
        } catch (InvalidPathException e) {
            return FileKind.UNKNOWN;
        }
    }

    /** The file path of a URI, or the URI itself when it names no file (an untitled buffer). */
    public static String pathOf(String uri) {
        try {
            URI u = URI.create(uri);
            if ("file".equals(u.getScheme()) && u.getPath() != null) {
                return u.getPath();
            }
            String p = u.getPath();
            return p != null && !p.isEmpty() ? p : uri;
        } catch (IllegalArgumentException e) {
            return uri;
        }
    }

    /** The text of a file as a document would have it, for features that read files that are not open. */
    public static SourceText textOf(Path p) throws IOException {
        return new SourceText(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
    }

    /** Stops the worker thread. */
    public void shutdown() {
        worker.shutdownNow();
    }
}
