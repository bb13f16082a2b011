package io.tapls.traceevents;

import io.tapls.text.Span;

/** A word before the event name, such as "disable". */
public record Property(String name, Span span) {
    public Property shift(int delta) {
        return new Property(name, span.shift(delta));
    }
}
