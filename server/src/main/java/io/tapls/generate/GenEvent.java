package io.tapls.generate;

import io.tapls.traceevents.Argument;
import io.tapls.traceevents.QemuVersion;
import io.tapls.traceevents.TraceEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * An event as the generators see it: tracetool's (type, name) pairs and raw format, after the legacy
 * 'vcpu' transformation (QEMU before 10.1: an implicit first argument {@code void *__cpu} and a
 * {@code "cpu=%p "} literal in front of the format).
 */
record GenEvent(TraceEvent source, String name, boolean disabled, List<Arg> args, String format) {
    /** One argument; {@code source} is null for the implicit legacy {@code __cpu}. */
    record Arg(String type, String name, Argument source) {
        /** tracetool's is_string(), computed only by the formats that need it. */
        boolean isString() {
            return source != null && source.isString();
        }
    }

    static GenEvent of(TraceEvent e, QemuVersion version) {
        List<Arg> args = new ArrayList<>(e.arguments().size() + 1); // not shared: no copy
        String fmt = e.format().raw();
        if (version.acceptsVcpu() && e.hasProperty("vcpu")) {
            args.add(new Arg("void *", "__cpu", null));
            fmt = "\"cpu=%p \"" + fmt;
        }
        for (Argument a : e.arguments()) {
            args.add(new Arg(a.type(), a.name(), a));
        }
        return new GenEvent(e, e.name(), e.isDisabled(), args, fmt);
    }
}
