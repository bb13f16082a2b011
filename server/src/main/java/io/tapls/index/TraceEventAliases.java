package io.tapls.index;

import io.tapls.traceevents.Argument;
import io.tapls.traceevents.TraceEvent;
import io.tapls.traceevents.TraceEventsFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The probe aliases QEMU's tracetool generates from a trace-events file for a probe prefix
 * (spec/tracetool.md B.2-B.4): {@code PFX.EVENT} (format stap), {@code PFX.log.EVENT} (log-stap) and
 * {@code PFX.simpletrace.EVENT} (simpletrace-stap), with the variables each defines.
 */
public final class TraceEventAliases {
    /** tracetool's stap_escape: these argument names get a trailing '_'. */
    static final Set<String> RESERVED = Set.of("break", "catch", "continue", "delete", "else", "for", "foreach",
            "function", "global", "if", "in", "limit", "long", "next", "probe", "return", "self", "string", "try",
            "while");

    /** The prefix meson gives an emulator binary: qemu-system-x86_64 → qemu.system.x86_64. */
    public static final String DEFAULT_PREFIX = "qemu.system.x86_64";

    private TraceEventAliases() {
    }

    public static String escape(String name) {
        return RESERVED.contains(name) ? name + "_" : name;
    }

    public static List<TapsetIndex.AliasEntry> of(TraceEventsFile file, String prefix, String binary) {
        List<TapsetIndex.AliasEntry> out = new ArrayList<>();
        for (TraceEvent e : file.events()) {
            if (e.isDisabled() || e.name().isEmpty()) {
                continue;
            }
            Map<String, String> base = new LinkedHashMap<>();
            Set<String> pointers = new LinkedHashSet<>();
            Map<String, String> log = new LinkedHashMap<>();
            Map<String, String> simple = new LinkedHashMap<>();
            for (Argument a : e.arguments()) {
                if (a.name().isEmpty() && a.type().isEmpty() || a.type().equals("void")) {
                    continue;
                }
                String n = escape(a.name());
                base.put(n, "long");
                if (a.isString()) {
                    pointers.add(n);
                }
            }
            // Like the generated bodies, the log and simpletrace aliases assign only their own variables;
            // the base alias's come through their point (TapsetIndex.variables follows it).
            for (Argument a : e.arguments()) {
                if (a.isString()) {
                    String n = escape(a.name());
                    log.put("arg" + n + "_str", "string");
                    simple.put("arg" + n + "_str", "string");
                    simple.put("arg" + n + "_len", "long");
                }
            }
            String name = prefix + "." + e.name();
            String where = file.name();
            out.add(new TapsetIndex.AliasEntry(name,
                    List.of("process(\"" + binary + "\").mark(\"" + e.name() + "\")"), false, base, pointers, null,
                    where, true, null, null));
            out.add(new TapsetIndex.AliasEntry(prefix + ".log." + e.name(), List.of(name + "?"), false, log, Set.of(),
                    null, where, true, null, null));
            out.add(new TapsetIndex.AliasEntry(prefix + ".simpletrace." + e.name(), List.of(name + "?"), false,
                    simple, Set.of(), null, where, true, null, null));
        }
        return out;
    }

    /** The binary meson installs for a prefix: qemu.system.x86_64 → /usr/bin/qemu-system-x86_64. */
    public static String binaryFor(String prefix) {
        return "/usr/bin/" + prefix.replace('.', '-').replace("qemu-user-", "qemu-");
    }
}
