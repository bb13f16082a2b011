package io.tapls.stap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Corpora;
import io.tapls.testing.StapOracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The whole parse tree, not only expressions: for every tapset file and every example stap -p1 accepts,
 * tapls prints its parse tree byte for byte as stap -p1 prints it ("# parse tree dump"): globals,
 * aliases, probes with their points, functions, every statement and expression.
 */
class StapDumpIT {
    private static List<Path> stp(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".stp")).sorted().toList();
        }
    }

    @Test
    void parseTreesOfTheLibraryAndExamplesAreStaps() throws IOException {
        Corpora.require(TapsetPath.DEFAULT_ROOT, "Debian's systemtap-common");
        Path examples = Corpora.require(Path.of("/usr/share/systemtap/examples"), "Debian's systemtap-doc");
        StapOracle.script();
        Path lib = StapOracle.macroLib();
        List<Path> files = new ArrayList<>(stp(TapsetPath.DEFAULT_ROOT));
        files.addAll(stp(examples));
        List<Path> roots = List.of(TapsetPath.DEFAULT_ROOT);
        int compared = 0;
        List<String> diffs = new ArrayList<>();
        for (Path f : files) {
            String stap = StapOracle.dumpP1(f, lib);
            if (!stap.startsWith("# parse tree dump")) {
                continue; // stap rejects it (empty after preprocessing, needs script arguments...)
            }
            compared++;
            PpConfig cfg = PpConfig.defaults().forPath(f.toString());
            String mine = StapDump.dump(f.toString(), Files.readString(f), TapsetPath.libraryMacros(roots, cfg), cfg);
            if (!mine.equals(stap)) {
                String[] a = stap.split("\n", -1);
                String[] b = mine.split("\n", -1);
                for (int i = 0; i < Math.max(a.length, b.length); i++) {
                    String x = i < a.length ? a[i] : "<end>";
                    String y = i < b.length ? b[i] : "<end>";
                    if (!x.equals(y)) {
                        diffs.add(f + ":" + (i + 1) + "\n  stap:  " + x + "\n  tapls: " + y);
                        break;
                    }
                }
            }
        }
        System.out.printf("parse trees: %d files stap accepts, %d identical to stap -p1's dump%n", compared,
                compared - diffs.size());
        assertTrue(compared >= 730, "compared " + compared);
        assertEquals(List.of(), diffs.stream().limit(10).toList());
    }
}
