package io.tapls.diag;

import io.tapls.text.Span;
import java.util.List;

/** A problem found in one file: which rule, how serious, where, what to do about it. */
public record Diagnostic(Rule rule, Severity severity, Span span, String message, List<Fix> fixes) {
    public Diagnostic {
        fixes = List.copyOf(fixes);
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
}
