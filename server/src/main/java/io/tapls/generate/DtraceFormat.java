package io.tapls.generate;

import io.tapls.tracetool.ReservedWords;
import io.tapls.tracetool.TracetoolEvent;

import io.tapls.traceevents.TraceEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * format/d.py: the dtrace provider, input of {@code dtrace -h} and {@code dtrace -G}. Empty (0 bytes)
 * when no event is enabled. QEMU 7.2 wrote no blank line between the header and {@code provider qemu {}.
 */
public final class DtraceFormat {
    private DtraceFormat() {
    }

    public static String generate(List<TraceEvent> events, GenerateOptions options) {
        List<TracetoolEvent> enabled = new ArrayList<>(events.size());
        for (TraceEvent source : events) {
            TracetoolEvent e = TracetoolEvent.of(source, options.version());
            if (!e.disabled()) {
                enabled.add(e);
            }
        }
        if (enabled.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(64 + enabled.size() * 128);
        Header.append(out, options.version());
        if (options.version().writesSpdxHeader()) {
            out.append('\n');
        }
        out.append("provider qemu {\n\n");
        for (TracetoolEvent e : enabled) {
            out.append("probe ").append(e.name()).append('(');
            boolean first = true;
            for (TracetoolEvent.Arg a : e.args()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(dtraceType(a.type())).append(' ').append(ReservedWords.dtraceEscape(a.name()));
            }
            out.append(");\n\n");
        }
        out.append("};\n");
        return out.toString();
    }

    /** The replacements d.py makes, in its order (the darwin-only ones are not made). */
    static String dtraceType(String type) {
        if (type.indexOf("long long") < 0) {
            return type;
        }
        return type.replace("unsigned long long", "uint64_t").replace("signed long long", "int64_t")
                .replace("long long", "int64_t");
    }
}
