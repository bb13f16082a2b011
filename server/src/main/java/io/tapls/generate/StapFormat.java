package io.tapls.generate;

import io.tapls.tracetool.TracetoolEvent;

import io.tapls.traceevents.TraceEvent;
import java.util.List;

/**
 * format/stap.py: one alias per enabled event, binding the SDT marker of the binary to named variables.
 * <pre>
 * probe PFX.name = process("BINARY").mark("name")
 * {
 *   arg = $arg1;
 * }
 * </pre>
 */
public final class StapFormat {
    private StapFormat() {
    }

    public static String generate(List<TraceEvent> events, GenerateOptions options) {
        String prefix = options.requirePrefix();
        String binary = options.requireBinary();
        StringBuilder out = new StringBuilder(64 + events.size() * 224);
        Header.append(out, options.version());
        out.append('\n');
        for (TraceEvent source : events) {
            TracetoolEvent e = TracetoolEvent.of(source, options.version());
            if (e.disabled()) {
                continue;
            }
            out.append("probe ").append(prefix).append('.').append(e.name()).append(" = process(\"").append(binary)
                    .append("\").mark(\"").append(e.name()).append("\")\n{\n");
            int i = 1;
            for (TracetoolEvent.Arg a : e.args()) {
                out.append("  ").append(a.stapName()).append(" = $arg").append(i++).append(";\n");
            }
            out.append("}\n");
        }
        out.append('\n');
        return out.toString();
    }
}
