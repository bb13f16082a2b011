package io.tapls.tracetool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names under which C code (and QEMU's Rust) uses an event, as tracetool generates them: what a call-site
 * search looks for and what renaming an event rewrites. {@code %s} is the event's name, {@code %S} the same
 * upper-cased (Python's {@code str.upper()}, ASCII for a C identifier).
 */
public enum CSpelling {
    /** The trace function every backend fires: format/h.py, Event.QEMU_TRACE. */
    CALL("trace_%s", true),
    /** The legacy {@code tcg} property's function (QEMU before 7.0; cleanup-trace-events.pl greps it). */
    TCG_CALL("trace_%s_tcg", true),
    /** The dtrace backend's probe macro, as backend/dtrace.py calls it (dtrace -h defines it). */
    DTRACE_CALL("QEMU_%S", true),
    /** The event's id, given to trace_event_get_state_backends() and trace_event_get_state() (trace/control.h). */
    ID("TRACE_%S", false),
    /** The compile-time state, format/h.py: {@code #define TRACE_FOO_ENABLED 1}. */
    STATIC_STATE("TRACE_%S_ENABLED", false),
    /** The backends' state, format/h.py (Event.QEMU_BACKEND_DSTATE). */
    BACKEND_STATE("TRACE_%S_BACKEND_DSTATE", false),
    /** The dynamic state variable, format/c.py (Event.QEMU_DSTATE). */
    DSTATE("_TRACE_%S_DSTATE", false),
    /** The TraceEvent object, format/c.py (Event.QEMU_EVENT). */
    EVENT("_TRACE_%S_EVENT", false),
    /** The Rust state function, format/rs.py (Event.QEMU_RUST_DSTATE). */
    ENABLED("trace_%s_enabled", false),
    /** The dtrace backend's state macro, backend/dtrace.py. */
    DTRACE_ENABLED("QEMU_%S_ENABLED", false);

    /** The words every spelling starts with: what a C scan must keep. */
    public static final List<String> PREFIXES = List.of("trace_", "TRACE_", "_TRACE_", "QEMU_");

    private final String pattern;
    private final boolean fires;

    CSpelling(String pattern, boolean fires) {
        this.pattern = pattern;
        this.fires = fires;
    }

    /** Whether using it fires the event (a call), rather than asking whether it is enabled. */
    public boolean fires() {
        return fires;
    }

    /** The identifier for an event's name. */
    public String of(String event) {
        return pattern.replace("%s", event).replace("%S", event.toUpperCase(Locale.ROOT));
    }

    /**
     * The event an identifier would name under this spelling, or null: {@code trace_foo_enabled} is
     * {@code foo_enabled} as a {@link #CALL} and {@code foo} as {@link #ENABLED}. An upper-cased spelling gives
     * the name in lower case (QEMU's event names are).
     */
    public String eventOf(String identifier) {
        int at = pattern.indexOf('%');
        String before = pattern.substring(0, at);
        String after = pattern.substring(at + 2);
        if (identifier.length() <= before.length() + after.length() || !identifier.startsWith(before)
                || !identifier.endsWith(after)) {
            return null;
        }
        String name = identifier.substring(before.length(), identifier.length() - after.length());
        if (pattern.charAt(at + 1) == 'S') {
            return name.equals(name.toUpperCase(Locale.ROOT)) ? name.toLowerCase(Locale.ROOT) : null;
        }
        return name;
    }

    /**
     * An event's spellings, identifier → kind, the call first. {@code tcg}: the event has the legacy tcg
     * property (its {@code trace_foo_tcg} is what code calls).
     */
    public static Map<String, CSpelling> of(String event, boolean tcg) {
        Map<String, CSpelling> out = new LinkedHashMap<>();
        for (CSpelling s : values()) {
            if (s != TCG_CALL || tcg) {
                out.putIfAbsent(s.of(event), s);
            }
        }
        return out;
    }
}
