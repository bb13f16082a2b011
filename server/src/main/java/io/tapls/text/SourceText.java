package io.tapls.text;

import java.util.Arrays;

/**
 * The text of one file with an index of its lines. Line terminators are those of Python's universal
 * newlines (tracetool reads files that way): "\r\n", "\r" and "\n".
 */
public final class SourceText {
    private final String text;
    private final int[] lineStarts;

    public SourceText(String text) {
        this.text = text;
        int n = text.length();
        int[] starts = new int[16];
        int count = 1;
        if (text.indexOf('\r') < 0) {
            // Lines found with String.indexOf, which the JIT compiles to a vector search at once: a character loop
            // here ran interpreted, then at C1's speed, for most of a big document opened in a fresh server (a 14 MB
            // script: a tenth of the time to its diagnostics)
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        } else {
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
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
        }
        this.lineStarts = Arrays.copyOf(starts, count);
    }

    private SourceText(String text, int[] lineStarts) {
        this.text = text;
        this.lineStarts = lineStarts;
    }

    /** Starts an edit of this text: changes applied in order, each at offsets of the text the ones before made. */
    public Editor edit() {
        return new Editor(this);
    }

    /**
     * A text being edited: the changes of one LSP didChange, applied to one buffer with the line index updated
     * around each change, instead of a new string and a scan of the whole text for each (on a 50 MB document
     * that was some 300 ms a change, mostly the garbage collector's, on the thread that reads the client's
     * messages; 100 changes of one multi-cursor edit held it for over a minute).
     */
    public static final class Editor {
        private final StringBuilder text;
        private int[] starts;
        private int count;

        private Editor(SourceText from) {
            this.text = new StringBuilder(from.text);
            this.starts = from.lineStarts.clone();
            this.count = from.lineStarts.length;
        }

        /** {@link SourceText#offset} in the text as edited so far. */
        public int offset(Position position) {
            return SourceText.offset(text, starts, count, position);
        }

        public int length() {
            return text.length();
        }

        /** Replaces [start, end) by {@code with}. */
        public void replace(int start, int end, String with) {
            // Line starts can change only between the start of the line before the change and the first line
            // start after it: a CR and an LF meeting across either seam make one line end of two. Starts before
            // that window stay; those after it move by the change's length.
            int first = lineIndexOf(Math.max(0, start - 1));
            int a = starts[first];
            int tail = first + 1;
            while (tail < count && starts[tail] <= end) {
                tail++;
            }
            int b = tail < count ? starts[tail] : text.length();
            int delta = with.length() - (end - start);
            text.replace(start, end, with);
            int windowEnd = b + delta;
            int[] found = new int[8];
            int n = 0;
            for (int i = a; i < windowEnd; i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    if (i + 1 < windowEnd || tail == count) {
                        if (n == found.length) {
                            found = Arrays.copyOf(found, n * 2);
                        }
                        found[n++] = i + 1;
                    }
                }
            }
            int newCount = first + 1 + n + (count - tail);
            int[] next = newCount <= starts.length ? starts : Arrays.copyOf(starts, Math.max(newCount,
                    starts.length + starts.length / 2));
            System.arraycopy(starts, tail, next, first + 1 + n, count - tail);
            System.arraycopy(found, 0, next, first + 1, n);
            for (int i = first + 1 + n; i < newCount; i++) {
                next[i] += delta;
            }
            starts = next;
            count = newCount;
        }

        private int lineIndexOf(int offset) {
            int lo = 0;
            int hi = count - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (starts[mid] <= offset) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }

        /** Replaces the whole text. */
        public void replaceAll(String with) {
            SourceText fresh = new SourceText(with);
            text.setLength(0);
            text.append(with);
            starts = fresh.lineStarts.clone();
            count = starts.length;
        }

        public SourceText done() {
            return new SourceText(text.toString(), Arrays.copyOf(starts, count));
        }
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
        return offset(text, lineStarts, lineStarts.length, position);
    }

    private static int offset(CharSequence text, int[] lineStarts, int lines, Position position) {
        if (position.line() < 0) {
            return 0;
        }
        if (position.line() >= lines) {
            return text.length();
        }
        int start = lineStarts[position.line()];
        int end = position.line() + 1 < lines ? lineStarts[position.line() + 1] : text.length();
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return Math.max(start, Math.min(start + Math.max(0, position.character()), end));
    }

    /** 1-based column counted in code points, as compilers print it. */
    public int displayColumn(int offset) {
        int clamped = Math.max(0, Math.min(offset, text.length()));
        int start = lineStarts[lineOf(clamped)];
        // (O(1) for a Latin-1 string; otherwise a scan of the line up to the offset)
        return text.codePointCount(start, clamped) + 1;
    }
}
