package io.tapls.stap;

import io.tapls.text.SourceText;

/** A file whose tokens take part in a parse: the file itself, or a library macro file. */
public final class SourceUnit {
    public final String path;
    public final String content;
    private SourceText text;

    public SourceUnit(String path, String content) {
        this.path = path;
        this.content = content;
    }

    /** The line index, built on first use (parsing needs only offsets). */
    public synchronized SourceText text() {
        if (text == null) {
            text = new SourceText(content);
        }
        return text;
    }
}
