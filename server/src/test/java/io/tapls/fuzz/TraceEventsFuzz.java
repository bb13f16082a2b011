package io.tapls.fuzz;

import io.tapls.generate.TapsetFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The trace-events differential fuzzer: files generated from the format ({@link TraceEventsGenerator}, even
 * inputs) and mutants of the QEMU corpus ({@link TraceEventsMutator}, odd inputs), each compared between QEMU's
 * tracetool and tapls ({@link TraceEventsDifferential}). Input i of a run with seed S depends on (S, i) alone.
 * Disagreements are minimised and written, with tracetool's answers, to the output directory, ready for the
 * regression corpus (src/test/resources/fuzz/trace-events).
 */
final class TraceEventsFuzz {
    record Config(long seed, long seconds, int maxInputs, int jobs, Path out, int minimiseBudget) {
    }

    record Outcome(int inputs, int distinct, int accepted, int outputsCompared, List<String> disagreements,
                   List<String> failures) {
    }

    private record One(int index, String text, boolean accepted, int compared, String disagreement,
                       String failure) {
    }

    /** The regression corpus: src/test/resources/fuzz/trace-events, with tracetool's answers beside the inputs. */
    static final Path CORPUS = Path.of("src", "test", "resources", "fuzz", "trace-events");

    static Path scripts() {
        return io.tapls.testing.Corpora.require(io.tapls.testing.Corpora.shared().resolve("tools/tracetool/scripts"),
                "QEMU's tracetool (../shared/tools/tracetool)");
    }

    static Path batch() {
        return Path.of("src", "test", "fuzz", "tracetool_batch.py").toAbsolutePath();
    }

