package io.tapls.diag;

import io.tapls.text.Span;

/** Replace the text of a span. */
public record TextEdit(Span span, String newText) {
    public TextEdit shift(int delta) {
        return new TextEdit(span.shift(delta), newText);
    }

    // Written out, not generated: a record's generated equals/hashCode bootstraps method handles on its first
    // call (java.lang.runtime.ObjectMethods), some 35 ms of a cold CLI run for the first one (StartupIT).
    @Override
    public boolean equals(Object o) {
        return o instanceof TextEdit t && span.equals(t.span) && newText.equals(t.newText);
    }

    @Override
    public int hashCode() {
        return 31 * span.hashCode() + newText.hashCode();
    }
}
