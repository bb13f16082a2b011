package io.tapls.stap;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * stap's token kinds as the scanner produces them: keywords, string values with stap's escape handling,
 * junk with stap's lexer messages. Comments are kept aside for doc-comment attachment.
 */
public final class StapLexing {
    public static final Set<String> KEYWORDS = Set.of("probe", "global", "private", "function", "if", "else", "for",
            "foreach", "in", "limit", "return", "delete", "while", "break", "continue", "next", "string", "long",
            "try", "catch");

    public record Comment(int start, int end, String text) {
    }

    /**
     * {@code takesArguments}: the file uses $1/@1... (not only the counts $#/@#). {@code usedArguments}: the
     * indexes (from 1) substituted while scanning with known arguments, for stap's "unused command line
     * option" warning; empty when the arguments are not known.
     */
    public record Result(List<Token> tokens, List<Comment> comments, boolean takesArguments,
            Set<Integer> usedArguments) {
        public Result(List<Token> tokens, List<Comment> comments) {
            this(tokens, comments, tokens.stream().anyMatch(t -> (t.kind == Token.Kind.ARG_RAW
                    || t.kind == Token.Kind.ARG_STRING) && !t.text.endsWith("#")), Set.of());
        }
    }

    private StapLexing() {
    }

    /** The tokens of a file (the hand-written scanner; the tests' AntlrLexing is the grammar's reference). */
    public static Result lex(SourceUnit unit) {
        return StapScanner.scan(unit, null);
    }

    /**
     * The tokens of a file with its script arguments substituted as stap's lexer does it; {@code args} null
     * when they are not known ($1, @1, $#, @# then stay tokens of their own).
     */
    public static Result lex(SourceUnit unit, List<String> args) {
        return StapScanner.scan(unit, args);
    }

    static String junkText(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int v = x & 0xff;
            if (v >= 0x20 && v < 0x7f) {
                b.append((char) v);
            } else {
                b.append(String.format("\\x%02x", v));
            }
        }
        return b.toString();
    }

    /** stap keeps the C escapes \a\b\t\n\v\f\r\0-7\\ and \x verbatim; any other \c becomes c. */
    static String unescape(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char d = raw.charAt(++i);
                if ("abtnvfr\\x".indexOf(d) >= 0 || d >= '0' && d <= '7') {
                    b.append('\\').append(d);
                } else {
                    b.append(d);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
