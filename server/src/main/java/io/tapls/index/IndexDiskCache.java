package io.tapls.index;

import io.tapls.stap.PpConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The library index on disk, so that a new process (a language server an editor just started, a CLI
 * check of a script) need not parse the whole tapset library again: Debian's takes a second or two of a
 * cold JVM, reading it back a few tens of milliseconds.
 *
 * <p>One file per set of tapset roots and target, in {@code $XDG_CACHE_HOME/tapls} (else
 * {@code ~/.cache/tapls}); the system property {@value #DIR_PROPERTY} or the environment variable
 * {@value #DIR_ENV} name another directory, or turn the cache off with {@code off}. A file is used only
 * when everything it was made from is unchanged: the same tapls build, the same roots and target, and
 * every tapset file with the path, size and modification time it had ({@link LibraryIndexCache}'s
 * fingerprint). Anything else, or a file that is damaged, unreadable or of another format, is ignored and
 * the index is built again, so the cache can make a start faster but never change an answer. Files are
 * written whole to a temporary name and then renamed, so a reader never sees half of one.
 */
final class IndexDiskCache {
    static final String DIR_PROPERTY = "tapls.cache.dir";
    static final String DIR_ENV = "TAPLS_CACHE_DIR";

    private static final byte[] MAGIC = "tapls library index\n".getBytes(StandardCharsets.US_ASCII);
    /** The layout of the file and of {@link IndexCodec}'s payload; a new one makes old files stale. */
    private static final int FORMAT = 1;

    private IndexDiskCache() {
    }

    /**
     * Where the cache lives, or null when it is turned off: also when this build does not say when it was
     * built (classes compiled outside Maven), since a file of another such build could not be told apart.
     */
    static Path defaultDir() {
        if (Build.STAMP == null) {
            return null;
        }
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(DIR_ENV);
        }
        if (configured != null && !configured.isBlank()) {
            return configured.strip().equals("off") ? null : Path.of(configured.strip());
        }
        // XDG base directories: a relative $XDG_CACHE_HOME is invalid and must be ignored.
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "tapls");
        }
        String home = System.getProperty("user.home");
        return home == null || home.isEmpty() ? null : Path.of(home, ".cache", "tapls");
    }

    /**
     * What a file must have been made from to be used, apart from the files' fingerprint: this build of
     * tapls, the cache format, the roots and the target (the config map sorted: its own order is not
     * stable from one JVM to the next).
     */
    static String key(List<Path> roots, PpConfig t) {
        StringBuilder b = new StringBuilder("build ").append(Build.STAMP).append("\nformat ").append(FORMAT);
        for (Path r : roots) {
            b.append("\nroot ").append(r.toAbsolutePath().normalize());
        }
        b.append("\ntarget ").append(t.kernelV()).append(' ').append(t.kernelVr()).append(' ').append(t.arch())
                .append(' ').append(t.runtime()).append(' ').append(t.systemtapV()).append(' ')
                .append(t.privilege()).append(' ').append(t.guru()).append(' ').append(new TreeMap<>(t.config()));
        return b.toString();
    }

    /** The file for these roots and target: named by them, so that another configuration has its own. */
    static Path file(Path dir, List<Path> roots, PpConfig target) {
        String key = key(roots, target);
        String what = key.substring(key.indexOf("\nformat"));  // not the build: a new one replaces the old file
        long h = 0xcbf29ce484222325L; // FNV-1a: no digest provider to load for a file name
        for (byte c : what.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (c & 0xff)) * 0x100000001b3L;
        }
        String hex = Long.toHexString(h);
        return dir.resolve("index-" + "0".repeat(16 - hex.length()) + hex + ".bin");
    }

    /** The index stored for exactly these inputs, or null (none, stale, damaged, unreadable, turned off). */
    static TapsetIndex load(Path dir, List<Path> roots, PpConfig target, List<String> fingerprint) {
        if (dir == null) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file(dir, roots, target));
        } catch (IOException | RuntimeException e) {
            return null;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            for (byte m : MAGIC) {
                if (in.get() != m) {
                    return null;
                }
            }
            if (in.getInt() != FORMAT || !key(roots, target).equals(string(in))
                    || !String.join("\n", fingerprint).equals(string(in))) {
                return null;
            }
            int length = in.getInt();
            long crc = in.getLong();
            if (length != in.remaining()) {
                return null;
            }
            CRC32 check = new CRC32();
            check.update(bytes, in.position(), length);
            if (check.getValue() != crc) {
                return null;
            }
            byte[] payload = new byte[length];
            in.get(payload);
            // Asked for only by what needs syntax (tapls index's file list, tests): parse the library again.
            return IndexCodec.read(payload, () -> TapsetIndex.build(roots, target).files());
        } catch (IndexCodec.Malformed | RuntimeException e) {
            return null;
        }
    }

    /** Stores an index for these inputs; a cache that cannot be written is left alone (the next start rebuilds). */
    static void store(Path dir, List<Path> roots, PpConfig target, List<String> fingerprint, TapsetIndex index) {
        if (dir == null) {
            return;
        }
        Path tmp = null;
        try {
            byte[] payload = IndexCodec.write(index);
            byte[] key = key(roots, target).getBytes(StandardCharsets.UTF_8);
            byte[] fp = String.join("\n", fingerprint).getBytes(StandardCharsets.UTF_8);
            ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + 4 + key.length + 4 + fp.length + 4 + 8
                    + payload.length);
            CRC32 crc = new CRC32();
            crc.update(payload);
            out.put(MAGIC).putInt(FORMAT).putInt(key.length).put(key).putInt(fp.length).put(fp)
                    .putInt(payload.length).putLong(crc.getValue()).put(payload);
            Files.createDirectories(dir);
            Path target0 = file(dir, roots, target);
            removeAbandoned(dir);
            tmp = Files.createTempFile(dir, target0.getFileName().toString(), ".tmp");
            Files.write(tmp, out.array());
            try {
                Files.move(tmp, target0, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target0, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | RuntimeException e) {
            // Read-only or full home, no permission: the cache only saves time, so go on without it.
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // nothing more to do
                }
            }
        }
    }

    /**
     * Deletes temporary files that writers killed mid-write left behind (an hour old: a live writer takes
     * milliseconds), so that they do not pile up in the user's cache directory.
     */
    private static void removeAbandoned(Path dir) {
        long hourAgo = System.currentTimeMillis() - 3_600_000L;
        try (var s = Files.newDirectoryStream(dir, "index-*.tmp")) {
            for (Path p : s) {
                try {
                    if (Files.getLastModifiedTime(p).toMillis() < hourAgo) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException e) {
                    // another process's, or already gone
                }
            }
        } catch (IOException | RuntimeException e) {
            // nothing to tidy
        }
    }

    private static String string(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("bad length");
        }
        String s = new String(in.array(), in.position(), n, StandardCharsets.UTF_8);
        in.position(in.position() + n);
        return s;
    }

    /**
     * This build of tapls: its version and build time, from the build (version.properties). The build
     * time matters while the version stays the same from one development build to the next.
     */
    static final class Build {
        static final String STAMP = read();

        private static String read() {
            Properties p = new Properties();
            try (InputStream in = IndexDiskCache.class.getResourceAsStream("/io/tapls/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                return null;
            }
            String version = p.getProperty("version");
            String build = p.getProperty("build");
            if (version == null || build == null || version.startsWith("${") || build.startsWith("${")) {
                return null;
            }
            return version + " " + build;
        }
    }
}
