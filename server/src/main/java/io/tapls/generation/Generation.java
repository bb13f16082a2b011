package io.tapls.generation;

import io.tapls.diag.FileReport;
import io.tapls.generate.GenerateOptions;
import io.tapls.generate.GenerationException;
import io.tapls.generate.InstallSet;
import io.tapls.generate.Refusals;
import io.tapls.generate.TapsetFormat;
import io.tapls.traceevents.QemuVersion;
import io.tapls.traceevents.TraceEvent;
import io.tapls.workspace.InputProblem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Generating tapsets and dtrace providers from trace-events inputs, as tracetool does, all in memory: which
 * inputs stop generation, which outputs there are and where they go, and their bytes. Nothing is written
 * here (see {@link GeneratedFiles}); nothing is printed: every way generation can stop is a {@link Stop}.
 */
public final class Generation {
    /** Where the outputs go. */
    public sealed interface Destination {
        /** One output (one format) of all the inputs, concatenated: to {@code file}, or standard output when null. */
        record Single(Path file) implements Destination {
        }

        /**
         * One output per input and format (a tracetool run each): {@code directory/<input's relative path>},
         * or {@code directory/<format>/<input's relative path>} for several formats.
         */
        record PerFile(Path directory) implements Destination {
        }

        /** Meson's install set ({@link InstallSet}) for the options' binary, of all the inputs, into directory. */
        record InstallSetIn(Path directory) implements Destination {
        }
    }

    /**
     * What to generate.
     *
     * @param formats     the formats (in order; one for {@link Destination.Single}); for
     *                    {@link Destination.InstallSetIn}, the install set's, see {@link #installSet}
     * @param destination where the outputs go
     * @param options     the dialect, binary and probe prefix
     * @param policy      which input errors stop generation
     */
    public record Request(List<TapsetFormat> formats, Destination destination, GenerateOptions options,
                          Refusals.Policy policy) {
        public Request {
            formats = List.copyOf(formats);
            if (formats.isEmpty()) {
                throw new IllegalArgumentException("no format to generate");
            }
            if (destination instanceof Destination.Single && formats.size() > 1) {
                throw new IllegalArgumentException("one output has one format");
            }
        }

        /** Meson's install set for the options' binary, into directory. */
        public static Request installSet(Path directory, GenerateOptions options, Refusals.Policy policy) {
            return new Request(InstallSet.forBinary(options.binary()).stream().map(InstallSet.Member::format).toList(),
                    new Destination.InstallSetIn(directory), options, policy);
        }
    }

    /** One output and its bytes; {@code target} is null for standard output. */
    public record Output(Path target, TapsetFormat format, byte[] bytes) {
        public boolean toStandardOutput() {
            return target == null;
        }
    }

    /** Why generation stopped before any output was produced. */
    public sealed interface Stop {
        /** Some input could not be read (a usage or I/O problem). */
        record Unreadable(List<InputProblem> problems) implements Stop {
            public Unreadable {
                problems = List.copyOf(problems);
            }
        }

        /**
         * The input has errors that stop generation (or a generator failed on an event, which is reported as
         * such an error on the event): the reports of the inputs concerned, and how many inputs were checked
         * in all (for the summary: "1 error ... in 4 files checked").
         */
        record Refused(List<FileReport> reports, int filesChecked) implements Stop {
            public Refused {
                reports = List.copyOf(reports);
            }
        }

        /** Two inputs given one by one would have their per-file outputs written to the same target. */
        record Collision(String first, String second, Path target) implements Stop {
        }

        /** A generator cannot work with the options given (no probe prefix, no binary). */
        record Unsupported(String message) implements Stop {
        }
    }

    /** The outputs in order, or why there are none: exactly one of the two is null. */
    public record Generated(List<Output> outputs, Stop stop) {
    }

    /** One output to produce, once planned. */
    private record Unit(Path target, TapsetFormat format, List<TraceEvent> events) {
    }

    private Generation() {
    }

    /** Reads the inputs given and generates from them (see {@link #generate(TraceEventsInputs.Loaded, Request)}). */
    public static Generated generate(List<Path> inputs, Request request) {
        return generate(TraceEventsInputs.load(inputs, request.options().version()), request);
    }

