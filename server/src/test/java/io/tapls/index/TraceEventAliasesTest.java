package io.tapls.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.stap.PpConfig;
import io.tapls.stap.ProbeAlias;
import io.tapls.stap.ProbePoint;
import io.tapls.stap.StapFile;
import io.tapls.stap.StapReader;
import io.tapls.testing.Corpora;
import io.tapls.traceevents.QemuVersion;
import io.tapls.traceevents.TraceEventsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The aliases the index derives from trace-events files are those the real tracetool generates: for
 * every trace-events file of the QEMU corpus, tracetool's stap, log-stap and simpletrace-stap outputs
 * (../shared/corpus/qemu/expected) parse without errors and define the same aliases, with the same
 * points and variables.
 */
class TraceEventAliasesTest {
    private static final String PREFIX = "qemu.system.x86_64";
    private static final String BINARY = "/usr/bin/qemu-system-x86_64";

    @Test
    void sameAliasesPointsAndVariablesAsTracetoolsTapsets() throws IOException {
        Path corpus = Corpora.qemuCorpus();
        List<Path> files;
        try (Stream<Path> s = Files.walk(corpus.resolve("trace-events"))) {
            files = s.filter(p -> p.getFileName().toString().equals("trace-events") && Files.isRegularFile(p)).sorted()
                    .toList();
        }
        int aliases = 0;
        List<String> diffs = new ArrayList<>();
        for (Path te : files) {
            Path rel = corpus.resolve("trace-events").relativize(te);
            Map<String, String> mine = new TreeMap<>();
            for (TapsetIndex.AliasEntry e : TraceEventAliases.of(
                    TraceEventsReader.read(te.toString(), Files.readString(te)), PREFIX, QemuVersion.CURRENT)) {
                mine.put(e.name(), e.dumpLine() + " " + new TreeSet<>(e.variables().keySet()));
            }
            Map<String, String> theirs = new TreeMap<>();
            for (String format : List.of("stap", "log-stap", "simpletrace-stap")) {
                Path out = corpus.resolve("expected").resolve(format).resolve(rel);
                StapFile f = StapReader.read(out.toString(), Files.readString(out), Map.of(), PpConfig.defaults());
                if (!f.errors().isEmpty()) {
                    diffs.add(out + ": " + f.errors().get(0).message());
                }
                for (ProbeAlias a : f.aliases()) {
                    String name = a.names().get(0).text();
                    String points = String.join(", ", a.points().stream().map(ProbePoint::text).toList());
                    theirs.put(name, name + " = " + points + " " + new TreeSet<>(a.variables().keySet()));
                }
            }
            aliases += theirs.size();
            if (!mine.equals(theirs)) {
                for (String k : theirs.keySet()) {
                    if (!theirs.get(k).equals(mine.get(k))) {
                        diffs.add(rel + ": tracetool " + theirs.get(k) + " / tapls " + mine.get(k));
                    }
                }
                for (String k : mine.keySet()) {
                    if (!theirs.containsKey(k)) {
                        diffs.add(rel + ": tapls only " + mine.get(k));
                    }
                }
            }
        }
        System.out.printf("tracetool aliases: %d trace-events files, %d aliases compared, %d differences%n",
                files.size(), aliases, diffs.size());
        assertTrue(aliases > 15000, "aliases: " + aliases);
        assertEquals(List.of(), diffs.stream().limit(20).toList());
    }
}
