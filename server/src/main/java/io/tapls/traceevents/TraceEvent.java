package io.tapls.traceevents;

import io.tapls.text.Span;
import java.util.List;

/**
 * One event line.
 *
 * @param line      0-based line
 * @param span      the line's content
 * @param junk      text after ')' that tracetool silently drops (it then has no format), or null
 */
public record TraceEvent(int line, Span span, String name, Span nameSpan, List<Property> properties,
                         Span argumentsSpan, List<Argument> arguments, FormatString format, Span junk) {
    public TraceEvent {
        properties = List.copyOf(properties);
        arguments = List.copyOf(arguments);
    }

    /** The same event moved by {@code delta} offsets, onto another line. */
    public TraceEvent shift(int delta, int toLine) {
        Property[] ps = new Property[properties.size()];
        for (int i = 0; i < ps.length; i++) {
            ps[i] = properties.get(i).shift(delta);
        }
        Argument[] as = new Argument[arguments.size()];
        for (int i = 0; i < as.length; i++) {
            as[i] = arguments.get(i).shift(delta);
        }
        return new TraceEvent(toLine, span.shift(delta), name, nameSpan.shift(delta), List.of(ps),
                argumentsSpan.shift(delta), List.of(as), format.shift(delta), junk == null ? null : junk.shift(delta));
    }

    public boolean hasProperty(String property) {
        return properties.stream().anyMatch(p -> p.name().equals(property));
    }

    public boolean isDisabled() {
        return hasProperty("disable");
    }
}
