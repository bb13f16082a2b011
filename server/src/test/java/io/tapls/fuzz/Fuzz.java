package io.tapls.fuzz;

import io.tapls.testing.StapOracle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * bench/fuzz's entry point: {@code Fuzz TARGET [--seconds N] [--seed S] [--jobs J] [--max N] [--out DIR]}, TARGET
 * one of stap, trace-events. Runs the differential fuzzer of the target against the real tool for the time
 * given and prints what it tried and where the tools disagreed. {@code Fuzz record} asks the real tools again
 * for their answers on the regression corpora (src/test/resources/fuzz) and rewrites them.
 */
public final class Fuzz {
    private Fuzz() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        String target = args[0];
        long seconds = 600;
        long seed = System.currentTimeMillis() % 100_000;
        int jobs = 2;
        int max = Integer.MAX_VALUE;
        Path out = Path.of("target", "fuzz");
        int minimise = 400;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Long.parseLong(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--jobs" -> jobs = Integer.parseInt(args[++i]);
                case "--max" -> max = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--minimise" -> minimise = Integer.parseInt(args[++i]);
                default -> usage();
            }
        }
        long t0 = System.nanoTime();
        List<String> summary = new ArrayList<>();
        switch (target) {
            case "stap" -> {
                StapDifferential diff = new StapDifferential(StapOracle.script(), StapOracle.macroLib());
                StapFuzz.Outcome o = StapFuzz.run(new StapFuzz.Config(seed, seconds, max, jobs, out.resolve("stap"),
                        minimise), diff);
                diff.shutdown();
                summary.add(String.format("stap -p1 vs tapls, seed %d: %d inputs (%d distinct) in %.0f s, %d accepted"
                        + " by stap, %d stap crashes (no verdict), %d disagreements, %d tapls failures", seed,
                        o.inputs(), o.distinct(), (System.nanoTime() - t0) / 1e9, o.stapAccepted(), o.stapCrashed(),
                        o.disagreements().size(), o.failures().size()));
                o.disagreements().forEach(d -> summary.add("  " + d));
                o.failures().forEach(d -> summary.add("  " + d));
            }
            case "trace-events" -> {
                TraceEventsFuzz.Outcome o = TraceEventsFuzz.run(new TraceEventsFuzz.Config(seed, seconds, max, jobs,
                        out.resolve("trace-events"), minimise));
                summary.add(String.format("tracetool vs tapls, seed %d: %d inputs (%d distinct) in %.0f s, %d accepted"
                        + " by tracetool, %d outputs compared, %d disagreements, %d tapls failures", seed,
                        o.inputs(), o.distinct(), (System.nanoTime() - t0) / 1e9, o.accepted(), o.outputsCompared(),
                        o.disagreements().size(), o.failures().size()));
                o.disagreements().forEach(d -> summary.add("  " + d));
                o.failures().forEach(d -> summary.add("  " + d));
            }
            case "record" -> {
                StapDifferential diff = new StapDifferential(StapOracle.script(), StapOracle.macroLib());
                StapFuzz.record(StapFuzz.CORPUS.toAbsolutePath(), diff);
                diff.shutdown();
                TraceEventsFuzz.record(TraceEventsFuzz.CORPUS.toAbsolutePath());
                summary.add("recorded the real tools' answers in " + StapFuzz.CORPUS + " and " + TraceEventsFuzz.CORPUS);
            }
            default -> usage();
        }
        summary.forEach(System.out::println);
        System.out.println("inputs and answers of the disagreements: " + out.toAbsolutePath());
        System.exit(0);
    }

    private static void usage() {
        System.err.println("usage: Fuzz stap|trace-events [--seconds N] [--seed S] [--jobs J] [--max N] [--out DIR]"
                + " [--minimise RUNS]");
        System.exit(2);
    }
}
