package io.tapls.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.diag.Diagnostic;
import io.tapls.semantics.StapChecker;
import io.tapls.stap.DocComment;
import io.tapls.stap.Function;
import io.tapls.stap.Global;
import io.tapls.stap.Macro;
import io.tapls.stap.PpConfig;
import io.tapls.stap.StapFile;
import io.tapls.stap.TapsetPath;
import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import io.tapls.traceevents.QemuVersion;
import io.tapls.traceevents.TraceEventsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library index's disk cache never changes an answer: an index read back from it answers exactly as the
 * freshly built one it was written from (every entry, the dumps, the diagnostics of real scripts), and a
 * file that is stale, from another configuration, damaged or unwritable is never used.
 */
class IndexDiskCacheTest {
    private static final List<Path> ROOTS = List.of(TapsetPath.DEFAULT_ROOT);
    private static final PpConfig TARGET = PpConfig.defaults();
    private static TapsetIndex fresh;
    private static TapsetIndex restored;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildAndRestore(@TempDir Path cache) {
        Corpora.require(TapsetPath.DEFAULT_ROOT, "Debian's systemtap-common");
        fresh = TapsetIndex.build(ROOTS, TARGET);
        List<String> fp = LibraryIndexCache.fingerprint(ROOTS);
        IndexDiskCache.store(cache, ROOTS, TARGET, fp, fresh);
        restored = IndexDiskCache.load(cache, ROOTS, TARGET, fp);
        assertNotNull(restored, "the index just stored is read back");
    }

    // ------------------------------------------------------------------ same answers

    @Test
    void everyEntryReadBackEqualsTheBuiltOne() {
        assertEquals(fresh.dumpAliases(), restored.dumpAliases());
        assertEquals(fresh.dumpFunctions(), restored.dumpFunctions());
        assertEquals(aliases(fresh), aliases(restored));
        assertEquals(functions(fresh), functions(restored));
        assertEquals(globals(fresh), globals(restored));
        assertEquals(macros(fresh), macros(restored));
        assertEquals(fresh.aliasPrefixes(), restored.aliasPrefixes());
        assertEquals(fresh.files().size(), restored.fileCount());
        assertTrue(fresh.aliases().size() > 5000 && fresh.functions().size() > 900, "Debian's whole library");
        for (String name : fresh.aliases().keySet()) {
            assertEquals(List.copyOf(fresh.variables(name).entrySet()), List.copyOf(restored.variables(name).entrySet()),
                    name);
            assertEquals(fresh.charPointers(name), restored.charPointers(name), name);
        }
        for (String name : fresh.functions().keySet()) {
            assertEquals(fresh.returnType(name), restored.returnType(name), name);
        }
        for (String pattern : List.of("syscall.*", "kernel.function", "nfs.**", "scheduler.cpu_o*", "vm.*.*")) {
            assertEquals(fresh.matching(pattern), restored.matching(pattern), pattern);
        }
        assertEquals(List.copyOf(fresh.namesNear("syscall.opn")), List.copyOf(restored.namesNear("syscall.opn")));
    }

    @Test
    void theParsedFilesAreParsedAgainOnlyWhenAskedFor() throws IndexCodec.Malformed {
        TapsetIndex again = IndexCodec.read(IndexCodec.write(fresh), () -> {
            throw new AssertionError("only files() may parse the library again");
        });
        assertEquals(fresh.fileCount(), again.fileCount());
        String somePath = fresh.files().get(0).path();
        String someContent = fresh.files().get(0).unit().content;
        assertNull(again.file(somePath, someContent), "not parsed yet, so not found: the caller parses the one file");
        assertEquals(aliases(fresh), aliases(again));
        assertEquals(fresh.files().stream().map(StapFile::path).toList(),
                restored.files().stream().map(StapFile::path).toList());
        assertNotNull(restored.file(somePath, someContent), "once parsed, a library file's parse is reused");
    }

