package io.tapls.features;

import io.tapls.text.Span;

/** An outline entry: a trace event, with its declaration and its name. */
public record DocumentSymbol(String name, String detail, Span span, Span selection) {
}
