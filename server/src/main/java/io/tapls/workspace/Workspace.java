package io.tapls.workspace;

import io.tapls.diag.Diagnostic;
import io.tapls.index.LibraryIndexCache;
import io.tapls.index.TapsetIndex;
import io.tapls.index.ProviderAliases;
import io.tapls.index.TraceEventAliases;
import io.tapls.provider.ProviderAlias;
import io.tapls.provider.ProviderChecks;
import io.tapls.provider.ProviderFile;
import io.tapls.provider.ProviderReader;
import io.tapls.provider.ProviderTapset;
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
import io.tapls.traceevents.TraceEventRules;
import io.tapls.tracetool.CSpelling;
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

        /** C files changed on disk: the unused-event verdicts of trace-events files are out of date, and the
         * unused-probe ones of provider files. */
        default void callSitesChanged() {
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
    private volatile List<Path> providerFiles; // null: search the roots again
    private final Map<Path, OnDiskProvider> providersOnDisk = new ConcurrentHashMap<>();
    private volatile ProviderSites providerSites;
    private volatile LibraryBuild library;
    private volatile Overlay overlay;
    /** The C sources under the roots (and near each trace-events file), for call sites and unused events. */
    private final CallSites callSites = new CallSites(() -> roots, CSpelling.PREFIXES);
    /** The macro prefixes of provider files checked that are neither open nor under the roots (the CLI's). */
    private final Set<String> extraProviderPrefixes = ConcurrentHashMap.newKeySet();

    /** A trace-events file read from disk, kept while its size and time do not change. */
    private record OnDisk(long size, long modified, TraceEventsFile file) {
    }

    private record LibraryBuild(List<Path> roots, PpConfig target, CompletableFuture<TapsetIndex> index) {
    }

    private record Overlay(long generation, TapsetIndex library, TapsetIndex index) {
    }

    /**
     * {@code generation}: the workspace's for a script or a provider file, the C sources' for a trace-events file;
     * {@code cGeneration}: the C sources' for a provider file, else 0.
     */
    private record Cached(Document document, long generation, long cGeneration, List<Diagnostic> diagnostics) {
    }

    /** A provider file read from disk, kept while its size and time do not change. */
    private record OnDiskProvider(long size, long modified, ProviderFile file) {
    }

    /** An alias derived from a provider file: the file, and the alias (its probe, group and variables). */
    public record ProviderSite(ProviderFile file, ProviderAlias alias) {
    }

    private record ProviderSites(long generation, Map<String, ProviderSite> byAlias) {
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
        callSites.rootsChanged();
        providerFiles = null;
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
        if (!old.providerFiles().equals(newSettings.providerFiles())) {
            providerFiles = null;
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
        if (seenByScripts(d.kind())) {
            changed();
        }
        return d;
    }

    /** Whether scripts see what a document of this kind declares: the aliases derived from it. */
    private static boolean seenByScripts(FileKind kind) {
        return kind == FileKind.TRACE_EVENTS || kind == FileKind.PROVIDER;
    }

    /** Applies changes to an open document; null when it is not open. */
    public Document change(String uri, int version, List<TextChange> changes) {
        Document before = documents.get(uri);
        Document d = documents.computeIfPresent(uri, (u, old) -> old.edit(version, changes));
        // a *.d buffer becomes a provider file, or stops being one, as it is typed
        if (d != null && (seenByScripts(d.kind()) || before != null && seenByScripts(before.kind()))) {
            changed();
        }
        return d;
    }

    /** Closes a document: from now on the file on disk (if any) is what counts. */
    public void close(String uri) {
        Document d = documents.remove(uri);
        diagnosticsCache.remove(uri);
        if (d != null && seenByScripts(d.kind())) {
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
            if (k == FileKind.PROVIDER) {
                // a *.d file: it matters if it was a provider file, or is one now (not for a D program's)
                List<Path> known = providerFiles;
                boolean was = providersOnDisk.remove(n) != null || known == null || known.contains(n);
                if (was || declaresProvider(n)) {
                    providerFiles = null;
                    relevant = true;
                }
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
        if (callSites.filesChanged(paths)) {
            for (Listener l : listeners) {
                l.callSitesChanged();
            }
        }
    }

    /**
     * The C sources: where events and provider probes are called (references, hover, rename) and which events
     * are unused. Besides tracetool's names, it keeps each provider's {@code PROVIDER_} macros (dtrace -h) and,
     * when there is a provider file, libvirt's {@code PROBE(NAME, ...)} wrapper; a provider renamed, added or
     * removed reads the C files again.
     */
    public CallSites callSites() {
        List<ProviderFile> providers = providerModels();
        java.util.Set<String> prefixes = new java.util.LinkedHashSet<>(CSpelling.PREFIXES);
        for (ProviderFile f : providers) {
            for (var decl : f.providers()) {
                if (!decl.name().isEmpty()) {
                    prefixes.add(io.tapls.provider.ProviderProbe.macroPrefix(decl.name()));
                }
            }
        }
        prefixes.addAll(extraProviderPrefixes);
        callSites.usePrefixes(List.copyOf(prefixes), providers.isEmpty() && extraProviderPrefixes.isEmpty()
                ? Map.of() : io.tapls.provider.ProviderProbe.LIBVIRT_WRAPPERS);
        return callSites;
    }

    /**
     * The C sources, keeping this provider file's macros too: what the unused-probe check reads. The file is
     * one of {@link #providerModels()} whenever it is open or under the roots (the usual case, nothing
     * changes); a file checked from elsewhere adds its providers' prefixes.
     */
    private CallSites callSites(ProviderFile file) {
        List<String> prefixes = callSites().prefixes();
        boolean added = false;
        for (var decl : file.providers()) {
            String prefix = io.tapls.provider.ProviderProbe.macroPrefix(decl.name());
            if (!decl.name().isEmpty() && !prefixes.contains(prefix)) {
                // kept for good: dropping it at the next callSites() would read every C file again each time
                added |= extraProviderPrefixes.add(prefix);
            }
        }
        return added ? callSites() : callSites;
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
        long gen = d.kind() == FileKind.TRACE_EVENTS ? callSites.generation() : generation.get();
        // a provider file's unused probes depend on the C files too
        long cGen = d.kind() == FileKind.PROVIDER ? callSites.generation() : 0;
        Cached c = diagnosticsCache.get(d.uri());
        if (c != null && c.document() == d && (d.kind() == FileKind.UNKNOWN || c.generation() == gen
                && c.cGeneration() == cGen)) {
            return c.diagnostics();
        }
        List<Diagnostic> out = compute(d);
        if (documents.get(d.uri()) == d) {
            // Put, then check again: close() removes the document first, then its entry. Checking only before
            // would keep the entry of a document closed meanwhile, for good.
            Cached entry = new Cached(d, gen, cGen, out);
            diagnosticsCache.put(d.uri(), entry);
            if (documents.get(d.uri()) != d) {
                diagnosticsCache.remove(d.uri(), entry);
            }
        }
        return out;
    }

    private List<Diagnostic> compute(Document d) {
        Settings s = settings;
        List<Diagnostic> all = switch (d.kind()) {
            case TRACE_EVENTS -> withUnused(d.analysis().diagnostics(), d.traceEvents(), filePath(d.path()), s);
            case STAP -> {
                TapsetIndex ix = s.syntaxOnly() ? null : index();
                // the checks walk the script's tree recursively: on a thread with a small stack, a deeply nested
                // (but not too deep: Parser.MAX_DEPTH) script is checked again on a deep one
                yield io.tapls.stap.Parser.onDeepStack(() -> StapChecker.check(d.path(), d.text().text(),
                        s.tapsetRoots(), s.stapTarget(), s.scriptArguments(), ix, s.unoptimized()));
            }
            case PROVIDER -> withUnusedProbes(ProviderChecks.check(d.provider()), d.provider(), filePath(d.path()), s);
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
            // Read and checked in one pass, each event dropped once checked: what an open document's line-by-line
            // analysis gives too (TraceEventsAnalyzerTest), without a model of the whole file, so that a 20 MB
            // file takes the memory of its text.
            Settings s = settings;
            if (!s.runs(TraceEventRules.UNUSED_EVENT) || !UnusedEvents.mayApply(filePath(shown), callSites)) {
                // No rule needs the whole file's events (the unused-event rule is silent where no C file is in
                // its scope): read it one event at a time, a file of any size in a bounded heap.
                return TraceEventsChecker.checkText(shown, content, s.qemuVersion()).stream()
                        .filter(x -> s.runs(x.rule())).toList();
            }
            TraceEventsFile file = TraceEventsReader.read(shown, content);
            return withUnused(TraceEventsChecker.check(file, s.qemuVersion()), file, filePath(shown), s).stream()
                    .filter(x -> s.runs(x.rule())).toList();
        }
        Document d = new Document(shown, shown, 0, kind, content, settings.qemuVersion());
        return compute(d);
    }

    /**
     * A trace-events file's own diagnostics and, when the rule runs, its unused events (which depend on the C
     * files near it on disk): the server and the CLI both come here.
     */
    private List<Diagnostic> withUnused(List<Diagnostic> own, TraceEventsFile file, Path path, Settings s) {
        if (path == null || file == null || !s.runs(TraceEventRules.UNUSED_EVENT)) {
            return own;
        }
        List<Diagnostic> unused = UnusedEvents.check(file, path, callSites);
        if (unused.isEmpty()) {
            return own;
        }
        List<Diagnostic> all = new ArrayList<>(own);
        all.addAll(unused);
        return all;
    }

    /**
     * A provider file's own diagnostics and, when the rule runs, its unused probes (which depend on the C files
     * below it on disk): the server and the CLI both come here.
     */
    private List<Diagnostic> withUnusedProbes(List<Diagnostic> own, ProviderFile file, Path path, Settings s) {
        if (path == null || !s.runs(io.tapls.provider.ProviderRules.UNUSED_PROBE)) {
            return own;
        }
        List<Diagnostic> unused = UnusedProbes.check(file, path, callSites(file));
        if (unused.isEmpty()) {
            return own;
        }
        List<Diagnostic> all = new ArrayList<>(own);
        all.addAll(unused);
        all.sort(java.util.Comparator.comparingInt(x -> x.span().start()));
        return all;
    }

    /** A document's or a command argument's path as a file on disk, or null (an untitled buffer). */
    private static Path filePath(String path) {
        try {
            Path p = Path.of(path);
            return p.isAbsolute() || Files.exists(p) ? p.toAbsolutePath().normalize() : null;
        } catch (InvalidPathException e) {
            return null;
        }
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
        List<ProviderFile> providers = providerModels();
        if (!providers.isEmpty()) {
            ProviderTapset.Options options = providerOptions();
            ix.addDerived(options.word(), () -> {
                List<TapsetIndex.AliasEntry> out = new ArrayList<>();
                for (ProviderFile f : providers) {
                    out.addAll(ProviderAliases.of(f, options));
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

    // ------------------------------------------------------------------ provider files

    /** How the aliases of provider files are named: the configured first word, libvirt's directories. */
    public ProviderTapset.Options providerOptions() {
        return ProviderTapset.Options.defaults().withWord(settings.providerPrefix());
    }

    /** The DTrace provider files under the roots and the configured provider paths, on disk. */
    public List<Path> providerPaths() {
        List<Path> found = providerFiles;
        if (found == null) {
            List<Path> where = new ArrayList<>(roots);
            where.addAll(normalize(settings.providerFiles()));
            found = filesOfKind(where, FileKind.PROVIDER);
            providerFiles = found;
        }
        return found;
    }

    private static boolean declaresProvider(Path p) {
        try {
            return FileKind.PROVIDER.byContent(new String(Files.readAllBytes(p), StandardCharsets.UTF_8))
                    == FileKind.PROVIDER;
        } catch (IOException | RuntimeException e) {
            return false; // deleted, or unreadable: not a provider file now
        }
    }

    /** The models of every provider file: an open document's text wins over the file on disk. */
    public List<ProviderFile> providerModels() {
        Map<String, ProviderFile> byPath = new LinkedHashMap<>();
        for (Path p : providerPaths()) {
            ProviderFile f = providerFromDisk(p);
            if (f != null) {
                byPath.put(p.toString(), f);
            }
        }
        for (Document d : documents.values()) {
            if (d.kind() == FileKind.PROVIDER) {
                byPath.put(d.path(), d.provider());
            } else {
                byPath.remove(d.path()); // open, and no longer a provider file
            }
        }
        return List.copyOf(byPath.values());
    }

    private ProviderFile providerFromDisk(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            OnDiskProvider known = providersOnDisk.get(p);
            long modified = a.lastModifiedTime().toMillis();
            if (known != null && known.size() == a.size() && known.modified() == modified) {
                return known.file();
            }
            ProviderFile f = ProviderReader.read(p.toString(), new String(Files.readAllBytes(p),
                    StandardCharsets.UTF_8));
            providersOnDisk.put(p, new OnDiskProvider(a.size(), modified, f));
            return f;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The provider probe an alias is derived from, and its file (the files in path order, an open document's
     * text over its file's; the first wins).
     */
    public java.util.Optional<ProviderSite> providerAlias(String aliasName) {
        long gen = generation.get();
        ProviderSites sites = providerSites;
        if (sites == null || sites.generation() != gen) {
            Map<String, ProviderSite> byAlias = new java.util.HashMap<>();
            ProviderTapset.Options options = providerOptions();
            for (ProviderFile f : providerModels()) {
                for (ProviderAlias a : ProviderTapset.aliases(f, options)) {
                    byAlias.putIfAbsent(a.name(), new ProviderSite(f, a));
                }
            }
            sites = new ProviderSites(gen, byAlias);
            providerSites = sites;
        }
        return java.util.Optional.ofNullable(sites.byAlias().get(aliasName));
    }

    // ------------------------------------------------------------------ paths

    /**
     * Whether a code action or command may create files in {@code dir}: when it lies inside one of the workspace
     * folders, or, with none open (a single file), inside {@code home}, the directory of the document the action
     * is for. The server writes only where the user opened a project, whatever its settings say: a repository's
     * workspace-level {@code tapsetOutput} must not make it write elsewhere (docs/editors.md, "Where tapls writes").
     * Symbolic links are followed first: a link inside a folder that points out of it leads outside.
     */
    public boolean mayCreateIn(Path dir, Path home) {
        List<Path> allowed = roots.isEmpty() ? (home == null ? List.of() : List.of(home)) : roots;
        Path real = realPath(dir);
        for (Path a : allowed) {
            if (real.startsWith(realPath(a))) {
                return true;
            }
        }
        return false;
    }

    /** The absolute path with every symbolic link of its longest existing prefix resolved. */
    static Path realPath(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            return abs;
        }
    }

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
