package io.tapls.index;

import io.tapls.stap.PpConfig;
import io.tapls.stap.StapFile;
import io.tapls.stap.StapReader;
import io.tapls.stap.TapsetPath;
import io.tapls.traceevents.TraceEventsFile;
import io.tapls.traceevents.TraceEventsReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An index for a set of tapset roots plus workspace files: .stp/.stpm files searched after the roots,
 * and trace-events files whose tracetool aliases are added for each probe prefix.
 */
public final class Workspace {
    private static final Map<String, TapsetIndex> CACHE = new ConcurrentHashMap<>();

    private Workspace() {
    }

    public static TapsetIndex index(List<Path> roots, PpConfig config, List<Path> stapFiles, List<Path> traceEvents,
            List<String> prefixes) {
        String key = roots + "|" + config + "|" + stapFiles + "|" + traceEvents + "|" + prefixes;
        return CACHE.computeIfAbsent(key, k -> {
            TapsetIndex index = TapsetIndex.build(roots, config);
            for (Path p : stapFiles) {
                try {
                    String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
                    StapFile f = StapReader.read(p.toString(), text, TapsetPath.libraryMacros(roots, config), config);
                    index.add(f, true);
                } catch (IOException e) {
                    // unreadable: reported by the check itself
                }
            }
            for (Path p : traceEvents) {
                try {
                    TraceEventsFile te = TraceEventsReader.read(p.toString(),
                            new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
                    for (String prefix : prefixes) {
                        TraceEventAliases.of(te, prefix, TraceEventAliases.binaryFor(prefix)).forEach(index::addAlias);
                    }
                } catch (IOException e) {
                    // unreadable: reported by the check itself
                }
            }
            return index;
        });
    }
}
