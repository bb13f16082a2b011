package io.tapls.testing;

import io.tapls.text.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * A source text with markers, as in clangd's tests: {@code [[...]]} marks expected ranges and
 * {@code $0} a cursor. The markers are removed from {@link #text()}.
 */
public record Fixture(String text, List<Span> ranges, int cursor) {
    public static Fixture parse(String marked) {
        StringBuilder sb = new StringBuilder();
        List<Span> ranges = new ArrayList<>();
        List<Integer> open = new ArrayList<>();
        int cursor = -1;
        for (int i = 0; i < marked.length(); i++) {
            if (marked.startsWith("[[", i)) {
                open.add(sb.length());
                i++;
            } else if (marked.startsWith("]]", i) && !open.isEmpty()) {
                ranges.add(new Span(open.remove(open.size() - 1), sb.length()));
                i++;
            } else if (marked.startsWith("$0", i)) {
                cursor = sb.length();
                i++;
            } else {
                sb.append(marked.charAt(i));
            }
        }
        return new Fixture(sb.toString(), ranges, cursor);
    }

    public Span range() {
        if (ranges.size() != 1) {
            throw new IllegalStateException("expected exactly one [[range]] in the fixture, found " + ranges.size());
        }
        return ranges.get(0);
    }
}
