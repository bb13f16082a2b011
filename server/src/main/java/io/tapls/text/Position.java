package io.tapls.text;

/** A 0-based line and a 0-based column counted in UTF-16 code units, as LSP counts them. */
public record Position(int line, int character) {
}
