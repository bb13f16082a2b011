package io.tapls.semantics;

import io.tapls.stap.Token;

/**
 * stap's semantic_error: a message, the token it is about (null for none: "no probes found"), and the error it
 * chains to ("type was first inferred here", "arity 1 first inferred here"), thrown and caught where stap throws
 * and catches it so that the same errors are reported in the same order.
 */
class SemError extends RuntimeException {
    final String msg;
    final Token tok;
    SemError chain;
    /** What tapls adds to stap's message, shown after it in parentheses (null: nothing). */
    String note;

    SemError(String msg, Token tok) {
        super(msg, null, false, false);
        this.msg = msg;
        this.tok = tok;
    }

    SemError(String msg, Token tok, SemError chain) {
        this(msg, tok);
        this.chain = chain;
    }
}
