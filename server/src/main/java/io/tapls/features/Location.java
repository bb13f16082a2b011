package io.tapls.features;

import io.tapls.text.Position;
import io.tapls.text.SourceText;
import io.tapls.text.Span;

/** A range in some file (not necessarily an open document): its path and UTF-16 line/character positions. */
public record Location(String path, Position start, Position end) {
    static Location of(String path, SourceText text, Span span) {
        return new Location(path, text.position(span.start()), text.position(span.end()));
    }
}
