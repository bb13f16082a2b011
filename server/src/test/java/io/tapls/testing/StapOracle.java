package io.tapls.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Asks the real stap (../shared/tools/stap-oracle, pass 1) for its verdict on files. Results are cached
 * for the whole test run, so several tests can share one oracle run over a corpus.
 */
public final class StapOracle {
    /** PASS/FAIL and stap's first error line ("parse error: ...", "Input file ... is empty ..."). */
    public record Verdict(boolean pass, String firstError) {
    }

    private static final Map<Path, Verdict> CACHE = new ConcurrentHashMap<>();

    private StapOracle() {
    }

    public static Path script() {
        Corpora.require(Path.of("/usr/bin/stap"), "the real stap (Debian package systemtap)");
        return Corpora.require(Corpora.shared().resolve("tools/stap-oracle/stap-oracle"), "stap-oracle");
    }

    public static synchronized Map<Path, Verdict> p1(List<Path> files) {
        return run("-p1", files, CACHE);
    }

    private static final Map<Path, Verdict> CACHE2 = new ConcurrentHashMap<>();

    /** Pass 2 (elaboration) with the whole tapset library. */
    public static synchronized Map<Path, Verdict> p2(List<Path> files) {
        return run("-p2", files, CACHE2);
    }

    private static Map<Path, Verdict> run(String pass, List<Path> files, Map<Path, Verdict> cache) {
        List<Path> todo = files.stream().filter(f -> !cache.containsKey(f)).toList();
        for (int i = 0; i < todo.size(); i += 200) {
            List<Path> batch = todo.subList(i, Math.min(todo.size(), i + 200));
            List<String> cmd = new ArrayList<>();
            cmd.add(script().toString());
            cmd.add(pass);
            batch.forEach(p -> cmd.add(p.toString()));
            for (String line : run(cmd).split("\n")) {
                String[] f = line.split("\t", -1);
                if (f.length >= 5) {
                    cache.put(Path.of(f[3]), new Verdict(f[0].equals("PASS"), f[4]));
                }
            }
        }
        Map<Path, Verdict> out = new HashMap<>();
        for (Path f : files) {
            Verdict v = cache.get(f);
            if (v == null) {
                throw new AssertionError("stap-oracle gave no verdict for " + f);
            }
            out.put(f, v);
        }
        return out;
    }

    /**
     * Pass 2 of each file with only the given tapset library on stap's search path (SYSTEMTAP_TAPSET), answered as
     * the oracle's -p2 mode answers with Debian's: stap's exit status and its first error line. Not cached.
     */
    public static Map<Path, Verdict> p2WithLibrary(Path library, List<Path> files) {
        Map<Path, Verdict> out = new HashMap<>();
        for (Path f : files) {
            ProcessBuilder pb = new ProcessBuilder(script().toString(), "--raw", "-g", "-p2", f.toString());
            pb.environment().put("SYSTEMTAP_TAPSET", library.toString());
            Cli.Result r = Cli.run(pb, 120);
            String first = r.stderr().lines().filter(l -> FIRST_ERROR.matcher(l).lookingAt()).findFirst().orElse("");
            out.put(f, new Verdict(r.exitCode() == 0, first));
        }
        return out;
    }

    /** The lines stap-oracle takes as stap's first error. */
    private static final java.util.regex.Pattern FIRST_ERROR = java.util.regex.Pattern.compile(
            "(parse error|semantic error|ERROR|Input file|usage error|WARNING: (macro )?tapset)");

    /** Runs stap-oracle with other arguments (e.g. --raw --dump-probe-aliases) and returns stdout. */
    public static String raw(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(script().toString());
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /**
     * stap -p1's parse-tree dump of one file (stdout), with only the library macros loaded, as the oracle's
     * -p1 mode does: {@code macroLib} is a directory holding the library's *.stpm files.
     */
    public static String dumpP1(Path file, Path macroLib) {
        List<String> cmd = new ArrayList<>(List.of(script().toString(), "--raw", "-g", "-p1"));
        if (file.toString().contains("/bpf/")) {
            cmd.add("--runtime=bpf");
        }
        cmd.add(file.toString());
        return run(cmd, Map.of("SYSTEMTAP_TAPSET", macroLib.toString()));
    }

    private static String run(List<String> cmd) {
        return run(cmd, Map.of());
    }

    private static String run(List<String> cmd, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().putAll(env);
            Path err = Files.createTempFile("stap-oracle", ".err");
            pb.redirectError(err.toFile());
            pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("stap-oracle did not finish");
            }
            String stderr = Files.readString(err);
            Files.deleteIfExists(err);
            if (out.length == 0 && !stderr.isEmpty()) {
                System.err.println("stap-oracle " + cmd + ": " + stderr);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
