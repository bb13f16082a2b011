package io.tapls.workspace;

import io.tapls.csource.CScanner;
import io.tapls.csource.CSourceCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The C sources of the workspace as far as tracing goes: which files use which {@code trace_}, {@code TRACE_},
 * {@code QEMU_} (and, later, DTrace provider) identifiers, and where. Files on disk only (tapls does not serve
 * C documents), each read again only when its size or time changes or a file event names it.
 *
 * <p>Two views: the index of every C file under the roots (what references, hover and rename read; built
 * on first use, in parallel, then kept current file by file), and the identifiers of one directory's C files
 * (what the unused-event check reads, independent of the roots, so that the server and {@code tapls check} say
 * the same of a file). The prefixes come from the users of the index ({@link io.tapls.tracetool.CSpelling}
 * for trace-events; a provider file's {@code PROVIDER_} for its probes), so that a new kind of name to look
 * for needs no change here.
 */
public final class CallSites {
    /** One use of an identifier: the file and where in it. */
    public record Site(Path file, CScanner.Ident ident) {
    }

    /** Every C file under the roots, and the uses of each identifier kept, by file then offset. */
    public record Index(List<Path> files, Map<String, List<Site>> byName) {
        public List<Site> uses(String identifier) {
            return byName.getOrDefault(identifier, List.of());
        }
    }

    /** How far below a trace-events file's directory cleanup-trace-events.pl looks. */
    public enum Scope {
        /** git grep --max-depth 1: the directory's files and those of its subdirectories. */
        DIRECTORY(2),
        /** No depth limit (the script's choice for vcpu events): the whole tree below. */
        SUBTREE(Integer.MAX_VALUE);

        final int depth;

        Scope(int depth) {
            this.depth = depth;
        }
    }

    /** The C files of a scope and every identifier kept that they use. */
    public record Names(List<Path> files, Set<String> names) {
    }

    private final Supplier<List<Path>> roots;
    private volatile CSourceCache cache;
    private final AtomicLong generation = new AtomicLong();
    private final Map<ScopeKey, Scoped> scopes = new ConcurrentHashMap<>();
    private volatile List<Path> rootFiles; // null: search the roots again
    private volatile Built built;

    private record ScopeKey(Path dir, Scope scope) {
        // Written out, not generated: a record's generated equals/hashCode bootstraps method handles on its first
        // call (java.lang.runtime.ObjectMethods), some 35 ms of a cold CLI run for the first one (StartupIT).
        @Override
        public boolean equals(Object o) {
            return o instanceof ScopeKey k && dir.equals(k.dir) && scope == k.scope;
        }

        @Override
        public int hashCode() {
            return 31 * dir.hashCode() + scope.hashCode();
        }
    }

    private record Built(long generation, Index index) {
    }

    private record Scoped(long generation, Names names) {
    }

    CallSites(Supplier<List<Path>> roots, List<String> prefixes) {
        this.roots = roots;
        this.cache = new CSourceCache(prefixes);
    }

    /**
     * The identifier prefixes to keep: {@link io.tapls.tracetool.CSpelling#PREFIXES} and, for a DTrace
     * provider's probes, the provider's upper-cased name and '_' (what {@code dtrace -h} names its macros).
     * A change reads every file again.
     */
    public synchronized void usePrefixes(List<String> prefixes) {
        usePrefixes(prefixes, Map.of());
    }

    /**
     * The same, and the wrapper macros whose first argument names what they paste (libvirt's {@code PROBE}:
     * {@link io.tapls.provider.ProviderProbe#LIBVIRT_WRAPPERS}).
     */
    public synchronized void usePrefixes(List<String> prefixes, Map<String, String> wrappers) {
        if (!cache.prefixes().equals(List.copyOf(prefixes)) || !cache.wrappers().equals(wrappers)) {
            cache = new CSourceCache(prefixes, wrappers);
            scopes.clear();
            generation.incrementAndGet();
        }
    }

    public List<String> prefixes() {
        return cache.prefixes();
    }

    /** Changes whenever a C file may have changed: what was derived from them is stale. */
    public long generation() {
        return generation.get();
    }

    /** Files changed on disk; true when one of them is C (the caller then re-checks what depends on them). */
    boolean filesChanged(Collection<Path> paths) {
        boolean any = false;
        for (Path p : paths) {
            if (CSourceCache.isSource(p)) {
                Path n = p.toAbsolutePath().normalize();
                cache.forget(n);
                List<Path> known = rootFiles;
                if (known != null && (!Files.exists(n) || !known.contains(n))) {
                    rootFiles = null; // created or deleted: search again
                }
                any = true;
            }
        }
        if (any) {
            generation.incrementAndGet();
            scopes.clear();
        }
        return any;
    }

    /** The roots changed: their files are searched again (the files' contents stay cached). */
    void rootsChanged() {
        rootFiles = null;
        generation.incrementAndGet();
    }

    /** Whether the index of the roots is built for the current state (no request would wait for it). */
    public boolean ready() {
        Built b = built;
        return b != null && b.generation() == generation.get();
    }

    /** The index of the C files under the roots: built on first use (in parallel) and after changes. */
    public Index index() {
        long gen = generation.get();
        Built b = built;
        if (b != null && b.generation() == gen) {
            return b.index();
        }
        synchronized (this) {
            b = built;
            if (b != null && b.generation() == generation.get()) {
                return b.index();
            }
            gen = generation.get();
            CSourceCache cache = this.cache;
            List<Path> files = rootFiles();
            // Files are independent: read and scan them in parallel; most are cached after the first time.
            List<List<CScanner.Ident>> idents = files.parallelStream().map(cache::idents).toList();
            Map<String, List<Site>> byName = new HashMap<>();
            for (int i = 0; i < files.size(); i++) {
                for (CScanner.Ident id : idents.get(i)) {
                    byName.computeIfAbsent(id.name(), k -> new ArrayList<>(2)).add(new Site(files.get(i), id));
                }
            }
            Index index = new Index(files, byName);
            built = new Built(gen, index);
            return index;
        }
    }

    /** The C files under the roots (found on first use, and again after one is created or deleted). */
    public List<Path> files() {
        return rootFiles();
    }

    private List<Path> rootFiles() {
        List<Path> found = rootFiles;
        if (found == null) {
            Set<Path> all = new LinkedHashSet<>();
            for (Path r : roots.get()) {
                if (Files.isDirectory(r)) {
                    all.addAll(Discovery.files(r, CSourceCache::isSource, Integer.MAX_VALUE).files().stream()
                            .map(p -> p.toAbsolutePath().normalize()).toList());
                } else if (CSourceCache.isSource(r) && Files.isRegularFile(r)) {
                    all.add(r);
                }
            }
            found = List.copyOf(all);
            rootFiles = found;
        }
        return found;
    }

    /**
     * The C files of a directory's scope and the identifiers they use, whatever the roots: what
     * cleanup-trace-events.pl greps when run on the directory's trace-events file.
     */
    public Names names(Path dir, Scope scope) {
        long gen = generation.get();
        ScopeKey key = new ScopeKey(dir.toAbsolutePath().normalize(), scope);
        Scoped known = scopes.get(key);
        if (known != null && known.generation() == gen) {
            return known.names();
        }
        CSourceCache cache = this.cache;
        List<Path> files = Files.isDirectory(key.dir())
                ? Discovery.files(key.dir(), CSourceCache::isSource, scope.depth).files().stream()
                        .map(p -> p.toAbsolutePath().normalize()).toList()
                : List.of();
        Set<String> names = new HashSet<>();
        for (Path f : files) {
            for (CScanner.Ident id : cache.idents(f)) {
                names.add(id.name());
            }
        }
        Names out = new Names(files, Set.copyOf(names));
        scopes.put(key, new Scoped(gen, out));
        return out;
    }

    /**
     * The uses under the roots of each identifier of {@code wanted}, grouped by what the identifier names (an
     * event, a provider's probe), each group by file then offset; what is not used is left out. How a caller
     * plugs in a new kind of name: it says which identifiers name what.
     */
    public <T> Map<T, List<Site>> find(Map<String, T> wanted) {
        Index index = index();
        Map<T, List<Site>> out = new java.util.LinkedHashMap<>();
        wanted.forEach((identifier, what) -> {
            List<Site> uses = index.uses(identifier);
            if (!uses.isEmpty()) {
                out.computeIfAbsent(what, k -> new ArrayList<>()).addAll(uses);
            }
        });
        out.values().forEach(list -> list.sort(java.util.Comparator.comparing((Site x) -> x.file().toString())
                .thenComparingInt(x -> x.ident().start())));
        return out;
    }
}
