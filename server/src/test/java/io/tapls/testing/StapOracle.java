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

    /**
     * stap -p2 of one file, run in its directory by its file name (so that messages name it as the recordings do),
     * with -u when asked, and with only {@code library} on the tapset search path when not null (else Debian's):
     * stap's exit status and its primary error line, the cause rather than the "while resolving probe point" or
     * "while processing probe" line that wraps it, as server/src/test/stap/refresh-answers.sh records it.
     */
    public static Verdict p2Primary(Path file, boolean unoptimized, Path library) {
        List<String> cmd = new ArrayList<>(List.of(script().toString(), "--raw", "-g", "-p2"));
        if (unoptimized) {
            cmd.add("-u");
        }
        cmd.add(file.getFileName().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(file.toAbsolutePath().getParent().toFile());
        if (library != null) {
            pb.environment().put("SYSTEMTAP_TAPSET", library.toString());
        }
        Cli.Result r = Cli.run(pb, 120);
        String id = file.getFileName().toString();
        String pick = "";
        for (String line : r.stderr().split("\n")) {
            if (!line.matches("^(semantic error|parse error): .*")) {
                continue;
            }
            if (pick.isEmpty()) {
                pick = line;
            }
            if (!line.startsWith("semantic error: while processing ")
                    && !line.startsWith("semantic error: while resolving probe point")) {
                pick = line;
                break;
            }
        }
        pick = pick.replaceFirst(" at :(\\d+:\\d+)$", " at " + java.util.regex.Matcher.quoteReplacement(id) + ":$1");
        return new Verdict(r.exitCode() == 0, pick);
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

    /**
     * A tapset directory with only the library's macro files, which is what stap-oracle -p1 gives stap
     * (SYSTEMTAP_TAPSET): the macros expand, the library's .stp files are not parsed for every run.
     */
    public static synchronized Path macroLib() {
        Path root = Path.of("/usr/share/systemtap/tapset");
        Corpora.require(root, "Debian's systemtap-common");
        Path lib = Path.of("target", "stap-oracle", "stpm-lib").toAbsolutePath();
        if (!Files.isDirectory(lib)) {
            try (java.util.stream.Stream<Path> s = Files.walk(root)) {
                for (Path p : s.filter(p -> p.toString().endsWith(".stpm") && !p.toString().contains("/dyninst/"))
                        .toList()) {
                    Path to = lib.resolve(root.relativize(p));
                    Files.createDirectories(to.getParent());
                    Files.copy(p, to);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lib;
    }

    /** What stap printed for one run: its exit status, stdout (-p1: the parse tree) and stderr. */
    public record Run(int exitCode, String stdout, String stderr) {
        /** The first error line, picked as stap-oracle picks it for its TSV ("" when there is none). */
        public String firstError() {
            for (String line : stderr.split("\n")) {
                if (line.matches("^(parse error|semantic error|ERROR|Input file|usage error"
                        + "|WARNING: (macro )?tapset).*")) {
                    return line;
                }
            }
            return "";
        }

        /** The stderr lines that start with {@code prefix}. */
        public List<String> lines(String prefix) {
            return java.util.Arrays.stream(stderr.split("\n")).filter(l -> l.startsWith(prefix)).toList();
        }
    }

    /**
     * stap -p1 or -p2 of one file with script arguments ({@code stap FILE ARG...}), each passed as one word
     * (stap-oracle's STAP_ARGS splits on spaces). -p1 loads only the library's macros, -p2 the whole library,
     * as stap-oracle does; "--" keeps an argument such as "-1" from being read as an option.
     */
    public static Run withArguments(String pass, Path file, List<String> arguments) {
        List<String> cmd = new ArrayList<>(List.of(script().toString(), "--raw", "-g", pass, "--", file.toString()));
        cmd.addAll(arguments);
        Map<String, String> env = pass.equals("-p1") ? Map.of("SYSTEMTAP_TAPSET", macroLib().toString()) : Map.of();
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().putAll(env);
            Cli.Result r = Cli.run(pb, 600);
            return new Run(r.exitCode(), r.stdout(), r.stderr());
        } catch (UncheckedIOException e) {
            throw new AssertionError("cannot run stap-oracle: " + e.getMessage(), e);
        }
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