    @Test
    void scriptsGetTheSameDiagnosticsFromEitherIndex() throws IOException {
        List<Path> scripts = new ArrayList<>();
        Path examples = Corpora.require(Path.of("/usr/share/systemtap/examples"), "Debian's systemtap-doc");
        try (Stream<Path> s = Files.walk(examples)) {
            s.filter(p -> p.toString().endsWith(".stp")).sorted().forEach(scripts::add);
        }
        try (Stream<Path> s = Files.walk(TapsetPath.DEFAULT_ROOT)) {
            List<Path> lib = s.filter(p -> p.toString().endsWith(".stp")).sorted().toList();
            for (int i = 0; i < lib.size(); i += 15) {
                scripts.add(lib.get(i)); // a library file is checked as a tapset, and may reuse the index's parse
            }
        }
        scripts.add(Corpora.repo().resolve("samples/stap/qio-tasks.stp"));
        // Over the library, the aliases a workspace's trace-events files add.
        String te = Files.readString(Corpora.repo().resolve("samples/qemu/io/trace-events"));
        TapsetIndex freshOverlay = withQemuAliases(fresh, te);
        TapsetIndex restoredOverlay = withQemuAliases(restored, te);
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        for (Path script : scripts) {
            String content = Files.readString(script);
            texts.put(script.toString(), content);
            // The real scripts are mostly clean: the same scripts with the mistakes whose findings come from
            // the index (unknown and misspelt functions and aliases, wrong arity, types of alias variables).
            String broken = content.replace("execname()", "execnam()").replace("pid()", "pid(1)")
                    .replace("probe syscall.", "probe syscal.").replace("probe kernel.function", "probe kernl.function")
                    .replace("printf(\"%s", "printf(\"%d").replace("printf(\"%d", "printf(\"%s");
            if (!broken.equals(content)) {
                texts.put(script.toString().replace(".stp", "-broken.stp"), broken);
            }
        }
        texts.put("qemu-broken.stp", "probe qemu.system.x86_64.qio_task_new { printf(\"%d %s\\n\", task, execnme()) }\n"
                + "probe qemu.system.x86_64.qio_task_nw { print(1) }\nprobe syscall.open { printf(\"%d\\n\", filename) }\n"
                + "probe nfs.proc.* { println(kernel_string(1, 2, 3)) }\nprobe scheduler.cpu_of { }\n");
        int withFindings = 0;
        for (Map.Entry<String, String> t : texts.entrySet()) {
            List<Diagnostic> a = StapChecker.check(t.getKey(), t.getValue(), ROOTS, TARGET, List.of(), freshOverlay);
            List<Diagnostic> b = StapChecker.check(t.getKey(), t.getValue(), ROOTS, TARGET, List.of(), restoredOverlay);
            assertEquals(a, b, t.getKey());
            withFindings += a.isEmpty() ? 0 : 1;
        }
        System.out.printf("disk cache: %d scripts, same diagnostics from both indexes (%d with findings)%n",
                texts.size(), withFindings);
        assertTrue(scripts.size() > 200, "the sample is the examples and every 15th tapset");
        assertTrue(withFindings > 100, "the comparison covers scripts with findings too: " + withFindings);
    }

    private static TapsetIndex withQemuAliases(TapsetIndex library, String traceEvents) {
        TapsetIndex o = library.overlay();
        o.addDerived("qemu.system.x86_64", () -> TraceEventAliases.of(TraceEventsReader.read("trace-events",
                traceEvents), "qemu.system.x86_64", QemuVersion.CURRENT));
        return o;
    }

    // ------------------------------------------------------------------ never a stale or damaged file

    /** A small tapset root of its own, so that files can be changed. */
    private Path smallRoot() throws IOException {
        Path root = tmp.resolve("tapsets");
        Files.createDirectories(root.resolve("linux"));
        Files.writeString(root.resolve("a.stp"), "/**\n * sfunction one - the number one\n */\n"
                + "function one:long() { return 1 }\nprobe my.begin = begin { x = 1 }\n");
        Files.writeString(root.resolve("linux/b.stp"), "global counts\nfunction two() { return \"2\" }\n");
        return root;
    }

