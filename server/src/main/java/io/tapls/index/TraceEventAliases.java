package io.tapls.index;

import io.tapls.traceevents.QemuVersion;
import io.tapls.traceevents.TraceEvent;
import io.tapls.traceevents.TraceEventsFile;
import io.tapls.tracetool.EventProbes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The index entries of the aliases QEMU's tracetool generates from a trace-events file for a probe prefix,
 * as {@link EventProbes} describes them: {@code PFX.EVENT}, {@code PFX.log.EVENT} and
 * {@code PFX.simpletrace.EVENT}, with the variables each body assigns.
 */
public final class TraceEventAliases {
    private TraceEventAliases() {
    }

    public static List<TapsetIndex.AliasEntry> of(TraceEventsFile file, String prefix, QemuVersion version) {
        List<TapsetIndex.AliasEntry> out = new ArrayList<>();
        for (TraceEvent e : file.events()) {
            if (e.isDisabled() || e.name().isEmpty()) {
                continue;
            }
            EventProbes probes = EventProbes.of(e, prefix, version);
            Map<String, String> base = new LinkedHashMap<>();
            Set<String> pointers = new LinkedHashSet<>();
            for (EventProbes.Variable v : probes.baseVariables()) {
                base.put(v.name(), v.stapType().word());
                if (v.string()) {
                    pointers.add(v.name());
                }
            }
            // Like the generated bodies, the log and simpletrace aliases assign only their own variables;
            // the base alias's come through their point (TapsetIndex.variables follows it).
            String where = file.name();
            out.add(new TapsetIndex.AliasEntry(probes.base(), List.of(probes.basePoint()), false, base, pointers,
                    null, where, true, null, null));
            out.add(new TapsetIndex.AliasEntry(probes.log(), List.of(probes.base() + "?"), false,
                    types(probes.logVariables()), Set.of(), null, where, true, null, null));
            out.add(new TapsetIndex.AliasEntry(probes.simpletrace(), List.of(probes.base() + "?"), false,
                    types(probes.simpletraceVariables()), Set.of(), null, where, true, null, null));
        }
        return out;
    }

    private static Map<String, String> types(List<EventProbes.Variable> variables) {
        Map<String, String> out = new LinkedHashMap<>();
        for (EventProbes.Variable v : variables) {
            out.put(v.name(), v.stapType().word());
        }
        return out;
    }
}
