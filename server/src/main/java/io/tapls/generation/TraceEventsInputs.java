package io.tapls.generation;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.FileReport;
import io.tapls.generate.Refusals;
import io.tapls.generate.TapsetFormat;
import io.tapls.traceevents.QemuVersion;
import io.tapls.traceevents.TraceEvent;
import io.tapls.traceevents.TraceEventsChecker;
import io.tapls.traceevents.TraceEventsFile;
import io.tapls.traceevents.TraceEventsReader;
import io.tapls.workspace.Discovery;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.InputProblem;
import io.tapls.workspace.TextFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The trace-events inputs of generation (and of listing the probes generated, and of tracing with them):
 * files as given and the trace-events files found under directories (sorted; never the scripts beside
 * them), read strictly as UTF-8, parsed and checked without checkpatch's style rules (warnings, which never
 * stop generation). The inputs are concatenated in order, as tracetool does with its inputs.
 */
public final class TraceEventsInputs {
    /** Every kind of file generation reads under a directory. */
    private static final Set<FileKind> KINDS = Set.of(FileKind.TRACE_EVENTS);

    /**
     * One input's text, read and not parsed yet: from disk ({@link #read}) or from an editor's buffer.
     *
     * @param path     the file
     * @param shown    the path as the user gave it (or found under a directory given): how reports name it
     * @param relative where its per-file outputs go, relative to the output directory
     * @param content  its text
     */
    public record Source(Path path, String shown, String relative, String content) {
    }

    /** One input, parsed and checked: {@code diagnostics} are its errors ({@link TraceEventsChecker#checkErrors}). */
    public record Input(Path path, String shown, String relative, TraceEventsFile file, List<Diagnostic> diagnostics) {
        public Input {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /** What reading the paths given found: the sources in order, and what could not be read. */
    public record Read(List<Source> sources, List<InputProblem> problems) {
        public Read {
            sources = List.copyOf(sources);
            problems = List.copyOf(problems);
        }
    }

    /** The inputs parsed and checked, in order, and the problems of what could not be read. */
    public record Loaded(List<Input> inputs, List<InputProblem> problems) {
        public Loaded {
            inputs = List.copyOf(inputs);
            problems = List.copyOf(problems);
        }

        /** Every event of every input, in order: what one tracetool run over all the inputs sees. */
        public List<TraceEvent> allEvents() {
            List<TraceEvent> all = new ArrayList<>();
            for (Input in : inputs) {
                all.addAll(in.file().events());
            }
            return all;
        }

        /** The input an event (the very object) comes from, or null. */
        public Input inputOf(TraceEvent event) {
            for (Input in : inputs) {
                for (TraceEvent e : in.file().events()) {
                    if (e == event) {
                        return in;
                    }
                }
            }
            return null;
        }
    }

    private TraceEventsInputs() {
    }

    /** Reads, parses and checks every input given; files are parsed and checked in parallel. */
    public static Loaded load(List<Path> paths, QemuVersion version) {
        Read read = read(paths);
        return new Loaded(analyze(read.sources(), version), read.problems());
    }

    /**
     * Reads the paths given, in order: a directory stands for the trace-events files under it, sorted (and
     * is a problem when it holds none); anything else is read as a trace-events file, whatever its name.
     */
    public static Read read(List<Path> paths) {
        List<InputProblem> problems = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                Discovery.Found found = Discovery.directoryGiven(p, KINDS);
                problems.addAll(found.problems());
                for (Path f : found.files()) {
                    readOne(f, p.relativize(f), sources, problems);
                }
            } else {
                Path normal = p.normalize();
                boolean inside = !normal.isAbsolute() && !normal.startsWith("..") && !normal.toString().isEmpty();
                readOne(p, inside ? normal : p.getFileName(), sources, problems);
            }
        }
        return new Read(sources, problems);
    }

    private static void readOne(Path file, Path relative, List<Source> sources, List<InputProblem> problems) {
        String shown = file.toString();
        TextFiles.Read text = TextFiles.read(file, shown);
        if (text.problem() != null) {
            problems.add(text.problem());
        } else {
            sources.add(new Source(file, shown, relative.toString(), text.text()));
        }
    }

    /** Parses and checks the sources; they are independent, so on every core, the biggest first. */
    public static List<Input> analyze(List<Source> sources, QemuVersion version) {
        Object[] parsed = Parallel.map(sources.size(), i -> sources.get(i).content().length(), i -> {
            Source s = sources.get(i);
            TraceEventsFile file = TraceEventsReader.read(s.shown(), s.content());
            return new Input(s.path(), s.shown(), s.relative(), file, TraceEventsChecker.checkErrors(file, version));
        });
        List<Input> inputs = new ArrayList<>(parsed.length);
        for (Object o : parsed) {
            inputs.add((Input) o);
        }
        return inputs;
    }

    /**
     * What stops generating these formats from the inputs (see {@link Refusals#refusing}): a report for each
     * input that has some such diagnostic, in order; empty when nothing does.
     */
    public static List<FileReport> refusals(List<Input> inputs, Refusals.Policy policy, QemuVersion version,
                                            Collection<TapsetFormat> formats) {
        List<FileReport> refused = new ArrayList<>();
        for (Input in : inputs) {
            List<Diagnostic> stop = Refusals.refusing(in.diagnostics(), policy, version, formats);
            if (!stop.isEmpty()) {
                refused.add(new FileReport(in.shown(), in.file().text(), stop));
            }
        }
        return refused;
    }
}
