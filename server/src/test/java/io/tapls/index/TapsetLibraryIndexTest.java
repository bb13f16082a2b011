package io.tapls.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.stap.DocComment;
import io.tapls.stap.PpConfig;
import io.tapls.stap.StapFile;
import io.tapls.stap.TapsetPath;
import io.tapls.testing.Corpora;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The index of Debian's whole tapset library (systemtap-common; skipped visibly without it, failed under CI=true):
 * every documented alias and function has its doc, alias variables and function types. TapsetIndexTest does the
 * same over the tests' own small library, TapsetIndexIT compares with the real stap's listing.
 */
class TapsetLibraryIndexTest {
    private static TapsetIndex library() {
        Corpora.require(TapsetPath.DEFAULT_ROOT, "Debian's systemtap-common");
        return LibraryIndexCache.get(List.of(TapsetPath.DEFAULT_ROOT), PpConfig.defaults());
    }

    @Test
    void everyDocumentedAliasAndFunctionIsIndexedWithItsDoc() {
        // Parsed here, not read from the disk cache: the check below matches the index's doc comments to
        // the parsed files' by identity (IndexDiskCacheTest shows a cached index holds equal ones).
        Corpora.require(TapsetPath.DEFAULT_ROOT, "Debian's systemtap-common");
        TapsetIndex index = TapsetIndex.build(List.of(TapsetPath.DEFAULT_ROOT), PpConfig.defaults());
        java.util.Set<DocComment> attached = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        index.aliases().values().forEach(es -> es.forEach(e -> {
            if (e.doc() != null) {
                attached.add(e.doc());
            }
        }));
        index.functions().values().forEach(es -> es.forEach(e -> {
            if (e.function().doc() != null) {
                attached.add(e.function().doc());
            }
        }));
        List<String> missing = new ArrayList<>();
        int probes = 0;
        int functions = 0;
        java.util.regex.Pattern decl = java.util.regex.Pattern.compile("\\A\\s*(probe|function|private)\\b");
        for (StapFile f : index.files()) {
            for (DocComment d : f.docs()) {
                if (!d.kind().equals("probe") && !d.kind().equals("sfunction")) {
                    continue;
                }
                if (d.kind().equals("probe")) {
                    probes++;
                } else {
                    functions++;
                }
                // A doc comment before commented-out code documents nothing.
                String after = f.unit().content.substring(d.end());
                if (!attached.contains(d) && decl.matcher(after).find()) {
                    missing.add(d.kind() + " " + d.name() + " (" + f.path() + ")");
                }
            }
        }
        System.out.printf("documented: %d probes, %d functions; without doc in the index: %d%n", probes, functions,
                missing.size());
        assertTrue(probes >= 290 && functions >= 440, probes + " / " + functions);
        assertEquals(List.of(), missing);
        assertEquals("Creates a value that can be compared to a kernel device number (kdev_t)",
                index.function("MKDEV").get(0).function().doc().summary());
        assertEquals("str_replace", index.function("str_replace").get(0).function().doc().name());
    }

    @Test
    void aliasVariablesAndTypesComeFromTheBody() {
        TapsetIndex index = library();
        TapsetIndex.AliasEntry cpuOn = index.alias("scheduler.cpu_on").get(0);
        assertNotNull(cpuOn.doc());
        assertTrue(cpuOn.doc().vars().containsKey("task_prev"), cpuOn.doc().vars().toString());
        assertEquals("string", index.variables("syscall.open").get("filename"));
        assertEquals("long", index.variables("syscall.open").get("flags"));
        assertFalse(index.function("execname").isEmpty());
        assertEquals("string", index.function("execname").get(0).function().returnType());
    }
}
