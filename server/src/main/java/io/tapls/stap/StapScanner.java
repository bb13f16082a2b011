package io.tapls.stap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A hand-written scanner with exactly the token rules of grammar/StapLexer.g4 (longest match, the
 * first rule on a tie), about three times faster than the generated lexer; StapScannerTest checks that
 * both give the same tokens over the whole tapset library.
 */
final class StapScanner {
    private static final String SINGLE = "!%&'()*+,-./:;<=>?[\\]^`{|}~";
    private static final String[] THREE = {"<<<", ">>>", "<<=", ">>="};
    private static final String[] TWO = {"==", "!=", "<=", ">=", "=~", "!~", "+=", "-=", "*=", "/=", "%=", "&=", "^=",
        "|=", ".=", "&&", "||", "++", "--", "->", "<<", ">>", "%(", "%?", "%:", "%)"};

    private StapScanner() {
    }

    private static boolean identStart(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || c == '$';
    }

    private static boolean identPart(char c) {
        return identStart(c) || c >= '0' && c <= '9';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean alnum(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    static StapLexing.Result scan(SourceUnit unit) {
        return scan(unit, null);
    }

    /**
     * The tokens of a file. {@code args} are the script's arguments ($1, @1, ...), or null when they are not
     * known: then $N, @N, $# and @# stay ARG_RAW / ARG_STRING tokens (the grammar's rules). When they are
     * known, they are substituted as stap's lexer::scan (parse.cxx) does it: the argument's characters are
     * pasted into the input where $N was and lexed with whatever follows ({@code $1x} with 5 is the number
     * {@code 5x}), @N is pasted as a quoted, escaped string (lex_cast_qstring), $# / @# as the count. A
     * $N/@N/$#/@# that begins inside pasted text is junk ("invalid nested substitution of command line
     * arguments"), an index outside 1..N is junk ("command line argument out of range [1-N]"). Tokens that
     * begin in pasted text get the $N token as their {@link Token#site} (stap reports them at $N), and a
     * {@link SourceUnit} of their own holding the pasted text.
     */
    static StapLexing.Result scan(SourceUnit unit, List<String> args) {
        Stream st = new Stream(unit, args);
        List<Token> tokens = new ArrayList<>(st.n / 6 + 16);
        for (Token t = st.next(); t != null; t = st.next()) {
            tokens.add(t);
        }
        return st.result(tokens);
    }

    /**
     * The tokens of a file one at a time: a parse that takes them so keeps only those its tree holds, where a
     * list of all of them (a 14 MB script: 2 million tokens, 100 MB) lives, and is copied by the collector, as
     * long as the parse. The comments and the argument flags are complete once {@link #next} has given null.
     */
    static final class Stream {
        private final SourceUnit unit;
        private final List<String> args;
        private String s;
        // The characters in an array: String.charAt checks its index on each call, which the quick compiler of a
        // short CLI run keeps as a call per character (a file with one character beyond Latin-1 is all UTF-16)
        private char[] a;
        private int n;
        private int i;
        /** Whitespace or a comment since the last token (stap's ate_whitespace). */
        private boolean ws = true;
        private boolean takesArguments;
        private final Set<Integer> used;
        private Pastes pastes;
        // One string per distinct name or number: a big file repeats a few thousand of them millions of times,
        // and its tokens stay in memory as long as the document's analysis
        private final Words words = new Words();
        private List<StapLexing.Comment> comments = new ArrayList<>();
        /** Tokens given so far. */
        int count;

        Stream(SourceUnit unit, List<String> args) {
            this.unit = unit;
            this.args = args;
            this.s = unit.content;
            this.a = s.toCharArray();
            this.n = a.length;
            this.used = args == null ? Set.of() : new TreeSet<>();
        }

        /** The lexing's result once every token was taken; {@code tokens} those tokens (null: not kept). */
        StapLexing.Result result(List<Token> tokens) {
            List<Token> out = tokens;
            List<StapLexing.Comment> cs = comments;
            if (pastes != null) {
                out = pastes.mapTokens(tokens);
                cs = pastes.mapComments(comments);
            }
            return new StapLexing.Result(out, cs, takesArguments, used);
        }

        /** The next token, null at the end of the file. */
        Token next() {
            int i = this.i;
            int n = this.n;
            char[] a = this.a;
            boolean ws = this.ws;
            while (i < n) {
                char c = a[i];
                int start = i;
                // whitespace
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x0B || c == 0x0C) {
                    i++;
                    while (i < n) {
                        char d = a[i];
                        if (d == ' ' || d == '\t' || d == '\r' || d == '\n' || d == 0x0B || d == 0x0C) {
                            i++;
                        } else {
                            break;
                        }
                    }
                    ws = true;
                    continue;
                }
                // comments
                if (c == '/' && i + 1 < n && a[i + 1] == '*') {
                    int close = s.indexOf("*/", i + 2);
                    i = close < 0 ? n : close + 2;
                    comments.add(new StapLexing.Comment(start, i, s.substring(start, i)));
                    ws = true;
                    continue;
                }
                if (c == '#' || c == '/' && i + 1 < n && a[i + 1] == '/') {
                    // stap ends the comment when its line counter moves, and that counter is suspended while the
                    // lexer reads pasted argument text: only a newline of the file itself ends the comment.
                    int pastedEnd = pastes == null ? -1 : pastes.end;
                    while (i < n && (a[i] != '\n' && a[i] != '\r' || i < pastedEnd)) {
                        i++;
                    }
                    comments.add(new StapLexing.Comment(start, i, s.substring(start, i)));
                    ws = true;
                    continue;
                }
                Token tok;
                if (c == '%' && i + 1 < n && a[i + 1] == '{') {
                    int close = s.indexOf("%}", i + 2);
                    if (close < 0) {
                        i = n;
                        tok = new Token(Token.Kind.JUNK, "", start, i, unit, ws,
                                "Could not find matching '%}' to close embedded function block");
                    } else {
                        i = close + 2;
                        tok = new Token(Token.Kind.EMBEDDED, s.substring(start + 2, close), start, i, unit, ws, null);
                    }
                } else if (args != null && (c == '$' || c == '@') && i + 1 < n
                        && (a[i + 1] == '#' || digit(a[i + 1]))) {
                    // lexer::scan: "Paste command line arguments as character streams into the beginning of a
                    // token." The digits are read while the index can still be in range (stap's overflow guard).
                    int j;
                    long idx = -1;
                    if (a[i + 1] == '#') {
                        j = i + 2;
                    } else {
                        j = i + 1;
                        idx = 0;
                        do {
                            idx = idx * 10 + (a[j] - '0');
                            j++;
                        } while (j < n && digit(a[j]) && idx <= args.size());
                    }
                    boolean nested = pastes != null && i < pastes.end;
                    String junk = null;
                    if (nested) {
                        junk = "invalid nested substitution of command line arguments";
                    } else if (idx >= 0) {
                        takesArguments = true;
                        if (idx == 0 || idx - 1 >= args.size()) {
                            junk = "command line argument out of range [1-" + args.size() + "]";
                        }
                    }
                    if (junk != null) {
                        // stap's junk token has empty content: "at: junk ''"
                        tok = new Token(Token.Kind.JUNK, "", start, j, unit, ws, junk);
                        i = j;
                    } else {
                        String pasted;
                        if (idx < 0) {
                            pasted = c == '$' ? String.valueOf(args.size()) : "\"" + args.size() + "\"";
                        } else {
                            used.add((int) idx);
                            String arg = args.get((int) idx - 1);
                            pasted = c == '$' ? arg : quoted(arg);
                        }
                        if (pastes == null) {
                            pastes = new Pastes();
                        }
                        int srcStart = pastes.toSource(i);
                        Token site = new Token(c == '$' ? Token.Kind.ARG_RAW : Token.Kind.ARG_STRING, s.substring(i, j),
                                srcStart, srcStart + (j - i), unit, ws, null);
                        pastes.add(i, pasted, site, unit.path);
                        s = s.substring(0, i) + pasted + s.substring(j);
                        a = s.toCharArray();
                        n = a.length;
                        this.a = a;
                        this.n = n;
                        continue; // stap: goto skip, whitespace seen before $N still counts
                    }
                } else if (c == '$' || c == '@') {
                    int identEnd = i + 1;
                    while (identEnd < n && identPart(a[identEnd])) {
                        identEnd++;
                    }
                    int argEnd = -1;
                    if (i + 1 < n && a[i + 1] == '#') {
                        argEnd = i + 2;
                    } else if (i + 1 < n && digit(a[i + 1])) {
                        argEnd = i + 1;
                        while (argEnd < n && digit(a[argEnd])) {
                            argEnd++;
                        }
                    }
                    if (argEnd >= identEnd) {
                        takesArguments |= a[start + 1] != '#';
                        i = argEnd;
                        tok = new Token(c == '$' ? Token.Kind.ARG_RAW : Token.Kind.ARG_STRING, s.substring(start, i),
                                start, i, unit, ws, null);
                    } else {
                        i = identEnd;
                        String t = s.substring(start, i);
                        tok = new Token(c == '@' ? Token.Kind.OPERATOR : Token.Kind.IDENT, t, start, i, unit, ws, null);
                    }
                } else if (identStart(c)) {
                    i++;
                    while (i < n && identPart(a[i])) {
                        i++;
                    }
                    int w = words.slot(a, start, i);
                    tok = new Token(words.keyword[w] ? Token.Kind.KEYWORD : Token.Kind.IDENT, words.strings[w], start,
                            i, unit, ws, null);
                } else if (digit(c)) {
                    i++;
                    while (i < n && alnum(a[i])) {
                        i++;
                    }
                    int w = words.slot(a, start, i); // before reading the arrays: a slot() that grows replaces them
                    tok = new Token(Token.Kind.NUMBER, words.strings[w], start, i, unit, ws, null);
                } else if (c == '"') {
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char d = a[i];
                        if (d == '\\' && i + 1 < n && a[i + 1] != '\r' && a[i + 1] != '\n') {
                            i += 2;
                        } else if (d == '"') {
                            i++;
                            closed = true;
                            break;
                        } else if (d == '\\' || d == '\r' || d == '\n') {
                            if (d == '\\') {
                                i++;
                            }
                            break;
                        } else {
                            i++;
                        }
                    }
                    tok = closed
                            ? new Token(Token.Kind.STRING, StapLexing.unescape(s.substring(start + 1, i - 1)), start, i,
                                    unit, ws, null)
                            : new Token(Token.Kind.JUNK, "", start, i, unit, ws,
                                    "Could not find matching closing quote");
                } else if (SINGLE.indexOf(c) >= 0) {
                    String op = operator(a, i, n);
                    i += op.length();
                    tok = new Token(Token.Kind.OPERATOR, op, start, i, unit, ws, null);
                } else {
                    i += Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(a[i + 1]) ? 2 : 1;
                    tok = new Token(Token.Kind.JUNK, StapLexing.junkText(s.substring(start, i)), start, i, unit, ws,
                            null);
                }
                ws = false;
                this.i = i;
                this.ws = false;
                count++;
                return tok;
            }
            this.i = i;
            this.ws = ws;
            return null;
        }
    }

