package io.tapls.features;

import io.tapls.text.Span;

/** An outline entry: what it is, its name and a detail, its whole extent and the range of its name. */
public record DocumentSymbol(Kind kind, String name, String detail, Span span, Span selection) {
    /** What an entry is. */
    public enum Kind { EVENT, PROBE, ALIAS, FUNCTION, GLOBAL, PROVIDER, GROUP }
}
