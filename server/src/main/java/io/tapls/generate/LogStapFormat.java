package io.tapls.generate;

import io.tapls.tracetool.TracetoolEvent;

import io.tapls.traceevents.TraceEvent;
import java.util.List;

/**
 * format/log_stap.py: a {@code PFX.log.name} alias per enabled event that prints the event as the log
 * backend would, {@code pid@timestamp name formatted-args}. String arguments are read from user space
 * first (at most 512 bytes, "&lt;null&gt;" for NULL).
 */
public final class LogStapFormat {
    private LogStapFormat() {
    }

    public static String generate(List<TraceEvent> events, GenerateOptions options) {
        String prefix = options.requirePrefix();
        StringBuilder out = new StringBuilder(64 + events.size() * 320);
        Header.append(out, options.version());
        out.append('\n');
        for (TraceEvent source : events) {
            TracetoolEvent e = TracetoolEvent.of(source, options.version());
            if (e.disabled()) {
                continue;
            }
            String fmt;
            try {
                fmt = CFormatToStap.convert(e.format());
            } catch (CFormatToStap.UnsupportedFormatException ex) {
                throw new GenerationException(ex.getMessage(), source);
            }
            out.append("probe ").append(prefix).append(".log.").append(e.name()).append(" = ").append(prefix)
                    .append('.').append(e.name()).append(" ?\n{\n");
            for (TracetoolEvent.Arg a : e.args()) {
                if (a.isString()) {
                    UserStrings.appendUserString(out, a.stapName());
                }
            }
            out.append("    printf(\"%d@%d ").append(e.name()).append(' ').append(fmt)
                    .append("\\n\", pid(), gettimeofday_ns()");
            for (TracetoolEvent.Arg a : e.args()) {
                String n = a.stapName();
                out.append(", ");
                if (a.isString()) {
                    out.append("arg").append(n).append("_str");
                } else {
                    out.append(n);
                }
            }
            out.append(")\n}\n");
        }
        out.append('\n');
        return out.toString();
    }
}
