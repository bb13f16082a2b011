package io.tapls.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An edited text's line index, updated around each change, is the one a scan of the whole new text makes: for
 * random replacements that join and split CRLFs, lone CRs and LFs, surrogate pairs, at the start, the end and
 * across lines (seeded).
 */
class SourceTextEditTest {
    private static final List<String> PIECES = List.of("", "a", "bc", "\n", "\r", "\r\n", "\n\r", "x\r", "\ny",
            "\uD83D\uDE00", "\uD83D", "\uDE00", "long line of text ", "\r\r\n\n");

    private static List<Integer> starts(SourceText t) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < t.lineCount(); i++) {
            out.add(t.lineStart(i));
        }
        return out;
    }

    @Test
    void incrementalLineStartsEqualAFullScan() {
        Random r = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder initial = new StringBuilder();
            for (int i = r.nextInt(12); i > 0; i--) {
                initial.append(PIECES.get(r.nextInt(PIECES.size())));
            }
            String expected = initial.toString();
            SourceText.Editor editor = new SourceText(expected).edit();
            for (int k = 1 + r.nextInt(5); k > 0; k--) {
                int start = r.nextInt(expected.length() + 1);
                int end = start + r.nextInt(expected.length() - start + 1);
                String with = PIECES.get(r.nextInt(PIECES.size())) + PIECES.get(r.nextInt(PIECES.size()));
                expected = expected.substring(0, start) + with + expected.substring(end);
                editor.replace(start, end, with);
                // an offset read between changes sees the text as edited so far
                Position p = new Position(r.nextInt(4), r.nextInt(6));
                assertEquals(new SourceText(expected).offset(p), editor.offset(p), expected + " at " + p);
            }
            SourceText edited = editor.done();
            SourceText scanned = new SourceText(expected);
            assertEquals(expected, edited.text());
            assertEquals(starts(scanned), starts(edited), "line starts of " + expected.replace("\r", "\\r")
                    .replace("\n", "\\n"));
            for (int o = 0; o <= expected.length(); o++) {
                assertEquals(scanned.displayColumn(o), edited.displayColumn(o));
            }
        }
    }
}
