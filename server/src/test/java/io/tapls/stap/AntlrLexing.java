package io.tapls.stap;

import io.tapls.grammar.StapLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Lexer;

/**
 * The reference lexer: the ANTLR lexer generated from grammar/StapLexer.g4, its tokens turned into stap's
 * kinds. Tests only; the shipped code lexes with {@link StapScanner}, and a test keeps the two identical.
 */
final class AntlrLexing {
    private AntlrLexing() {
    }

    /** The tokens of a file by the ANTLR lexer generated from grammar/StapLexer.g4. */
    static StapLexing.Result lexWithAntlr(SourceUnit unit) {
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
        List<StapLexing.Comment> comments = new ArrayList<>();
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
                    comments.add(new StapLexing.Comment(start, end, text.substring(start, end)));
                }
                continue;
            }
            String s = text.substring(start, end);
            Token tok = switch (type) {
                case StapLexer.IDENT -> new Token(Token.Kind.IDENT, s, start, end, unit, ws, null);
                case StapLexer.AT_WORD -> new Token(Token.Kind.OPERATOR, s, start, end, unit, ws, null);
                case StapLexer.NUMBER -> new Token(Token.Kind.NUMBER, s, start, end, unit, ws, null);
                case StapLexer.STRING -> new Token(Token.Kind.STRING, StapLexing.unescape(s.substring(1, s.length() - 1)), start,
                        end, unit, ws, null);
                case StapLexer.UNCLOSED_STRING -> new Token(Token.Kind.JUNK, "", start, end, unit, ws,
                        "Could not find matching closing quote");
                case StapLexer.EMBEDDED -> s.length() >= 4 && s.endsWith("%}")
                        ? new Token(Token.Kind.EMBEDDED, s.substring(2, s.length() - 2), start, end, unit, ws, null)
                        : new Token(Token.Kind.JUNK, "", start, end, unit, ws,
                                "Could not find matching '%}' to close embedded function block");
                case StapLexer.ARG_RAW -> new Token(Token.Kind.ARG_RAW, s, start, end, unit, ws, null);
                case StapLexer.ARG_STRING -> new Token(Token.Kind.ARG_STRING, s, start, end, unit, ws, null);
                case StapLexer.JUNK -> new Token(Token.Kind.JUNK, StapLexing.junkText(s), start, end, unit, ws, null);
                default -> new Token(StapLexing.KEYWORDS.contains(s) ? Token.Kind.KEYWORD : Token.Kind.OPERATOR, s, start, end,
                        unit, ws, null);
            };
            tokens.add(tok);
            ws = false;
        }
        return new StapLexing.Result(tokens, comments);
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

}
