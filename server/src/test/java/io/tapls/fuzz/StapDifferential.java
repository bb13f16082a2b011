package io.tapls.fuzz;

import io.tapls.cli.report.GccReporter;
import io.tapls.diag.Diagnostic;
import io.tapls.diag.FileReport;
import io.tapls.diag.Severity;
import io.tapls.text.SourceText;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Settings;
import io.tapls.workspace.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One .stp input through both sides: the real stap -p1 (../shared/tools/stap-oracle, with only the library's
 * macros, as its -p1 mode runs it) and tapls' pass-1 check (what {@code tapls check --syntax-only} reports), then
 * whether they agree: the same verdict and, where stap rejects the file, stap's first error line as the start
 * of tapls' first error and the same line and column where stap names one. Every input also goes through
 * tapls' full check and its gcc rendering, which must not fail, must not report an internal error, and must
 * keep every range inside the text.
 */
final class StapDifferential {
    /** Debian's library: stap-oracle -p1 gives stap its macros (*.stpm), and so does tapls. */
    static final Path LIBRARY = Path.of("/usr/share/systemtap/tapset");

    private final Workspace syntax;
    private final Workspace full;
    private final Path oracle;
    private final Path macroLib;

    /**
     * @param oracle   stap-oracle, or null for a tapls-only run (the regression corpus without stap)
     * @param macroLib a directory holding only the library's *.stpm files (StapOracle.macroLib())
     */
    StapDifferential(Path oracle, Path macroLib) {
        this.oracle = oracle;
        this.macroLib = macroLib;
        this.syntax = new Workspace(List.of(), Settings.defaults().withSyntaxOnly(true)
                .withTapsets(List.of(LIBRARY), false).withScriptArguments(ARGUMENTS));
        this.full = new Workspace(List.of(), Settings.defaults().withTapsets(List.of(LIBRARY), false));
    }

    void shutdown() {
        syntax.shutdown();
        full.shutdown();
    }

    // ------------------------------------------------------------------ stap

    /**
     * The script arguments both sides are given ({@code stap FILE 1 x}): without them tapls cannot know what $1
     * and @1 paste in, and by design reports what follows them as warnings only.
     */
    static final List<String> ARGUMENTS = List.of("1", "x");

