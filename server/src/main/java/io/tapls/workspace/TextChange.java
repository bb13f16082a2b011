package io.tapls.workspace;

import io.tapls.text.Position;

/** One content change of an open document: a range replaced, or (range null) the whole text. */
public record TextChange(Position start, Position end, String text) {
    public static TextChange whole(String text) {
        return new TextChange(null, null, text);
    }
}
