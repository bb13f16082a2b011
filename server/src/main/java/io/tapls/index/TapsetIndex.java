package io.tapls.index;

import io.tapls.stap.DocComment;
import io.tapls.stap.Function;
import io.tapls.stap.Global;
import io.tapls.stap.Guard;
import io.tapls.stap.Macro;
import io.tapls.stap.MacroDef;
import io.tapls.stap.PpConfig;
import io.tapls.stap.ProbeAlias;
import io.tapls.stap.ProbePoint;
import io.tapls.stap.StapFile;
import io.tapls.stap.StapReader;
import io.tapls.stap.TapsetPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What stap would find on its tapset path: probe aliases (with the variables their bodies assign and
 * their doc comments), functions, globals and macros of every .stp/.stpm under the tapset roots, in stap's
 * search order (files on the search path for the configured target first, then every other branch of
 * the tree, so that nothing documented is missing), plus workspace files and the aliases tracetool would
 * generate from trace-events files.
 */
public final class TapsetIndex {
    /** A probe alias as the index knows it. {@code charPointers} are variables that hold a C char*. */
    public record AliasEntry(String name, List<String> points, boolean epilogue, Map<String, String> variables,
            Set<String> charPointers, DocComment doc, String file, boolean onSearchPath, Guard guard,
            ProbeAlias alias) {
        /** As stap --dump-probe-aliases prints it. */
        public String dumpLine() {
            return name + (epilogue ? " += " : " = ") + String.join(", ", points);
        }

        /**
         * True for an alias a tapset file declares, false for one derived from a trace-events file (whose
         * {@code file} is that file). Read back from the disk cache, a tapset's entry has no syntax ({@code alias}
         * is null), so this is told by the file.
         */
        public boolean fromTapset() {
            return alias != null || file != null && (file.endsWith(".stp") || file.endsWith(".stpm"));
        }
    }

    /**
     * A function as the index knows it. {@code inferredReturn} is its declared return type, else the one its
     * body's returns give ("unknown" when neither tells); {@code pragma} is the privilege pragma of its
     * embedded C ("unprivileged", "myproc-unprivileged", "guru") or null. Both are worked out when the entry
     * is made, so that an entry read back from the disk cache (which keeps no bodies) answers the same.
     */
    public record FunctionEntry(Function function, String file, boolean onSearchPath, String inferredReturn,
            String pragma) {
        public FunctionEntry(Function function, String file, boolean onSearchPath) {
            this(function, file, onSearchPath, function.returnType() != null ? function.returnType()
                    : FunctionTypes.inferReturn(function), pragmaOf(function));
        }

        private static String pragmaOf(Function f) {
            if (f.embedded() && f.embeddedCode() != null) {
                String code = f.embeddedCode().text;
                for (String pragma : List.of("unprivileged", "myproc-unprivileged", "guru")) {
                    if (code.contains("/* " + pragma + " */")) {
                        return pragma;
                    }
                }
            }
            return null;
        }

        /**
         * As stap --dump-functions prints it: {@code name:type (arg:type, ...)} with the declared types
         * ("unknown" when not declared; {@link TapsetIndex#returnType} infers more) and the embedded pragma.
         */
        public String dumpLine() {
            Function f = function;
            StringBuilder b = new StringBuilder(f.name()).append(':')
                    .append(f.returnType() != null ? f.returnType() : "unknown").append(" (");
            for (int i = 0; i < f.params().size(); i++) {
                if (i > 0) {
                    b.append(", ");
                }
                Function.Param p = f.params().get(i);
                b.append(p.name()).append(':').append(p.type() != null ? p.type() : "unknown");
            }
            b.append(')');
            if (pragma != null) {
                b.append(" /* ").append(pragma).append(" */");
            }
            return b.toString();
        }
    }

