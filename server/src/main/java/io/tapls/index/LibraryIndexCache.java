package io.tapls.index;

import io.tapls.stap.PpConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Built tapset-library indexes, shared by the workspaces of one process (the server's, a CLI run's, a test's):
 * parsing Debian's library takes about a second and it rarely changes. An entry is reused only while every
 * {@code .stp}/{@code .stpm} file under its roots has the size and modification time it had when it was
 * built; otherwise the library is indexed again. A new process first looks in the disk cache
 * ({@link IndexDiskCache}, under the same condition) and stores there what it had to build.
 */
public final class LibraryIndexCache {
    private record Key(List<Path> roots, PpConfig target) {
    }

    private record Entry(List<String> fingerprint, TapsetIndex index) {
    }

    private static final Map<Key, Entry> ENTRIES = new ConcurrentHashMap<>();

    private LibraryIndexCache() {
    }

    /** The library index of these roots for this target, built now if it is not cached or is out of date. */
    public static TapsetIndex get(List<Path> roots, PpConfig target) {
        Key key = new Key(List.copyOf(roots), target);
        List<String> fingerprint = fingerprint(roots);
        Entry e = ENTRIES.get(key);
        if (e != null && e.fingerprint().equals(fingerprint)) {
            return e.index();
        }
        Path dir = IndexDiskCache.defaultDir();
        TapsetIndex index = IndexDiskCache.load(dir, key.roots(), target, fingerprint);
        if (index == null) {
            index = TapsetIndex.build(key.roots(), target);
            IndexDiskCache.store(dir, key.roots(), target, fingerprint, index);
        }
        ENTRIES.put(key, new Entry(fingerprint, index));
        return index;
    }

    /** Path, size and modification time of every tapset file under the roots, sorted. */
    static List<String> fingerprint(List<Path> roots) {
        List<String> out = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                out.add(root + " absent");
                continue;
            }
            try (Stream<Path> s = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
                s.filter(p -> {
                    String n = p.getFileName().toString();
                    return n.endsWith(".stp") || n.endsWith(".stpm");
                }).sorted().forEach(p -> {
                    try {
                        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                        out.add(p + " " + a.size() + " " + a.lastModifiedTime().toMillis());
                    } catch (IOException ex) {
                        out.add(p + " unreadable");
                    }
                });
            } catch (IOException | UncheckedIOException ex) {
                out.add(root + " unreadable");
            }
        }
        return out;
    }
}
