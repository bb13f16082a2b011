package io.tapls.index;

import io.tapls.stap.PpConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Built tapset-library indexes, shared by the workspaces of one process (the server's, a CLI run's, a test's):
 * parsing Debian's library takes about a second and it rarely changes. An entry is reused only while every
 * {@code .stp}/{@code .stpm} file under its roots has the size and modification time it had when it was
 * built; otherwise the library is indexed again. A new process first looks in the disk cache
 * ({@link IndexDiskCache}, under the same condition) and stores there what it had to build.
 */
public final class LibraryIndexCache {
    private record Key(List<Path> roots, PpConfig target) {
        // Written out, not generated: a record's generated equals/hashCode bootstraps method handles on its first
        // call (java.lang.runtime.ObjectMethods), some 35 ms of a cold CLI run for the first one (StartupIT).
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && roots.equals(k.roots) && target.equals(k.target);
        }

        @Override
        public int hashCode() {
            return 31 * roots.hashCode() + target.hashCode();
        }
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

    /**
     * Path, size and modification time of every tapset file under the roots, sorted. One walk that hands
     * each file's attributes over as it goes (a second stat per file would double the cost): a new server
     * computes this before it can use the disk cache.
     */
    static List<String> fingerprint(List<Path> roots) {
        List<String> out = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                out.add(root + " absent");
                continue;
            }
            List<String> files = new ArrayList<>();
            try {
                Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                        new SimpleFileVisitor<>() {
                            @Override
                            public FileVisitResult visitFile(Path p, BasicFileAttributes a) {
                                String n = p.getFileName().toString();
                                if (n.endsWith(".stp") || n.endsWith(".stpm")) {
                                    files.add(new StringBuilder(p.toString()).append(' ').append(a.size()).append(' ')
                                            .append(a.lastModifiedTime().toMillis()).toString());
                                }
                                return FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult visitFileFailed(Path p, IOException e) {
                                String n = p.getFileName() == null ? "" : p.getFileName().toString();
                                if (n.endsWith(".stp") || n.endsWith(".stpm") || Files.isDirectory(p)) {
                                    files.add(p + " unreadable");
                                }
                                return FileVisitResult.CONTINUE;
                            }
                        });
            } catch (IOException | UncheckedIOException ex) {
                files.add(root + " unreadable");
            }
            files.sort(null);
            out.addAll(files);
        }
        return out;
    }
}
