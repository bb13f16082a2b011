package io.tapls.traceevents;

import io.tapls.diag.Diagnostic;
import io.tapls.text.Span;

/**
 * Says, for a line that tracetool's regex does not match, what is wrong and where. tracetool itself
 * only raises a bare AssertionError, with no file or line.
 */
final class SyntaxExplainer {
    private static final String SUFFIX = " (tracetool fails with AssertionError)";

    private SyntaxExplainer() {
    }

    static Diagnostic explain(String line, int base) {
        int i = 0;
        int n = line.length();
        while (i < n && PyText.isSpace(line.charAt(i))) {
            i++;
        }
        if (i < n && line.charAt(i) == '\uFEFF') {
            return error(base, i, i + 1, "a byte-order mark (U+FEFF) that tracetool does not skip: remove it");
        }
        if (i < n && line.charAt(i) == '"') {
            return error(base, i, n, "a line cannot start with a string: every event is one line, and a"
                    + " trailing '\\' does not continue it");
        }
        String lastWord = null;
        int lastWordStart = i;
        while (i < n) {
            int cp = line.codePointAt(i);
            if (PyText.isWordChar(cp)) {
                int start = i;
                while (i < n && PyText.isWordChar(line.codePointAt(i))) {
                    i += Character.charCount(line.codePointAt(i));
                }
                lastWord = line.substring(start, i);
                lastWordStart = start;
                if (i >= n) {
                    return error(base, start, i, "expected '(' and an argument list after the event name '"
                            + lastWord + "'");
                }
                char next = line.charAt(i);
                if (next == '(') {
                    int close = line.indexOf(')', i);
                    if (close < 0) {
                        return error(base, i, n, "missing ')' to close the argument list");
                    }
                    return error(base, 0, n, "this line is not an event");
                }
                if (PyText.isSpace(next)) {
                    int ws = i;
                    while (i < n && PyText.isSpace(line.charAt(i))) {
                        i++;
                    }
                    if (i < n && line.charAt(i) == '(') {
                        return error(base, ws, i, "no whitespace is allowed between the event name '" + lastWord
                                + "' and '('");
                    }
                    if (i < n && line.charAt(i) == '"') {
                        return error(base, lastWordStart, i + 1, "expected '(' and an argument list after the event"
                                + " name '" + lastWord + "'");
                    }
                    continue;
                }
                if (next == '"') {
                    return error(base, lastWordStart, i + 1, "expected '(' and an argument list after the event"
                            + " name '" + lastWord + "'");
                }
                return error(base, i, i + Character.charCount(line.codePointAt(i)), "'"
                        + new String(Character.toChars(line.codePointAt(i))) + "' is not allowed in an event name"
                        + " (names are letters, digits and '_')");
            }
            if (line.charAt(i) == '(') {
                return error(base, i, i + 1, "expected an event name before '('");
            }
            return error(base, i, i + Character.charCount(cp), "unexpected '" + new String(Character.toChars(cp))
                    + "': expected [disable] name(type arg, ...) \"format\"");
        }
        return error(base, 0, n, "this line is not an event");
    }

    private static Diagnostic error(int base, int start, int end, String message) {
        return Diagnostic.of(TraceEventRules.EVENT_SYNTAX, new Span(base + start, base + end), message + SUFFIX);
    }
}
