package io.tapls.semantics;

import java.util.Set;

/**
 * Whether stap can compile a regular expression of {@code =~}/{@code !~}, and its message when it cannot: the
 * syntax stap's regex_parser accepts (stapregex-parse.cxx, from re2c), with its positions, which count the
 * characters of the literal as written (stap undoes the literal's escapes as it reads it). Only errors are of
 * interest here; no automaton is built.
 */
final class StapRegex {
    /** regex_error: a message and a position (-1: none). */
    private static final class RegexError extends RuntimeException {
        final int pos;

        RegexError(String msg, int pos) {
            super(msg, null, false, false);
            this.pos = pos;
        }
    }

    private static final Set<String> CLASSES = Set.of("alpha", "alnum", "blank", "cntrl", "d", "digit", "xdigit",
            "graph", "l", "lower", "print", "punct", "s", "space", "u", "upper");

    private final String input;
    private int pos;
    private int lastPos;
    private boolean finished;
    private char nextC;

    private StapRegex(String input) {
        this.input = input;
        this.finished = input.isEmpty();
    }

    /** stap's message for a regex it rejects ("regex compilation error (at position N): ..."), or null. */
    static String check(String regex) {
        try {
            new StapRegex(regex).parse();
            return null;
        } catch (RegexError e) {
            return e.pos >= 0 ? "regex compilation error (at position " + e.pos + "): " + e.getMessage()
                    : "regex compilation error: " + e.getMessage();
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ the cursor

    private char next() {
        if (nextC == 0 && finished) {
            throw new RegexError("unexpected end of regex", pos);
        }
        if (nextC == 0) {
            unescaped();
        }
        char c = nextC;
        nextC = 0;
        return c;
    }

    private char peek() {
        if (nextC == 0 && !finished) {
            unescaped();
        }
        return nextC;
    }

    private boolean has(int n) {
        return pos <= input.length() - n;
    }

    private void unescaped() {
        lastPos = pos;
        char c = input.charAt(pos);
        if (c != '\\') {
            nextC = c;
            pos++;
            finished = pos >= input.length();
            return;
        }
        pos++;
        if (pos >= input.length()) {
            throw new RegexError("unexpected end of regex", pos);
        }
        c = input.charAt(pos);
        switch (c) {
            case 'a' -> c = 7;
            case 'b' -> c = '\b';
            case 't' -> c = '\t';
            case 'n' -> c = '\n';
            case 'v' -> c = 11;
            case 'f' -> c = '\f';
            case 'r' -> c = '\r';
            case 'x' -> {
                if (pos >= input.length() - 2) {
                    throw new RegexError("two hex digits required in escape sequence", pos);
                }
                int d1 = Character.digit(input.charAt(pos + 1), 16);
                int d2 = Character.digit(input.charAt(pos + 2), 16);
                if (d1 < 0 || d2 < 0) {
                    throw new RegexError("two hex digits required in escape sequence", pos + (d1 >= 0 ? 1 : 2));
                }
                c = (char) ((d1 << 4) + d2);
                pos += 2;
            }
            case '4', '5', '6', '7' -> throw new RegexError("octal escape sequence out of range", pos);
            case '0', '1', '2', '3' -> {
                if (pos >= input.length() - 2) {
                    throw new RegexError("three octal digits required in escape sequence", pos);
                }
                int d0 = Character.digit(input.charAt(pos), 8);
                int d1 = Character.digit(input.charAt(pos + 1), 8);
                int d2 = Character.digit(input.charAt(pos + 2), 8);
                if (d0 < 0 || d1 < 0 || d2 < 0) {
                    throw new RegexError("three octal digits required in escape sequence", pos + (d1 >= 0 ? 1 : 2));
                }
                c = (char) ((d0 << 6) + (d1 << 3) + d2);
                pos += 2;
            }
            default -> {
                // the backslash goes, the character stays
            }
        }
        nextC = c;
        pos++;
        finished = pos >= input.length();
    }

    private static RegexError error(String msg, int pos) {
        return new RegexError(msg, pos);
    }

    private RegexError error(String msg) {
        return new RegexError(msg, lastPos);
    }

    // ------------------------------------------------------------------ the parser

    private void parse() {
        parseExpr();
        if (!finished) {
            char c = peek();
            if (c == ')') {
                throw error("unbalanced ')'", pos);
            }
            throw error("BUG -- regex parse failed to finish for unknown reasons", pos);
        }
    }

    private static boolean special(char c) {
        return c == '.' || c == '[' || c == '{' || c == '(' || c == ')' || c == '\\' || c == '*' || c == '+'
                || c == '?' || c == '|' || c == '^' || c == '$';
    }

    private void expect(char expected) {
        char c;
        try {
            c = next();
        } catch (RegexError e) {
            throw error("expected " + expected + ", found end of regex");
        }
        if (c != expected) {
            throw error("expected " + expected + ", found " + c);
        }
    }

    private void parseExpr() {
        parseTerm();
        char c = peek();
        while (c != 0 && c == '|') {
            next();
            parseTerm();
            c = peek();
        }
    }

    private void parseTerm() {
        parseFactor();
        char c = peek();
        while (c != 0 && c != '|' && c != ')') {
            parseFactor();
            c = peek();
        }
    }

    /** A factor; true when it is an anchor (^ or $), which no closure may follow. */
    private void parseFactor() {
        char c = peek();
        if (c == 0 || c == '|' || c == ')') {
            return;
        }
        if (c == '*' || c == '+' || c == '?' || c == '{') {
            throw error("unexpected '" + c + "'");
        }
        if (special(c) && c != '\\') {
            next();
        }
        boolean anchor = false;
        if (c == '.') {
            // any character
        } else if (c == '[') {
            parseCharRange();
            expect(']');
        } else if (c == '(') {
            char c2 = peek();
            if (c2 == '?') {
                next();
                char c3 = peek();
                if (c3 != ':') {
                    throw error("unexpected '(?" + c3 + "'");
                }
            }
            parseExpr();
            expect(')');
        } else if (c == '^' || c == '$') {
            anchor = true;
        } else {
            char d = 0;
            while (c != 0 && (!special(c) || c == '\\')) {
                if (c == '\\') {
                    next();
                    c = peek();
                }
                next();
                d = peek();
                if (d == '*' || d == '+' || d == '?' || d == '{') {
                    d = c;
                    break;
                }
                c = d;
                d = 0;
            }
        }
        c = peek();
        while (c == '*' || c == '+' || c == '?' || c == '{') {
            next();
            if (anchor) {
                throw error("postfix closure '" + c + "' applied to anchoring operator");
            }
            if (c == '{') {
                parseNumber();
                c = next();
                if (c == ',') {
                    c = peek();
                    if (c == '}') {
                        next();
                    } else if (c >= '0' && c <= '9') {
                        parseNumber();
                        expect('}');
                    } else {
                        throw error("expected '}' or number", pos);
                    }
                } else if (c != '}') {
                    throw error("expected ',' or '}'");
                }
            }
            c = peek();
        }
    }

    private void parseCharRange() {
        char c = peek();
        if (c == '^') {
            next();
        }
        while (true) {
            if (finished) {
                throw error("unclosed character class");
            }
            getRange();
            c = peek();
            if (c == ']') {
                break;
            }
        }
    }

    private void parseNumber() {
        StringBuilder digits = new StringBuilder();
        char c = peek();
        while (c != 0 && c >= '0' && c <= '9') {
            next();
            digits.append(c);
            c = peek();
        }
        if (digits.length() == 0) {
            throw error("expected number", pos);
        }
        if (digits.length() > 9 || Integer.parseInt(digits.toString()) >= 12345) {
            throw error(digits + " is too large", pos);
        }
    }

    /** stapregex_getrange: one character, range or [:class:] of a bracket expression. */
    private void getRange() {
        char c = peek();
        if (c == '\\') {
            next();
            c = peek();
            next();
        } else if (c == '[') {
            char old = c;
            next();
            c = peek();
            if (c == ':') {
                next();
                c = peek();
                StringBuilder name = new StringBuilder();
                while (true) {
                    if (finished) {
                        throw error("unclosed character class '[:" + name + "'", pos);
                    }
                    if (has(2) && c == ':' && input.charAt(pos) == ']') {
                        next();
                        next();
                        if (!CLASSES.contains(name.toString())) {
                            throw error("unknown character class '" + name + "'", -1);
                        }
                        return;
                    }
                    name.append(c);
                    next();
                    c = peek();
                }
            }
            c = old;
        } else {
            next();
        }
        char lb = c;
        if (!has(2) || peek() != '-' || input.charAt(pos) == ']') {
            return;
        }
        next();
        char ub = peek();
        if (ub < lb) {
            throw error("Inverted character range " + lb + "-" + ub, pos);
        }
        next();
    }
}