    /**
     * One string per distinct name or number, looked up by the characters in place: a big file repeats a few
     * thousand of them millions of times, and a substring made for each only to find the one kept (a HashMap)
     * was most of what the scanner allocated. Open addressing, keys compared as char arrays.
     */
    private static final class Words {
        char[][] chars = new char[1024][];
        String[] strings = new String[1024];
        int[] hashes = new int[1024];
        boolean[] keyword = new boolean[1024];
        int size;

        int slot(char[] a, int from, int to) {
            int h = 0;
            for (int k = from; k < to; k++) {
                h = 31 * h + a[k];
            }
            int len = to - from;
            int mask = chars.length - 1;
            for (int slot = (h ^ h >>> 16) & mask; ; slot = slot + 1 & mask) {
                char[] w = chars[slot];
                if (w == null) {
                    if (2 * (size + 1) > chars.length) {
                        grow();
                        return slot(a, from, to);
                    }
                    w = java.util.Arrays.copyOfRange(a, from, to);
                    String t = new String(w);
                    chars[slot] = w;
                    strings[slot] = t;
                    hashes[slot] = h;
                    keyword[slot] = StapLexing.KEYWORDS.contains(t);
                    size++;
                    return slot;
                }
                if (hashes[slot] == h && w.length == len && same(w, a, from)) {
                    return slot;
                }
            }
        }