    /**
     * Generates from inputs already loaded: stops when some could not be read or the input has errors that
     * stop these formats ({@link #accept}), then plans the outputs and generates them, in parallel.
     */
    public static Generated generate(TraceEventsInputs.Loaded loaded, Request request) {
        Optional<Stop> refused = accept(loaded, request.policy(), request.options().version(), request.formats());
        if (refused.isPresent()) {
            return new Generated(null, refused.get());
        }
        List<Unit> units = new ArrayList<>();
        Stop collision = plan(loaded, request, units);
        if (collision != null) {
            return new Generated(null, collision);
        }
        Object[] results = Parallel.map(units.size(), i -> units.get(i).events().size(), i -> {
            Unit u = units.get(i);
            try {
                return u.format().generate(u.events(), request.options()).getBytes(StandardCharsets.UTF_8);
            } catch (GenerationException e) {
                return e;
            }
        });
        List<Output> outputs = new ArrayList<>(units.size());
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            if (results[i] instanceof GenerationException e) {
                TraceEventsInputs.Input in = e.event() == null ? null : loaded.inputOf(e.event());
                if (in == null) {
                    return new Generated(null, new Stop.Unsupported(e.getMessage()));
                }
                return new Generated(null, new Stop.Refused(List.of(new FileReport(in.shown(), in.file().text(),
                        List.of(Refusals.diagnosticFor(e, u.format())))), loaded.inputs().size()));
            }
            outputs.add(new Output(u.target(), u.format(), (byte[]) results[i]));
        }
        return new Generated(List.copyOf(outputs), null);
    }

    /**
     * Whether tracetool's generators of these formats can be given the inputs: empty when they can; else
     * why not, the unreadable inputs first.
     */
    public static Optional<Stop> accept(TraceEventsInputs.Loaded loaded, Refusals.Policy policy,
                                        QemuVersion version, List<TapsetFormat> formats) {
        if (!loaded.problems().isEmpty()) {
            return Optional.of(new Stop.Unreadable(loaded.problems()));
        }
        List<FileReport> refused = TraceEventsInputs.refusals(loaded.inputs(), policy, version, formats);
        return refused.isEmpty() ? Optional.empty()
                : Optional.of(new Stop.Refused(refused, loaded.inputs().size()));
    }

    /**
     * Whether tracetool's log-stap generator accepts the inputs (what {@code list} and {@code run} need): only
     * what tracetool itself refuses stops it. Empty when it does.
     */
    public static Optional<Stop> acceptForLogTapset(TraceEventsInputs.Loaded loaded, QemuVersion version) {
        return accept(loaded, Refusals.Policy.TRACETOOL, version, List.of(TapsetFormat.LOG_STAP));
    }

    /** Fills units with every output to produce; returns the collision that prevents it, or null. */
    private static Stop plan(TraceEventsInputs.Loaded loaded, Request request, List<Unit> units) {
        Destination destination = request.destination();
        if (destination instanceof Destination.InstallSetIn d) {
            List<TraceEvent> all = loaded.allEvents();
            for (InstallSet.Member m : InstallSet.forBinary(request.options().binary())) {
                // meson passes an empty --binary for log-stap and simpletrace-stap; they do not use it
                units.add(new Unit(d.directory().resolve(m.fileName()), m.format(), all));
            }
        } else if (destination instanceof Destination.PerFile d) {
            List<TapsetFormat> formats = request.formats();
            Map<Path, String> seen = new HashMap<>();
            for (TapsetFormat f : formats) {
                Path base = formats.size() > 1 ? d.directory().resolve(f.id()) : d.directory();
                for (TraceEventsInputs.Input in : loaded.inputs()) {
                    Path target = base.resolve(in.relative()).normalize();
                    String previous = seen.putIfAbsent(target, in.shown());
                    if (previous != null) {
                        units.clear();
                        return new Stop.Collision(previous, in.shown(), target);
                    }
                    units.add(new Unit(target, f, in.file().events()));
                }
            }
        } else if (destination instanceof Destination.Single d) {
            units.add(new Unit(d.file(), request.formats().get(0), loaded.allEvents()));
        }
        return null;
    }
}
