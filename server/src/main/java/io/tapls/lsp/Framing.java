package io.tapls.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * LSP's base protocol read from the client's bytes: header blocks, then each message's body, which
 * {@link MessageReader} hands to lsp4j's JSON reading. A header block without a valid {@code Content-Length} (a
 * line that is no header, a length that is not a number) is skipped with one line said about it, and reading goes
 * on at the next block. A header line is kept up to {@link #MAX_LINE} bytes, the rest of it read and dropped:
 * lsp4j kept a header line, and the whole block for its error message, in memory however long they grew (a
 * client that wrote anything but LSP grew the server by 5 GB and left it answering nothing, ProtocolAbuseIT).
 *
 * <p>A body is passed on as it comes (a 50 MB didOpen is never held here), while a small scanner follows its JSON
 * structure (strings, nesting) to catch a {@code Content-Length} larger than the body: the bytes after the body
 * are then the client's next messages, and read as body they would be lost, and the server would wait for bytes
 * that never come while the client waits for its answer. The body ends early, and the message is
 * {@linkplain #finish() reported} misframed, when
 * <ul>
 * <li>a header line ({@code Content-Length: N} and its line end) starts outside a JSON string: a {@code C} there
 * is never JSON, so an honest length never ends a body that way; reading goes on at that header;</li>
 * <li>the body's JSON value is complete, bytes of its declared length are still missing, and none comes for
 * {@code quietMillis}: a client waiting for its answer will send nothing more (an honest client sends the whole
 * length at once, and only whitespace may follow the JSON in it);</li>
 * <li>the input ends.</li>
 * </ul>
 */
final class Framing {
    /** LSP's headers are two short lines; a longer one is no header. */
    static final int MAX_LINE = 4 << 10;
    /** How far a header line is looked at inside a body: {@code Content-Length: } and up to 19 digits. */
    private static final int LOOKAHEAD = 128;
    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.US_ASCII);

    private final InputStream in;
    private final Consumer<String> log;
    private final long quietMillis;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private boolean lineTooLong;

    /** The current message: its Content-Length, the body bytes not yet read, and why it ended early (or null). */
    private long declared;
    private long left;
    private String misframed;
    /** The scanner's state in the current body's JSON. */
    private boolean inString;
    private boolean escaped;
    private int depth;
    private boolean complete;
    private final Body body = new Body();

    Framing(InputStream in, Consumer<String> log, long quietMillis) {
        this.in = in;
        this.log = log;
        this.quietMillis = quietMillis;
    }

    /**
     * Reads header blocks up to one with a valid Content-Length and makes its message the current one, whose body
     * {@link #body()} reads; false at the end of the input.
     */
    boolean next() throws IOException {
        while (true) {
            long length = -1;
            boolean valid = true;
            String first = null;
            while (true) {
                if (!readLine()) {
                    if (first != null) {
                        log.accept("the input ended inside a message's header: " + excerpt(first));
                    }
                    return false;
                }
                String text = new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
                if (text.isEmpty() && !lineTooLong) {
                    if (first == null) {
                        continue; // a blank line between messages: not LSP, but harmless
                    }
                    break;
                }
                if (first == null) {
                    first = text;
                }
                int colon = text.indexOf(':');
                if (lineTooLong) {
                    valid = false;
                } else if (colon > 0 && text.substring(0, colon).strip().equalsIgnoreCase("Content-Length")) {
                    try {
                        length = Long.parseLong(text.substring(colon + 1).strip());
                        valid &= length >= 0 && length <= Integer.MAX_VALUE; // as lsp4j reads it: an int
                    } catch (NumberFormatException e) {
                        valid = false;
                    }
                } else if (colon <= 0) {
                    valid = false; // "name: value", as HTTP's headers are
                }
            }
            if (valid && length >= 0) {
                declared = length;
                left = length;
                misframed = null;
                inString = false;
                escaped = false;
                depth = 0;
                complete = false;
                return true;
            }
            log.accept("skipped a message whose header has no valid Content-Length: " + excerpt(first));
        }
    }

    /** The current message's Content-Length. */
    long declared() {
        return declared;
    }

    /** The current message's body: its bytes as they came, up to its Content-Length or where it ends early. */
    InputStream body() {
        return body;
    }

    /**
     * Reads what the JSON reader left of the current body (bytes after its JSON) and says why the message was
     * cut short, or null when its Content-Length was right.
     */
    String finish() throws IOException {
        byte[] rest = new byte[8 << 10];
        while (body.read(rest, 0, rest.length) >= 0) {
            // dropped: the JSON reader has said what it found wrong with them
        }
        return misframed;
    }

    private final class Body extends InputStream {
        private final byte[] one = new byte[1];

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (left == 0 || misframed != null) {
                return -1;
            }
            if (pos == limit) {
                if (complete && !bytesCome()) {
                    misframed = "its JSON ended at byte " + (declared - left) + " and nothing more came within "
                            + quietMillis + " ms";
                    return -1;
                }
                if (!fill()) {
                    misframed = "the input ended at byte " + (declared - left) + " of it";
                    return -1;
                }
            }
            // Kept short of the buffer's end, so that a header found here can be looked at whole (peek compacts).
            int n = (int) Math.min(Math.min(len, left), Math.min(limit - pos, buf.length - LOOKAHEAD));
            int header = scan(n);
            if (header >= 0) {
                misframed = "another message's header starts at byte " + (declared - left + header) + " of it";
                n = header;
                if (n == 0) {
                    return -1;
                }
            }
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            left -= n;
            return n;
        }

        @Override
        public int available() {
            return left == 0 || misframed != null ? 0 : (int) Math.min(left, limit - pos);
        }
    }

    /**
     * Follows the JSON of the next {@code n} buffered bytes; returns the offset of a header line that starts outside
     * a string, or -1.
     */
    private int scan(int n) throws IOException {
        int o = 0;
        while (o < n) {
            if (inString) {
                if (escaped) {
                    escaped = false;
                    o++;
                    continue;
                }
                // Most of a big body is the text of a string: only a quote or a backslash matters there.
                int i = pos + o;
                int end = pos + n;
                byte c = 0;
                while (i < end && (c = buf[i]) != '"' && c != '\\') {
                    i++;
                }
                o = i - pos;
                if (o < n) {
                    if (c == '\\') {
                        escaped = true;
                    } else {
                        inString = false;
                    }
                    o++;
                }
                continue;
            }
            switch (buf[pos + o]) {
                case '"' -> inString = true;
                case '{', '[' -> {
                    depth++;
                    complete = false;
                }
                case '}', ']' -> {
                    if (depth > 0 && --depth == 0) {
                        complete = true;
                    }
                }
                case 'C', 'c' -> {
                    if (headerAt(o)) {
                        return o;
                    }
                }
                default -> {
                }
            }
            o++;
        }
        return -1;
    }

    /** Whether {@code Content-Length:}, a number and a line end start at offset {@code o} from {@link #pos}. */
    private boolean headerAt(int o) throws IOException {
        int k = 0;
        for (byte expected : CONTENT_LENGTH) {
            int c = ahead(o, k++);
            if (c < 0 || Character.toLowerCase(c) != expected) {
                return false;
            }
        }
        int c = ahead(o, k++);
        while (c == ' ' || c == '\t') {
            c = ahead(o, k++);
        }
        if (c != ':') {
            return false;
        }
        c = ahead(o, k++);
        while (c == ' ' || c == '\t') {
            c = ahead(o, k++);
        }
        int digits = 0;
        while (c >= '0' && c <= '9') {
            digits++;
            c = ahead(o, k++);
        }
        while (digits > 0 && (c == ' ' || c == '\t')) {
            c = ahead(o, k++);
        }
        return digits > 0 && (c == '\r' || c == '\n');
    }

    /** The byte {@code k} after offset {@code o}, looked at no further than {@link #LOOKAHEAD}; -1 past that. */
    private int ahead(int o, int k) throws IOException {
        return k < LOOKAHEAD ? peek(o + k) : -1;
    }

    /** Waits up to {@link #quietMillis} for the client's next bytes; false when none came. */
    private boolean bytesCome() throws IOException {
        long deadline = System.nanoTime() + quietMillis * 1_000_000;
        while (in.available() == 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** At least one byte buffered, reading if none is; false at the end of the input. */
    private boolean fill() throws IOException {
        if (pos < limit) {
            return true;
        }
        pos = 0;
        limit = 0;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        limit = n;
        return true;
    }

    /** The byte {@code k} after {@link #pos} ({@code k < buf.length}), read as needed; -1 at the end of the input. */
    private int peek(int k) throws IOException {
        while (pos + k >= limit) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                return -1;
            }
            limit += n;
        }
        return buf[pos + k] & 0xff;
    }

    /**
     * Reads one line, up to its LF, into {@link #line} without its line end (CRLF, or LF alone); what a line holds
     * beyond {@link #MAX_LINE} bytes is read and dropped. False at the end of the input.
     */
    private boolean readLine() throws IOException {
        lineLength = 0;
        lineTooLong = false;
        if (!fill()) {
            return false;
        }
        while (fill()) {
            byte c = buf[pos++];
            if (c == '\n') {
                break;
            }
            if (lineLength < MAX_LINE) {
                line[lineLength++] = c;
            } else {
                lineTooLong = true;
            }
        }
        if (!lineTooLong && lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
        }
        return true;
    }

    private static String excerpt(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < 80; i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return "\"" + out + (s.length() > 80 ? "...\"" : "\"");
    }
}
