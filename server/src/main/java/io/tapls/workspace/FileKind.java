package io.tapls.workspace;

import java.nio.file.Path;

/** Which language a file is written in. */
public enum FileKind {
    TRACE_EVENTS, STAP, UNKNOWN;

    /** By the file's name: trace-events, trace-events-all, *.trace-events; *.stp, *.stpm. */
    public static FileKind of(Path path) {
        Path fileName = path.getFileName();
        return ofName(fileName == null ? "" : fileName.toString());
    }

    /** By a file name (no directory). */
    public static FileKind ofName(String name) {
        if (name.equals("trace-events") || name.equals("trace-events-all") || name.endsWith(".trace-events")) {
            return TRACE_EVENTS;
        }
        if (name.endsWith(".stp") || name.endsWith(".stpm")) {
            return STAP;
        }
        return UNKNOWN;
    }

    /**
     * By the language id an editor gives a document: VS Code's and Neovim's {@code trace-events} and
     * {@code systemtap} (also {@code stp}, and {@code qemu-trace-events}); UNKNOWN for any other id.
     */
    public static FileKind ofLanguageId(String languageId) {
        if (languageId == null) {
            return UNKNOWN;
        }
        return switch (languageId) {
            case "trace-events", "qemu-trace-events" -> TRACE_EVENTS;
            case "systemtap", "stp", "stap" -> STAP;
            default -> UNKNOWN;
        };
    }
}
