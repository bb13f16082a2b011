package io.tapls.traceevents;

import io.tapls.text.Span;

/** A word before the event name, such as "disable". */
public record Property(String name, Span span) {
}
