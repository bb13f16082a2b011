package io.tapls.workspace;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.InputRules;
import io.tapls.text.SourceText;
import io.tapls.text.Span;
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
        public static final String RULE = InputRules.ENCODING.id();

        @Override
        public String description() {
            return "the file is not valid UTF-8 (byte 0x" + String.format("%02x", offendingByte & 0xff)
                    + "); tracetool fails with UnicodeDecodeError";
        }

        /**
         * This problem as a diagnostic of the {@code encoding} rule, on the file's text as {@link TextFiles#read}
         * decodes it leniently: the offending byte is the one U+FFFD at {@code line}:{@code column}.
         */
        public Diagnostic toDiagnostic(SourceText text) {
            int lineIndex = Math.min(line - 1, text.lineCount() - 1);
            int start = text.lineStart(lineIndex);
            int end = text.lineContentEnd(lineIndex);
            int offset;
            try {
                offset = Math.min(text.text().offsetByCodePoints(start, column - 1), end);
            } catch (IndexOutOfBoundsException e) {
                offset = end;
            }
            int to = offset < text.length() ? offset + Character.charCount(text.text().codePointAt(offset)) : offset;
            return Diagnostic.of(InputRules.ENCODING, new Span(offset, to), description());
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
