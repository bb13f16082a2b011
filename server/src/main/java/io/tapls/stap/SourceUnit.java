package io.tapls.stap;

import io.tapls.text.SourceText;

/** A file whose tokens take part in a parse: the file itself, or a library macro file. */
public final class SourceUnit {
    public final String path;
    public final SourceText text;

    public SourceUnit(String path, String content) {
        this.path = path;
        this.text = new SourceText(content);
    }
}
