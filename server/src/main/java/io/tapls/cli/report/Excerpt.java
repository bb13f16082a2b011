package io.tapls.cli.report;

import org.jline.utils.WCWidth;

/**
 * A source line as a terminal shows it, and the caret line under a range of it: what the gcc format prints
 * under a diagnostic.
 *
 * <p>Widths are terminal columns. A character's width is {@code wcwidth}'s (JLine's {@link WCWidth}, Markus
 * Kuhn's wcwidth with the East Asian wide and fullwidth ranges and the emoji blocks): 2 for CJK ideographs,
 * Hangul, fullwidth forms and most emoji, 0 for combining marks, variation selectors and the zero-width
 * joiner, else 1. (Emoji that Unicode made wide after Kuhn's tables, in the BMP, such as U+2705, count 1;
 * terminals disagree among themselves on those.) What would not show as itself is replaced: a tab by spaces
 * up to the next multiple of 8, a control character by its control picture (U+2400 + c, U+2421 for DEL; a
 * C1 control by U+FFFD), a bidirectional control by {@code <U+XXXX>}.
 *
 * @param line   the line as printed, excerpted when it is wider than the limit, with {@code ...} where cut
 * @param indent the spaces before the caret
 * @param caret  {@code ^} then {@code ~} over the rest of the range, at least {@code ^}
 */
record Excerpt(String line, String indent, String caret) {
    private static final int TAB_STOP = 8;
    private static final String ELLIPSIS = "...";

    /**
     * The excerpt of {@code content} (a line without its terminator) showing the range {@code [from, to)} (char
     * offsets in it, {@code from <= to <= content.length()}), at most {@code max} columns wide besides the
     * ellipses: the whole line when it fits, else a window that starts a third of its width before the range.
     */
    static Excerpt of(String content, int from, int to, int max) {
        int n = content.length();
        // column[i]: the column where the character at char offset i starts (for a low surrogate, where its
        // pair does); column[n]: the line's width.
        int[] column = new int[n + 1];
        int c = 0;
        for (int i = 0; i < n; ) {
            int cp = content.codePointAt(i);
            int next = i + Character.charCount(cp);
            for (int j = i; j < next; j++) {
                column[j] = c;
            }
            c += width(cp, c);
            i = next;
        }
        column[n] = c;
        int total = c;
        int start = column[from];
        int end = Math.max(column[to], start + 1);

        int first = 0;
        int limit = n;
        if (total > max) {
            int left = Math.max(0, Math.min(start - max / 3, total - max));
            int right = left + max;
            while (first < n && column[first] < left) {
                first++;
            }
            while (limit > first && (column[limit] > right
                    || limit < n && Character.isLowSurrogate(content.charAt(limit)))) {
                limit--;
            }
        }
        StringBuilder shown = new StringBuilder();
        if (first > 0) {
            shown.append(ELLIPSIS);
        }
        for (int i = first; i < limit; ) {
            int cp = content.codePointAt(i);
            shown.append(render(cp, column[i]));
            i += Character.charCount(cp);
        }
        if (limit < n) {
            shown.append(ELLIPSIS);
        }
        int windowStart = column[first];
        int windowEnd = limit < n ? column[limit] : Math.max(total, end);
        String indent = (first > 0 ? " ".repeat(ELLIPSIS.length()) : "") + " ".repeat(Math.max(0, start - windowStart));
        int marks = Math.max(1, Math.min(end, windowEnd) - start);
        return new Excerpt(shown.toString(), indent, "^" + "~".repeat(marks - 1));
    }

    /** How many columns the code point takes at column {@code at}. */
    private static int width(int cp, int at) {
        if (cp == '\t') {
            return TAB_STOP - at % TAB_STOP;
        }
        if (isControl(cp)) {
            return 1;
        }
        if (isBidiControl(cp)) {
            return escaped(cp).length();
        }
        return Math.max(0, WCWidth.wcwidth(cp));
    }

    /** The code point as printed at column {@code at}: itself, or what stands for it ({@link #width} wide). */
    private static String render(int cp, int at) {
        if (cp == '\t') {
            return " ".repeat(width(cp, at));
        }
        if (cp < 0x20) {
            return String.valueOf((char) (0x2400 + cp));
        }
        if (cp == 0x7f) {
            return "\u2421";
        }
        if (isControl(cp)) {
            return "\ufffd";
        }
        if (isBidiControl(cp)) {
            return escaped(cp);
        }
        if (WCWidth.wcwidth(cp) < 0) {
            return "\ufffd";
        }
        return new String(Character.toChars(cp));
    }

    private static boolean isControl(int cp) {
        return cp < 0x20 || cp >= 0x7f && cp <= 0x9f;
    }

    /** The controls that reorder what follows them on screen (the "Trojan Source" characters, CVE-2021-42574). */
    private static boolean isBidiControl(int cp) {
        return cp == 0x061c || cp == 0x200e || cp == 0x200f || cp >= 0x202a && cp <= 0x202e
                || cp >= 0x2066 && cp <= 0x2069;
    }

    private static String escaped(int cp) {
        return String.format("<U+%04X>", cp);
    }
}
