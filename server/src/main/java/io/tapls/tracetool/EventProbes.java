package io.tapls.tracetool;

import io.tapls.traceevents.QemuVersion;
import io.tapls.traceevents.TraceEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The three probe aliases tracetool's SystemTap formats define for one enabled event under one probe prefix
 * (spec/tracetool.md B.2-B.4), with the variables each body assigns:
 * <ul>
 * <li>{@code PFX.EVENT = process("BINARY").mark("EVENT")} (format/stap.py): every argument, {@code arg = $argN};</li>
 * <li>{@code PFX.log.EVENT = PFX.EVENT ?} (format/log_stap.py): {@code argNAME_str} for each string argument;</li>
 * <li>{@code PFX.simpletrace.EVENT = PFX.EVENT ?} (format/simpletrace_stap.py): {@code argNAME_str} and
 *     {@code argNAME_len} for each string argument.</li>
 * </ul>
 * A probe on the log or simpletrace alias also sees the base alias's variables, through its point.
 */
public record EventProbes(TracetoolEvent event, String prefix, String binary) {
    /** What a variable holds, as stap types it. */
    public enum StapType {
        LONG, STRING;

        /** stap's own word for the type. */
        public String word() {
            return this == LONG ? "long" : "string";
        }
    }

    /**
     * A variable an alias body assigns.
     *
     * @param name     the stap variable
     * @param stapType its type in stap
     * @param cType    the C type of the event argument it comes from
     * @param argument the argument it comes from ({@code __cpu} for the legacy implicit one)
     * @param string   true when it holds a C {@code char *} (the base alias's string arguments): stap sees a
     *                 {@code long} address that needs {@code user_string()}
     */
    public record Variable(String name, StapType stapType, String cType, String argument, boolean string) {
    }

    /** The aliases of an enabled event; the binary as meson installs it for the prefix. */
    public static EventProbes of(TraceEvent event, String prefix, QemuVersion version) {
        return new EventProbes(TracetoolEvent.of(event, version), prefix, ProbePrefix.binaryFor(prefix));
    }

    public String name() {
        return event.name();
    }

    /** {@code PFX.EVENT}, the alias of the SDT marker. */
    public String base() {
        return prefix + "." + event.name();
    }

    /** {@code PFX.log.EVENT}, the alias that prints the event's own format. */
    public String log() {
        return prefix + ".log." + event.name();
    }

    /** {@code PFX.simpletrace.EVENT}, the alias that writes a simpletrace record. */
    public String simpletrace() {
        return prefix + ".simpletrace." + event.name();
    }

    /** The base alias's point: {@code process("BINARY").mark("EVENT")}. */
    public String basePoint() {
        return "process(\"" + binary + "\").mark(\"" + event.name() + "\")";
    }

    /** The base alias's variables, {@code NAME = $argN} in order (the legacy {@code __cpu} first). */
    public List<Variable> baseVariables() {
        List<Variable> out = new ArrayList<>(event.args().size());
        for (TracetoolEvent.Arg a : event.args()) {
            if (a.name().isEmpty() && a.type().isEmpty()) {
                continue; // an argument tracetool cannot split: it refuses the whole file
            }
            out.add(new Variable(a.stapName(), StapType.LONG, a.type(), a.name(), a.isString()));
        }
        return out;
    }

    /** The log alias's own variables: {@code argNAME_str} per string argument. */
    public List<Variable> logVariables() {
        List<Variable> out = new ArrayList<>();
        for (TracetoolEvent.Arg a : event.args()) {
            if (a.isString()) {
                out.add(new Variable("arg" + a.stapName() + "_str", StapType.STRING, a.type(), a.name(), false));
            }
        }
        return out;
    }

    /** The simpletrace alias's own variables: {@code argNAME_str} and {@code argNAME_len} per string argument. */
    public List<Variable> simpletraceVariables() {
        List<Variable> out = new ArrayList<>();
        for (TracetoolEvent.Arg a : event.args()) {
            if (a.isString()) {
                out.add(new Variable("arg" + a.stapName() + "_str", StapType.STRING, a.type(), a.name(), false));
                out.add(new Variable("arg" + a.stapName() + "_len", StapType.LONG, a.type(), a.name(), false));
            }
        }
        return out;
    }
}
