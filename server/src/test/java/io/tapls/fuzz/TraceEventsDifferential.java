package io.tapls.fuzz;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tapls.cli.report.GccReporter;
import io.tapls.diag.Diagnostic;
import io.tapls.diag.FileReport;
import io.tapls.diag.Severity;
import io.tapls.generate.GenerateOptions;
import io.tapls.generate.Refusals;
import io.tapls.generate.TapsetFormat;
import io.tapls.generation.Generation;
import io.tapls.text.SourceText;
import io.tapls.traceevents.QemuVersion;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Settings;
import io.tapls.workspace.Workspace;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One trace-events input through both sides: QEMU's own tracetool (../shared/tools/tracetool, imported once by
 * src/test/fuzz/tracetool_batch.py) in its four formats, and tapls' generate (the engine behind
 * {@code tapls generate}) under both policies; then whether they agree: with {@code --tracetool-compat} the same
 * verdict for every format and byte-identical output where both succeed; by default (the strict policy) a
 * refusal wherever tracetool fails. Every input also goes through tapls' check and its gcc rendering, which must
 * not fail and must keep every range inside the text, and generate must succeed wherever check finds no error.
 */
final class TraceEventsDifferential {
    static final String BINARY = "/usr/bin/qemu-system-x86_64";
    static final String PREFIX = "qemu.system.x86_64";
    static final GenerateOptions OPTIONS = new GenerateOptions(QemuVersion.CURRENT, BINARY, PREFIX);

    /** One format's outcome: the output, or null when the tool failed ({@code last}: why, for people). */
    record Result(byte[] output, String last) {
        boolean ok() {
            return output != null;
        }

        /** For a refusal of tapls: the messages of the diagnostics that stopped it, without paths. */
        String why() {
            return last.replaceAll(".*?message=([^,\\]]*).*?(?=message=|$)", "$1; ");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result x && Arrays.equals(output, x.output);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(output);
        }

        @Override
        public String toString() {
            return ok() ? "ok (" + output.length + " bytes)" : "FAIL " + last;
        }
    }

    /** tracetool imported once in a Python process of its own; one per thread that asks. */
    static final class Tracetool implements AutoCloseable {
        private final Process process;
        private final Writer in;
        private final BufferedReader out;

