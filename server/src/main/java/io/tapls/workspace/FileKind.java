package io.tapls.workspace;

import io.tapls.provider.ProviderReader;
import java.nio.file.Path;

/**
 * Which language a file is written in. {@code *.d} names a DTrace provider file, a DTrace script or a D program:
 * the name says {@link #PROVIDER}, and {@link #byContent} keeps it only for a text that declares a provider.
 */
public enum FileKind {
    TRACE_EVENTS, STAP, PROVIDER, UNKNOWN;

    /** By the file's name: trace-events, trace-events-all, *.trace-events; *.stp, *.stpm; *.d. */
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
        if (name.endsWith(".d")) {
            return PROVIDER;
        }
        return UNKNOWN;
    }

    /**
     * A kind told by the name (or language id), confirmed by the text: a {@link #PROVIDER} whose text declares no
     * provider ({@link ProviderReader#declaresProvider}) is a D program or a DTrace script, {@link #UNKNOWN}.
     */
    public FileKind byContent(String text) {
        return this == PROVIDER && !ProviderReader.declaresProvider(text) ? UNKNOWN : this;
    }

    /**
     * By the language id an editor gives a document: VS Code's and Neovim's {@code trace-events} and
     * {@code systemtap} (also {@code stp}, and {@code qemu-trace-events}); {@code dtrace} and {@code d} (Vim's
     * and most editors' for {@code *.d}, a D program as often) say PROVIDER, to be confirmed by the text
     * ({@link #byContent}); UNKNOWN for any other id.
     */
    public static FileKind ofLanguageId(String languageId) {
        if (languageId == null) {
            return UNKNOWN;
        }
        return switch (languageId) {
            case "trace-events", "qemu-trace-events" -> TRACE_EVENTS;
            case "systemtap", "stp", "stap" -> STAP;
            case "dtrace", "d" -> PROVIDER;
            default -> UNKNOWN;
        };
    }
}
