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
import java.util.List;
import java.util.Optional;

/**
 * "Generate log-probe tapset" for a trace-events file: {@code <exe>-log.stp} and the {@code <exe>.stp} whose
 * aliases it builds on, generated from the file's text (saved or not) exactly as {@code tapls generate} (and
 * tracetool) would, for the binary and into the folder the settings name (default: meson's binary for the
 * first probe prefix, and the first workspace folder). A file that exists is never touched by this action;
 * "Regenerate" overwrites, and only files that tracetool generated.
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
        Plan plan = plan(workspace, document);
        if (plan.refusal() != null) {
            return List.of();
        }
        List<Action> out = new ArrayList<>();
        boolean anyExists = plan.files().stream().anyMatch(f -> Files.exists(Path.of(f.path())));
        if (!anyExists) {
            out.add(new Action(TITLE, Action.Kind.SOURCE, List.copyOf(plan.files())));
        } else if (plan.files().stream().allMatch(f -> GeneratedFiles.refuseToOverwrite(Path.of(f.path()))
                .isEmpty())) {
            out.add(new Action(REGENERATE_TITLE, Action.Kind.SOURCE, plan.files().stream()
                    .map(f -> new Action.Create(f.path(), f.content(), true)).map(Action.Change.class::cast)
                    .toList()));
        }
        return out;
    }

    /** What would be written, from the document's current text. */
    public static Plan plan(Workspace workspace, Document document) {
        Settings s = workspace.settings();
        String binary = s.tapsetBinary() != null ? s.tapsetBinary()
                : ProbePrefix.binaryFor(workspace.probePrefixes().get(0));
        String prefix = ProbePrefix.forBinary(binary).orElse(workspace.probePrefixes().get(0));
        Path dir = s.tapsetOutput() != null ? s.tapsetOutput()
                : !workspace.roots().isEmpty() ? workspace.roots().get(0)
                : Path.of(document.path()).toAbsolutePath().getParent();
        Path path = Path.of(document.path());
        TraceEventsInputs.Source source = new TraceEventsInputs.Source(path, document.path(),
                String.valueOf(path.getFileName()), document.text().text());
        var inputs = TraceEventsInputs.analyze(List.of(source), s.qemuVersion());
        TraceEventsInputs.Loaded loaded = new TraceEventsInputs.Loaded(inputs, List.of());
        GenerateOptions options = new GenerateOptions(s.qemuVersion(), binary, prefix);
        List<Action.Create> files = new ArrayList<>();
        for (InstallSet.Member m : InstallSet.forBinary(binary)) {
            if (m.format() != TapsetFormat.STAP && m.format() != TapsetFormat.LOG_STAP) {
                continue;
            }
            Path target = dir.resolve(m.fileName());
            Generation.Generated g = Generation.generate(loaded, new Generation.Request(List.of(m.format()),
                    new Generation.Destination.Single(target), options, Refusals.Policy.STRICT));
            if (g.stop() != null) {
                return new Plan(List.of(), describe(g.stop()));
            }
            files.add(new Action.Create(target.toString(), new String(g.outputs().get(0).bytes(),
                    StandardCharsets.UTF_8), false));
        }
        return new Plan(files, null);
    }

    /** For clients that cannot create files through an edit: writes the planned files itself, atomically. */
    public static List<String> write(Workspace workspace, Document document, boolean overwrite) throws IOException {
        Plan plan = plan(workspace, document);
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
            GeneratedFiles.writeAtomically(Path.of(f.path()), f.content().getBytes(StandardCharsets.UTF_8));
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
