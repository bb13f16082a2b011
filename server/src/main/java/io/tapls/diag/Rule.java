package io.tapls.diag;

/**
 * A check with a stable id (used by --disable/--enable, in SARIF and in editor settings), a default
 * severity, where it comes from, a one-line description, and whether it runs unless asked.
 */
public record Rule(String id, Severity defaultSeverity, String origin, String summary, boolean enabledByDefault) {
    public Rule(String id, Severity defaultSeverity, String origin, String summary) {
        this(id, defaultSeverity, origin, summary, true);
    }
}
