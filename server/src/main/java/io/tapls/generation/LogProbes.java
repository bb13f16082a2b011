package io.tapls.generation;

import io.tapls.stap.ProbeGlob;
import io.tapls.traceevents.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The log probes ({@code PREFIX.log.NAME}) the tapsets generated from trace-events inputs define, by name:
 * what {@code qemu-trace-stap list} lists, without stap. Disabled events have none; when two inputs
 * declare the same name the first declaration wins, as stap keeps one alias per name.
 */
public final class LogProbes {
    /** One probe: its event, and the input that declares it. */
    public record Probe(TraceEvent event, TraceEventsInputs.Input input) {
        public String name() {
            return event.name();
        }
    }

    private final Map<String, Probe> byName;

    private LogProbes(Map<String, Probe> byName) {
        this.byName = byName;
    }

    /** The probes of these inputs' enabled events. */
    public static LogProbes of(List<TraceEventsInputs.Input> inputs) {
        Map<String, Probe> byName = new TreeMap<>();
        for (TraceEventsInputs.Input in : inputs) {
            for (TraceEvent e : in.file().events()) {
                if (!e.isDisabled()) {
                    byName.putIfAbsent(e.name(), new Probe(e, in));
                }
            }
        }
        return new LogProbes(byName);
    }

    /**
     * The probes whose names (without {@code PREFIX.log.}) match a stap wildcard pattern ({@link ProbeGlob}),
     * sorted by name.
     */
    public List<Probe> matching(String pattern) {
        Pattern glob = ProbeGlob.compile(pattern);
        List<Probe> out = new ArrayList<>();
        for (Map.Entry<String, Probe> p : byName.entrySet()) {
            if (glob.matcher(p.getKey()).matches()) {
                out.add(p.getValue());
            }
        }
        return out;
    }
}
