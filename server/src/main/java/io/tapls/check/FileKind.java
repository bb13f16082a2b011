package io.tapls.check;

import java.nio.file.Path;

/** Which language a file is, by its name. */
public enum FileKind {
    TRACE_EVENTS, STAP, UNKNOWN;

    public static FileKind of(Path path) {
        Path fileName = path.getFileName();
        String name = fileName == null ? "" : fileName.toString();
        if (name.equals("trace-events") || name.equals("trace-events-all") || name.endsWith(".trace-events")) {
            return TRACE_EVENTS;
        }
        if (name.endsWith(".stp") || name.endsWith(".stpm")) {
            return STAP;
        }
        return UNKNOWN;
    }
}
