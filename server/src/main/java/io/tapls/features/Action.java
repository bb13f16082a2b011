package io.tapls.features;

import java.util.List;

/** A code action, free of LSP: what it is called, what kind it is, and the changes it makes to files. */
public record Action(String title, Kind kind, List<Change> changes) {
    /**
     * Where editors list it: QUICK_FIX with a diagnostic; REFACTOR rewrites code at a place; GENERATE adds code
     * or files from a place (an event's line); SOURCE works on the whole file.
     */
    public enum Kind { QUICK_FIX, REFACTOR, GENERATE, SOURCE }

    /** One change to one file. */
    public sealed interface Change permits Edit, Create {
        String path();
    }

    /** Replace a range of a file (an empty range inserts). */
    public record Edit(String path, Location range, String newText) implements Change {
    }

    /** Create a file with this content; {@code overwrite} only for an explicit regenerate. */
    public record Create(String path, String content, boolean overwrite) implements Change {
    }
}
