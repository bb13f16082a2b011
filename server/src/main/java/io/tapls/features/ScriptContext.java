package io.tapls.features;

import io.tapls.stap.StapLexing;
import io.tapls.stap.Token;
import io.tapls.text.Span;
import io.tapls.workspace.Document;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where an offset is in a SystemTap script, from its tokens alone, so that it works on half-typed text that
 * does not parse: in a probe point being written (after {@code probe}, after {@code =} of an alias, after a
 * {@code ,}), in the body of a probe or function (and which), in a string, or elsewhere.
 */
final class ScriptContext {
    enum Where { PROBE_POINT, BODY, STRING, COMMENT, TOP }

    /** A probe or function: its header's point names (probe, alias) or name (function), and its body's braces. */
    record Block(boolean function, String name, List<String> points, List<String> params, int headerStart,
                 int bodyStart, int bodyEnd, List<Token> bodyTokens, boolean alias, Span nameSpan) {
    }

    final Where where;
    /** The word being typed at the offset (an identifier's characters before it), possibly empty. */
    final String prefix;
    /** What to replace: the whole word under the offset. */
    final Span word;
    /** In a probe point: the components before the one being typed, joined with '.' ("" for the first). */
    final String pointBase;
    /** The probe or function whose body holds the offset, or null. */
    final Block block;
    /** The string token holding the offset (its quotes included), or null. */
    final Token string;
    /** The token before the string: the function it is an argument of, when it is a call's first argument. */
    final String callee;
    final List<Token> tokens;
    final List<Block> blocks;

    private ScriptContext(Where where, String prefix, Span word, String pointBase, Block block, Token string,
                          String callee, List<Token> tokens, List<Block> blocks) {
        this.where = where;
        this.prefix = prefix;
        this.word = word;
        this.pointBase = pointBase;
        this.block = block;
        this.string = string;
        this.callee = callee;
        this.tokens = tokens;
        this.blocks = blocks;
    }

    /** Where {@code offset} is in a script document (its tokens are lexed once per version). */
    static ScriptContext at(Document document, int offset) {
        return at(document.tokens(), document.text().text(), offset);
    }

