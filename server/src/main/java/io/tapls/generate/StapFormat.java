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
                out.append("  ").append(percentFormatted(a, source)).append(" = $arg").append(i++).append(";\n");
            }
            out.append("}\n");
        }
        out.append('\n');
        return out.toString();
    }

    /**
     * format/stap.py builds the line "  NAME = $argN;" with Python's % and hands it to tracetool's out(), which
     * applies % again (with its out_lineno/out_filename mapping): a '%' in an argument name (which only a name
     * that is not a C identifier has) is a conversion there. "%%" becomes "%"; for anything else tapls refuses:
     * tracetool fails on most ("unsupported format character", "not enough arguments") and mangles the rest
     * ("%s" prints out()'s own mapping).
     */
    static String percentFormatted(TracetoolEvent.Arg a, TraceEvent source) {
        String name = a.stapName();
        if (name.indexOf('%') < 0) {
            return name;
        }
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%' && i + 1 < name.length() && name.charAt(i + 1) == '%') {
                b.append('%');
                i++;
            } else if (c == '%') {
                throw new GenerationException("argument name '" + name + "' goes through Python's % formatting in"
                        + " tracetool's stap generator, which fails on it or mangles it", source, a.source());
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
