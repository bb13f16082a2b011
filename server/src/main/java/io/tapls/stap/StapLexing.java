package io.tapls.stap;

import io.tapls.grammar.StapLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Lexer;

/**
 * Runs the ANTLR lexer over a file and turns its tokens into stap's token kinds: keywords, string
 * values with stap's escape handling, junk with stap's lexer messages. Comments are kept aside for
 * doc-comment attachment.
 */
public final class StapLexing {
    public static final Set<String> KEYWORDS = Set.of("probe", "global", "private", "function", "if", "else", "for",
            "foreach", "in", "limit", "return", "delete", "while", "break", "continue", "next", "string", "long",
            "try", "catch");

    public record Comment(int start, int end, String text) {
    }

    public record Result(List<Token> tokens, List<Comment> comments) {
    }

    private StapLexing() {
    }

    /** The tokens of a file (the hand-written scanner; {@link #lexWithAntlr} is the grammar's reference). */
    public static Result lex(SourceUnit unit) {
        return StapScanner.scan(unit);
    }

    /** The tokens of a file by the ANTLR lexer generated from grammar/StapLexer.g4. */
    public static Result lexWithAntlr(SourceUnit unit) {
        String text = unit.content;
        int[] cpToUtf16 = null;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                cpToUtf16 = codePointOffsets(text);
                break;
            }
        }
        StapLexer lexer = new StapLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<Token> tokens = new ArrayList<>(text.length() / 5 + 16);
        List<Comment> comments = new ArrayList<>();
        boolean ws = true;
        for (org.antlr.v4.runtime.Token t = lexer.nextToken(); t.getType() != org.antlr.v4.runtime.Token.EOF;
                t = lexer.nextToken()) {
            int start = t.getStartIndex();
            int end = t.getStopIndex() + 1;
            if (cpToUtf16 != null) {
                start = cpToUtf16[start];
                end = cpToUtf16[end];
            }
            int type = t.getType();
            if (t.getChannel() != Lexer.DEFAULT_TOKEN_CHANNEL) {
                ws = true;
                if (type != StapLexer.WS) {
                    comments.add(new Comment(start, end, text.substring(start, end)));
                }
                continue;
            }
            String s = text.substring(start, end);
            Token tok = switch (type) {
                case StapLexer.IDENT -> new Token(Token.Kind.IDENT, s, start, end, unit, ws, null);
                case StapLexer.AT_WORD -> new Token(Token.Kind.OPERATOR, s, start, end, unit, ws, null);
                case StapLexer.NUMBER -> new Token(Token.Kind.NUMBER, s, start, end, unit, ws, null);
                case StapLexer.STRING -> new Token(Token.Kind.STRING, unescape(s.substring(1, s.length() - 1)), start,
                        end, unit, ws, null);
                case StapLexer.UNCLOSED_STRING -> new Token(Token.Kind.JUNK, "", start, end, unit, ws,
                        "Could not find matching closing quote");
                case StapLexer.EMBEDDED -> s.length() >= 4 && s.endsWith("%}")
                        ? new Token(Token.Kind.EMBEDDED, s.substring(2, s.length() - 2), start, end, unit, ws, null)
                        : new Token(Token.Kind.JUNK, "", start, end, unit, ws,
                                "Could not find matching '%}' to close embedded function block");
                case StapLexer.ARG_RAW -> new Token(Token.Kind.ARG_RAW, s, start, end, unit, ws, null);
                case StapLexer.ARG_STRING -> new Token(Token.Kind.ARG_STRING, s, start, end, unit, ws, null);
                case StapLexer.JUNK -> new Token(Token.Kind.JUNK, junkText(s), start, end, unit, ws, null);
                default -> new Token(KEYWORDS.contains(s) ? Token.Kind.KEYWORD : Token.Kind.OPERATOR, s, start, end,
                        unit, ws, null);
            };
            tokens.add(tok);
            ws = false;
        }
        return new Result(tokens, comments);
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

    private static int[] codePointOffsets(String text) {
        int n = text.codePointCount(0, text.length());
        int[] map = new int[n + 1];
        int cp = 0;
        for (int i = 0; i < text.length(); cp++) {
            map[cp] = i;
            i += Character.charCount(text.codePointAt(i));
        }
        map[n] = text.length();
        return map;
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
