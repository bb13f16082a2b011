package io.tapls.text;

import java.util.Arrays;

/**
 * The text of one file with an index of its lines. Line terminators are those of Python's universal
 * newlines (tracetool reads files that way): "\r\n", "\r" and "\n".
 */
public final class SourceText {
    private final String text;
    private final int[] lineStarts;
    private final boolean hasSurrogates;

    public SourceText(String text) {
        this.text = text;
        int[] starts = new int[16];
        int count = 1;
        boolean surrogates = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c > '\r') {
                surrogates |= c >= '\uD800' && c <= '\uDFFF';
                continue;
            }
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, count);
        this.hasSurrogates = surrogates;
    }

    public String text() {
        return text;
    }

    public int length() {
        return text.length();
    }

    /** Number of lines; a text ending in a terminator has an empty last line that is counted. */
    public int lineCount() {
        return lineStarts.length;
    }

    public int lineStart(int line) {
        return lineStarts[line];
    }

    /** Offset just past the line's content, before its terminator. */
    public int lineContentEnd(int line) {
        int end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length();
        while (end > lineStarts[line] && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return end;
    }

    public String lineContent(int line) {
        return text.substring(lineStarts[line], lineContentEnd(line));
    }

    /** True when the line has a terminator (only the last line can lack one). */
    public boolean lineTerminated(int line) {
        return line + 1 < lineStarts.length;
    }

    public String slice(Span span) {
        return text.substring(span.start(), span.end());
    }

    /** 0-based line containing the offset (an offset at a line's terminator belongs to that line). */
    public int lineOf(int offset) {
        int clamped = Math.max(0, Math.min(offset, text.length()));
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= clamped) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    public Position position(int offset) {
        int clamped = Math.max(0, Math.min(offset, text.length()));
        int line = lineOf(clamped);
        return new Position(line, clamped - lineStarts[line]);
    }

    /** Offset of an LSP position; positions past a line's end or the text's end are clamped. */
    public int offset(Position position) {
        if (position.line() < 0) {
            return 0;
        }
        if (position.line() >= lineStarts.length) {
            return text.length();
        }
        int start = lineStarts[position.line()];
        int end = lineContentEnd(position.line());
        return Math.max(start, Math.min(start + Math.max(0, position.character()), end));
    }

    /** 1-based column counted in code points, as compilers print it. */
    public int displayColumn(int offset) {
        int clamped = Math.max(0, Math.min(offset, text.length()));
        int start = lineStarts[lineOf(clamped)];
        if (!hasSurrogates) {
            return clamped - start + 1;
        }
        return text.codePointCount(start, clamped) + 1;
    }
}
