package io.tapls.tracetool;

import io.tapls.traceevents.Argument;
import io.tapls.traceevents.QemuVersion;
import io.tapls.traceevents.TraceEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * An event as tracetool's generators see it (scripts/tracetool/__init__.py Event): its (type, name) pairs and
 * raw format after the legacy 'vcpu' transformation (QEMU before 10.1: an implicit first argument
 * {@code void *__cpu} and a {@code "cpu=%p "} literal in front of the format). Generation, the tapset index,
 * {@code tapls list} and hovers all read events through this one class.
 */
public record TracetoolEvent(TraceEvent source, String name, boolean disabled, List<Arg> args, String format) {
    /** One argument; {@code source} is null for the implicit legacy {@code __cpu}. */
    public record Arg(String type, String name, Argument source) {
        /** tracetool's is_string() (backend/simple.py): {@code char *} or {@code const char *}, one star. */
        public boolean isString() {
            return source != null && source.isString();
        }

        /** The variable the stap formats bind it to: the name, with '_' after a SystemTap reserved word. */
        public String stapName() {
            return ReservedWords.stapEscape(name);
        }

        /** True for the implicit {@code __cpu} of a legacy 'vcpu' event. */
        public boolean implicitCpu() {
            return source == null;
        }
    }

    public static TracetoolEvent of(TraceEvent e, QemuVersion version) {
        List<Arg> args = new ArrayList<>(e.arguments().size() + 1); // not shared: no copy
        String fmt = e.format().raw();
        if (version.acceptsVcpu() && e.hasProperty("vcpu")) {
            args.add(new Arg("void *", "__cpu", null));
            fmt = "\"cpu=%p \"" + fmt;
        }
        for (Argument a : e.arguments()) {
            args.add(new Arg(a.type(), a.name(), a));
        }
        return new TracetoolEvent(e, e.name(), e.isDisabled(), args, fmt);
    }
}
