package io.tapls.workspace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading a file the user gave as text, strictly: UTF-8 as tracetool (Python) reads it, so that a file
 * tracetool would fail on is a problem here too rather than text with replacement characters.
 */
public final class TextFiles {
    /**
     * A file's text, or why there is none. {@code problem} is null when the file was read; else {@code text} is
     * null, except for a file that is not UTF-8 ({@link InputProblem.NotUtf8}), whose text is then its lenient
     * decoding (U+FFFD for each malformed sequence, as editors show it): what its diagnostic is shown against,
     * and what is checked when the {@code encoding} rule is off.
     */
    public record Read(String text, InputProblem problem) {
        static Read of(String text) {
            return new Read(text, null);
        }

        static Read failed(InputProblem problem) {
            return new Read(null, problem);
        }
    }

    private TextFiles() {
    }

    /** Reads {@code file}; {@code shown} is how problems name it (the path as the user gave it). */
    public static Read read(Path file, String shown) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return Read.failed(new InputProblem.Unreadable(shown, Discovery.reason(e)));
        }
        try {
            return Read.of(decodeUtf8(bytes));
        } catch (CharacterCodingException e) {
            return new Read(new String(bytes, StandardCharsets.UTF_8), notUtf8(shown, bytes));
        }
    }

    /** The text of UTF-8 bytes; anything that is not UTF-8 is an error, not a replacement character. */
    public static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        // The String constructor's decoding (one pass, no intermediate char buffer: a quarter of the time on a
        // 14 MB file) puts U+FFFD for each malformed sequence; only a text that holds one, which valid UTF-8
        // may too, is decoded again strictly to tell which it is.
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        return strictDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** Where the first byte that is not UTF-8 is (bytes that are not UTF-8 somewhere). */
    static InputProblem.NotUtf8 notUtf8(String shown, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer decoded = CharBuffer.allocate(bytes.length + 1);
        strictDecoder().decode(in, decoded, true);
        int bad = Math.min(in.position(), bytes.length - 1);
        String before = decoded.flip().toString();
        int lineStart = before.lastIndexOf('\n') + 1;
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int column = before.codePointCount(lineStart, before.length()) + 1;
        return new InputProblem.NotUtf8(shown, line, column, bytes[bad] & 0xff);
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
