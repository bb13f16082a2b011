package io.tapls.csource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Finds identifiers in C (and C++ / Objective-C) source text, as the compiler's preprocessor tokenizes it:
 * not in comments, string or character literals, header names of {@code #include <...>}, nor numbers; line
 * splices (backslash-newline, with GCC's tolerance of blanks before the newline) joined first, so that a
 * multi-line macro or a call split over lines reads as one. Only identifiers that start with one of the given
 * prefixes are kept: a QEMU tree has millions of identifiers, and what tapls looks for ({@code trace_foo},
 * {@code TRACE_FOO_ENABLED}, {@code QEMU_FOO}, a DTrace provider's {@code PROVIDER_PROBE}) always starts
 * with a known word. An identifier that is not one in the program is left out: the operand of {@code #}
 * (stringized) or of {@code ##} (pasted into a longer one) in a macro body.
 *
 * <p>No macro is expanded: {@code trace_##name(...)} names no event, and a call through a macro that builds
 * the name is not seen (nor by QEMU's scripts/cleanup-trace-events.pl, which greps for the word).
 */
public final class CScanner {
    /**
     * An identifier in code. Offsets and columns count UTF-16 code units, lines from 0; {@code call} when the
     * next token is {@code (} (on the same logical line, comments and line breaks between allowed outside a
     * directive). {@code wrapper}: null for an identifier as written; else the wrapper macro whose first
     * argument this is ({@link #scan(String, List, Map)}), {@code name} then being the identifier the wrapper
     * pastes together (the argument's text with the wrapper's prefix before it), the span the argument's.
     */
    public record Ident(String name, int start, int end, int line, int column, int endLine, int endColumn,
                        boolean call, String wrapper) {
    }

    private final String text;      // the original text
    private final char[] s;         // the logical text: splices removed
    private final int[] map;        // logical index -> original offset (null: identity)
    private final int n;
    private final String[] prefixes;
    private final boolean[] firstChars = new boolean[128]; // the prefixes' first characters
    private final String[] wrappers;        // wrapper macro names
    private final String[] wrapperPrefixes; // what each pastes before its first argument
    private final boolean[] wrapperFirstChars = new boolean[128];
    private int[] lineStarts;       // of the original text, built on the first match

    private CScanner(String text, String[] prefixes, Map<String, String> wrappers) {
        this.text = text;
        this.prefixes = prefixes;
        this.wrappers = wrappers.keySet().toArray(String[]::new);
        this.wrapperPrefixes = new String[this.wrappers.length];
        for (int k = 0; k < this.wrappers.length; k++) {
            wrapperPrefixes[k] = wrappers.get(this.wrappers[k]);
            if (!this.wrappers[k].isEmpty() && this.wrappers[k].charAt(0) < 128) {
                wrapperFirstChars[this.wrappers[k].charAt(0)] = true;
            }
        }
        for (String p : prefixes) {
            if (!p.isEmpty() && p.charAt(0) < 128) {
                firstChars[p.charAt(0)] = true;
            }
        }
        int splices = countSplices(text);
        if (splices == 0) {
            s = text.toCharArray();
            map = null;
        } else {
            char[] out = new char[text.length()];
            int[] m = new int[text.length() + 1];
            int k = 0;
            for (int i = 0; i < text.length(); ) {
                int after = spliceEnd(text, i);
                if (after > i) {
                    i = after;
                    continue;
                }
                out[k] = text.charAt(i);
                m[k] = i;
                k++;
                i++;
            }
            m[k] = text.length();
            s = Arrays.copyOf(out, k);
            map = Arrays.copyOf(m, k + 1);
        }
        n = s.length;
    }

    /** The identifiers of {@code text} that start with one of {@code prefixes}, in order. */
    public static List<Ident> scan(String text, List<String> prefixes) {
        return scan(text, prefixes, Map.of());
    }

    /**
     * The same, and the first argument of each call of a wrapper macro, as the identifier the wrapper pastes:
     * {@code wrappers} maps a macro's name to what it pastes before its first argument. libvirt fires its
     * probes through {@code PROBE(RPC_CLIENT_MSG_RX, fmt, ...)}, which src/util/virprobe.h defines as
     * {@code LIBVIRT_ ## NAME ## _ENABLED()} then {@code LIBVIRT_ ## NAME(...)}: with {@code PROBE → LIBVIRT_}
     * the argument reads as {@code LIBVIRT_RPC_CLIENT_MSG_RX}, dtrace -h's macro. The wrapper's own
     * {@code #define} is not a call of it.
     */
    public static List<Ident> scan(String text, List<String> prefixes, Map<String, String> wrappers) {
        if (prefixes.isEmpty() && wrappers.isEmpty()
                || wrappers.isEmpty() && prefixes.size() == 1 && !text.contains(prefixes.get(0))) {
            return List.of(); // the file does not mention it: no need to lex
        }
        return new CScanner(text, prefixes.toArray(String[]::new), wrappers).run();
    }

    /** Backslash, optional blanks, then a line terminator: the offset after it, else {@code i}. */
    private static int spliceEnd(String t, int i) {
        if (t.charAt(i) != '\\') {
            return i;
        }
        int j = i + 1;
        while (j < t.length() && (t.charAt(j) == ' ' || t.charAt(j) == '\t')) {
            j++;
        }
        if (j < t.length() && t.charAt(j) == '\n') {
            return j + 1;
        }
        if (j < t.length() && t.charAt(j) == '\r') {
            return j + 1 < t.length() && t.charAt(j + 1) == '\n' ? j + 2 : j + 1;
        }
        return i;
    }

    private static int countSplices(String t) {
        int count = 0;
        for (int i = t.indexOf('\\'); i >= 0; i = t.indexOf('\\', i + 1)) {
            if (spliceEnd(t, i) > i) {
                count++;
            }
        }
        return count;
    }

    private enum Prev { NONE, HASH, PASTE, OTHER }

    private List<Ident> run() {
        final char[] s = this.s; // locals: the loop runs once per character
        final int n = this.n;
        List<Ident> out = new ArrayList<>();
        boolean lineStart = true;       // only blanks since the last line break
        boolean directive = false;      // inside a # line
        boolean directiveName = false;  // the next identifier names the directive
        boolean headerName = false;     // after #include: <...> is a header name
        boolean defining = false;       // the next identifier is the name #define defines
        Prev prev = Prev.NONE;
        int i = 0;
        while (i < n) {
            char c = s[i];
            if (c == '\n' || c == '\r') {
                lineStart = true;
                directive = false;
                directiveName = false;
                headerName = false;
                defining = false;
                prev = Prev.NONE;
                i++;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\f' || c == '\u000b') {
                i++;
                continue;
            }
            if (c == '/' && i + 1 < n && s[i + 1] == '/') {
                i = lineEnd(i);
                continue;
            }
            if (c == '/' && i + 1 < n && s[i + 1] == '*') {
                i = commentEnd(i + 2);
                continue;
            }
            boolean wasLineStart = lineStart;
            lineStart = false;
            if (c == '"' || c == '\'') {
                i = quotedEnd(i + 1, c);
                prev = Prev.OTHER;
                headerName = false;
                continue;
            }
            if (c == '<' && headerName) {
                int j = i + 1;
                while (j < n && s[j] != '>' && s[j] != '\n' && s[j] != '\r') {
                    j++;
                }
                i = j < n && s[j] == '>' ? j + 1 : j;
                headerName = false;
                prev = Prev.OTHER;
                continue;
            }
            headerName = false;
            if (digit(c) || c == '.' && i + 1 < n && digit(s[i + 1])) {
                i = numberEnd(i);
                prev = Prev.OTHER;
                continue;
            }
            if (identStart(c)) {
                int j = i + 1;
                while (j < n && identPart(s[j])) {
                    j++;
                }
                if (j < n && (s[j] == '"' || s[j] == '\'') && literalPrefix(i, j)) {
                    i = rawPrefix(i, j) && s[j] == '"' ? rawStringEnd(j + 1) : quotedEnd(j + 1, s[j]);
                    prev = Prev.OTHER;
                    continue;
                }
                int w;
                boolean defined = defining; // the macro a #define defines: not a use of a wrapper
                defining = false;
                if (directiveName) {
                    directiveName = false;
                    String d = new String(s, i, j - i);
                    headerName = d.equals("include") || d.equals("include_next") || d.equals("import");
                    defining = d.equals("define");
                } else if (!defined && prev != Prev.HASH && prev != Prev.PASTE && (w = wrapper(i, j)) >= 0) {
                    int open = skipBlanks(j, directive);
                    if (open < n && s[open] == '(') {
                        int a = skipBlanks(open + 1, directive);
                        if (a < n && identStart(s[a])) {
                            int b = a + 1;
                            while (b < n && identPart(s[b])) {
                                b++;
                            }
                            out.add(ident(a, b, true, wrapperPrefixes[w] + new String(s, a, b - a), wrappers[w]));
                            prev = Prev.OTHER;
                            i = b; // the argument is read: not an identifier of its own
                            continue;
                        }
                    }
                } else if (prev != Prev.HASH && prev != Prev.PASTE && matches(i, j)) {
                    int next = skipBlanks(j, directive);
                    boolean pasted = next + 1 < n && s[next] == '#' && s[next + 1] == '#';
                    if (!pasted) {
                        out.add(ident(i, j, next < n && s[next] == '('));
                    }
                }
                prev = Prev.OTHER;
                i = j;
                continue;
            }
            if (c == '#' || c == '%' && i + 1 < n && s[i + 1] == ':') {
                int width = c == '#' ? 1 : 2;
                boolean paste = c == '#' ? i + 1 < n && s[i + 1] == '#'
                        : i + 3 < n && s[i + 2] == '%' && s[i + 3] == ':';
                if (paste) {
                    prev = Prev.PASTE;
                    i += 2 * width;
                } else if (wasLineStart) {
                    directive = true;
                    directiveName = true;
                    prev = Prev.NONE;
                    i += width;
                } else {
                    // '#' in a macro body stringizes its operand; elsewhere it is not C at all
                    prev = directive ? Prev.HASH : Prev.OTHER;
                    i += width;
                }
                continue;
            }
            prev = Prev.OTHER;
            directiveName = false;
            i++;
        }
        return out;
    }

    /** The index of the wrapper macro named s[from, to), or -1. */
    private int wrapper(int from, int to) {
        char first = s[from];
        if (first >= 128 || !wrapperFirstChars[first]) {
            return -1;
        }
        for (int k = 0; k < wrappers.length; k++) {
            if (wrappers[k].length() == to - from && regionMatches(from, wrappers[k])) {
                return k;
            }
        }
        return -1;
    }

    private boolean matches(int from, int to) {
        char first = s[from];
        if (first >= 128 || !firstChars[first]) {
            return false;
        }
        int len = to - from;
        for (String p : prefixes) {
            if (len > p.length() && regionMatches(from, p)) {
                return true;
            }
        }
        return false;
    }

    private boolean regionMatches(int from, String p) {
        for (int k = 0; k < p.length(); k++) {
            if (s[from + k] != p.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The next token's start after blanks and comments; line breaks too, outside a directive. */
    private int skipBlanks(int i, boolean directive) {
        while (i < n) {
            char c = s[i];
            if (c == ' ' || c == '\t' || c == '\f' || c == '\u000b' || !directive && (c == '\n' || c == '\r')) {
                i++;
            } else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
                i = commentEnd(i + 2);
            } else if (c == '/' && i + 1 < n && s[i + 1] == '/' && !directive) {
                i = lineEnd(i);
            } else {
                return i;
            }
        }
        return i;
    }

    private int lineEnd(int i) {
        while (i < n && s[i] != '\n' && s[i] != '\r') {
            i++;
        }
        return i;
    }

    private int commentEnd(int i) {
        while (i + 1 < n && !(s[i] == '*' && s[i + 1] == '/')) {
            i++;
        }
        return Math.min(n, i + 2);
    }

    /** After the opening quote: past the closing one, or at the line break of an unterminated literal. */
    private int quotedEnd(int i, char quote) {
        while (i < n) {
            char c = s[i];
            if (c == '\\' && i + 1 < n && s[i + 1] != '\n' && s[i + 1] != '\r') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else if (c == '\n' || c == '\r') {
                return i;
            } else {
                i++;
            }
        }
        return i;
    }

    /** C++11 raw string, after R": delimiter, '(', anything up to ')' delimiter '"'. */
    private int rawStringEnd(int i) {
        int open = i;
        while (open < n && open - i <= 16 && s[open] != '(' && s[open] != '\n') {
            open++;
        }
        if (open >= n || s[open] != '(') {
            return quotedEnd(i, '"'); // not a raw string after all
        }
        String close = ")" + new String(s, i, open - i) + "\"";
        for (int j = open + 1; j + close.length() <= n; j++) {
            if (s[j] == ')' && new String(s, j, close.length()).equals(close)) {
                return j + close.length();
            }
        }
        return n;
    }

    /** A pp-number: digits, letters, '.', exponent signs, and C23/C++14 digit separators. */
    private int numberEnd(int i) {
        i++;
        while (i < n) {
            char c = s[i];
            if ((c == '+' || c == '-') && "eEpP".indexOf(s[i - 1]) >= 0) {
                i++;
            } else if (c == '\'' && i + 1 < n && identPart(s[i + 1])) {
                i += 2;
            } else if (identPart(c) || c == '.') {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private boolean literalPrefix(int from, int to) {
        return switch (new String(s, from, to - from)) {
            case "L", "u", "U", "u8", "R", "LR", "uR", "UR", "u8R" -> true;
            default -> false;
        };
    }

    private boolean rawPrefix(int from, int to) {
        return s[to - 1] == 'R';
    }

    private Ident ident(int from, int to, boolean call) {
        return ident(from, to, call, new String(s, from, to - from), null);
    }

    private Ident ident(int from, int to, boolean call, String name, String wrapper) {
        int start = original(from);
        int end = to == 0 ? start : original(to - 1) + 1;
        int line = lineOf(start);
        int endLine = lineOf(end);
        return new Ident(name, start, end, line, start - lineStarts[line], endLine,
                end - lineStarts[endLine], call, wrapper);
    }

    private int original(int logical) {
        return map == null ? logical : map[logical];
    }

    private int lineOf(int offset) {
        if (lineStarts == null) {
            lineStarts = lineStarts(text);
        }
        int k = Arrays.binarySearch(lineStarts, offset);
        return k >= 0 ? k : -k - 2;
    }

    /** Where each line starts: after "\n", "\r\n" or a lone "\r". */
    private static int[] lineStarts(String text) {
        int[] starts = new int[64];
        int count = 1;
        boolean cr = text.indexOf('\r') >= 0;
        for (int k = cr ? 0 : text.indexOf('\n'); k >= 0 && k < text.length();
                k = cr ? k + 1 : text.indexOf('\n', k + 1)) {
            char c = text.charAt(k);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && k + 1 < text.length() && text.charAt(k + 1) == '\n') {
                    k++;
                }
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = k + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** C's identifier characters, '$' (a GCC extension) and anything non-ASCII (UTF-8 identifiers). */
    private static boolean identStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$' || c >= 0x80;
    }

    private static boolean identPart(char c) {
        return identStart(c) || digit(c);
    }
}
