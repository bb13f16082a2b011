package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What lsp4j reads of the client's bytes: every message with a valid Content-Length, as it came, its header
 * rewritten to that one line; every other header block skipped with one line said about it, however long.
 */
class FramingTest {
    private final List<String> log = new ArrayList<>();

    private String through(String input) throws IOException {
        return through(input.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Every message as Framing gives it: its body read as the JSON reader reads it (in blocks), then finished, as
     * a "Content-Length: N" message of what was read; a message cut short is logged as "misframed: why".
     */
    private String through(byte[] input) throws IOException {
        Framing framing = new Framing(new ByteArrayInputStream(input), log::add, 50);
        StringBuilder out = new StringBuilder();
        byte[] buffer = new byte[7];
        while (framing.next()) {
            StringBuilder body = new StringBuilder();
            InputStream in = framing.body();
            for (int n = in.read(buffer, 0, buffer.length); n >= 0; n = in.read(buffer, 0, buffer.length)) {
                body.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
            String why = framing.finish();
            out.append(message(body.toString()));
            if (why != null) {
                log.add("misframed: " + why);
            }
        }
        return out.toString();
    }

    private static String message(String body) {
        return "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    @Test
    void validMessagesPassAsTheyCame() throws IOException {
        String a = message("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
        String b = message("{\"text\":\"Content-Length: 5\\r\\n\\r\\n\"}\r\n\r\n"); // a body that looks like a header
        assertEquals(a + b, through(a + b));
        assertEquals(a, through("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"
                + a.replace("Content-Length", "content-length")));
        assertEquals(a, through(a.replace("\r\n", "\n")), "LF alone ends a header line too");
        assertEquals(a + a, through("\r\n" + a + "\r\n\r\n" + a), "blank lines between messages");
        assertEquals(List.of(), log);
    }

    @Test
    void headersWithoutAValidLengthAreSkippedWithOneLineEach() throws IOException {
        String a = message("{}");
        assertEquals(a + a + a + a, through("Content-Type: x\r\n\r\n" + a + "no header at all\r\n\r\n" + a
                + "Content-Length: many\r\n\r\n" + a + "Content-Length: -1\r\n\r\nContent-Length: 2147483648\r\n\r\n"
                + a));
        assertEquals(List.of(
                "skipped a message whose header has no valid Content-Length: \"Content-Type: x\"",
                "skipped a message whose header has no valid Content-Length: \"no header at all\"",
                "skipped a message whose header has no valid Content-Length: \"Content-Length: many\"",
                "skipped a message whose header has no valid Content-Length: \"Content-Length: -1\"",
                "skipped a message whose header has no valid Content-Length: \"Content-Length: 2147483648\""), log);
    }

    @Test
    void aHeaderLineOfAnyLengthCostsNoMemoryAndIsSkipped() throws IOException {
        byte[] junk = new byte[64 << 20];
        java.util.Arrays.fill(junk, (byte) 0);
        byte[] tail = ("\r\n\r\n" + message("{}")).getBytes(StandardCharsets.US_ASCII);
        byte[] input = java.util.Arrays.copyOf(junk, junk.length + tail.length);
        System.arraycopy(tail, 0, input, junk.length, tail.length);
        assertEquals(message("{}"), through(input));
        assertEquals(1, log.size());
        assertTrue(log.get(0).endsWith(": \"" + "\\x00".repeat(20) + "...\""), log.get(0));
        assertTrue(log.get(0).length() < 300, log.get(0));
    }

    @Test
    void theEndOfTheInputEndsTheStreamWhereverItComes() throws IOException {
        assertEquals("", through("Content-Length: 5\r\n"));
        assertEquals(List.of("the input ended inside a message's header: \"Content-Length: 5\""), log);
        log.clear();
        assertEquals(message("[1,"), through("Content-Length: 9\r\n\r\n[1,"), "a body cut short");
        assertEquals(List.of("misframed: the input ended at byte 3 of it"), log);
    }

    /**
     * A Content-Length larger than the body: the next message's header, outside the body's JSON strings, ends the
     * body, and the next message is read from it; a complete JSON value followed by nothing ends it after a while.
     * An honest length never does, whatever the body holds in its strings, and whatever follows it.
     */
    @Test
    void aContentLengthLargerThanTheBodyEndsItAtTheNextHeader() throws IOException {
        String a = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"shutdown\"}";
        String b = message("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
        assertEquals(message(a) + b + b, through("Content-Length: 500\r\n\r\n" + a + b + b));
        assertEquals(message(a + "\r\n") + b, through("Content-Length: 500\r\n\r\n" + a + "\r\n"
                + b.replace("Content-Length", "content-length  ")));
        assertEquals(message(a), through("Content-Length: 500\r\n\r\n" + a));
        assertEquals(List.of("misframed: another message's header starts at byte " + a.length() + " of it",
                "misframed: another message's header starts at byte " + (a.length() + 2) + " of it",
                "misframed: its JSON ended at byte " + a.length() + " and nothing more came within 50 ms"), log);
        log.clear();
        // honest lengths: a header inside a string, "C" that is no header, a body of a gigabyte's length
        String inString = message("{\"text\":\"x\\\"}\\nContent-Length: 5\\r\\n\\r\\n\\\"Content-Length: 7\\n\"}");
        String notAHeader = message("{\"a\":1}Content-Length: x\r\n Contents ");
        assertEquals(inString + notAHeader + b, through(inString + notAHeader + b));
        assertEquals(List.of(), log);
    }
}
