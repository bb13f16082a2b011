package io.tapls.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.tapls.generation.Generation;
import io.tapls.generation.LogProbes;
import io.tapls.generation.TraceEventsInputs;
import io.tapls.tracetool.EventProbes;
import io.tapls.tracetool.ProbePrefix;
import io.tapls.traceevents.QemuVersion;
import io.tapls.traceevents.TraceEvent;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the log probes the tapsets generated from trace-events files define, without root and"
                + " without stap: the offline 'qemu-trace-stap list'.",
            "Names are printed without the '<prefix>.log.' part, sorted, once per pattern, like qemu-trace-stap."
                + " Patterns are stap wildcards: '*' within a dot-separated component, '**' across them.",
            "Exit status: 0 found, 1 a pattern matched nothing or the input has errors, 2 usage or I/O error."})
final class ListCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BINARY|PREFIX", description = "A QEMU executable (qemu-system-x86_64,"
            + " /usr/bin/qemu-img) whose meson probe prefix to use, or a probe prefix (qemu.system.x86_64).")
    String target;

    @Parameters(index = "1..*", paramLabel = "PATTERN", description = "Probe name patterns (default: *).")
    List<String> patterns = new ArrayList<>();

    @Option(names = "--trace-events", paramLabel = "PATH", required = true, arity = "1..*",
            description = "trace-events files or directories (repeatable).")
    List<Path> traceEvents = new ArrayList<>();

    @Option(names = {"-l", "--long"}, description = "Also each probe's variables with their C types, and its format.")
    boolean longFormat;

    @Option(names = "--json", description = "A JSON array of probes with file, line, variables and format.")
    boolean json;

    @picocli.CommandLine.Mixin
    QemuVersionOption qemu = new QemuVersionOption();

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        QemuVersion version = qemu.version;
        String prefix = ProbePrefix.ofBinaryOrPrefix(target).orElse(null);
        if (prefix == null) {
            err.println("tapls: cannot derive a probe prefix from '" + target + "' (not a qemu-* executable)");
            return Main.EXIT_USAGE;
        }
        TraceEventsInputs.Loaded loaded = TraceEventsInputs.load(traceEvents, version);
        Optional<Generation.Stop> refused = Generation.acceptForLogTapset(loaded, version);
        if (refused.isPresent()) {
            int status = Problems.print(refused.get(), err);
            if (status == Main.EXIT_PROBLEMS) {
                err.println("tapls: tracetool would generate no tapset from this input");
            }
            return status;
        }
        LogProbes probes = LogProbes.of(loaded.inputs());
        if (patterns.isEmpty()) {
            patterns.add("*");
        }
        int status = Main.EXIT_OK;
        JsonArray array = new JsonArray();
        StringBuilder text = new StringBuilder();
        for (String pattern : patterns) {
            List<LogProbes.Probe> found = probes.matching(pattern);
            for (LogProbes.Probe p : found) {
                if (json) {
                    array.add(toJson(prefix, p, version));
                } else if (longFormat) {
                    text.append(longLine(p.event(), prefix, version)).append('\n');
                } else {
                    text.append(p.name()).append('\n');
                }
            }
            if (found.isEmpty()) {
                err.println("tapls: no probes match '" + prefix + ".log." + pattern + "'");
                status = Main.EXIT_PROBLEMS;
            }
        }
        if (json) {
            out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(array));
        } else {
            out.print(text);
        }
        out.flush();
        return status;
    }

    /** {@code name(type var, ...) "format"}, with the variable names the tapsets bind. */
    static String longLine(TraceEvent e, String prefix, QemuVersion version) {
        EventProbes probes = EventProbes.of(e, prefix, version);
        StringBuilder b = new StringBuilder(e.name()).append('(');
        List<EventProbes.Variable> vars = probes.baseVariables();
        for (int i = 0; i < vars.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            String type = vars.get(i).cType();
            b.append(type).append(type.endsWith("*") ? "" : " ").append(vars.get(i).name());
        }
        b.append(')');
        String fmt = probes.event().format();
        if (!fmt.isEmpty()) {
            b.append(' ').append(fmt);
        }
        return b.toString();
    }

    private static JsonObject toJson(String prefix, LogProbes.Probe p, QemuVersion version) {
        TraceEvent e = p.event();
        EventProbes probes = EventProbes.of(e, prefix, version);
        JsonObject o = new JsonObject();
        o.addProperty("name", e.name());
        o.addProperty("probe", probes.log());
        o.addProperty("file", p.input().shown());
        o.addProperty("line", e.line() + 1);
        JsonArray vars = new JsonArray();
        for (EventProbes.Variable v : probes.baseVariables()) {
            JsonObject a = new JsonObject();
            a.addProperty("name", v.name());
            a.addProperty("argument", v.argument());
            a.addProperty("type", v.cType());
            a.addProperty("string", v.string());
            vars.add(a);
        }
        o.add("variables", vars);
        o.addProperty("format", probes.event().format());
        return o;
    }
}
