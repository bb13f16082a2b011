package io.tapls.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Joins SystemTap tokens with what stap's lexer skips between them: nothing, spaces, tabs, new lines, and the
 * three kinds of comment ('#' and '//' to the end of the line, '/* *&#47;'), mostly a space. Where nothing
 * between two tokens would make the lexer read one other token ("a" "b" as "ab", "%" "(" as "%(", "/" then a
 * comment as "//"), at least a space is kept, so the program stays the one generated.
 */
final class Spacing {
    private Spacing() {
    }

    private static final String[] COMMENTS = {"/* c */", "/**/", "/* a\n b */", "// c\n", "# c\n", "#\n",
        "/* $x */", "# %( %)\n", "/* \" */"};

    static String render(List<String> tokens, SplittableRandom r) {
        StringBuilder out = new StringBuilder();
        // A whole program spaced one way now and then: all on one line, or no space wherever none is needed.
        int style = r.nextInt(10);
        for (int i = 0; i < tokens.size(); i++) {
            String tok = tokens.get(i);
            if (i > 0) {
                String prev = tokens.get(i - 1);
                out.append(separator(prev, tok, style, r));
            }
            out.append(tok);
        }
        out.append(r.nextInt(10) == 0 ? "" : "\n");
        return out.toString();
    }

    private static String separator(String prev, String next, int style, SplittableRandom r) {
        String sep;
        int k = r.nextInt(100);
        if (style == 0) {
            sep = k < 80 ? "" : " ";
        } else if (style == 1) {
            sep = k < 50 ? "" : k < 80 ? COMMENTS[r.nextInt(COMMENTS.length)] : " ";
        } else if (k < 55) {
            sep = " ";
        } else if (k < 70) {
            sep = "";
        } else if (k < 78) {
            sep = "\n";
        } else if (k < 82) {
            sep = "\t";
        } else if (k < 84) {
            sep = " \n\t  ";
        } else {
            sep = COMMENTS[r.nextInt(COMMENTS.length)];
        }
        if (sep.isEmpty() && merges(prev, next)) {
            sep = " ";
        }
        boolean comment = sep.startsWith("/") || sep.startsWith("#");
        // "/" then "/*" would open a line comment; "$" or "@" then "#" would be $# or @#
        if (comment && (prev.endsWith("/") || prev.endsWith("$") || prev.endsWith("@"))) {
            sep = " " + sep;
        }
        return sep;
    }

    private static boolean word(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@' || c > 127;
    }

    /** Whether writing the two tokens with nothing between them could lex as something else. */
    static boolean merges(String prev, String next) {
        if (prev.isEmpty() || next.isEmpty()) {
            return false;
        }
        char a = prev.charAt(prev.length() - 1);
        char b = next.charAt(0);
        if (word(a) && word(b)) {
            return true;
        }
        if (a == '"' && b == '"') {
            return false; // adjacent literals concatenate either way
        }
        if (a == '"' || b == '"') {
            return false;
        }
        // two punctuation characters can make one operator, a comment, or a preprocessor token
        boolean pa = !word(a) && !Character.isWhitespace(a);
        boolean pb = !word(b) && !Character.isWhitespace(b);
        if (pa && pb) {
            return !(isBracket(a) && isBracket(b)) || a == '%' || b == '%';
        }
        // a number followed by a letter is one number token; '.' then a digit is fine
        return false;
    }

    private static boolean isBracket(char c) {
        return c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == ';' || c == ',';
    }
}
