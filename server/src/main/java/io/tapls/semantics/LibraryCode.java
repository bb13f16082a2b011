package io.tapls.semantics;

import io.tapls.index.TapsetIndex;
import io.tapls.stap.Function;
import io.tapls.stap.Global;
import io.tapls.stap.Guard;
import io.tapls.stap.PpConfig;
import io.tapls.stap.Preprocessor;
import io.tapls.stap.ProbeAlias;
import io.tapls.stap.ProbePoint;
import io.tapls.stap.StapFile;
import io.tapls.stap.StapReader;
import io.tapls.stap.TapsetPath;
import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The code of the tapset library as stap's pass 2 sees it: the bodies of the functions, aliases and globals a
 * script pulls in, from the files on the search path for the configured target, in the active preprocessor
 * branches. The index says which files declare a name (an index read from the disk cache keeps no bodies); a
 * file is parsed when its code is first needed and kept for as long as it is unchanged and memory allows.
 */
final class LibraryCode {
    /** A declaration and the file it is in. */
    record Found<T>(T decl, String file) {
    }

    private record Key(String path, long size, long modified, PpConfig config) {
    }

    private static final Map<Key, SoftReference<StapFile>> PARSED = new ConcurrentHashMap<>();

    private final TapsetIndex index;
    private final List<Path> roots;
    private final PpConfig config;
    /** The library's .stp files on stap's search path, in its order (the order its overloads are numbered in). */
    private final Map<String, Integer> order = new HashMap<>();
    private final Map<String, StapFile> local = new HashMap<>();

    private record OrderKey(List<Path> roots, PpConfig config) {
    }

    /** The search-path order of each (roots, target): listing the library's directories once. */
    private static final Map<OrderKey, Map<String, Integer>> ORDER = new ConcurrentHashMap<>();

    LibraryCode(TapsetIndex index, List<Path> roots, PpConfig config) {
        this.index = index;
        this.roots = roots;
        this.config = config;
        this.order.putAll(ORDER.computeIfAbsent(new OrderKey(List.copyOf(roots), config), k -> {
            Map<String, Integer> m = new HashMap<>();
            int i = 0;
            for (Path p : TapsetPath.files(roots, config, ".stp")) {
                m.put(p.toAbsolutePath().normalize().toString(), i++);
            }
            return m;
        }));
    }