    private final TreeMap<String, List<AliasEntry>> aliases = new TreeMap<>();
    private final Map<String, List<FunctionEntry>> functions = new TreeMap<>();
    private final Map<String, List<Global>> globals = new TreeMap<>();
    private final Map<String, Macro> macros = new TreeMap<>();
    private final Set<String> aliasPrefixes = new HashSet<>();
    private final List<StapFile> files = new ArrayList<>();
    /**
     * For an index read from the disk cache, which keeps declarations but not the parsed files: how many
     * files it was made from, and how to parse them again when {@link #files()} is asked for; else null.
     */
    private Supplier<List<StapFile>> unparsedFiles;
    private int unparsedFileCount;
    private volatile List<StapFile> reparsedFiles;
    /**
     * The index this one adds to (a workspace's aliases over the tapset library), or null. The base is never
     * changed through this one, so one library index serves every overlay built on it.
     */
    private final TapsetIndex base;
    /** What the merged views of this index and its base looked like last; null when something was added. */
    private volatile Merged merged;

    private record Merged(Map<String, List<AliasEntry>> aliases, Map<String, List<FunctionEntry>> functions,
            Map<String, List<Global>> globals, Map<String, Macro> macros, Set<String> aliasPrefixes) {
    }

    public TapsetIndex() {
        this(null);
    }

    private TapsetIndex(TapsetIndex base) {
        this.base = base;
    }

    /** A new, empty index whose lookups also see this one's declarations, after its own. */
    public TapsetIndex overlay() {
        return new TapsetIndex(this);
    }

    /**
     * Aliases derived for one probe prefix (tracetool's, from trace-events files), all named
     * {@code PREFIX.something}, built on first use: a workspace may configure many prefixes and a script
     * usually names one.
     */
    private static final class Derived {
        final String prefix;
        private final Supplier<List<AliasEntry>> build;
        private volatile Map<String, List<AliasEntry>> byName;

        Derived(String prefix, Supplier<List<AliasEntry>> build) {
            this.prefix = prefix;
            this.build = build;
        }

        Map<String, List<AliasEntry>> byName() {
            Map<String, List<AliasEntry>> m = byName;
            if (m == null) {
                synchronized (this) {
                    m = byName;
                    if (m == null) {
                        Map<String, List<AliasEntry>> built = new HashMap<>();
                        for (AliasEntry e : build.get()) {
                            built.computeIfAbsent(e.name(), k -> new ArrayList<>(1)).add(e);
                        }
                        m = byName = built;
                    }
                }
            }
            return m;
        }
    }

    private final List<Derived> derived = new ArrayList<>();
    private volatile Map<String, List<AliasEntry>> allAliases;

    /** Adds the aliases derived for a probe prefix, built by {@code entries} when first looked up. */
    public synchronized void addDerived(String prefix, Supplier<List<AliasEntry>> entries) {
        derived.add(new Derived(prefix, entries));
        allAliases = null;
    }