    static ScriptContext at(StapLexing.Result lexed, String text, int offset) {
        List<Token> tokens = lexed.tokens();
        List<Block> blocks = blocks(tokens, text.length());
        int start = offset;
        while (start > 0 && isWordChar(text.charAt(start - 1))) {
            start--;
        }
        int end = offset;
        while (end < text.length() && isWordChar(text.charAt(end))) {
            end++;
        }
        String prefix = text.substring(start, offset);
        Span word = new Span(start, end);
        for (StapLexing.Comment c : lexed.comments()) {
            boolean lineComment = c.text().startsWith("#") || c.text().startsWith("//");
            if (c.start() < offset && (offset < c.end() || offset == c.end() && lineComment)) {
                return new ScriptContext(Where.COMMENT, prefix, word, "", null, null, null, tokens, blocks);
            }
        }
        // The token before the offset (ending at or before it), and one that holds it.
        int before = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.start < offset && offset < t.end && t.kind == Token.Kind.STRING) {
                String callee = i >= 2 && tokens.get(i - 1).isOp("(") && tokens.get(i - 2).kind == Token.Kind.IDENT
                        ? tokens.get(i - 2).text : null;
                return new ScriptContext(Where.STRING, prefix, word, "", enclosing(blocks, offset), t, callee,
                        tokens, blocks);
            }
            if (t.end <= offset || t.start < offset) {
                before = i;
            } else {
                break;
            }
        }
        // Walk back over what a probe point is made of, to 'probe', an alias's '=' or '+=', or something else.
        int depth = 0;
        int pointStart = -1;
        for (int i = before; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.isOp(")")) {
                depth++;
                continue;
            }
            if (t.isOp("(")) {
                depth--;
                continue;
            }
            if (depth > 0) {
                continue;
            }
            if (t.isKeyword("probe") || t.isOp("=") && isAliasHead(tokens, i) || t.isOp("+=")
                    && isAliasHead(tokens, i) || t.isOp(",") && inProbeHeader(tokens, i)) {
                pointStart = i + 1;
                break;
            }
            boolean part = t.kind == Token.Kind.IDENT || t.kind == Token.Kind.KEYWORD && !t.text.equals("probe")
                    || t.kind == Token.Kind.NUMBER || t.isOp(".") || t.isOp("*") || t.isOp("**");
            if (!part) {
                break;
            }
        }
        // In a point only while it is being written: right after 'probe', '=', ',' or '.', or in a word that
        // touches the point's last token ("probe begin " followed by a space is finished).
        int last = before;
        while (last >= 0 && tokens.get(last).start >= start) {
            last--; // the word being typed itself
        }
        if (pointStart >= 0 && last >= pointStart - 1) {
            Token t = tokens.get(last);
            boolean open = t.isKeyword("probe") || t.isOp(".") || t.isOp(",") || t.isOp("=") || t.isOp("+=");
            if (open || t.end == start && !prefix.isEmpty()) {
                return new ScriptContext(Where.PROBE_POINT, prefix, word, base(tokens, pointStart, start), null,
                        null, null, tokens, blocks);
            }
        }
        Block b = enclosing(blocks, offset);
        return new ScriptContext(b == null ? Where.TOP : Where.BODY, prefix, word, "", b, null, null, tokens, blocks);
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@';
    }

    /** The components of a point before the word at {@code wordStart}, joined with '.'. */
    private static String base(List<Token> tokens, int from, int wordStart) {
        StringBuilder b = new StringBuilder();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (int i = from; i < tokens.size() && tokens.get(i).start < wordStart; i++) {
            Token t = tokens.get(i);
            if (t.isOp("(")) {
                depth++;
            } else if (t.isOp(")")) {
                depth--;
            } else if (depth == 0 && t.isOp(".")) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(current);
                current.setLength(0);
            } else if (depth == 0 && (t.kind == Token.Kind.IDENT || t.kind == Token.Kind.KEYWORD
                    || t.kind == Token.Kind.NUMBER || t.isOp("*") || t.isOp("**"))) {
                current.append(t.text);
            }
        }
        return b.toString();
    }

    /** '=' after {@code probe NAME[, NAME]}: an alias definition. */
    private static boolean isAliasHead(List<Token> tokens, int eq) {
        for (int i = eq - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.isKeyword("probe")) {
                return true;
            }
            if (!(t.kind == Token.Kind.IDENT || t.kind == Token.Kind.KEYWORD || t.isOp(".") || t.isOp(",")
                    || t.kind == Token.Kind.NUMBER)) {
                return false;
            }
        }
        return false;
    }

    /** A ',' between the points of a probe header (not in a body or an argument list). */
    private static boolean inProbeHeader(List<Token> tokens, int comma) {
        int depth = 0;
        for (int i = comma - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.isOp(")")) {
                depth++;
            } else if (t.isOp("(")) {
                if (depth == 0) {
                    return false;
                }
                depth--;
            } else if (depth == 0 && (t.isOp("{") || t.isOp("}") || t.isOp(";"))) {
                return false;
            } else if (depth == 0 && t.isKeyword("probe")) {
                return true;
            }
        }
        return false;
    }

    private static Block enclosing(List<Block> blocks, int offset) {
        for (Block b : blocks) {
            if (b.bodyStart() <= offset && offset <= b.bodyEnd()) {
                return b;
            }
        }
        return null;
    }

    /** The tokens of a probe's or function's header, between its keyword and its body's '{'. */
    static List<Token> headerTokens(List<Token> tokens, Block b) {
        List<Token> out = new ArrayList<>();
        for (Token t : tokens) {
            if (t.start > b.headerStart() && t.end < b.bodyStart()) {
                out.add(t);
            }
        }
        return out;
    }

    /** Every top-level probe and function with its body (an unclosed body runs to the end of the file). */
    static List<Block> blocks(List<Token> tokens, int textLength) {
        List<Block> out = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            boolean probe = t.isKeyword("probe");
            boolean function = t.isKeyword("function");
            if (!probe && !function) {
                i = t.isOp("{") ? skipBraces(tokens, i) : i + 1;
                continue;
            }
            int headerStart = t.start;
            int j = i + 1;
            int parens = 0;
            while (j < tokens.size() && !(parens == 0 && tokens.get(j).isOp("{"))) {
                Token h = tokens.get(j);
                if (h.isOp("(")) {
                    parens++;
                } else if (h.isOp(")")) {
                    parens--;
                } else if (parens == 0 && (h.isKeyword("probe") || h.isKeyword("function") || h.isOp("}"))) {
                    break;
                }
                j++;
            }
            if (j >= tokens.size() || !tokens.get(j).isOp("{")) {
                i = j;
                continue;
            }
            List<Token> header = tokens.subList(i + 1, j);
            int close = skipBraces(tokens, j);
            int bodyEnd = close - 1 < tokens.size() && close - 1 > j && tokens.get(close - 1).isOp("}")
                    ? tokens.get(close - 1).start : textLength;
            List<Token> body = tokens.subList(j + 1, Math.min(close, tokens.size()));
            if (probe) {
                boolean alias = false;
                int depth = 0;
                for (Token h : header) {
                    depth += h.isOp("(") ? 1 : h.isOp(")") ? -1 : 0;
                    alias |= depth == 0 && (h.isOp("=") || h.isOp("+="));
                }
                List<String> points = probePoints(header);
                Span nameSpan = header.isEmpty() ? new Span(t.start, t.end)
                        : new Span(header.get(0).start, header.get(header.size() - 1).end);
                if (alias) {
                    for (int k = 0; k < header.size(); k++) {
                        if (header.get(k).isOp("=") || header.get(k).isOp("+=")) {
                            nameSpan = new Span(header.get(0).start, header.get(Math.max(0, k - 1)).end);
                            break;
                        }
                    }
                }
                out.add(new Block(false, alias && !points.isEmpty() ? points.get(0) : null, points, List.of(),
                        headerStart, tokens.get(j).end, bodyEnd, body, alias, nameSpan));
            } else {
                String name = header.isEmpty() ? "" : header.get(0).text;
                List<String> params = new ArrayList<>();
                int p = 0;
                for (Token h : header) {
                    if (h.isOp("(")) {
                        p++;
                    } else if (h.isOp(")")) {
                        p--;
                    } else if (p == 1 && h.kind == Token.Kind.IDENT) {
                        params.add(h.text);
                    }
                }
                Span nameSpan = header.isEmpty() ? new Span(t.start, t.end)
                        : new Span(header.get(0).start, header.get(0).end);
                out.add(new Block(true, name, List.of(), params, headerStart, tokens.get(j).end, bodyEnd, body, false,
                        nameSpan));
            }
            i = close;
        }
        return out;
    }

    /** Index after the brace block opening at {@code open} (or the end). */
    private static int skipBraces(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).isOp("{")) {
                depth++;
            } else if (tokens.get(i).isOp("}")) {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        return tokens.size();
    }

    /** A point named in a probe header, and where. */
    record PointAt(String name, Span span) {
    }

    /**
     * The names of the points a probe header names: for {@code probe A, B.c} both; for an alias definition
     * {@code probe N = P1, P2} the alias itself, then the points it expands to (whose variables its body sees).
     */
    static List<String> probePoints(List<Token> header) {
        Set<String> names = new LinkedHashSet<>();
        for (PointAt p : pointSpans(header)) {
            names.add(p.name());
        }
        return List.copyOf(names);
    }

    /** Each point of a header with its span (its first to its last token, arguments included). */
    static List<PointAt> pointSpans(List<Token> header) {
        List<PointAt> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int start = -1;
        int end = -1;
        int depth = 0;
        for (Token t : header) {
            if (t.isKeyword("if") && depth == 0) {
                break;
            }
            if (t.isOp("(")) {
                depth++;
            } else if (t.isOp(")")) {
                depth--;
                end = t.end;
                continue;
            }
            if (depth > 0) {
                continue;
            }
            if (t.isOp(",") || t.isOp("=") || t.isOp("+=")) {
                if (current.length() > 0) {
                    out.add(new PointAt(current.toString(), new Span(start, end)));
                }
                current.setLength(0);
                start = -1;
            } else if (t.isOp(".") || t.kind == Token.Kind.IDENT || t.kind == Token.Kind.KEYWORD
                    || t.kind == Token.Kind.NUMBER || t.isOp("*") || t.isOp("**")) {
                current.append(t.isOp(".") ? "." : t.text);
                if (start < 0) {
                    start = t.start;
                }
                end = t.end;
            } else if (t.isOp("?") || t.isOp("!")) {
                end = t.end;
            }
        }
        if (current.length() > 0) {
            out.add(new PointAt(current.toString(), new Span(start, end)));
        }
        return out;
    }
}
