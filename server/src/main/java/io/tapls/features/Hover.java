package io.tapls.features;

import io.tapls.traceevents.Argument;
import io.tapls.traceevents.Conversion;
import io.tapls.traceevents.TraceEvent;
import io.tapls.traceevents.TraceEventsFile;
import io.tapls.tracetool.EventProbes;
import io.tapls.tracetool.TracetoolEvent;
import io.tapls.workspace.Document;
import io.tapls.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hover in a trace-events file: over an event name, its declaration and what tracetool makes of it;
 * over an argument, the conversion that prints it; over a conversion, the argument it prints.
 */
public final class Hover {
    private Hover() {
    }

    public static Optional<HoverResult> hover(Workspace workspace, Document document, int offset) {
        TraceEventsFile file = document.traceEvents();
        if (file == null) {
            return Optional.empty();
        }
        TraceEvent event = file.eventAt(offset);
        if (event == null) {
            return Optional.empty();
        }
        List<Pairing> pairs = pair(event);
        // What tracetool makes of the event for the workspace's first probe prefix and QEMU version.
        EventProbes probes = EventProbes.of(event, workspace.probePrefixes().get(0),
                workspace.settings().qemuVersion());
        if (event.nameSpan().contains(offset)) {
            return Optional.of(new HoverResult(describeEvent(event, probes), event.nameSpan()));
        }
        List<TracetoolEvent.Arg> marker = probes.event().args();
        int shift = marker.size() - event.arguments().size(); // the legacy implicit __cpu comes first
        for (int i = 0; i < event.arguments().size(); i++) {
            Argument a = event.arguments().get(i);
            if (a.span().contains(offset) && !a.text().isEmpty()) {
                int n = i + shift + 1;
                StringBuilder md = new StringBuilder("```c\n").append(a.type());
                if (!a.type().endsWith("*")) {
                    md.append(' ');
                }
                md.append(a.name()).append("\n```\nargument ").append(i + 1).append(" of `").append(event.name())
                        .append("`, `").append(marker.get(n - 1).stapName()).append("` (`$arg").append(n)
                        .append("`) in SystemTap");
                if (a.isString()) {
                    md.append(" (a string: read it with `user_string_n($arg").append(n).append(", 512)`)");
                }
                for (Pairing p : pairs) {
                    if (p.argument() == i) {
                        md.append("\n\nprinted by `").append(p.conversion().spelling()).append('`');
                    }
                }
                return Optional.of(new HoverResult(md.toString(), a.span()));
            }
        }
        for (Pairing p : pairs) {
            if (p.conversion().span().contains(offset)) {
                String md;
                if (p.argument() < event.arguments().size()) {
                    Argument a = event.arguments().get(p.argument());
                    md = "`" + p.conversion().spelling() + "` prints argument " + (p.argument() + 1) + ", `" + a.name()
                            + "` (`" + a.type().trim() + "`)";
                } else {
                    md = "`" + p.conversion().spelling() + "` has no argument to print";
                }
                return Optional.of(new HoverResult(md, p.conversion().span()));
            }
        }
        return Optional.empty();
    }

    private static String describeEvent(TraceEvent e, EventProbes probes) {
        StringBuilder md = new StringBuilder("```c\n");
        for (var p : e.properties()) {
            md.append(p.name()).append(' ');
        }
        md.append(e.name()).append('(');
        List<String> args = new ArrayList<>();
        for (Argument a : e.arguments()) {
            args.add(a.text());
        }
        md.append(args.isEmpty() ? "void" : String.join(", ", args)).append(")\n```\n");
        if (!e.format().isEmpty()) {
            md.append("format: `").append(e.format().raw().trim()).append("`\n\n");
        }
        if (e.isDisabled()) {
            md.append("disabled: tracetool generates no probe for it\n\n");
        } else {
            md.append("C: `trace_").append(e.name()).append("(...)`; SystemTap: `").append(probes.base())
                    .append("`, `").append(probes.log()).append("`, `").append(probes.simpletrace()).append('`');
        }
        return md.toString();
    }

    /** Which argument (0-based) each value-printing conversion reads; '*' widths take one too. */
    record Pairing(Conversion conversion, int argument) {
    }

    static List<Pairing> pair(TraceEvent e) {
        List<Pairing> out = new ArrayList<>();
        int next = 0;
        for (Conversion c : e.format().conversions()) {
            if (c.argumentsConsumed() == 0) {
                continue;
            }
            next += c.argumentsConsumed() - 1;
            out.add(new Pairing(c, next++));
        }
        return out;
    }
}