    public static TapsetIndex build(List<Path> roots, PpConfig config) {
        TapsetIndex index = new TapsetIndex();
        record Item(Path file, boolean onPath) {
        }
        List<Item> items = new ArrayList<>();
        Set<String> seenTails = new HashSet<>();
        for (Path root : roots) {
            List<Path> onPath = new ArrayList<>(TapsetPath.files(List.of(root), config, ".stpm"));
            onPath.addAll(TapsetPath.files(List.of(root), config, ".stp"));
            Set<Path> onPathSet = new HashSet<>(onPath);
            List<Path> all;
            try (Stream<Path> s = Files.walk(root)) {
                all = s.filter(p -> {
                    String n = p.getFileName().toString();
                    return (n.endsWith(".stp") || n.endsWith(".stpm")) && Files.isRegularFile(p);
                }).sorted().toList();
            } catch (IOException e) {
                all = List.of();
            }
            for (Path p : onPath) {
                if (seenTails.add(root.relativize(p).toString())) {
                    items.add(new Item(p, true));
                }
            }
            for (Path p : all) {
                if (!onPathSet.contains(p) && seenTails.add(root.relativize(p).toString())) {
                    items.add(new Item(p, false));
                }
            }
        }
        // Parse on all cores, biggest files first so that no thread is left with a long tail.
        StapFile[] parsedArray = new StapFile[items.size()];
        Integer[] order = new Integer[items.size()];
        long[] sizes = new long[items.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            try {
                sizes[i] = Files.size(items.get(i).file());
            } catch (IOException e) {
                sizes[i] = 0;
            }
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(sizes[b], sizes[a]));
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Runnable worker = () -> {
            for (int k = next.getAndIncrement(); k < order.length; k = next.getAndIncrement()) {
                Item it = items.get(order[k]);
                PpConfig cfg = configFor(it.file(), config);
                Map<String, MacroDef> lib = TapsetPath.libraryMacros(roots, cfg);
                try {
                    String text = new String(Files.readAllBytes(it.file()), StandardCharsets.UTF_8);
                    parsedArray[order[k]] = StapReader.read(it.file().toString(), text, lib, cfg);
                } catch (IOException e) {
                    parsedArray[order[k]] = null;
                }
            }
        };
        int threads = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
        List<Thread> pool = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            Thread th = new Thread(worker, "tapls-index-" + t);
            th.setDaemon(true);
            th.start();
            pool.add(th);
        }
        worker.run();
        for (Thread th : pool) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<StapFile> parsed = java.util.Arrays.asList(parsedArray);
        for (int i = 0; i < items.size(); i++) {
            if (parsed.get(i) != null) {
                index.add(parsed.get(i), items.get(i).onPath());
            }
        }
        index.refineTypes();
        return index;
    }

    /**
     * An index made of declarations read back from the disk cache ({@link IndexCodec}): the same entries, in
     * the same order, as the index they were written from; its files are parsed again only if
     * {@link #files()} is asked for.
     */
    static TapsetIndex restored(Map<String, List<AliasEntry>> aliases, Map<String, List<FunctionEntry>> functions,
            Map<String, List<Global>> globals, Map<String, Macro> macros, int fileCount,
            Supplier<List<StapFile>> parse) {
        TapsetIndex index = new TapsetIndex();
        aliases.values().forEach(es -> es.forEach(index::addAlias));
        index.functions.putAll(functions);
        index.globals.putAll(globals);
        index.macros.putAll(macros);
        index.unparsedFileCount = fileCount;
        index.unparsedFiles = parse;
        return index;
    }

    /** The runtime a library file is written for, from its directory. */
    static PpConfig configFor(Path file, PpConfig config) {
        String s = file.toString().replace('\\', '/');
        if (s.contains("/bpf/")) {
            return config.withRuntime("bpf");
        }
        if (s.contains("/dyninst/")) {
            return config.withRuntime("dyninst");
        }
        return config;
    }

    /** Adds (or, for a workspace file, re-adds) a parsed file's declarations. */
    public synchronized void add(StapFile file, boolean onSearchPath) {
        merged = null;
        allAliases = null;
        files.add(file);
        for (ProbeAlias a : file.aliases()) {
            List<String> pts = a.points().stream().map(ProbePoint::text).toList();
            for (ProbePoint n : a.names()) {
                String name = n.text();
                addAlias(new AliasEntry(name, pts, a.epilogue(), a.variables(), Set.of(), a.doc(), file.path(),
                        onSearchPath, a.guard(), a));
            }
        }
        for (Function f : file.functions()) {
            functions.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(new FunctionEntry(f, file.path(),
                    onSearchPath));
        }
        for (Global g : file.globals()) {
            globals.computeIfAbsent(g.name(), k -> new ArrayList<>()).add(g);
        }
        for (Macro m : file.macros()) {
            macros.putIfAbsent(m.name(), m);
        }
    }

    /** The return type of a function as far as the index knows it. */
    public String returnType(String name) {
        for (FunctionEntry e : function(name)) {
            String t = e.inferredReturn();
            if (!t.equals("unknown")) {
                return t;
            }
        }
        return "unknown";
    }

    /** Re-infers alias variable types that need function return types. */
    public synchronized void refineTypes() {
        merged = null;
        allAliases = null;
        Map<String, String> cache = new java.util.HashMap<>();
        java.util.function.Function<String, String> types = n -> {
            String v = cache.get(n);
            if (v == null) {
                cache.put(n, "unknown"); // guards recursion
                v = returnType(n);
                cache.put(n, v);
            }
            return v;
        };
        for (List<AliasEntry> es : aliases.values()) {
            for (int i = 0; i < es.size(); i++) {
                AliasEntry e = es.get(i);
                if (e.alias() != null && e.variables().containsValue("unknown")) {
                    es.set(i, new AliasEntry(e.name(), e.points(), e.epilogue(),
                            io.tapls.stap.AliasVariables.infer(e.alias(), types), e.charPointers(), e.doc(), e.file(),
                            e.onSearchPath(), e.guard(), e.alias()));
                }
            }
        }
    }

    public synchronized void addAlias(AliasEntry e) {
        merged = null;
        allAliases = null;
        aliases.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(e);
        int dot = e.name().indexOf('.');
        aliasPrefixes.add(dot < 0 ? e.name() : e.name().substring(0, dot));
    }

    /** Every alias by name, this index's entries before its base's (derived ones all built). */
    public Map<String, List<AliasEntry>> aliases() {
        if (!hasDerived()) {
            return merged().aliases();
        }
        Map<String, List<AliasEntry>> all = allAliases;
        if (all == null) {
            Map<String, List<AliasEntry>> own = new TreeMap<>();
            for (Derived d : derivedSnapshot()) {
                d.byName().forEach((k, v) -> own.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
            }
            all = concat(own, merged().aliases());
            allAliases = all;
        }
        return all;
    }

    /**
     * The components that can follow {@code base} in a probe point, each with one alias name it leads to
     * (the shortest), sorted: for {@code ""} the first components, for {@code "syscall"} {@code open},
     * {@code openat}, ... Derived aliases are built only for the prefixes {@code base} is in or leads into.
     */
    public java.util.SortedMap<String, String> nextComponents(String base) {
        java.util.SortedMap<String, String> out = new TreeMap<>();
        String head = base.isEmpty() ? "" : base + ".";
        java.util.NavigableMap<String, List<AliasEntry>> declared = (java.util.NavigableMap<String, List<AliasEntry>>)
                (merged().aliases() instanceof java.util.NavigableMap<?, ?> ? merged().aliases()
                        : new TreeMap<>(merged().aliases()));
        Iterable<String> names = head.isEmpty() ? declared.keySet()
                : declared.subMap(head, true, base + "/", false).keySet(); // '/' follows '.'
        for (String n : names) {
            addNext(out, n, head);
        }
        for (Derived d : derivedSnapshot()) {
            String p = d.prefix + ".";
            if (p.startsWith(head) && !p.equals(head)) {
                addNext(out, d.prefix + ".x", head);
            } else if (head.startsWith(p)) {
                for (String n : d.byName().keySet()) {
                    if (n.startsWith(head)) {
                        addNext(out, n, head);
                    }
                }
            }
        }
        return out;
    }

    private static void addNext(java.util.SortedMap<String, String> out, String name, String head) {
        int dot = name.indexOf('.', head.length());
        String component = dot < 0 ? name.substring(head.length()) : name.substring(head.length(), dot);
        if (component.isEmpty()) {
            return;
        }
        String full = head + component;
        out.putIfAbsent(component, full);
    }

    /**
     * The alias names worth comparing with an unknown one for "similar:" suggestions: every declared alias,
     * and the derived ones of the prefixes whose first two components the name shares (building every
     * prefix's aliases for a typo would cost more than the suggestion is worth).
     */
    public Collection<String> namesNear(String name) {
        if (!hasDerived()) {
            return merged().aliases().keySet();
        }
        List<String> out = new ArrayList<>(merged().aliases().keySet());
        String head = firstComponents(name, 2);
        for (Derived d : derivedSnapshot()) {
            if (firstComponents(d.prefix, 2).equals(head)) {
                out.addAll(d.byName().keySet());
            }
        }
        return out;
    }

    private static String firstComponents(String name, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = name.indexOf('.', at + 1);
            if (at < 0) {
                return name;
            }
        }
        return name.substring(0, at);
    }

    /** The derived aliases of this index and of those it adds to. */
    private List<Derived> derivedSnapshot() {
        List<Derived> out;
        synchronized (this) {
            out = new ArrayList<>(derived);
        }
        if (base != null) {
            out.addAll(base.derivedSnapshot());
        }
        return out;
    }

    private boolean hasDerived() {
        synchronized (this) {
            if (!derived.isEmpty()) {
                return true;
            }
        }
        return base != null && base.hasDerived();
    }

    public Map<String, List<FunctionEntry>> functions() {
        return merged().functions();
    }

    public Map<String, List<Global>> globals() {
        return merged().globals();
    }

    /** Macros by name; a name defined here hides the base's. */
    public Map<String, Macro> macros() {
        return merged().macros();
    }

    private Merged merged() {
        Merged m = merged;
        if (m == null) {
            synchronized (this) {
                m = merged;
                if (m == null) {
                    m = base == null
                            ? new Merged(Collections.unmodifiableNavigableMap(aliases),
                                    Collections.unmodifiableMap(functions),
                                    Collections.unmodifiableMap(globals), Collections.unmodifiableMap(macros),
                                    Collections.unmodifiableSet(aliasPrefixes))
                            : mergeWithBase();
                    merged = m;
                }
            }
        }
        return m;
    }

    private Merged mergeWithBase() {
        Merged b = base.merged();
        Set<String> prefixes = new HashSet<>(b.aliasPrefixes());
        prefixes.addAll(aliasPrefixes);
        Map<String, Macro> allMacros = new TreeMap<>(b.macros());
        allMacros.putAll(macros);
        return new Merged(concat(aliases, b.aliases()), concat(functions, b.functions()), concat(globals, b.globals()),
                Collections.unmodifiableMap(allMacros), Collections.unmodifiableSet(prefixes));
    }

    private static <T> Map<String, List<T>> concat(Map<String, List<T>> own, Map<String, List<T>> base) {
        TreeMap<String, List<T>> out = new TreeMap<>(base);
        own.forEach((k, v) -> {
            List<T> inBase = base.get(k);
            if (inBase == null) {
                out.put(k, List.copyOf(v));
            } else {
                List<T> both = new ArrayList<>(v);
                both.addAll(inBase);
                out.put(k, List.copyOf(both));
            }
        });
        return Collections.unmodifiableNavigableMap(out);
    }

    /**
     * The parsed file at this path if its text is this content (saves a re-parse), else null. Only files
     * already parsed are looked at: the files of an index read from the disk cache are not parsed for this.
     */
    public StapFile file(String path, String content) {
        List<StapFile> own;
        synchronized (this) {
            own = new ArrayList<>(files);
        }
        List<StapFile> reparsed = reparsedFiles;
        if (reparsed != null) {
            own.addAll(reparsed);
        }
        for (StapFile f : own) {
            if (f.path().equals(path) && f.unit().content.equals(content)) {
                return f;
            }
        }
        return base == null ? null : base.file(path, content);
    }

    /**
     * Every parsed file, this index's before its base's. An index read from the disk cache parses its
     * files again on the first call (about a second for Debian's library): what needs only declarations
     * should not ask.
     */
    public List<StapFile> files() {
        List<StapFile> out;
        synchronized (this) {
            out = new ArrayList<>(files);
        }
        if (unparsedFiles != null) {
            List<StapFile> r = reparsedFiles;
            if (r == null) {
                synchronized (this) {
                    r = reparsedFiles;
                    if (r == null) {
                        r = reparsedFiles = List.copyOf(unparsedFiles.get());
                    }
                }
            }
            out.addAll(r);
        }
        if (base != null) {
            out.addAll(base.files());
        }
        return Collections.unmodifiableList(out);
    }

    /** How many files the index was made from, without parsing any again. */
    public int fileCount() {
        int n;
        synchronized (this) {
            n = files.size() + unparsedFileCount;
        }
        return n + (base == null ? 0 : base.fileCount());
    }

    /** First components of alias names: a probe point starting with one is checked against the index. */
    public Set<String> aliasPrefixes() {
        if (!hasDerived()) {
            return merged().aliasPrefixes();
        }
        Set<String> out = new HashSet<>(merged().aliasPrefixes());
        for (Derived d : derivedSnapshot()) {
            int dot = d.prefix.indexOf('.');
            out.add(dot < 0 ? d.prefix : d.prefix.substring(0, dot));
        }
        return out;
    }

    public List<AliasEntry> alias(String name) {
        List<AliasEntry> declared = merged().aliases().getOrDefault(name, List.of());
        if (!hasDerived()) {
            return declared;
        }
        List<AliasEntry> out = null;
        for (Derived d : derivedSnapshot()) {
            if (name.length() > d.prefix.length() && name.startsWith(d.prefix) && name.charAt(d.prefix.length()) == '.') {
                List<AliasEntry> found = d.byName().get(name);
                if (found != null) {
                    if (out == null) {
                        out = new ArrayList<>();
                    }
                    out.addAll(found);
                }
            }
        }
        if (out == null) {
            return declared;
        }
        out.addAll(declared);
        return out;
    }

    /**
     * The variables a probe on this alias can read: those its body assigns and, through its points, those
     * of the aliases it expands to.
     */
    public Map<String, String> variables(String aliasName) {
        Map<String, String> out = new LinkedHashMap<>();
        collect(aliasName, out, new HashSet<>(), 0);
        return out;
    }

    /** Variables that hold a C char* (trace-events string arguments), through the same expansion. */
    public Set<String> charPointers(String aliasName) {
        Set<String> out = new HashSet<>();
        Set<String> seen = new HashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(aliasName));
        while (!todo.isEmpty() && seen.size() < 64) {
            String n = todo.poll();
            if (!seen.add(n)) {
                continue;
            }
            for (AliasEntry e : alias(n)) {
                out.addAll(e.charPointers());
                for (String p : e.points()) {
                    todo.add(p.replaceAll("[?!]$", ""));
                }
            }
        }
        return out;
    }

    private void collect(String name, Map<String, String> out, Set<String> seen, int depth) {
        if (depth > 8 || !seen.add(name)) {
            return;
        }
        for (AliasEntry e : alias(name)) {
            e.variables().forEach((k, v) -> {
                if (!out.containsKey(k) || out.get(k).equals("unknown")) {
                    out.put(k, v);
                }
            });
            for (String p : e.points()) {
                collect(p.replaceAll("[?!]$", ""), out, seen, depth + 1);
            }
        }
    }

    public List<FunctionEntry> function(String name) {
        return functions().getOrDefault(name, List.of());
    }

    /** Alias names matching a probe-point name with stap's wildcards ('*' in a component, '**' any components). */
    public List<String> matching(String pattern) {
        if (pattern.indexOf('*') < 0) {
            return alias(pattern).isEmpty() ? List.of() : List.of(pattern);
        }
        java.util.regex.Pattern re = io.tapls.stap.ProbeGlob.compile(pattern);
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (String n : merged().aliases().keySet()) {
            if (re.matcher(n).matches()) {
                out.add(n);
            }
        }
        for (Derived d : derivedSnapshot()) {
            if (couldMatch(pattern, d.prefix)) {
                for (String n : d.byName().keySet()) {
                    if (re.matcher(n).matches()) {
                        out.add(n);
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }


    /**
     * Whether a pattern can match a name under a prefix: each of the prefix's components matches the
     * pattern's component at its place, unless a '**' (any number of components) comes first.
     */
    private static boolean couldMatch(String pattern, String prefix) {
        String[] pc = pattern.split("\\.", -1);
        String[] xc = prefix.split("\\.", -1);
        for (int i = 0; i < xc.length; i++) {
            if (i >= pc.length) {
                return false;
            }
            if (pc[i].contains("**")) {
                return true;
            }
            if (!io.tapls.stap.ProbeGlob.compile(pc[i]).matcher(xc[i]).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Every alias line, as stap --dump-probe-aliases would print them, sorted. */
    public List<String> dumpAliases() {
        List<String> out = new ArrayList<>();
        for (Collection<AliasEntry> es : aliases().values()) {
            for (AliasEntry e : es) {
                out.add(e.dumpLine());
            }
        }
        out.sort(null);
        return out;
    }

    public List<String> dumpFunctions() {
        Map<String, Boolean> lines = new LinkedHashMap<>();
        for (List<FunctionEntry> es : functions().values()) {
            for (FunctionEntry e : es) {
                lines.put(e.dumpLine(), true);
            }
        }
        List<String> out = new ArrayList<>(lines.keySet());
        out.sort(null);
        return out;
    }
}
