package io.tapls.generate;

import io.tapls.tracetool.TracetoolEvent;

import io.tapls.traceevents.TraceEvent;
import java.util.List;

/**
 * format/simpletrace_stap.py: a {@code PFX.simpletrace.name} alias per enabled event that writes a
 * simpletrace binary record. The event id is the index among ALL the events given, disabled ones
 * included, over all inputs concatenated.
 */
public final class SimpletraceStapFormat {
    private SimpletraceStapFormat() {
    }

    public static String generate(List<TraceEvent> events, GenerateOptions options) {
        String prefix = options.requirePrefix();
        StringBuilder out = new StringBuilder(64 + events.size() * 448);
        Header.append(out, options.version());
        out.append('\n');
        int eventId = -1;
        for (TraceEvent source : events) {
            eventId++;
            TracetoolEvent e = TracetoolEvent.of(source, options.version());
            if (e.disabled()) {
                continue;
            }
            out.append("probe ").append(prefix).append(".simpletrace.").append(e.name()).append(" = ").append(prefix)
                    .append('.').append(e.name()).append(" ?\n{\n");
            StringBuilder size = new StringBuilder("24");
            StringBuilder formats = new StringBuilder("%8b%8b%8b%4b%4b");
            StringBuilder values = new StringBuilder();
            for (TracetoolEvent.Arg a : e.args()) {
                String n = a.stapName();
                if (a.isString()) {
                    UserStrings.appendUserString(out, n);
                    out.append("    arg").append(n).append("_len = strlen(arg").append(n).append("_str)\n");
                    size.append(" + 4 + arg").append(n).append("_len");
                    formats.append("%4b%.*s");
                    values.append(", arg").append(n).append("_len, arg").append(n).append("_len, arg").append(n)
                            .append("_str");
                } else {
                    size.append(" + 8");
                    formats.append("%8b");
                    values.append(", ").append(n);
                }
            }
            out.append("    printf(\"").append(formats).append("\", 1, ").append(eventId).append(", gettimeofday_ns(), ")
                    .append(size).append(", pid()").append(values).append(")\n}\n");
        }
        out.append('\n');
        return out.toString();
    }
}