    /**
     * The file being checked, as already parsed: used for its own code, and (when its text is what is on disk)
     * kept for the checks of other files that use it.
     */
    void checking(StapFile file) {
        local.put(file.path(), file);
        Path p = Path.of(file.path());
        try {
            if (Files.isRegularFile(p) && Files.size(p) == file.unit().content.length()) {
                String disk = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
                if (disk.equals(file.unit().content)) {
                    PpConfig cfg = config.forPath(p.toAbsolutePath().toString());
                    PARSED.putIfAbsent(new Key(file.path(), Files.size(p), Files.getLastModifiedTime(p).toMillis(),
                            cfg), new SoftReference<>(file));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not kept: other checks parse it again
        }
    }

    TapsetIndex index() {
        return index;
    }

    /** Whether stap would read this file of the index (on its search path for the target, or a workspace file). */
    boolean visible(String file) {
        if (file == null) {
            return false;
        }
        if (!file.endsWith(".stp")) {
            return true; // declarations derived from a trace-events file
        }
        return order.containsKey(Path.of(file).toAbsolutePath().normalize().toString()) || !underRoots(file);
    }

    private boolean underRoots(String file) {
        Path p = Path.of(file).toAbsolutePath().normalize();
        return roots.stream().anyMatch(r -> p.startsWith(r.toAbsolutePath().normalize()));
    }

    /** The library functions of a name with their bodies, in the order stap numbers their overloads. */
    List<Found<Function>> functions(String name) {
        Set<String> files = new LinkedHashSet<>();
        for (TapsetIndex.FunctionEntry e : index.function(name)) {
            if (visible(e.file())) {
                files.add(e.file());
            }
        }
        List<Found<Function>> out = new ArrayList<>();
        for (String f : sorted(files)) {
            StapFile parsed = parsed(f);
            if (parsed == null) {
                continue;
            }
            for (Function fn : parsed.functions()) {
                if (fn.name().equals(name) && active(parsed, fn.guard())) {
                    out.add(new Found<>(fn, f));
                }
            }
        }
        return out;
    }

    /** The library globals of a name with their declarations (initial values, sizes), in search order. */
    List<Found<Global>> globals(String name) {
        List<Found<Global>> out = new ArrayList<>();
        if (!index.globals().containsKey(name)) {
            return out;
        }
        // The index (read from the disk cache) keeps no file for a global: the files that declare it are found
        // by their text, once per library, and parsed.
        for (String f : globalFiles().getOrDefault(name, List.of())) {
            StapFile parsed = parsed(f);
            if (parsed == null) {
                continue;
            }
            for (Global g : parsed.globals()) {
                if (g.name().equals(name) && active(parsed, g.guard())) {
                    out.add(new Found<>(g, f));
                }
            }
        }
        if (out.isEmpty()) {
            for (Global g : index.globals().get(name)) {
                out.add(new Found<>(g, null));
            }
        }
        return out;
    }

    private static final Map<OrderKey, Map<String, List<String>>> GLOBAL_FILES = new ConcurrentHashMap<>();
    private static final java.util.regex.Pattern GLOBAL_DECL =
            java.util.regex.Pattern.compile("\\bglobal\\s+([^;{}\\n]*(?:,[ \\t]*\\r?\\n[^;{}\\n]*)*)");

    /** For each name a global of the library's files on the search path may have, the files, in search order. */
    private Map<String, List<String>> globalFiles() {
        return GLOBAL_FILES.computeIfAbsent(new OrderKey(List.copyOf(roots), config), k -> {
            List<Map.Entry<String, Integer>> files = new ArrayList<>(order.entrySet());
            files.sort(Map.Entry.comparingByValue());
            Map<String, List<String>> out = new HashMap<>();
            for (Map.Entry<String, Integer> f : files) {
                String text;
                try {
                    text = new String(Files.readAllBytes(Path.of(f.getKey())), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    continue;
                }
                java.util.regex.Matcher m = GLOBAL_DECL.matcher(text);
                while (m.find()) {
                    // the declaration's line, and the next ones while a line ends with a comma
                    for (String part : m.group(1).split(",")) {
                        String id = part.strip().replaceFirst("^([A-Za-z_][A-Za-z0-9_]*).*", "$1");
                        if (!id.isEmpty()) {
                            List<String> l = out.computeIfAbsent(id, x -> new ArrayList<>());
                            if (!l.contains(f.getKey())) {
                                l.add(f.getKey());
                            }
                        }
                    }
                }
            }
            return out;
        });
    }

    /** The aliases of a name with their bodies: the library's (on the search path), in search order. */
    List<Found<ProbeAlias>> aliases(String name) {
        Set<String> files = new LinkedHashSet<>();
        for (TapsetIndex.AliasEntry e : index.alias(name)) {
            if (e.fromTapset() && visible(e.file())) {
                files.add(e.file());
            }
        }
        List<Found<ProbeAlias>> out = new ArrayList<>();
        for (String f : sorted(files)) {
            StapFile parsed = parsed(f);
            if (parsed == null) {
                continue;
            }
            for (ProbeAlias a : parsed.aliases()) {
                if (!active(parsed, a.guard())) {
                    continue;
                }
                for (ProbePoint n : a.names()) {
                    if (n.name().equals(name)) {
                        out.add(new Found<>(a, f));
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** Aliases derived from trace-events files (no tapset file, so no body): their index entries. */
    List<TapsetIndex.AliasEntry> derivedAliases(String name) {
        List<TapsetIndex.AliasEntry> out = new ArrayList<>();
        for (TapsetIndex.AliasEntry e : index.alias(name)) {
            if (!e.fromTapset()) {
                out.add(e);
            }
        }
        return out;
    }

    private List<String> sorted(Set<String> files) {
        List<String> out = new ArrayList<>(files);
        out.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        return out;
    }

    private int rank(String file) {
        return order.getOrDefault(Path.of(file).toAbsolutePath().normalize().toString(), Integer.MAX_VALUE);
    }

    /** The rank of a library file in stap's parse order (for overload numbering). */
    int fileRank(String file) {
        return file == null ? Integer.MAX_VALUE : rank(file);
    }

    /** A library file as stap's parser reads it for the target, or null if it cannot be read. */
    StapFile parsed(String path) {
        StapFile f = local.get(path);
        if (f != null) {
            return f;
        }
        Path p = Path.of(path);
        try {
            long size = Files.size(p);
            long modified = Files.getLastModifiedTime(p).toMillis();
            PpConfig cfg = config.forPath(p.toAbsolutePath().toString());
            Key key = new Key(path, size, modified, cfg);
            SoftReference<StapFile> ref = PARSED.get(key);
            f = ref == null ? null : ref.get();
            if (f == null) {
                String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
                f = index.file(path, text);
                if (f == null) {
                    f = StapReader.read(path, text, TapsetPath.libraryMacros(roots, cfg), cfg);
                }
                PARSED.put(key, new SoftReference<>(f));
            }
        } catch (IOException | RuntimeException e) {
            f = null;
        }
        if (f != null) {
            local.put(path, f);
        }
        return f;
    }

    /** Files parsed so far in this elaboration. */
    Map<String, StapFile> parsedFiles() {
        return local;
    }

    /**
     * Whether a declaration under these preprocessor conditions is in the branch the target takes: the files
     * keep what every branch declares.
     */
    static boolean active(StapFile file, Guard guard) {
        for (Guard g = guard; g != null; g = g.outer()) {
            if (g.open() == null || g.open().unit != file.unit()) {
                continue;
            }
            Preprocessor.CondInfo c = condition(file, g.open().start);
            if (c != null && c.evaluated != g.thenBranch()) {
                return false;
            }
        }
        return true;
    }

    private static Preprocessor.CondInfo condition(StapFile file, int start) {
        return byStart(file.conditionals()).get(start);
    }

    /** A file's conditionals by where they open, for the file last asked about (the same file is asked in a row). */
    private record CondIndex(List<Preprocessor.CondInfo> of, Map<Integer, Preprocessor.CondInfo> byStart) {
    }

    private static volatile CondIndex lastCondIndex;

    /**
     * The conditionals by opening offset. A scan of the list for each guard was quadratic in nesting: 100,000
     * nested %( %) took minutes (RobustnessFindingsIT).
     */
    private static Map<Integer, Preprocessor.CondInfo> byStart(List<Preprocessor.CondInfo> conditionals) {
        CondIndex last = lastCondIndex;
        if (last != null && last.of() == conditionals) {
            return last.byStart();
        }
        Map<Integer, Preprocessor.CondInfo> m = new HashMap<>();
        for (Preprocessor.CondInfo c : conditionals) {
            m.putIfAbsent(c.open.start, c); // the first, as the scan found
        }
        lastCondIndex = new CondIndex(conditionals, m);
        return m;
    }
}
