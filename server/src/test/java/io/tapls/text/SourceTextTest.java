package io.tapls.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Lines split as Python's universal newlines split them ("\r\n", "\r", "\n"), on random texts. */
class SourceTextTest {
    /** The line starts, one character at a time: the plain reading of universal newlines. */
    private static List<Integer> reference(String s) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                i++;
                starts.add(i + 1);
            } else if (c == '\r' || c == '\n') {
                starts.add(i + 1);
            }
        }
        return starts;
    }

    @Test
    void linesAreUniversalNewlines() {
        String[] pieces = {"\r", "\n", "\r\n", "a", "bc", "é", "😀", "\n\r", " "};
        Random r = new Random(7);
        for (int k = 0; k < 20_000; k++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(12);
            for (int i = 0; i < n; i++) {
                b.append(pieces[r.nextInt(pieces.length)]);
            }
            String s = b.toString();
            SourceText t = new SourceText(s);
            List<Integer> expected = reference(s);
            assertEquals(expected.size(), t.lineCount(), s);
            for (int line = 0; line < expected.size(); line++) {
                assertEquals((int) expected.get(line), t.lineStart(line), s);
            }
            for (int off = 0; off <= s.length(); off++) {
                assertEquals(s.codePointCount(t.lineStart(t.lineOf(off)), Math.min(off, s.length())) + 1,
                        t.displayColumn(off), s + " at " + off);
            }
        }
    }

    /** Long texts, read a block of 8,192 characters at a time: a "\r\n" across two blocks is one line break. */
    @Test
    void lineBreaksAcrossBlocks() {
        String[] pieces = {"\r", "\n", "\r\n", "a", "é", "😀"};
        Random r = new Random(11);
        for (int k = 0; k < 200; k++) {
            StringBuilder b = new StringBuilder("x".repeat(8_190 + r.nextInt(4)));
            int n = 1 + r.nextInt(8_200);
            for (int i = 0; i < n; i++) {
                b.append(pieces[r.nextInt(pieces.length)]);
            }
            String s = b.toString();
            SourceText t = new SourceText(s);
            List<Integer> expected = reference(s);
            assertEquals(expected.size(), t.lineCount());
            for (int line = 0; line < expected.size(); line++) {
                assertEquals((int) expected.get(line), t.lineStart(line), "line " + line);
            }
        }
    }
}
