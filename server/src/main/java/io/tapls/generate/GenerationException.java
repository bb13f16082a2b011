package io.tapls.generate;

import io.tapls.traceevents.TraceEvent;

/**
 * A generator cannot produce its output: a missing option (no probe prefix, no binary) or an event it
 * cannot translate (tracetool's log-stap raises on a format it cannot convert). {@code event} is the
 * culprit, or null when the problem is not one event's.
 */
public final class GenerationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient TraceEvent event;

    public GenerationException(String message) {
        this(message, null);
    }

    public GenerationException(String message, TraceEvent event) {
        super(message);
        this.event = event;
    }

    public TraceEvent event() {
        return event;
    }
}
