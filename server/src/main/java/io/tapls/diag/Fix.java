package io.tapls.diag;

import java.util.List;

/** A suggested change that resolves a diagnostic. */
public record Fix(String title, List<TextEdit> edits) {
    public Fix {
        edits = List.copyOf(edits);
    }

    public Fix shift(int delta) {
        return new Fix(title, edits.stream().map(e -> e.shift(delta)).toList());
    }

    public static Fix replace(String title, io.tapls.text.Span span, String newText) {
        return new Fix(title, List.of(new TextEdit(span, newText)));
    }
}