    @Test
    void aFileIsUsedOnlyForTheSameFilesRootsTargetAndBuild() throws IOException {
        Path root = smallRoot();
        Path cache = tmp.resolve("cache");
        List<Path> roots = List.of(root);
        TapsetIndex built = TapsetIndex.build(roots, TARGET);
        List<String> fp = LibraryIndexCache.fingerprint(roots);
        IndexDiskCache.store(cache, roots, TARGET, fp, built);
        TapsetIndex back = IndexDiskCache.load(cache, roots, TARGET, fp);
        assertNotNull(back);
        assertEquals(built.dumpFunctions(), back.dumpFunctions());
        assertEquals(List.of("my.begin = begin"), back.dumpAliases());
        assertEquals("the number one", back.function("one").get(0).function().doc().summary());
        assertEquals("string", back.returnType("two"));
        try (Stream<Path> s = Files.list(cache)) {
            assertEquals(1, s.count(), "one file, no temporary left behind");
        }
        // A temporary file a killed writer left an hour ago is tidied away by the next write; a fresh one,
        // perhaps another process's write in progress, is not.
        Path abandoned = Files.writeString(cache.resolve("index-0123456789abcdef.bin42.tmp"), "half");
        Files.setLastModifiedTime(abandoned, FileTime.fromMillis(System.currentTimeMillis() - 7_200_000L));
        Path inProgress = Files.writeString(cache.resolve("index-0123456789abcdef.bin43.tmp"), "half");
        IndexDiskCache.store(cache, roots, TARGET, fp, built);
        assertFalse(Files.exists(abandoned));
        assertTrue(Files.exists(inProgress));
        Files.delete(inProgress);

        assertNull(IndexDiskCache.load(cache, roots, PpConfig.target("aarch64", null, null), fp), "another target");
        assertNull(IndexDiskCache.load(cache, List.of(root, tmp), TARGET, LibraryIndexCache.fingerprint(
                List.of(root, tmp))), "other roots");
        assertNull(IndexDiskCache.load(null, roots, TARGET, fp), "the cache turned off");

        // A tapset edited in place keeps its size here: its modification time tells.
        Path a = root.resolve("a.stp");
        Files.writeString(a, Files.readString(a).replace("return 1", "return 7"));
        Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 5_000));
        List<String> edited = LibraryIndexCache.fingerprint(roots);
        assertFalse(edited.equals(fp));
        assertNull(IndexDiskCache.load(cache, roots, TARGET, edited), "a changed tapset makes the file stale");
        Files.writeString(root.resolve("c.stp"), "function three() { return 3 }\n");
        assertNull(IndexDiskCache.load(cache, roots, TARGET, LibraryIndexCache.fingerprint(roots)), "a new tapset");
    }

    @Test
    void aDamagedOrForeignFileIsIgnored() throws IOException {
        Path root = smallRoot();
        Path cache = tmp.resolve("cache");
        List<Path> roots = List.of(root);
        List<String> fp = LibraryIndexCache.fingerprint(roots);
        IndexDiskCache.store(cache, roots, TARGET, fp, TapsetIndex.build(roots, TARGET));
        Path file = IndexDiskCache.file(cache, roots, TARGET);
        byte[] good = Files.readAllBytes(file);
        assertNotNull(IndexDiskCache.load(cache, roots, TARGET, fp));

        for (int at : new int[] {0, 25, good.length / 2, good.length - 1}) {
            byte[] bad = good.clone();
            bad[at] ^= 0x20;
            Files.write(file, bad);
            assertNull(IndexDiskCache.load(cache, roots, TARGET, fp), "a byte flipped at " + at);
        }
        for (int length : new int[] {0, 10, good.length / 2, good.length - 1}) {
            Files.write(file, java.util.Arrays.copyOf(good, length));
            assertNull(IndexDiskCache.load(cache, roots, TARGET, fp), "cut to " + length + " bytes");
        }
        Files.write(file, "not an index at all\n".getBytes());
        assertNull(IndexDiskCache.load(cache, roots, TARGET, fp));
        Files.delete(file);
        Files.createDirectory(file);
        assertNull(IndexDiskCache.load(cache, roots, TARGET, fp), "a directory where the file should be");
        IndexDiskCache.store(cache, roots, TARGET, fp, TapsetIndex.build(roots, TARGET)); // and no exception
    }

    @Test
    void payloadsThatLieAboutTheirSizesAreRejected() {
        byte[] good = IndexCodec.write(TapsetIndex.build(List.of(), TARGET));
        // A huge count must be refused before anything is allocated for it.
        byte[] huge = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07};
        assertThrowsMalformed(huge);
        assertThrowsMalformed(new byte[0]);
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        assertThrowsMalformed(trailing);
    }

    private static void assertThrowsMalformed(byte[] payload) {
        try {
            IndexCodec.read(payload, List::of);
        } catch (IndexCodec.Malformed expected) {
            return;
        }
        throw new AssertionError("read " + payload.length + " bytes without complaint");
    }

    @Test
    void theCacheDirectoryFollowsXdgAndCanBeRedirectedOrTurnedOff() {
        String before = System.getProperty(IndexDiskCache.DIR_PROPERTY);
        try {
            System.setProperty(IndexDiskCache.DIR_PROPERTY, tmp.resolve("elsewhere").toString());
            assertEquals(tmp.resolve("elsewhere"), IndexDiskCache.defaultDir());
            System.setProperty(IndexDiskCache.DIR_PROPERTY, "off");
            assertNull(IndexDiskCache.defaultDir());
        } finally {
            if (before == null) {
                System.clearProperty(IndexDiskCache.DIR_PROPERTY);
            } else {
                System.setProperty(IndexDiskCache.DIR_PROPERTY, before);
            }
        }
        // Under Maven the tests' own directory, never the user's (server/pom.xml sets TAPLS_CACHE_DIR).
        Path dir = IndexDiskCache.defaultDir();
        assertNotNull(dir);
        assertFalse(dir.startsWith(Path.of(System.getProperty("user.home"), ".cache")), dir.toString());
    }

    // ------------------------------------------------------------------ comparable views of the entries

    private static List<Object> aliases(TapsetIndex ix) {
        List<Object> out = new ArrayList<>();
        ix.aliases().forEach((k, es) -> es.forEach(e -> out.add(List.of(k, e.name(), e.points(), e.epilogue(),
                List.copyOf(e.variables().entrySet()), e.charPointers(), String.valueOf(doc(e.doc())), e.file(),
                e.onSearchPath()))));
        return out;
    }

    private static List<Object> functions(TapsetIndex ix) {
        List<Object> out = new ArrayList<>();
        ix.functions().forEach((k, es) -> es.forEach(e -> {
            Function f = e.function();
            out.add(List.of(k, f.name(), String.valueOf(f.returnType()), f.params().stream()
                    .map(p -> p.name() + ":" + p.type()).toList(), String.valueOf(f.priority()), f.embedded(),
                    f.isPrivate(), String.valueOf(doc(f.doc())), e.file(), e.onSearchPath(), e.inferredReturn(),
                    String.valueOf(e.pragma())));
        }));
        return out;
    }

    private static List<Object> globals(TapsetIndex ix) {
        List<Object> out = new ArrayList<>();
        ix.globals().forEach((k, gs) -> {
            for (Global g : gs) {
                out.add(List.of(k, g.name(), g.wrap(), String.valueOf(g.size()), g.isPrivate()));
            }
        });
        return out;
    }

    private static List<Object> macros(TapsetIndex ix) {
        List<Object> out = new ArrayList<>();
        for (Map.Entry<String, Macro> e : ix.macros().entrySet()) {
            Macro m = e.getValue();
            out.add(List.of(e.getKey(), m.name(), String.valueOf(m.params()), String.valueOf(doc(m.doc()))));
        }
        return out;
    }

    /** A doc comment with its maps in their order (record equality would ignore it). */
    private static List<Object> doc(DocComment d) {
        return d == null ? null : List.of(d.kind(), d.name(), d.summary(), List.copyOf(d.vars().entrySet()),
                List.copyOf(d.sections().entrySet()), d.raw(), d.start(), d.end());
    }
}
