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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
    }

    public record FunctionEntry(Function function, String file, boolean onSearchPath) {
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
            if (f.embedded() && f.embeddedCode() != null) {
                String code = f.embeddedCode().text;
                for (String pragma : List.of("unprivileged", "myproc-unprivileged", "guru")) {
                    if (code.contains("/* " + pragma + " */")) {
                        b.append(" /* ").append(pragma).append(" */");
                        break;
                    }
                }
            }
            return b.toString();
        }
    }

    private final Map<String, List<AliasEntry>> aliases = new TreeMap<>();
    private final Map<String, List<FunctionEntry>> functions = new TreeMap<>();
    private final Map<String, List<Global>> globals = new TreeMap<>();
    private final Map<String, Macro> macros = new TreeMap<>();
    private final Set<String> aliasPrefixes = new HashSet<>();
    private final List<StapFile> files = new ArrayList<>();

    private static final Map<String, TapsetIndex> SHARED = new ConcurrentHashMap<>();

    public TapsetIndex() {
    }

    /** The index of the given roots, built once per process. */
    public static TapsetIndex shared(List<Path> roots, PpConfig config) {
        return SHARED.computeIfAbsent(roots + "|" + config, k -> build(roots, config));
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
            Function f = e.function();
            String t = f.returnType() != null ? f.returnType() : FunctionTypes.inferReturn(f);
            if (!t.equals("unknown")) {
                return t;
            }
        }
        return "unknown";
    }

    /** Re-infers alias variable types that need function return types. */
    public synchronized void refineTypes() {
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
        aliases.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(e);
        int dot = e.name().indexOf('.');
        aliasPrefixes.add(dot < 0 ? e.name() : e.name().substring(0, dot));
    }

    public Map<String, List<AliasEntry>> aliases() {
        return aliases;
    }

    public Map<String, List<FunctionEntry>> functions() {
        return functions;
    }

    public Map<String, List<Global>> globals() {
        return globals;
    }

    public Map<String, Macro> macros() {
        return macros;
    }

    /** The parsed library file at this path if its text is this content (saves a re-parse), else null. */
    public StapFile file(String path, String content) {
        for (StapFile f : files) {
            if (f.path().equals(path) && f.unit().content.equals(content)) {
                return f;
            }
        }
        return null;
    }

    public List<StapFile> files() {
        return files;
    }

    /** First components of alias names: a probe point starting with one is checked against the index. */
    public Set<String> aliasPrefixes() {
        return aliasPrefixes;
    }

    public List<AliasEntry> alias(String name) {
        return aliases.getOrDefault(name, List.of());
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
        return functions.getOrDefault(name, List.of());
    }

    /** Alias names matching a probe-point name with stap's wildcards ('*' in a component, '**' any components). */
    public List<String> matching(String pattern) {
        if (pattern.indexOf('*') < 0) {
            return aliases.containsKey(pattern) ? List.of(pattern) : List.of();
        }
        java.util.regex.Pattern re = io.tapls.stap.ProbeGlob.compile(pattern);
        List<String> out = new ArrayList<>();
        for (String n : aliases.keySet()) {
            if (re.matcher(n).matches()) {
                out.add(n);
            }
        }
        return out;
    }


    /** Every alias line, as stap --dump-probe-aliases would print them, sorted. */
    public List<String> dumpAliases() {
        List<String> out = new ArrayList<>();
        for (Collection<AliasEntry> es : aliases.values()) {
            for (AliasEntry e : es) {
                out.add(e.dumpLine());
            }
        }
        out.sort(null);
        return out;
    }

    public List<String> dumpFunctions() {
        Map<String, Boolean> lines = new LinkedHashMap<>();
        for (List<FunctionEntry> es : functions.values()) {
            for (FunctionEntry e : es) {
                lines.put(e.dumpLine(), true);
            }
        }
        List<String> out = new ArrayList<>(lines.keySet());
        out.sort(null);
        return out;
    }
}
