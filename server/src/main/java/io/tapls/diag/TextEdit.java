package io.tapls.diag;

import io.tapls.text.Span;

/** Replace the text of a span. */
public record TextEdit(Span span, String newText) {
    public TextEdit shift(int delta) {
        return new TextEdit(span.shift(delta), newText);
    }
}
