package io.tapls.diag;

import io.tapls.text.Span;
import java.util.List;

/**
 * A problem found in one file: which rule, how serious, where, what to do about it.
 *
 * <p>The message is plain text: control characters it quotes from the input (a NUL byte, an escape sequence)
 * are written as escapes, {@code \x00} as Python's repr writes them (tracetool is Python), so that no
 * terminal, CI log, JSON consumer or editor receives them raw. Line feeds and tabs stay: some of stap's own
 * messages span lines.
 */
public record Diagnostic(Rule rule, Severity severity, Span span, String message, List<Fix> fixes) {
    public Diagnostic {
        fixes = List.copyOf(fixes);
        message = escapeControls(message);
    }

    public static Diagnostic of(Rule rule, Span span, String message) {
        return new Diagnostic(rule, rule.defaultSeverity(), span, message, List.of());
    }

    public static Diagnostic of(Rule rule, Span span, String message, Fix fix) {
        return new Diagnostic(rule, rule.defaultSeverity(), span, message, List.of(fix));
    }

    public Diagnostic shift(int delta) {
        return delta == 0 ? this : new Diagnostic(rule, severity, span.shift(delta), message,
                fixes.stream().map(f -> f.shift(delta)).toList());
    }

    public Diagnostic withSeverity(Severity newSeverity) {
        return new Diagnostic(rule, newSeverity, span, message, fixes);
    }

    /** C0 controls but tab and line feed, DEL and the C1 controls, as {@code \r} or {@code \xNN}; the rest as is. */
    static String escapeControls(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && !isEscaped(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s; // the usual case: nothing to escape, no copy
        }
        StringBuilder b = new StringBuilder(n + 8).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (!isEscaped(c)) {
                b.append(c);
            } else if (c == '\r') {
                b.append("\\r");
            } else {
                b.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            }
        }
        return b.toString();
    }

    private static boolean isEscaped(char c) {
        return c < 0x20 && c != '\t' && c != '\n' || c >= 0x7f && c <= 0x9f;
    }
}
