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

    // Written out, not generated: a record's generated equals/hashCode bootstraps method handles on its first
    // call (java.lang.runtime.ObjectMethods), some 35 ms of a cold CLI run for the first one (StartupIT).
    @Override
    public boolean equals(Object o) {
        return o instanceof Fix f && title.equals(f.title) && edits.equals(f.edits);
    }

    @Override
    public int hashCode() {
        return 31 * title.hashCode() + edits.hashCode();
    }
}
