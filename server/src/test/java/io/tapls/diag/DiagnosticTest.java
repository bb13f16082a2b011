package io.tapls.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.tapls.text.Span;
import org.junit.jupiter.api.Test;

/** A diagnostic's message is plain text: control characters quoted from the input come out escaped. */
class DiagnosticTest {
    private static final Rule RULE = new Rule("r", Severity.ERROR, "test", "a rule");

    private static String message(String raw) {
        return Diagnostic.of(RULE, new Span(0, 1), raw).message();
    }

    @Test
    void controlCharactersAreEscapedAsPythonWritesThem() {
        assertEquals("unexpected '\\x00'", message("unexpected '\0'"));
        assertEquals("'\\x1b[31m' '\\r' '\\x7f' '\\x85'", message("'\u001b[31m' '\r' '\u007f' '\u0085'"));
    }

    @Test
    void lineFeedsTabsAndEverythingElseStay() {
        String stapMessage = "expected 'arch', 'kernel_v',\n             'runtime'\t\u00e9 \ud83d\ude00";
        assertEquals(stapMessage, message(stapMessage));
        String plain = "format '%x' expects 'unsigned int'";
        assertSame(plain, message(plain), "no copy when there is nothing to escape");
    }
}