    static List<String> corpus() {
        Path root = io.tapls.testing.Corpora.shared().resolve("corpus/qemu");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            List<String> out = new ArrayList<>();
            for (Path p : s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith("trace-events")
                    && !p.toString().contains("/expected/")).sorted().toList()) {
                out.add(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String input(long seed, int index, List<String> corpus) {
        long s = StapFuzz.seedOf(seed, index);
        if (index % 2 == 0 || corpus.isEmpty()) {
            return TraceEventsGenerator.file(s);
        }
        SplittableRandom r = new SplittableRandom(s);
        return TraceEventsMutator.mutate(corpus.get(r.nextInt(corpus.size())), corpus.get(r.nextInt(corpus.size())),
                r.nextLong());
    }

    static Outcome run(Config c) throws Exception {
        List<String> corpus = corpus();
        Files.createDirectories(c.out());
        Path work = Files.createTempDirectory("tapls-fuzz-te");
        Path scripts = scripts();
        List<TraceEventsDifferential.Tracetool> oracles = Collections.synchronizedList(new ArrayList<>());
        ThreadLocal<TraceEventsDifferential.Tracetool> oracle = ThreadLocal.withInitial(() -> {
            TraceEventsDifferential.Tracetool t = new TraceEventsDifferential.Tracetool(scripts, batch());
            oracles.add(t);
            return t;
        });
        TraceEventsDifferential diff = new TraceEventsDifferential();
        long deadline = System.nanoTime() + c.seconds() * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(c.jobs());
        Set<Integer> distinct = new HashSet<>();
        List<String> disagreements = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> kinds = new LinkedHashMap<>();
        int inputs = 0;
        int accepted = 0;
        int compared = 0;
        long lastReport = System.nanoTime();
        try {
            List<Future<One>> window = new ArrayList<>();
            int next = 0;
            while (true) {
                while (System.nanoTime() < deadline && next < c.maxInputs() && window.size() < c.jobs() * 4) {
                    int i = next++;
                    window.add(pool.submit(() -> one(c.seed(), i, corpus, work, oracle.get(), diff)));
                }
                if (window.isEmpty()) {
                    break;
                }
                One o = window.remove(0).get();
                inputs++;
                distinct.add(o.text().hashCode());
                accepted += o.accepted() ? 1 : 0;
                compared += o.compared();
                if (o.failure() != null) {
                    String name = "crash-" + c.seed() + "-" + o.index() + ".trace-events";
                    String text = o.text();
                    if (failures.size() < 20) {
                        String kind = o.failure().replaceAll("[0-9]+", "N");
                        text = TraceEventsDifferential.minimise(text, t -> {
                            String f = robustnessOf(diff, work, t);
                            return f != null && f.replaceAll("[0-9]+", "N").equals(kind);
                        });
                    }
                    Files.writeString(c.out().resolve(name), text);
                    failures.add(name + ": " + o.failure());
                    System.out.println("FAILURE " + name + ": " + o.failure());
                }
                if (o.disagreement() != null) {
                    String kind = TraceEventsDifferential.kind(o.disagreement());
                    int seen = kinds.merge(kind, 1, Integer::sum);
                    String name = "te-" + c.seed() + "-" + o.index() + ".trace-events";
                    String text = o.text();
                    if (seen <= 2 && c.minimiseBudget() > 0) {
                        int[] runs = {0};
                        TraceEventsDifferential.Tracetool t = oracle.get();
                        text = TraceEventsDifferential.minimise(text, cand -> runs[0]++ < c.minimiseBudget()
                                && kind.equals(TraceEventsDifferential.kind(disagreementOf(t, work, cand))));
                    }
                    Path f = c.out().resolve(name);
                    Files.writeString(f, text);
                    String line = name + "\t" + o.disagreement();
                    disagreements.add(line);
                    Files.writeString(c.out().resolve("disagreements.txt"), line + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    System.out.println("DISAGREEMENT " + line);
                }
                if (System.nanoTime() - lastReport > 30_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.printf("trace-events: %d inputs (%d distinct), %d accepted by tracetool, %d "
                            + "disagreements, %d failures%n", inputs, distinct.size(), accepted, disagreements.size(),
                            failures.size());
                }
            }
        } finally {
            pool.shutdownNow();
            oracles.forEach(TraceEventsDifferential.Tracetool::close);
            diff.shutdown();
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return new Outcome(inputs, distinct.size(), accepted, compared, disagreements, failures);
    }

    private static String disagreementOf(TraceEventsDifferential.Tracetool t, Path work, String text) {
        try {
            Path dir = Files.createDirectories(work.resolve("min"));
            Path f = dir.resolve("trace-events");
            Files.writeString(f, text);
            return TraceEventsDifferential.disagreement(f, t.run(f, dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String robustnessOf(TraceEventsDifferential diff, Path work, String text) {
        try {
            Path dir = Files.createDirectories(work.resolve("min"));
            Path f = dir.resolve("trace-events");
            Files.writeString(f, text);
            return diff.robustness(f, "trace-events", text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static One one(long seed, int index, List<String> corpus, Path work,
                           TraceEventsDifferential.Tracetool tracetool, TraceEventsDifferential diff)
            throws IOException {
        String text = input(seed, index, corpus);
        Path dir = Files.createDirectories(work.resolve("w" + index));
        Path f = dir.resolve("trace-events");
        Files.writeString(f, text);
        Map<TapsetFormat, TraceEventsDifferential.Result> t = tracetool.run(f, dir);
        boolean accepted = t.values().stream().allMatch(TraceEventsDifferential.Result::ok);
        int compared = (int) t.values().stream().filter(TraceEventsDifferential.Result::ok).count();
        String disagreement;
        String failure;
        try {
            disagreement = TraceEventsDifferential.disagreement(f, t);
            failure = diff.robustness(f, "trace-events", text);
        } catch (RuntimeException | StackOverflowError e) {
            disagreement = null;
            failure = "exception: " + e;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        return new One(index, text, accepted, compared, disagreement, failure);
    }

    // ------------------------------------------------------------------ the regression corpus

    static final Path RECORD_WORK = Path.of("target", "fuzz-record");

    static List<Path> corpusFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".trace-events")).sorted().toList();
        }
    }

    /**
     * Asks tracetool again for every input of the corpus: answers.tsv gets one line an input (NAME, then
     * FORMAT=0|1 for each format, then the last line tracetool printed when it failed), and NAME.FORMAT.out the
     * output of each format that succeeded.
     */
    static void record(Path dir) throws IOException {
        try (TraceEventsDifferential.Tracetool t = new TraceEventsDifferential.Tracetool(scripts(), batch())) {
            StringBuilder out = new StringBuilder("# tracetool's answers on the inputs of this directory"
                    + " (--backends=dtrace --group=all --binary " + TraceEventsDifferential.BINARY
                    + " --probe-prefix " + TraceEventsDifferential.PREFIX + "), recorded by bench/fuzz.sh record:\n"
                    + "# NAME<TAB>FORMAT=exit status for each format<TAB>the last line it printed on failure;"
                    + " NAME.FORMAT.out: the output\n");
            // a fixed place (under target/, from server/): tracetool's stap generator prints its output's path
            // for an argument name such as "y%s", which must not change from one recording to the next
            Path work = Files.createDirectories(RECORD_WORK.toAbsolutePath());
            try (Stream<Path> old = Files.list(dir)) {
                for (Path p : old.filter(p -> p.toString().endsWith(".out")).toList()) {
                    Files.delete(p);
                }
            }
            for (Path f : corpusFiles(dir)) {
                String name = f.getFileName().toString();
                Map<TapsetFormat, TraceEventsDifferential.Result> a = t.run(f, work);
                out.append(name);
                String last = "";
                for (TapsetFormat fmt : TapsetFormat.values()) {
                    TraceEventsDifferential.Result r = a.get(fmt);
                    out.append('\t').append(fmt.id()).append('=').append(r.ok() ? 0 : 1);
                    if (r.ok()) {
                        Files.write(dir.resolve(name.replace(".trace-events", "") + "." + fmt.id() + ".out"),
                                r.output());
                    } else if (last.isEmpty()) {
                        last = r.last().replace(f.toString(), name);
                    }
                }
                out.append('\t').append(last).append('\n');
            }
            Files.writeString(dir.resolve("answers.tsv"), out);
        }
    }

    /** The recorded answers: name → format → output (null: tracetool failed). */
    static Map<String, Map<TapsetFormat, TraceEventsDifferential.Result>> recorded(Path dir) throws IOException {
        Map<String, Map<TapsetFormat, TraceEventsDifferential.Result>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("answers.tsv"))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            Map<TapsetFormat, TraceEventsDifferential.Result> a = new LinkedHashMap<>();
            for (int i = 1; i <= TapsetFormat.values().length; i++) {
                String[] kv = f[i].split("=");
                TapsetFormat fmt = TapsetFormat.byId(kv[0]).orElseThrow();
                Path o = dir.resolve(f[0].replace(".trace-events", "") + "." + fmt.id() + ".out");
                a.put(fmt, new TraceEventsDifferential.Result(kv[1].equals("0") ? Files.readAllBytes(o) : null,
                        f[f.length - 1]));
            }
            out.put(f[0], a);
        }
        return out;
    }
}
