package io.tapls.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The fixture tree of the call-site tests (src/test/resources/callsites/tree): a QEMU-like layout with
 * trace-events files, C files calling their events (through macros, over several lines, one and two levels
 * down, from another directory), names in comments and strings that are not calls, and a script.
 */
public final class CallSiteTree {
    public static final Path TREE = Corpora.repo().resolve("server/src/test/resources/callsites/tree");
    /**
     * The unused-probe tests' tree (src/test/resources/provider/unusedtree): a libvirt-like src/libvirt_probes.d,
     * C files firing its probes below it (dtrace -h's macros, libvirt's PROBE() wrappers, calls over several
     * lines), mentions in comments and strings, uses outside src/, a provider file with no C file below it.
     */
    public static final Path PROVIDER_TREE = Corpora.repo().resolve("server/src/test/resources/provider/unusedtree");

    private CallSiteTree() {
    }

    /** Copies the tree into a directory (tests change files in it). */
    public static void copyTo(Path dir) throws IOException {
        copy(TREE, dir);
    }

    /** Copies another fixture tree (e.g. src/test/resources/provider/unusedtree) into a directory. */
    public static void copy(Path tree, Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path f : files.toList()) {
                Path target = dir.resolve(tree.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
