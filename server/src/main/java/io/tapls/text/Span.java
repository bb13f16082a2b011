package io.tapls.text;

/** A half-open range [start, end) of UTF-16 offsets into a {@link SourceText}. */
public record Span(int start, int end) {
    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    public static Span at(int offset) {
        return new Span(offset, offset);
    }

    public int length() {
        return end - start;
    }

    public boolean contains(int offset) {
        return offset >= start && offset <= end;
    }

    public Span shift(int delta) {
        return new Span(start + delta, end + delta);
    }

    public Span union(Span other) {
        return new Span(Math.min(start, other.start), Math.max(end, other.end));
    }

    // Written out, not generated: a record's generated equals/hashCode bootstraps method handles on its first
    // call (java.lang.runtime.ObjectMethods), some 35 ms of a cold CLI run for the first one (StartupIT).
    @Override
    public boolean equals(Object o) {
        return o instanceof Span s && s.start == start && s.end == end;
    }

    @Override
    public int hashCode() {
        return 31 * start + end;
    }
}
