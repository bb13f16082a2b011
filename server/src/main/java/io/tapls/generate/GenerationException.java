package io.tapls.generate;

import io.tapls.traceevents.Argument;
import io.tapls.traceevents.TraceEvent;

/**
 * A generator cannot produce its output: a missing option (no probe prefix, no binary) or an event it
 * cannot translate (tracetool's log-stap raises on a format it cannot convert). {@code event} is the
 * culprit, or null when the problem is not one event's.
 */
public final class GenerationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient TraceEvent event;
    private final transient Argument argument;

    public GenerationException(String message) {
        this(message, null);
    }

    public GenerationException(String message, TraceEvent event) {
        this(message, event, null);
    }

    /** The generator fails on one argument of the event. */
    public GenerationException(String message, TraceEvent event, Argument argument) {
        super(message);
        this.event = event;
        this.argument = argument;
    }

    public TraceEvent event() {
        return event;
    }

    /** The argument the generator fails on, or null. */
    public Argument argument() {
        return argument;
    }
}
