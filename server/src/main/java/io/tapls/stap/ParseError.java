package io.tapls.stap;

/**
 * A parse error as stap reports it: the message and the token it is about. {@code saw} is true for
 * stap's "saw: TOKEN" form (the last token looked at), false for "at: TOKEN" (an explicit token).
 */
public final class ParseError extends RuntimeException {
    public final Token token;
    public final boolean saw;

    public ParseError(String message, Token token, boolean saw) {
        super(message, null, false, false);
        this.token = token;
        this.saw = saw;
    }
}
