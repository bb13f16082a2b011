package io.tapls.features;

import io.tapls.generation.GeneratedFiles;
import io.tapls.text.SourceText;
import io.tapls.text.Span;
import io.tapls.traceevents.TraceEvent;
import io.tapls.tracetool.EventProbes;
import io.tapls.workspace.Document;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Add a probe for this event", on an event's line of a trace-events file: appends
 * {@code probe PREFIX.EVENT { printf(...) }} to a script of the workspace (open or on disk; the
 * {@value #MAX_SCRIPTS} nearest to the trace-events file), or creates {@code EVENT.stp} beside the trace-events
 * file when there is none (only inside the workspace folders, {@link Workspace#mayCreateIn}). The printf is Insert-a-printf's: every variable the event's alias binds, as the log
 * probe prints it. The prefix is the generated tapsets' (the {@code tapsetBinary} setting's, else the first
 * probe prefix), so the probe names the alias "Generate log-probe tapset" defines.
 */
public final class AddProbe {
    /** How many existing scripts are offered, nearest first. */
    public static final int MAX_SCRIPTS = 5;

    private AddProbe() {
    }

    public static List<Action> actions(Workspace workspace, Document document, int offset) {
        if (document.kind() != FileKind.TRACE_EVENTS) {
            return List.of();
        }
        Optional<TraceEvent> found = GenerateTapset.eventAt(document, offset);
        if (found.isEmpty() || found.get().isDisabled()) {
            return List.of(); // tracetool defines no alias for a disabled event
        }
        TraceEvent event = found.get();
        String probe = probe(workspace, event);
        List<Action> out = new ArrayList<>();
        Path home = directory(document);
        for (Map.Entry<String, String> s : nearest(workspace, home)) {
            String text = s.getValue();
            String before = text.isEmpty() ? "" : text.endsWith("\n") ? "\n" : "\n\n";
            SourceText source = new SourceText(text);
            out.add(new Action(title(event, shown(workspace, s.getKey())), Action.Kind.GENERATE,
                    List.of(new Action.Edit(s.getKey(), Location.of(s.getKey(), source, Span.at(text.length())),
                            before + probe))));
        }
        if (home != null && workspace.mayCreateIn(home, home)) {
            Path fresh = newScript(home, event.name());
            if (!Files.exists(fresh) && workspace.documents().stream().noneMatch(d -> d.path().equals(fresh.toString()))) {
                out.add(new Action(title(event, "a new script " + fresh.getFileName()), Action.Kind.GENERATE,
                        List.of(new Action.Create(fresh.toString(), probe, false))));
            }
        }
        return out;
    }

    /** {@code probe PREFIX.EVENT {\n    printf(...)\n}\n}. */
    static String probe(Workspace workspace, TraceEvent event) {
        EventProbes probes = EventProbes.of(event, GenerateTapset.prefix(workspace),
                workspace.settings().qemuVersion());
        List<InsertPrintf.Variable> vars = probes.baseVariables().stream()
                .map(v -> new InsertPrintf.Variable(v.name(), v.stapType().word(), v.cType())).toList();
        String printf = InsertPrintf.printf(event.name(), vars);
        return "probe " + probes.base() + " {\n" + (printf == null ? "" : "    " + printf + "\n") + "}\n";
    }

    /**
     * For clients that cannot create files through an edit: creates the new script {@code EVENT.stp} beside the
     * trace-events file, never over an existing file.
     */
    public static String write(Workspace workspace, Document document, String eventName) throws IOException {
        TraceEvent event = document.traceEvents() == null ? null : document.traceEvents().events().stream()
                .filter(e -> e.name().equals(eventName) && !e.isDisabled()).findFirst().orElse(null);
        Path home = directory(document);
        if (event == null || home == null) {
            throw new IOException("no enabled event '" + eventName + "' in " + document.path());
        }
        if (!workspace.mayCreateIn(home, home)) {
            throw new IOException(home + " is outside the workspace folders: tapls creates files only inside them");
        }
        Path fresh = newScript(home, event.name());
        GeneratedFiles.createAtomically(fresh, probe(workspace, event).getBytes(StandardCharsets.UTF_8));
        return fresh.toString();
    }

    private static String title(TraceEvent event, String where) {
        return "Add a probe for '" + event.name() + "' to " + where;
    }

    private static Path newScript(Path home, String event) {
        return home.resolve(event + ".stp");
    }

    private static Path directory(Document document) {
        if (!document.uri().startsWith("file:")) {
            return null;
        }
        return Path.of(document.path()).toAbsolutePath().normalize().getParent();
    }

    /** A script's path as the user knows it: relative to the workspace folder that holds it. */
    private static String shown(Workspace workspace, String path) {
        Path p = Path.of(path);
        for (Path root : workspace.roots()) {
            if (p.startsWith(root)) {
                return root.relativize(p).toString();
            }
        }
        return path;
    }

    /**
     * The workspace's scripts a probe can go to, nearest to {@code home} first (fewest directories between), as
     * path → text (an open document's text, else the file's): {@code .stp} files, not {@code .stpm} macro files,
     * and not tapsets tracetool generated (regenerating them would lose the probe). Only those offered are read.
     */
    private static List<Map.Entry<String, String>> nearest(Workspace workspace, Path home) {
        Map<String, String> open = new java.util.HashMap<>();
        for (Document d : workspace.documents()) {
            if (d.kind() == FileKind.STAP) {
                open.put(d.path(), d.text().text());
            }
        }
        java.util.Set<String> candidates = new java.util.TreeSet<>(open.keySet());
        workspace.scriptPaths().forEach(p -> candidates.add(p.toString()));
        List<String> sorted = new ArrayList<>();
        for (String c : candidates) {
            if (c.endsWith(".stp") && isFile(c)) {
                sorted.add(c);
            }
        }
        sorted.sort(Comparator.comparingInt((String c) -> distance(home, Path.of(c))).thenComparing(c -> c));
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String c : sorted) {
            if (out.size() == MAX_SCRIPTS) {
                break;
            }
            String text = open.get(c);
            if (text == null) {
                try {
                    text = new String(Files.readAllBytes(Path.of(c)), StandardCharsets.UTF_8);
                } catch (IOException | java.io.UncheckedIOException e) {
                    continue; // unreadable: no place for a probe
                }
            }
            if (!text.startsWith(GeneratedFiles.MARKER)) {
                out.add(Map.entry(c, text));
            }
        }
        return out;
    }

    /** An absolute file path, not the URI an untitled buffer goes by. */
    private static boolean isFile(String path) {
        try {
            return Path.of(path).isAbsolute();
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static int distance(Path home, Path file) {
        if (home == null) {
            return Integer.MAX_VALUE;
        }
        Path dir = file.toAbsolutePath().normalize().getParent();
        Path common = home;
        while (common != null && !dir.startsWith(common)) {
            common = common.getParent();
        }
        if (common == null) {
            return Integer.MAX_VALUE;
        }
        return home.getNameCount() - common.getNameCount() + dir.getNameCount() - common.getNameCount();
    }
}
