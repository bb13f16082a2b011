package io.tapls.stap;

/**
 * One token of a .stp/.stpm file as stap's lexer sees it, after the hidden channel is removed.
 * Offsets are UTF-16 offsets into the text of {@link #unit}. Tokens produced by a macro expansion
 * remember the invocation in the file being parsed ({@link #site}), so diagnostics can point there.
 */
public final class Token {
    public enum Kind { IDENT, KEYWORD, OPERATOR, STRING, NUMBER, EMBEDDED, JUNK, ARG_RAW, ARG_STRING }

    public final Kind kind;
    /** Content: operator/identifier text; a string's value (escapes as stap keeps them); embedded code. */
    public final String text;
    public final int start;
    public final int end;
    public final SourceUnit unit;
    /** True when whitespace or a comment came right before this token (stap's ate_whitespace). */
    public final boolean wsBefore;
    /** The macro invocation in the parsed file this token came from, or null. */
    public final Token site;
    /** The preprocessor conditions under which this token is seen (null: none). */
    public final Guard guard;
    /** For JUNK: the lexer's message. */
    public final String junkMessage;

    public Token(Kind kind, String text, int start, int end, SourceUnit unit, boolean wsBefore, String junkMessage) {
        this(kind, text, start, end, unit, wsBefore, null, null, junkMessage);
    }

    private Token(Kind kind, String text, int start, int end, SourceUnit unit, boolean wsBefore, Token site,
            Guard guard, String junkMessage) {
        this.kind = kind;
        this.text = text;
        this.start = start;
        this.end = end;
        this.unit = unit;
        this.wsBefore = wsBefore;
        this.site = site;
        this.guard = guard;
        this.junkMessage = junkMessage;
    }

    public Token withContext(Token newSite, Guard newGuard) {
        if (newSite == site && newGuard == guard) {
            return this;
        }
        return new Token(kind, text, start, end, unit, wsBefore, newSite, newGuard, junkMessage);
    }

    /** The token as a macro delivers it: at its invocation, with the lexer's whitespace flag of that moment. */
    public Token withContext(Token newSite, Guard newGuard, boolean newWsBefore) {
        if (newSite == site && newGuard == guard && newWsBefore == wsBefore) {
            return this;
        }
        return new Token(kind, text, start, end, unit, newWsBefore, newSite, newGuard, junkMessage);
    }

    public boolean isOp(String s) {
        // The scanner's operators are the interned constants the parser asks with, so the first test nearly
        // always decides; the hashes (cached in each string) settle most other cases without comparing text,
        // which a parse asks millions of times (each precedence level tries its operators on every token).
        return kind == Kind.OPERATOR
                && (text == s || text.length() == s.length() && text.hashCode() == s.hashCode() && text.equals(s));
    }

    public boolean isKeyword(String s) {
        return kind == Kind.KEYWORD && text.equals(s);
    }

    /** stap's tt2str(type) plus content, as printed after "saw:"/"at:". */
    public String describe() {
        return switch (kind) {
            case IDENT, ARG_RAW -> "identifier '" + text + "'";
            case KEYWORD -> "keyword";
            case OPERATOR, ARG_STRING -> "operator '" + text + "'";
            case STRING -> "string '" + text + "'";
            case NUMBER -> "number '" + text + "'";
            case EMBEDDED -> "embedded-code";
            case JUNK -> "junk '" + text + "'";
        };
    }

    @Override
    public String toString() {
        return kind + "(" + text + ")@" + start;
    }
}
