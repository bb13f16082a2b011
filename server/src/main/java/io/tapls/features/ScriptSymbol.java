package io.tapls.features;

import io.tapls.stap.Token;
import io.tapls.text.Span;
import java.util.List;

/**
 * What a name at an offset of a SystemTap script refers to, from its tokens: a probe point in a probe or
 * alias header (the whole point, {@code qemu.system.x86_64.qio_task_new}), a function called or defined,
 * a macro ({@code @name}), or another identifier (a variable or global) in the body of a probe or function.
 * Hover, definition and references read it.
 */
record ScriptSymbol(Kind kind, String name, Span span, ScriptContext.Block block) {
    enum Kind { PROBE_POINT, FUNCTION, MACRO, IDENTIFIER }

    static ScriptSymbol at(ScriptContext cx, int offset) {
        List<Token> tokens = cx.tokens;
        int i = tokenAt(tokens, offset);
        if (i < 0) {
            return null;
        }
        Token t = tokens.get(i);
        if (t.kind == Token.Kind.OPERATOR && t.text.startsWith("@") && t.text.length() > 1) {
            return new ScriptSymbol(Kind.MACRO, t.text.substring(1), new Span(t.start, t.end), cx.block);
        }
        if (t.kind != Token.Kind.IDENT && t.kind != Token.Kind.KEYWORD) {
            return null;
        }
        ScriptContext.Block header = headerOf(cx.blocks, t.start);
        if (header != null && !header.function()) {
            return point(tokens, i, header);
        }
        if (t.kind == Token.Kind.KEYWORD) {
            return null;
        }
        if (i + 1 < tokens.size() && tokens.get(i + 1).isOp("(") || header != null && header.function()) {
            return new ScriptSymbol(Kind.FUNCTION, t.text, new Span(t.start, t.end), cx.block);
        }
        return new ScriptSymbol(Kind.IDENTIFIER, t.text, new Span(t.start, t.end), cx.block);
    }

    /** The token holding the offset (an identifier touching it on either side counts). */
    private static int tokenAt(List<Token> tokens, int offset) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.start <= offset && offset < t.end) {
                return i;
            }
            if (t.end == offset && (t.kind == Token.Kind.IDENT || t.kind == Token.Kind.KEYWORD)) {
                return i;
            }
            if (t.start > offset) {
                break;
            }
        }
        return -1;
    }

    private static ScriptContext.Block headerOf(List<ScriptContext.Block> blocks, int offset) {
        for (ScriptContext.Block b : blocks) {
            if (b.headerStart() <= offset && offset < b.bodyStart()) {
                return b;
            }
        }
        return null;
    }

    /** The whole point holding token {@code i}: its components joined with '.', from the start of the point. */
    private static ScriptSymbol point(List<Token> tokens, int i, ScriptContext.Block header) {
        int first = i;
        int depth = 0;
        while (first > 0) {
            Token p = tokens.get(first - 1);
            if (p.isOp(")")) {
                depth++;
            } else if (p.isOp("(")) {
                depth--;
            } else if (depth == 0 && !(p.isOp(".") || p.kind == Token.Kind.IDENT || p.kind == Token.Kind.NUMBER
                    || p.kind == Token.Kind.KEYWORD && !p.isKeyword("probe") || p.isOp("*") || p.isOp("**"))) {
                break;
            }
            if (p.isKeyword("probe")) {
                break;
            }
            first--;
        }
        int last = i;
        depth = 0;
        while (last + 1 < tokens.size()) {
            Token n = tokens.get(last + 1);
            if (n.isOp("(")) {
                depth++;
            } else if (n.isOp(")")) {
                depth--;
            } else if (depth == 0 && !(n.isOp(".") || n.kind == Token.Kind.IDENT || n.kind == Token.Kind.NUMBER
                    || n.kind == Token.Kind.KEYWORD || n.isOp("*") || n.isOp("**"))) {
                break;
            }
            last++;
        }
        List<String> names = ScriptContext.probePoints(tokens.subList(first, last + 1));
        String name = names.isEmpty() ? tokens.get(i).text : names.get(0);
        return new ScriptSymbol(Kind.PROBE_POINT, name, new Span(tokens.get(first).start, tokens.get(last).end),
                header);
    }
}
