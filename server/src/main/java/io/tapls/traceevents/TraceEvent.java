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

    public boolean hasProperty(String property) {
        return properties.stream().anyMatch(p -> p.name().equals(property));
    }

    public boolean isDisabled() {
        return hasProperty("disable");
    }
}
