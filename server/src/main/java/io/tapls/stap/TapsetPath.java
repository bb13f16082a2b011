package io.tapls.stap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * stap's tapset search path (session.cxx): the default library (or $SYSTEMTAP_TAPSET), each
 * $XDG_DATA_DIRS/systemtap/tapset, then extra -I directories; in each root the directories for the runtime and architecture come first. Also loads
 * the library macros (*.stpm) that every script can use.
 */
public final class TapsetPath {
    public static final Path DEFAULT_ROOT = Path.of("/usr/share/systemtap/tapset");

    private record CacheKey(List<Path> roots, PpConfig config, List<String> stamp) {
        // Written out, not generated: a record's generated equals/hashCode bootstraps method handles on its first
        // call (java.lang.runtime.ObjectMethods), some 35 ms of a cold CLI run for the first one (StartupIT).
        @Override
        public boolean equals(Object o) {
            return o instanceof CacheKey k && roots.equals(k.roots) && config.equals(k.config) && stamp.equals(k.stamp);
        }

        @Override
        public int hashCode() {
            return (31 * roots.hashCode() + config.hashCode()) * 31 + stamp.hashCode();
        }
    }

    private static final Map<CacheKey, Map<String, MacroDef>> MACRO_CACHE = new ConcurrentHashMap<>();

    private TapsetPath() {
    }

    /** The roots in stap's order: default (or SYSTEMTAP_TAPSET) unless disabled, then the extra ones. */
    public static List<Path> roots(boolean defaults, List<Path> extra) {
        List<Path> roots = new ArrayList<>();
        if (defaults) {
            String env = System.getenv("SYSTEMTAP_TAPSET");
            Path def = env != null && !env.isEmpty() ? Path.of(env) : DEFAULT_ROOT;
            if (Files.isDirectory(def)) {
                roots.add(def);
            }
            // stap appends DIR/systemtap/tapset for each $XDG_DATA_DIRS entry
            String xdg = System.getenv("XDG_DATA_DIRS");
            if (xdg != null) {
                for (String d : xdg.split(":")) {
                    if (d.isEmpty()) {
                        continue;
                    }
                    Path p = Path.of(d, "systemtap", "tapset");
                    if (Files.isDirectory(p) && roots.stream().noneMatch(r -> same(r, p))) {
                        roots.add(p);
                    }
                }
            }
        }
        for (Path p : extra) {
            if (Files.isDirectory(p) && roots.stream().noneMatch(r -> same(r, p))) {
                roots.add(p);
            }
        }
        return roots;
    }

    private static boolean same(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.equals(b);
        }
    }

    /** The directories stap searches in one root, most specific first. */
    public static List<Path> searchDirs(Path root, PpConfig config) {
        String rt = config.runtime().equals("kernel") ? "linux" : config.runtime();
        List<Path> dirs = new ArrayList<>();
        for (String kv : List.of(config.kernelVr(), config.kernelV())) {
            dirs.add(root.resolve(rt).resolve(kv).resolve(config.arch()));
            dirs.add(root.resolve(rt).resolve(kv));
        }
        dirs.add(root.resolve(rt).resolve(config.arch()));
        dirs.add(root.resolve(rt));
        dirs.add(root.resolve(config.arch()));
        dirs.add(root);
        return dirs.stream().filter(Files::isDirectory).toList();
    }

    /** Files with the suffix directly in the directories stap searches, in its order. */
    public static List<Path> files(List<Path> roots, PpConfig config, String suffix) {
        List<Path> out = new ArrayList<>();
        for (Path root : roots) {
            for (Path dir : searchDirs(root, config)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p)).sorted()
                            .forEach(out::add);
                } catch (IOException e) {
                    // unreadable directory: skipped, as stap does
                }
            }
        }
        return out;
    }

    /**
     * The library macros of the .stpm files on the path; a file with errors is skipped, as stap does. Read once
     * per process for as long as those files keep their sizes and modification times.
     */
    public static Map<String, MacroDef> libraryMacros(List<Path> roots, PpConfig config) {
        List<Path> files = files(roots, config, ".stpm");
        List<String> stamp = new ArrayList<>(files.size());
        for (Path f : files) {
            try {
                stamp.add(f + " " + Files.size(f) + " " + Files.getLastModifiedTime(f).toMillis());
            } catch (IOException e) {
                stamp.add(f + " unreadable");
            }
        }
        return MACRO_CACHE.computeIfAbsent(new CacheKey(List.copyOf(roots), config, stamp), k -> {
            Map<String, MacroDef> macros = new LinkedHashMap<>();
            for (Path f : files) {
                try {
                    String content = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                    Map<String, MacroDef> defs = macrosOf(f.toString(), content, config);
                    if (defs != null) {
                        defs.forEach(macros::putIfAbsent);
                    }
                } catch (IOException e) {
                    // skipped
                }
            }
            return Map.copyOf(macros);
        });
    }

    /** The @defines of a macro file, or null if it has anything else or errors. */
    public static Map<String, MacroDef> macrosOf(String path, String content, PpConfig config) {
        SourceUnit unit = new SourceUnit(path, content);
        Preprocessor pp = new Preprocessor(unit, StapLexing.lex(unit).tokens(), Map.of(), config,
                Preprocessor.EVALUATE);
        try {
            if (pp.next() != null) {
                return null;
            }
        } catch (ParseError e) {
            return null;
        }
        return pp.fileMacros();
    }
}
