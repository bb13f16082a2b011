package io.tapls.traceevents;

import io.tapls.text.Span;

/** A token of the format: a string literal, a macro name, whitespace, or anything else. */
public record FormatPiece(Kind kind, String text, Span span) {
    public FormatPiece shift(int delta) {
        return new FormatPiece(kind, text, span.shift(delta));
    }

    public enum Kind { STRING, UNTERMINATED_STRING, MACRO, WHITESPACE, OTHER }
}