    /** stap -p1 on DIR/NAME, run in DIR so that its messages name the file as NAME. */
    StapAnswer stap(Path dir, String name) {
        List<String> cmd = new ArrayList<>(List.of(oracle.toString(), "--raw", "-g", "-p1", "--", name));
        cmd.addAll(ARGUMENTS);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.directory(dir.toFile());
        pb.environment().put("SYSTEMTAP_TAPSET", macroLib.toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            Path err = Files.createTempFile(dir, "stap", ".err");
            pb.redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                Files.deleteIfExists(err);
                return new StapAnswer(false, "(stap exit timeout)", 0, 0);
            }
            String stderr = new String(Files.readAllBytes(err), StandardCharsets.UTF_8);
            Files.deleteIfExists(err);
            return StapAnswer.of(p.exitValue(), stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ tapls

    /** tapls' pass-1 answer, positioned as stap positions it (columns in bytes, tabs one column). */
    StapAnswer tapls(String name, String text) {
        List<Diagnostic> ds = syntax.check(name, text, FileKind.STAP);
        SourceText st = new SourceText(text);
        for (Diagnostic d : ds) {
            if (d.severity() == Severity.ERROR) {
                String m = d.message();
                String first = m.startsWith("Input file") ? m : "parse error: " + m;
                int offset = d.span().start();
                int line = st.lineOf(offset);
                int column = st.text().substring(st.lineStart(line), Math.min(offset, text.length()))
                        .getBytes(StandardCharsets.UTF_8).length + 1;
                return new StapAnswer(false, first, line + 1, column);
            }
        }
        return StapAnswer.PASS;
    }

    /**
     * What is wrong with tapls' full check of the text and its gcc rendering, or null when nothing is: an
     * exception, an internal error, a range outside the text, or more than the time bound.
     */
    /**
     * stap's own pass-2 messages that start "internal error:" (elaborate.cxx's typeresolution_info), which tapls
     * repeats as stap words them: not an internal error of tapls.
     */
    private static final java.util.regex.Pattern STAP_INTERNAL_ERRORS = java.util.regex.Pattern.compile(
            "^internal error: (@entry is only valid in \\.return probes|unresolved symbol '|unsupported assignment"
                    + " operator |unresolved function call to ')");

    String robustness(String name, String text) {
        // the bound is on this thread's CPU time: wall time also counts the other jobs on a loaded machine and the
        // wait for the library's index on the first input
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = threads.getCurrentThreadCpuTime();
        List<Diagnostic> all = new ArrayList<>();
        try {
            all.addAll(syntax.check(name, text, FileKind.STAP));
            all.addAll(full.check(name, text, FileKind.STAP));
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            new GccReporter(false).report(List.of(new FileReport(name, new SourceText(text), all)),
                    new PrintStream(buf, true, StandardCharsets.UTF_8));
        } catch (RuntimeException | StackOverflowError e) {
            return "exception: " + e;
        }
        for (Diagnostic d : all) {
            if (d.message().contains("internal error") && !STAP_INTERNAL_ERRORS.matcher(d.message()).find()) {
                return "internal error: " + d.message();
            }
            if (d.span().start() < 0 || d.span().end() > text.length()) {
                return "range " + d.span() + " outside the text (" + text.length() + "): " + d.message();
            }
        }
        long ms = (threads.getCurrentThreadCpuTime() - t0) / 1_000_000;
        if (ms > 10_000) {
            return "took " + ms + " ms of CPU";
        }
        return null;
    }

    // ------------------------------------------------------------------ comparison

    /** Why the two answers disagree, or null when they agree (or stap has no verdict: it crashed). */
    static String disagreement(StapAnswer stap, StapAnswer tapls) {
        if (stap.crashed()) {
            return null;
        }
        if (stap.pass() != tapls.pass()) {
            return "verdict: stap " + stap + " / tapls " + tapls;
        }
        if (stap.pass()) {
            return null;
        }
        // "bad lexical cast" is stap's only error without the "parse error: " tapls puts before every message
        String mine = stap.error().startsWith("parse error: ") || stap.error().startsWith("Input file")
                ? tapls.error() : tapls.error().replaceFirst("^parse error: ", "");
        if (!mine.startsWith(stap.error().strip())) {
            return "message: stap " + stap + " / tapls " + tapls;
        }
        // stap shows a bad printf format at the token after the string, tapls at the string (docs/stap.md)
        boolean format = stap.error().endsWith("conversion specifier")
                || stap.error().endsWith("print format conversion");
        if (stap.line() > 0 && !format && (stap.line() != tapls.line() || stap.column() != tapls.column())) {
            return "position: stap " + stap + " / tapls " + tapls;
        }
        return null;
    }

    /** The kind of a disagreement, kept while minimising: which side fails, and stap's message. */
    static String kind(StapAnswer stap, StapAnswer tapls) {
        String d = disagreement(stap, tapls);
        return d == null ? null : d.substring(0, d.indexOf(':')) + "|" + stap.pass() + "|" + tapls.pass() + "|"
                + stap.error().replaceAll("'[^']*'", "''");
    }

    /**
     * A smaller input with a disagreement of the same kind: whole lines, then tokens, then characters removed
     * while the kind stays; at most {@code budget} stap runs.
     */
    String minimise(Path dir, String text, String kind, int budget) {
        int[] runs = {0};
        Predicate<String> keeps = candidate -> {
            if (runs[0]++ >= budget) {
                return false;
            }
            try {
                Path f = dir.resolve("min.stp");
                Files.writeString(f, candidate);
                StapAnswer s = stap(dir, "min.stp");
                return kind.equals(kind(s, tapls("min.stp", candidate)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException | StackOverflowError e) {
                return false; // a failure of tapls' own, minimised on its own
            }
        };
        return shrink(text, keeps);
    }

    /** A smaller input on which tapls fails the same way (the failure's text up to its first ':' or digit). */
    String minimiseFailure(String text, String failure) {
        String kind = failureKind(failure);
        Predicate<String> keeps = candidate -> {
            String f = robustness("min.stp", candidate);
            return f != null && failureKind(f).equals(kind);
        };
        return shrink(text, keeps);
    }

    private static String failureKind(String failure) {
        return failure.replaceAll("[0-9]+", "N").replaceAll("'[^']*'", "''");
    }

    /** Lines, then stap tokens, then characters removed while {@code keeps} holds. */
    static String shrink(String text, Predicate<String> keeps) {
        String best = Minimiser.chunks(split(text, "\n"), keeps);
        List<String> pieces = new ArrayList<>();
        for (StapMutator.Tok t : StapMutator.lex(best)) {
            pieces.add(t.before());
            pieces.add(t.text());
        }
        pieces.add(best.substring(String.join("", pieces).length()));
        best = Minimiser.chunks(pieces, keeps);
        return Minimiser.chunks(split(best, ""), keeps);
    }

    private static List<String> split(String s, String by) {
        List<String> out = new ArrayList<>();
        if (by.isEmpty()) {
            s.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
            return out;
        }
        int i = 0;
        while (i < s.length()) {
            int e = s.indexOf(by, i);
            int end = e < 0 ? s.length() : e + by.length();
            out.add(s.substring(i, end));
            i = end;
        }
        return out;
    }

    /** The recorded corpus: name → stap's answer. */
    static Map<String, StapAnswer> readAnswers(List<String> lines) {
        Map<String, StapAnswer> out = new java.util.LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            out.put(line.substring(0, tab), StapAnswer.parse(line.substring(tab + 1)));
        }
        return out;
    }
}
