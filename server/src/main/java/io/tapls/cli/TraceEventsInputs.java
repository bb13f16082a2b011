package io.tapls.cli;

import io.tapls.diag.FileReport;
import io.tapls.cli.report.GccReporter;
import io.tapls.diag.Diagnostic;
import io.tapls.generate.Refusals;
import io.tapls.generate.TapsetFormat;
import io.tapls.traceevents.QemuVersion;
import io.tapls.traceevents.TraceEvent;
import io.tapls.traceevents.TraceEventsChecker;
import io.tapls.traceevents.TraceEventsFile;
import io.tapls.traceevents.TraceEventsReader;
import io.tapls.workspace.Discovery;
import io.tapls.workspace.FileKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;

/**
 * Reads the trace-events inputs of generate, list and run: files as given and the trace-events files
 * found under directories (sorted), strictly UTF-8, parsed and checked (without checkpatch's style rules:
 * they are warnings and never stop generation). Decides which diagnostics stop
 * generation.
 */
final class TraceEventsInputs {
    /**
     * One input.
     *
     * @param shown    the path as the user gave it (or found under a directory given)
     * @param relative where per-file outputs go, relative to the output directory
     */
    record Input(Path path, String shown, String relative, TraceEventsFile file, List<Diagnostic> diagnostics) {
    }

    /** What load() found; {@code status} is {@link Main#EXIT_OK} unless an input could not be read. */
    record Loaded(List<Input> inputs, int status) {
        List<TraceEvent> allEvents() {
            List<TraceEvent> all = new ArrayList<>();
            for (Input in : inputs) {
                all.addAll(in.file().events());
            }
            return all;
        }
    }

    /** A file read and decoded, not parsed yet. */
    private record Source(Path path, String shown, String relative, String content) {
    }

    private TraceEventsInputs() {
    }

    /** Reads every input; problems are printed to err, one line each, and set the status. */
    static Loaded load(List<Path> paths, QemuVersion version, PrintStream err) {
        int status = Main.EXIT_OK;
        List<Source> read = new ArrayList<>();
        for (Path p : paths) {
            List<Path[]> found = new ArrayList<>(); // {file, its path relative to the output directory}
            if (Files.isDirectory(p)) {
                Discovery.Found dir = Discovery.files(p, EnumSet.of(FileKind.TRACE_EVENTS));
                for (String problem : dir.problems()) {
                    err.println("tapls: " + problem);
                    status = Main.EXIT_USAGE;
                }
                for (Path f : dir.files()) {
                    found.add(new Path[] {f, p.relativize(f)});
                }
                if (found.isEmpty() && dir.problems().isEmpty()) {
                    err.println("tapls: " + p + ": no trace-events files in this directory");
                    status = Main.EXIT_USAGE;
                }
            } else {
                Path normal = p.normalize();
                boolean inside = !normal.isAbsolute() && !normal.startsWith("..") && !normal.toString().isEmpty();
                found.add(new Path[] {p, inside ? normal : p.getFileName()});
            }
            for (Path[] f : found) {
                String shown = f[0].toString();
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(f[0]);
                } catch (IOException e) {
                    err.println("tapls: " + shown + ": " + Discovery.reason(e));
                    status = Main.EXIT_USAGE;
                    continue;
                }
                String content;
                try {
                    content = CheckCommand.decodeUtf8(bytes);
                } catch (CharacterCodingException e) {
                    // As for `tapls check`: a file that cannot be read as text is an I/O problem, exit 2.
                    err.println(CheckCommand.notUtf8(shown, bytes));
                    status = Main.EXIT_USAGE;
                    continue;
                }
                read.add(new Source(f[0], shown, f[1].toString(), content));
            }
        }
        // Parsing and checking dominate; files are independent, so use every core.
        Object[] parsed = Parallel.map(read.size(), i -> read.get(i).content().length(), i -> {
            Source r = read.get(i);
            TraceEventsFile file = TraceEventsReader.read(r.shown(), r.content());
            return new Input(r.path(), r.shown(), r.relative(), file, TraceEventsChecker.checkErrors(file, version));
        });
        List<Input> inputs = new ArrayList<>(parsed.length);
        for (Object o : parsed) {
            inputs.add((Input) o);
        }
        return new Loaded(inputs, status);
    }

    /** Every input's refusing diagnostics, as reports of the inputs that have some. */
    static List<FileReport> refusals(Loaded loaded, Refusals.Policy policy, QemuVersion version,
                                     Collection<TapsetFormat> formats) {
        List<FileReport> refused = new ArrayList<>();
        for (Input in : loaded.inputs()) {
            List<Diagnostic> stop = Refusals.refusing(in.diagnostics(), policy, version, formats);
            if (!stop.isEmpty()) {
                refused.add(new FileReport(in.shown(), in.file().text(), stop));
            }
        }
        return refused;
    }

    /** The input an event comes from. */
    static Input inputOf(List<Input> inputs, TraceEvent event) {
        for (Input in : inputs) {
            for (TraceEvent e : in.file().events()) {
                if (e == event) {
                    return in;
                }
            }
        }
        return null;
    }

    /** Prints the reports gcc-style, then the summary line, as check does. */
    static void report(List<FileReport> reports, PrintStream err) {
        if (reports.isEmpty()) {
            return;
        }
        new GccReporter(false).report(reports, err);
        err.println(GccReporter.summary(reports));
        err.flush();
    }

    /**
     * What `list` and `run` need: the inputs loaded, and tracetool's log-stap generator accepting them.
     * Reports why not on err; returns the exit status (EXIT_OK when the inputs can be used).
     */
    static int acceptedForLogTapset(Loaded loaded, QemuVersion version, PrintStream err) {
        if (loaded.status() == Main.EXIT_USAGE) {
            return Main.EXIT_USAGE;
        }
        List<FileReport> refused = refusals(loaded, Refusals.Policy.TRACETOOL, version, List.of(TapsetFormat.LOG_STAP));
        if (!refused.isEmpty() || loaded.status() != Main.EXIT_OK) {
            report(refused, err);
            return Main.EXIT_PROBLEMS;
        }
        return Main.EXIT_OK;
    }
}
