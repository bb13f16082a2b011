package io.tapls.features;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.FileReport;
import io.tapls.generate.GenerateOptions;
import io.tapls.generate.InstallSet;
import io.tapls.generate.Refusals;
import io.tapls.generate.TapsetFormat;
import io.tapls.generation.GeneratedFiles;
import io.tapls.generation.Generation;
import io.tapls.generation.TraceEventsInputs;
import io.tapls.text.SourceText;
import io.tapls.traceevents.QemuVersion;
import io.tapls.traceevents.TraceEvent;
import io.tapls.traceevents.TraceEventsFile;
import io.tapls.tracetool.ProbePrefix;
import io.tapls.workspace.Document;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Settings;
import io.tapls.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Generate log-probe tapset" for a trace-events file: {@code <exe>-log.stp} and the {@code <exe>.stp} whose
 * aliases it builds on, generated from the file's text (saved or not) exactly as {@code tapls generate} (and
 * tracetool) would, for the binary and into the folder the settings name (default: meson's binary for the
 * first probe prefix, and the first workspace folder). A file that exists is never touched by this action;
 * "Regenerate" overwrites, and only files that tracetool generated. Files are created only inside the workspace
 * folders ({@link Workspace#mayCreateIn}): a {@code tapsetOutput} elsewhere offers no action.
 * <p>
 * For one event, at its line: the same two tapsets for a trace-events file that holds that event's line alone
 * (what {@code tapls generate} writes for such a file, byte for byte), named {@code <exe>.<event>.stp} and
 * {@code <exe>-log.<event>.stp} so that they never collide with the whole file's (event names have no '.').
 */
public final class GenerateTapset {
    /** The planned files, or why there are none. */
    public record Plan(List<Action.Create> files, String refusal) {
    }

    public static final String TITLE = "Generate log-probe tapset";
    public static final String REGENERATE_TITLE = "Regenerate log-probe tapset (overwrite)";

    private GenerateTapset() {
    }

    /** The source actions on a trace-events document: generate (when none exists), or regenerate. */
    public static List<Action> actions(Workspace workspace, Document document) {
        if (document.kind() != FileKind.TRACE_EVENTS) {
            return List.of();
        }
        return actions(plan(workspace, document), TITLE, REGENERATE_TITLE, Action.Kind.SOURCE);
    }

    /**
     * The actions for the event on the line of {@code offset}: generate its own tapsets (when none exists), or
     * regenerate them. None on a line without an event, for a disabled event (tracetool writes no probe for it),
     * or an event with errors that stop generation.
     */
    public static List<Action> eventActions(Workspace workspace, Document document, int offset) {
        Optional<TraceEvent> event = eventAt(document, offset);
        if (event.isEmpty() || event.get().isDisabled()) {
            return List.of();
        }
        String name = event.get().name();
        return actions(plan(workspace, document, name), eventTitle(name), eventRegenerateTitle(name),
                Action.Kind.GENERATE);
    }

    public static String eventTitle(String event) {
        return TITLE + " for '" + event + "'";
    }

    public static String eventRegenerateTitle(String event) {
        return "Regenerate log-probe tapset for '" + event + "' (overwrite)";
    }

    private static List<Action> actions(Plan plan, String title, String regenerateTitle, Action.Kind kind) {
        if (plan.refusal() != null) {
            return List.of();
        }
        List<Action> out = new ArrayList<>();
        boolean anyExists = plan.files().stream().anyMatch(f -> Files.exists(Path.of(f.path())));
        if (!anyExists) {
            out.add(new Action(title, kind, List.copyOf(plan.files())));
        } else if (plan.files().stream().allMatch(f -> GeneratedFiles.refuseToOverwrite(Path.of(f.path()))
                .isEmpty())) {
            out.add(new Action(regenerateTitle, kind, plan.files().stream()
                    .map(f -> new Action.Create(f.path(), f.content(), true)).map(Action.Change.class::cast)
                    .toList()));
        }
        return out;
    }

    /** The event declared on the line of an offset in a trace-events document. */
    public static Optional<TraceEvent> eventAt(Document document, int offset) {
        TraceEventsFile file = document.traceEvents();
        if (file == null) {
            return Optional.empty();
        }
        SourceText text = document.text();
        int line = text.lineOf(Math.max(0, Math.min(offset, text.length())));
        return file.events().stream().filter(e -> e.line() == line).findFirst();
    }

    /** The binary the generated tapsets are for: the setting, or meson's for the first probe prefix. */
    public static String binary(Workspace workspace) {
        Settings s = workspace.settings();
        return s.tapsetBinary() != null ? s.tapsetBinary() : ProbePrefix.binaryFor(workspace.probePrefixes().get(0));
    }

    /** The probe prefix of the generated tapsets: meson's for the binary, else the first probe prefix. */
    public static String prefix(Workspace workspace) {
        return ProbePrefix.forBinary(binary(workspace)).orElse(workspace.probePrefixes().get(0));
    }

    /** What would be written, from the document's current text. */
    public static Plan plan(Workspace workspace, Document document) {
        return plan(workspace, document, null);
    }

    /**
     * What would be written for the whole document ({@code event} null) or for one of its events, as for a file
     * holding that event's line alone.
     */
    public static Plan plan(Workspace workspace, Document document, String event) {
        Settings s = workspace.settings();
        String binary = binary(workspace);
        String prefix = prefix(workspace);
        Path home = Path.of(document.path()).toAbsolutePath().getParent();
        Path dir = s.tapsetOutput() != null ? s.tapsetOutput()
                : !workspace.roots().isEmpty() ? workspace.roots().get(0) : home;
        if (!workspace.mayCreateIn(dir, home)) {
            return new Plan(List.of(), "tapsetOutput " + dir + " is outside the workspace folders: tapls writes"
                    + " only inside them (tapls generate -o writes anywhere)");
        }
        PlanKey key = new PlanKey(document, s.qemuVersion(), binary, prefix, dir);
        if (event == null) {
            synchronized (RECENT) {
                Plan known = RECENT.get(key);
                if (known != null) {
                    return known;
                }
            }
        }
        Path path = Path.of(document.path());
        String content = document.text().text();
        if (event != null) {
            TraceEventsFile file = document.traceEvents();
            Optional<TraceEvent> e = file == null ? Optional.empty()
                    : file.events().stream().filter(x -> x.name().equals(event)).findFirst();
            if (e.isEmpty()) {
                return new Plan(List.of(), "no event '" + event + "' in " + document.path());
            }
            content = document.text().lineContent(e.get().line()) + "\n";
        }
        TraceEventsInputs.Source source = new TraceEventsInputs.Source(path, document.path(),
                String.valueOf(path.getFileName()), content);
        var inputs = TraceEventsInputs.analyze(List.of(source), s.qemuVersion());
        TraceEventsInputs.Loaded loaded = new TraceEventsInputs.Loaded(inputs, List.of());
        GenerateOptions options = new GenerateOptions(s.qemuVersion(), binary, prefix);
        List<Action.Create> files = new ArrayList<>();
        for (InstallSet.Member m : InstallSet.forBinary(binary)) {
            if (m.format() != TapsetFormat.STAP && m.format() != TapsetFormat.LOG_STAP) {
                continue;
            }
            Path target = dir.resolve(event == null ? m.fileName() : eventFileName(m.fileName(), event));
            Generation.Generated g = Generation.generate(loaded, new Generation.Request(List.of(m.format()),
                    new Generation.Destination.Single(target), options, Refusals.Policy.STRICT));
            if (g.stop() != null) {
                return remember(key, event, new Plan(List.of(), describe(g.stop())));
            }
            files.add(new Action.Create(target.toString(), new String(g.outputs().get(0).bytes(),
                    StandardCharsets.UTF_8), false));
        }
        return remember(key, event, new Plan(files, null));
    }

    private static Plan remember(PlanKey key, String event, Plan plan) {
        if (event == null) {
            synchronized (RECENT) {
                RECENT.put(key, plan);
            }
        }
        return plan;
    }

    /** What a whole file's plan depends on; a document is one version of a file's text. */
    private record PlanKey(Document document, QemuVersion version, String binary, String prefix, Path dir) {
    }

    /**
     * The last whole-file plans: an editor asks for code actions at every move of the cursor, and generating a
     * big file's tapsets (QEMU 7.2's trace-events-all) takes tens of milliseconds each time.
     */
    private static final Map<PlanKey, Plan> RECENT = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PlanKey, Plan> eldest) {
            return size() > 2;
        }
    };

    /** {@code qemu-system-x86_64-log.stp} for event {@code foo}: {@code qemu-system-x86_64-log.foo.stp}. */
    static String eventFileName(String fileName, String event) {
        return fileName.substring(0, fileName.length() - ".stp".length()) + "." + event + ".stp";
    }

    /** For clients that cannot create files through an edit: writes the planned files itself, atomically. */
    public static List<String> write(Workspace workspace, Document document, boolean overwrite) throws IOException {
        return write(workspace, document, null, overwrite);
    }

    /** Writes the whole document's tapsets ({@code event} null) or one event's, as the actions would create them. */
    public static List<String> write(Workspace workspace, Document document, String event, boolean overwrite)
            throws IOException {
        Plan plan = plan(workspace, document, event);
        if (plan.refusal() != null) {
            throw new IOException(plan.refusal());
        }
        for (Action.Create f : plan.files()) {
            Path target = Path.of(f.path());
            if (Files.exists(target) && !overwrite) {
                throw new IOException(target + " exists; use \"" + REGENERATE_TITLE + "\" to overwrite it");
            }
            Optional<GeneratedFiles.Refusal> refused = GeneratedFiles.refuseToOverwrite(target);
            if (refused.isPresent()) {
                throw new IOException(target + " was not generated by tracetool: not overwritten");
            }
        }
        List<String> written = new ArrayList<>();
        for (Action.Create f : plan.files()) {
            byte[] content = f.content().getBytes(StandardCharsets.UTF_8);
            if (overwrite) {
                GeneratedFiles.writeAtomically(Path.of(f.path()), content);
            } else {
                // not over a file made since the check above, by the user or anyone else
                GeneratedFiles.createAtomically(Path.of(f.path()), content);
            }
            written.add(f.path());
        }
        return written;
    }

    private static String describe(Generation.Stop stop) {
        if (stop instanceof Generation.Stop.Refused r) {
            for (FileReport report : r.reports()) {
                for (Diagnostic d : report.diagnostics()) {
                    return "the file has errors that stop generation: " + d.message();
                }
            }
            return "the file has errors that stop generation";
        }
        if (stop instanceof Generation.Stop.Unsupported u) {
            return u.message();
        }
        return "the file cannot be generated from";
    }
}
