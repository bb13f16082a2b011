package io.tapls.features;

import io.tapls.text.Span;

/** Markdown to show, and the range it is about. */
public record HoverResult(String markdown, Span span) {
}
