package io.tapls.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The .stp differential fuzzer: programs generated from the grammar ({@link StapGenerator}, even inputs) and
 * mutants of Debian's tapset library ({@link StapMutator}, odd inputs), each compared between stap -p1 and
 * tapls ({@link StapDifferential}). Input i of a run with seed S is a function of (S, i) alone: a failure is
 * reproduced by {@code --seed S --only i}. Disagreements are minimised and written to the output directory with
 * stap's answer, ready to be added to the regression corpus (src/test/resources/fuzz/stap).
 */
final class StapFuzz {
    record Config(long seed, long seconds, int maxInputs, int jobs, Path out, int minimiseBudget) {
    }

    record Outcome(int inputs, int distinct, int stapAccepted, int stapCrashed, List<String> disagreements,
                   List<String> failures) {
    }

    private record One(int index, String text, StapAnswer stap, StapAnswer tapls, String disagreement,
                       String failure) {
    }

    static long seedOf(long seed, int index) {
        return new SplittableRandom(seed * 1_000_003L + index).nextLong();
    }

    /** Input {@code index} of a run with this seed. */
    static String input(long seed, int index, List<String> library) {
        long s = seedOf(seed, index);
        if (index % 2 == 0 || library.isEmpty()) {
            return StapGenerator.program(s);
        }
        SplittableRandom r = new SplittableRandom(s);
        return StapMutator.mutate(library.get(r.nextInt(library.size())), library.get(r.nextInt(library.size())),
                r.nextLong());
    }

    static List<String> library() {
        if (!Files.isDirectory(StapDifferential.LIBRARY)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(StapDifferential.LIBRARY)) {
            List<String> out = new ArrayList<>();
            for (Path p : s.filter(p -> p.toString().endsWith(".stp")).sorted().toList()) {
                out.add(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Outcome run(Config c, StapDifferential diff) throws Exception {
        List<String> library = library();
        Files.createDirectories(c.out());
        Path work = Files.createTempDirectory("tapls-fuzz-stap");
        long deadline = System.nanoTime() + c.seconds() * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(c.jobs());
        Set<Integer> distinct = new HashSet<>();
        List<String> disagreements = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> kinds = new LinkedHashMap<>();
        int inputs = 0;
        int accepted = 0;
        int crashed = 0;
        long lastReport = System.nanoTime();
        try {
            List<Future<One>> window = new ArrayList<>();
            int next = 0;
            while (true) {
                boolean more = System.nanoTime() < deadline && next < c.maxInputs();
                while (more && window.size() < c.jobs() * 4) {
                    int i = next++;
                    window.add(pool.submit(() -> one(c.seed(), i, library, work, diff)));
                    more = next < c.maxInputs();
                }
                if (window.isEmpty()) {
                    break;
                }
                One o = window.remove(0).get();
                inputs++;
                distinct.add(o.text().hashCode());
                accepted += o.stap().pass() ? 1 : 0;
                crashed += o.stap().crashed() ? 1 : 0;
                if (o.failure() != null) {
                    String name = "crash-" + c.seed() + "-" + o.index() + ".stp";
                    String text = failures.size() < 20 ? diff.minimiseFailure(o.text(), o.failure()) : o.text();
                    Files.writeString(c.out().resolve(name), text);
                    failures.add(name + ": " + o.failure());
                    System.out.println("FAILURE " + name + ": " + o.failure());
                }
                if (o.disagreement() != null && o.failure() == null) {
                    String kind = StapDifferential.kind(o.stap(), o.tapls());
                    int seen = kinds.merge(kind, 1, Integer::sum);
                    String name = "stap-" + c.seed() + "-" + o.index() + ".stp";
                    String text = o.text();
                    if (seen <= 2 && c.minimiseBudget() > 0) {
                        Path mdir = Files.createTempDirectory(work, "min");
                        text = diff.minimise(mdir, text, kind, c.minimiseBudget());
                    }
                    Path f = c.out().resolve(name);
                    Files.writeString(f, text);
                    StapAnswer s = diff.stap(c.out(), name);
                    StapAnswer t = diff.tapls(name, text);
                    String line = name + "\t" + s.record() + "\t# tapls: " + t + " (" + o.disagreement() + ")";
                    disagreements.add(line);
                    Files.writeString(c.out().resolve("answers.tsv"), line + "\n", StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                    System.out.println("DISAGREEMENT " + name + ": " + o.disagreement());
                }
                if (System.nanoTime() - lastReport > 30_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.printf("stap: %d inputs (%d distinct), %d accepted by stap, %d disagreements, "
                            + "%d failures%n", inputs, distinct.size(), accepted, disagreements.size(), failures.size());
                }
            }
        } finally {
            pool.shutdownNow();
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return new Outcome(inputs, distinct.size(), accepted, crashed, disagreements, failures);
    }

    /** The regression corpus: the .stp files of src/test/resources/fuzz/stap, with stap's answers beside them. */
    static final Path CORPUS = Path.of("src", "test", "resources", "fuzz", "stap");

    /** The corpus's inputs, by name, in name order. */
    static List<Path> corpusFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".stp")).sorted().toList();
        }
    }

    /** Asks stap again for every input of the corpus and rewrites answers.tsv. */
    static void record(Path dir, StapDifferential diff) throws IOException {
        StringBuilder out = new StringBuilder("# stap -p1's answers on the inputs of this directory (script arguments 1 x),"
                + " recorded by bench/fuzz.sh record:\n# NAME<TAB>PASS, or NAME<TAB>FAIL<TAB>first error line<TAB>line:column"
                + " (0:0: none given)\n");
        for (Path f : corpusFiles(dir)) {
            out.append(f.getFileName()).append('\t').append(diff.stap(dir, f.getFileName().toString()).record())
                    .append('\n');
        }
        Files.writeString(dir.resolve("answers.tsv"), out);
    }

    private static One one(long seed, int index, List<String> library, Path work, StapDifferential diff)
            throws IOException {
        String text = input(seed, index, library);
        String name = "in" + index + ".stp";
        Path dir = Files.createDirectories(work.resolve("w" + (index % 64)));
        Files.writeString(dir.resolve(name), text);
        StapAnswer stap = diff.stap(dir, name);
        Files.deleteIfExists(dir.resolve(name));
        StapAnswer tapls;
        String failure;
        try {
            tapls = diff.tapls(name, text);
            failure = diff.robustness(name, text);
        } catch (RuntimeException | StackOverflowError e) {
            tapls = new StapAnswer(false, "(tapls threw " + e + ")", 0, 0);
            failure = "exception: " + e;
        }
        return new One(index, text, stap, tapls, StapDifferential.disagreement(stap, tapls), failure);
    }
}
