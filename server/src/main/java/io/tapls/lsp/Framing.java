package io.tapls.lsp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The client's bytes as lsp4j reads them, LSP's base protocol checked first: header blocks are read here, and only a
 * message with a valid {@code Content-Length} reaches lsp4j, as {@code Content-Length: N\r\n\r\n} and its N bytes,
 * passed through as they come. A header block without one (a line that is no header, a length that is not a number)
 * is skipped with one line on stderr, and reading goes on at the next block. lsp4j keeps a header line, and the whole
 * block for its error message, in memory however long they grow: a client that wrote anything but LSP (a file piped
 * in, a gigabyte without a newline) grew the server by 5 GB and left it answering nothing (ProtocolAbuseIT). Here a
 * header line is kept up to {@link #MAX_LINE} bytes, the rest of it read and dropped; nothing else is kept.
 */
final class Framing extends InputStream {
    /** LSP's headers are two short lines; a longer one is no header. */
    static final int MAX_LINE = 4 << 10;

    private final InputStream in;
    private final Consumer<String> log;
    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private boolean lineTooLong;
    /** The header given to lsp4j for the current message, and how much of it was read. */
    private byte[] header = new byte[0];
    private int headerRead;
    /** Bytes of the current message's body still to pass through. */
    private long body;

    Framing(InputStream in, Consumer<String> log) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
        this.log = log;
    }

    @Override
    public int read() throws IOException {
        while (true) {
            if (headerRead < header.length) {
                return header[headerRead++] & 0xff;
            }
            if (body > 0) {
                int c = in.read();
                if (c >= 0) {
                    body--;
                }
                return c;
            }
            if (!next()) {
                return -1;
            }
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (headerRead < header.length) {
                int n = Math.min(len, header.length - headerRead);
                System.arraycopy(header, headerRead, b, off, n);
                headerRead += n;
                return n;
            }
            if (body > 0) {
                int n = in.read(b, off, (int) Math.min(len, body));
                if (n > 0) {
                    body -= n;
                }
                return n;
            }
            if (!next()) {
                return -1;
            }
        }
    }

    @Override
    public int available() throws IOException {
        return headerRead < header.length ? header.length - headerRead : body > 0 ? (int) Math.min(body,
                in.available()) : 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads header blocks up to one with a valid Content-Length and makes it the current message; false at the end. */
    private boolean next() throws IOException {
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
                        valid &= length >= 0 && length <= Integer.MAX_VALUE; // lsp4j reads an int
                    } catch (NumberFormatException e) {
                        valid = false;
                    }
                } else if (colon <= 0) {
                    valid = false; // "name: value", as HTTP's headers are
                }
            }
            if (valid && length >= 0) {
                header = ("Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                headerRead = 0;
                body = length;
                return true;
            }
            log.accept("skipped a message whose header has no valid Content-Length: " + excerpt(first));
        }
    }

    /**
     * Reads one line, up to its LF, into {@link #line} without its line end (CRLF, or LF alone); what a line holds
     * beyond {@link #MAX_LINE} bytes is read and dropped. False at the end of the input.
     */
    private boolean readLine() throws IOException {
        lineLength = 0;
        lineTooLong = false;
        int c = in.read();
        if (c < 0) {
            return false;
        }
        while (c >= 0 && c != '\n') {
            if (lineLength < MAX_LINE) {
                line[lineLength++] = (byte) c;
            } else {
                lineTooLong = true;
            }
            c = in.read();
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