        Tracetool(Path scripts, Path batch) {
            try {
                ProcessBuilder pb = new ProcessBuilder("python3", batch.toString(), scripts.toString());
                pb.environment().put("PYTHONDONTWRITEBYTECODE", "1"); // ../shared is read-only
                pb.environment().put("LC_ALL", "C.UTF-8"); // tracetool reads with the locale's encoding
                pb.environment().put("PYTHONHASHSEED", "0"); // "Unknown properties: a, b" orders a set
                pb.redirectError(ProcessBuilder.Redirect.INHERIT);
                process = pb.start();
                in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
                out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** tracetool's four outputs for one input file; {@code work} is a directory of the caller's own. */
        Map<TapsetFormat, Result> run(Path input, Path work) throws IOException {
            in.write(input + "\t" + work + "\n");
            in.flush();
            String line = out.readLine();
            if (line == null) {
                throw new IOException("tracetool_batch.py ended");
            }
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            Map<TapsetFormat, Result> answer = new LinkedHashMap<>();
            for (TapsetFormat f : TapsetFormat.values()) {
                JsonObject r = o.getAsJsonObject(f.id());
                boolean ok = r.get("rc").getAsInt() == 0;
                answer.put(f, new Result(ok ? Files.readAllBytes(work.resolve(f.id())) : null,
                        r.get("last").getAsString()));
            }
            return answer;
        }

        @Override
        public void close() {
            process.destroy();
        }
    }

    private final Workspace workspace = new Workspace(List.of(), Settings.defaults());

    void shutdown() {
        workspace.shutdown();
    }

    /** What tapls generate writes for one format under a policy (null output: refused). */
    static Result tapls(Path input, TapsetFormat format, Refusals.Policy policy) {
        return tapls(input, format, policy, OPTIONS);
    }

    static Result tapls(Path input, TapsetFormat format, Refusals.Policy policy, GenerateOptions options) {
        Generation.Generated g = Generation.generate(List.of(input), new Generation.Request(List.of(format),
                new Generation.Destination.Single(null), options, policy));
        if (g.stop() != null) {
            return new Result(null, g.stop().toString());
        }
        return new Result(g.outputs().get(0).bytes(), "");
    }

    /** tapls' answers under the tracetool-compatible policy, the one that must match tracetool exactly. */
    static Map<TapsetFormat, Result> taplsCompat(Path input) {
        Map<TapsetFormat, Result> out = new LinkedHashMap<>();
        for (TapsetFormat f : TapsetFormat.values()) {
            out.put(f, tapls(input, f, Refusals.Policy.TRACETOOL));
        }
        return out;
    }

    /** Why tapls and tracetool disagree on an input, or null when they agree. */
    static String disagreement(Path input, Map<TapsetFormat, Result> tracetool) {
        Map<TapsetFormat, Result> compat = taplsCompat(input);
        for (TapsetFormat f : TapsetFormat.values()) {
            Result t = tracetool.get(f);
            Result mine = compat.get(f);
            if (t.ok() && !mine.ok() && mine.last().contains("goes through Python's % formatting")) {
                // tracetool is the odd one: format/stap.py puts argument names through % twice, and for a name
                // such as "x%s" or "%(out_lineno)d" prints out()'s own mapping or line number; tapls refuses
                // (such a name is not a C identifier: the build fails anyway, invalid-argument-name)
                continue;
            }
            if (t.ok() != mine.ok()) {
                return f.id() + " verdict: tracetool " + t + " / tapls --tracetool-compat " + mine;
            }
            if (t.ok() && !t.equals(mine)) {
                return f.id() + " output differs";
            }
            if (!t.ok() && tapls(input, f, Refusals.Policy.STRICT).ok()) {
                return f.id() + ": tracetool fails (" + t.last() + ") but tapls generates by default";
            }
        }
        return null;
    }

    /** The kind of a disagreement, kept while minimising. */
    static String kind(String disagreement) {
        if (disagreement == null) {
            return null;
        }
        return disagreement.replaceAll("\\(\\d+ bytes\\)", "").replaceAll("Error at [^:]*:\\d+: ", "")
                .replaceAll("'[^']*'", "''").replaceAll("\\[.*", "");
    }

    /**
     * What is wrong with tapls' check of the text, its gcc rendering, or generate on a text check accepts; null
     * when nothing is.
     */
    String robustness(Path input, String name, String text) {
        List<Diagnostic> ds;
        try {
            ds = workspace.check(name, text, FileKind.TRACE_EVENTS);
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            new GccReporter(false).report(List.of(new FileReport(name, new SourceText(text), ds)),
                    new PrintStream(buf, true, StandardCharsets.UTF_8));
        } catch (RuntimeException | StackOverflowError e) {
            return "exception: " + e;
        }
        // the one-pass check of the CLI (in pieces, in parallel) finds what the model's check finds
        List<Diagnostic> whole = io.tapls.traceevents.TraceEventsChecker.check(
                io.tapls.traceevents.TraceEventsReader.read(name, text), QemuVersion.CURRENT);
        List<Diagnostic> onePass = io.tapls.traceevents.TraceEventsChecker.checkText(name, text, QemuVersion.CURRENT);
        if (!whole.equals(onePass)) {
            return "checkText differs from check(read): " + onePass + " / " + whole;
        }
        for (Diagnostic d : ds) {
            if (d.span().start() < 0 || d.span().end() > text.length()) {
                return "range " + d.span() + " outside the text (" + text.length() + "): " + d.message();
            }
        }
        boolean clean = ds.stream().noneMatch(d -> d.severity() == Severity.ERROR);
        if (clean && StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
            for (TapsetFormat f : TapsetFormat.values()) {
                Result g = tapls(input, f, Refusals.Policy.STRICT);
                if (!g.ok()) {
                    return "check reports no error but generate " + f.id() + " refuses: " + g.why();
                }
            }
        }
        return null;
    }

    /** Lines, then characters, removed while the disagreement keeps its kind. */
    static String minimise(String text, java.util.function.Predicate<String> keeps) {
        List<String> lines = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int e = i;
            while (e < text.length() && text.charAt(e) != '\n' && text.charAt(e) != '\r') {
                e++;
            }
            if (e < text.length()) {
                e += text.startsWith("\r\n", e) ? 2 : 1;
            }
            lines.add(text.substring(i, e));
            i = e;
        }
        String best = Minimiser.chunks(lines, keeps);
        List<String> chars = new ArrayList<>();
        best.codePoints().forEach(c -> chars.add(new String(Character.toChars(c))));
        return Minimiser.chunks(chars, keeps);
    }
}