        private static boolean same(char[] w, char[] a, int from) {
            for (int k = 0; k < w.length; k++) {
                if (w[k] != a[from + k]) {
                    return false;
                }
            }
            return true;
        }

        private void grow() {
            char[][] oldChars = chars;
            String[] oldStrings = strings;
            int[] oldHashes = hashes;
            boolean[] oldKeyword = keyword;
            int cap = oldChars.length * 2;
            chars = new char[cap][];
            strings = new String[cap];
            hashes = new int[cap];
            keyword = new boolean[cap];
            for (int k = 0; k < oldChars.length; k++) {
                if (oldChars[k] != null) {
                    int h = oldHashes[k];
                    int slot = (h ^ h >>> 16) & cap - 1;
                    while (chars[slot] != null) {
                        slot = slot + 1 & cap - 1;
                    }
                    chars[slot] = oldChars[k];
                    strings[slot] = oldStrings[k];
                    hashes[slot] = h;
                    keyword[slot] = oldKeyword[k];
                }
            }
        }
    }

    /**
     * util.h lex_cast_qstring, which stap applies to @N: the argument's bytes in double quotes, '"' and '\\'
     * escaped, every byte that is not printable ASCII as a three-digit octal escape.
     */
    static String quoted(String arg) {
        StringBuilder b = new StringBuilder(arg.length() + 2).append('"');
        for (byte x : arg.getBytes(StandardCharsets.UTF_8)) {
            int v = x & 0xff;
            if (v < 0x20 || v > 0x7e) {
                b.append('\\').append((char) ('0' + (v >> 6 & 7))).append((char) ('0' + (v >> 3 & 7)))
                        .append((char) ('0' + (v & 7)));
            } else {
                if (v == '"' || v == '\\') {
                    b.append('\\');
                }
                b.append((char) v);
            }
        }
        return b.append('"').toString();
    }

