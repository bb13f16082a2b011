package io.tapls.workspace;

import java.nio.file.Path;
import java.util.Set;

/**
 * Why a path given to tapls (a command's argument, a file to generate from) could not be read, or gave
 * nothing to read. Each is one line of text for the user: {@link #path()} and {@link #description()};
 * {@link NotUtf8} also has a position.
 */
public sealed interface InputProblem {
    /** The path as the user gave it, or as it was found under a directory given. */
    String path();

    /** What went wrong, without the path. */
    String description();

    /** A file or directory that could not be read: missing, not permitted, ... */
    record Unreadable(String path, String reason) implements InputProblem {
        @Override
        public String description() {
            return reason;
        }
    }

    /**
     * A file that is not UTF-8 text: tracetool (Python, strict UTF-8) fails on it with UnicodeDecodeError.
     * {@code line} and {@code column} (1-based, in characters) are where the first offending byte is.
     */
    record NotUtf8(String path, int line, int column, int offendingByte) implements InputProblem {
        /** The rule id tapls reports this under. */
        public static final String RULE = "encoding";

        @Override
        public String description() {
            return "the file is not valid UTF-8 (byte 0x" + String.format("%02x", offendingByte & 0xff)
                    + "); tracetool fails with UnicodeDecodeError";
        }
    }

    /** A directory given that holds no file of the kinds looked for. */
    record NothingFound(Path directory, Set<FileKind> kinds) implements InputProblem {
        public NothingFound {
            kinds = Set.copyOf(kinds);
        }

        @Override
        public String path() {
            return directory.toString();
        }

        @Override
        public String description() {
            if (kinds.contains(FileKind.STAP)) {
                return kinds.contains(FileKind.TRACE_EVENTS)
                        ? kinds.contains(FileKind.PROVIDER)
                                ? "no trace-events, *.trace-events, *.stp, *.stpm or provider *.d files here"
                                : "no trace-events, *.trace-events, *.stp or *.stpm files here"
                        : "no *.stp or *.stpm files here";
            }
            return "no trace-events files in this directory";
        }
    }
}
