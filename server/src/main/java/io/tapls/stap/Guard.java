package io.tapls.stap;

/**
 * The preprocessor conditions a token sits under, innermost first: a linked list of
 * (the %( token, its condition text, which branch).
 */
public record Guard(Token open, String condition, boolean thenBranch, Guard outer) {
    /** Human-readable, outermost first, e.g. {@code kernel_v < "2.6.33"} or {@code !(arch == "x86_64")}. */
    public String describe() {
        String me = thenBranch ? condition : "!(" + condition + ")";
        return outer == null ? me : outer.describe() + " && " + me;
    }
}