    /** One argument text pasted in: where it lies in the scanned text, and the $N token it replaced. */
    private static final class Paste {
        final int start;
        final int end;
        final int srcEnd;
        final Token site;
        final SourceUnit unit;

        Paste(int start, int end, int srcEnd, Token site, SourceUnit unit) {
            this.start = start;
            this.end = end;
            this.srcEnd = srcEnd;
            this.site = site;
            this.unit = unit;
        }
    }

    /**
     * The argument texts pasted into a file while it is scanned. The scanner works on the file's text with
     * each $N replaced by its text (offsets before the current position never move); this maps those
     * offsets back to the file, and gives tokens that begin in pasted text the $N token as their site.
     */
    private static final class Pastes {
        final List<Paste> list = new ArrayList<>();
        /** Where the last pasted text ends in the scanned text: before it, a '$' or '@' is "nested". */
        int end = -1;

        void add(int start, String text, Token site, String path) {
            list.add(new Paste(start, start + text.length(), site.end, site, new SourceUnit(path, text)));
            end = start + text.length();
        }

        /** The file offset of a scanned-text offset that is not inside pasted text. */
        int toSource(int v) {
            for (int k = list.size() - 1; k >= 0; k--) {
                Paste p = list.get(k);
                if (p.end <= v) {
                    return p.srcEnd + (v - p.end);
                }
            }
            return v;
        }

        /**
         * Tokens at file offsets. A token that begins in the file's own text is that text only (pasting
         * happens only where a token begins), so it keeps its length; one that begins in pasted text is
         * placed in the paste's unit, at the $N token.
         */
        List<Token> mapTokens(List<Token> tokens) {
            List<Token> out = new ArrayList<>(tokens.size());
            int k = -1;
            for (Token t : tokens) {
                while (k + 1 < list.size() && list.get(k + 1).start <= t.start) {
                    k++;
                }
                Paste p = k < 0 ? null : list.get(k);
                if (p != null && t.start < p.end) {
                    int len = p.end - p.start;
                    out.add(new Token(t.kind, t.text, t.start - p.start, Math.min(t.end - p.start, len), p.unit,
                            t.wsBefore, t.junkMessage).withContext(p.site, null));
                } else {
                    int s = p == null ? t.start : p.srcEnd + (t.start - p.end);
                    out.add(new Token(t.kind, t.text, s, s + (t.end - t.start), t.unit, t.wsBefore, t.junkMessage));
                }
            }
            return out;
        }

        private boolean pasted(int v) {
            for (int k = list.size() - 1; k >= 0; k--) {
                Paste p = list.get(k);
                if (p.start <= v) {
                    return v < p.end;
                }
            }
            return false;
        }

        /** Comments at their file offsets; those that begin in pasted text (no doc comments) are dropped. */
        List<StapLexing.Comment> mapComments(List<StapLexing.Comment> comments) {
            List<StapLexing.Comment> out = new ArrayList<>(comments.size());
            for (StapLexing.Comment c : comments) {
                if (!pasted(c.start())) {
                    int start = toSource(c.start());
                    out.add(new StapLexing.Comment(start, start + (c.end() - c.start()), c.text()));
                }
            }
            return out;
        }
    }

    private static final String[] SINGLES = new String[128];

    static {
        for (char c : SINGLE.toCharArray()) {
            SINGLES[c] = String.valueOf(c).intern();
        }
    }

    /** The longest operator at i (maximal munch over THREE, TWO, then one character). */
    private static String operator(char[] s, int i, int n) {
        char c = s[i];
        char d = i + 1 < n ? s[i + 1] : 0;
        if (d != 0 && (c == '<' || c == '>' || c == '=' || c == '!' || c == '+' || c == '-' || c == '*' || c == '/'
                || c == '%' || c == '&' || c == '^' || c == '|' || c == '.')) {
            if (i + 2 < n) {
                for (String op : THREE) {
                    if (op.charAt(0) == c && op.charAt(1) == d && op.charAt(2) == s[i + 2]) {
                        return op;
                    }
                }
            }
            for (String op : TWO) {
                if (op.charAt(0) == c && op.charAt(1) == d) {
                    return op;
                }
            }
        }
        return SINGLES[c];
    }
}
