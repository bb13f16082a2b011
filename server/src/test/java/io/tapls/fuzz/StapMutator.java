package io.tapls.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutants of real SystemTap files (Debian's tapset library): the file cut into stap's tokens (a lexer of the
 * test's own, kept simple: it only has to find token boundaries), then a few of: a token deleted, doubled,
 * swapped or replaced, a piece of another file spliced in, an identifier renamed everywhere with a '$' inside it,
 * every space between tokens replaced by comments and odd spacing, a character deleted or inserted.
 */
final class StapMutator {
    /** A token and the text (spaces, comments) before it. */
    record Tok(String before, String text) {
    }

    private StapMutator() {
    }

    static String mutate(String source, String donor, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Tok> toks = lex(cut(source, r));
        List<Tok> other = lex(cut(donor, r));
        int n = 1 + r.nextInt(4);
        boolean respace = false;
        for (int i = 0; i < n && !toks.isEmpty(); i++) {
            int at = r.nextInt(toks.size());
            switch (r.nextInt(10)) {
                case 0 -> toks.remove(at);
                case 1 -> toks.add(at, toks.get(at));
                case 2 -> {
                    if (at + 1 < toks.size()) {
                        Tok a = toks.get(at);
                        Tok b = toks.get(at + 1);
                        toks.set(at, new Tok(a.before(), b.text()));
                        toks.set(at + 1, new Tok(b.before(), a.text()));
                    }
                }
                case 3 -> toks.set(at, new Tok(toks.get(at).before(), toks.get(r.nextInt(toks.size())).text()));
                case 4 -> {
                    if (!other.isEmpty()) {
                        int from = r.nextInt(other.size());
                        int len = 1 + r.nextInt(Math.min(30, other.size() - from));
                        toks.addAll(at, other.subList(from, from + len));
                    }
                }
                case 5, 6 -> dollarRename(toks, r);
                case 7 -> respace = true;
                case 8 -> toks.add(at, new Tok(" ", NOISE[r.nextInt(NOISE.length)]));
                default -> {
                    Tok t = toks.get(at);
                    String s = t.text();
                    int p = r.nextInt(s.length() + 1);
                    String changed = r.nextBoolean() && !s.isEmpty()
                            ? s.substring(0, Math.min(p, s.length() - 1)) + s.substring(Math.min(p, s.length() - 1) + 1)
                            : s.substring(0, p) + NOISE_CHARS.charAt(r.nextInt(NOISE_CHARS.length())) + s.substring(p);
                    toks.set(at, new Tok(t.before(), changed));
                }
            }
        }
        if (respace || r.nextInt(4) == 0) {
            return Spacing.render(toks.stream().map(Tok::text).toList(), r);
        }
        StringBuilder out = new StringBuilder();
        for (Tok t : toks) {
            out.append(t.before()).append(t.text());
        }
        return out.append('\n').toString();
    }

    private static final String[] NOISE = {"(", ")", "{", "}", "[", "]", ";", ",", "=", "$", "@", "%(", "%?", "%:",
        "%)", "%{", "%}", "probe", "function", "global", "in", "?", ":", "->", "$$", "\"", "#", "/*"};
    private static final String NOISE_CHARS = "$@#%(){}[];,.=\"'`\\/*!?:&|^~<>-+0aZ_\té";

    /** Every occurrence of one identifier renamed with a '$' inserted: still the same program for stap. */
    private static void dollarRename(List<Tok> toks, SplittableRandom r) {
        List<String> idents = toks.stream().map(Tok::text)
                .filter(s -> s.matches("[A-Za-z_][A-Za-z0-9_$]*") && !KEYWORDS.contains(s)).distinct().toList();
        if (idents.isEmpty()) {
            return;
        }
        String name = idents.get(r.nextInt(idents.size()));
        int p = 1 + r.nextInt(name.length());
        String renamed = name.substring(0, p) + (r.nextBoolean() ? "$" : "$$") + name.substring(p);
        toks.replaceAll(t -> t.text().equals(name) ? new Tok(t.before(), renamed) : t);
    }

    private static final java.util.Set<String> KEYWORDS = java.util.Set.of("probe", "global", "private", "function",
            "if", "else", "for", "foreach", "in", "limit", "return", "delete", "while", "break", "continue", "next",
            "string", "long", "try", "catch");

    /** Files over 12 KB: a run of lines from the middle, so that stap and tapls stay fast and errors varied. */
    private static String cut(String s, SplittableRandom r) {
        if (s.length() <= 12_000) {
            return s;
        }
        String[] lines = s.split("\n", -1);
        int from = r.nextInt(lines.length);
        int to = Math.min(lines.length, from + 40 + r.nextInt(200));
        return String.join("\n", java.util.Arrays.asList(lines).subList(from, to));
    }

    private static final String[] OPS3 = {"<<<", ">>>", "<<=", ">>="};
    private static final String[] OPS2 = {"==", "!=", "<=", ">=", "=~", "!~", "+=", "-=", "*=", "/=", "%=", "&=",
        "^=", "|=", ".=", "&&", "||", "++", "--", "->", "<<", ">>", "%(", "%?", "%:", "%)"};

    /** stap's tokens with the text before each; the text after the last token is dropped. */
    static List<Tok> lex(String s) {
        List<Tok> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        int gap = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '#' || c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                int e = s.indexOf('\n', i);
                i = e < 0 ? n : e;
                continue;
            }
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int e = s.indexOf("*/", i + 2);
                i = e < 0 ? n : e + 2;
                continue;
            }
            int start = i;
            if (c == '%' && i + 1 < n && s.charAt(i + 1) == '{') {
                int e = s.indexOf("%}", i + 2);
                i = e < 0 ? n : e + 2;
            } else if (c == '"') {
                i++;
                while (i < n && s.charAt(i) != '"' && s.charAt(i) != '\n') {
                    i += s.charAt(i) == '\\' && i + 1 < n ? 2 : 1;
                }
                i = Math.min(n, i + 1);
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@') {
                i++;
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) {
                    i++;
                }
            } else {
                i += opLength(s, i);
            }
            out.add(new Tok(s.substring(gap, start), s.substring(start, i)));
            gap = i;
        }
        return out;
    }

    private static int opLength(String s, int i) {
        for (String op : OPS3) {
            if (s.startsWith(op, i)) {
                return 3;
            }
        }
        for (String op : OPS2) {
            if (s.startsWith(op, i)) {
                return 2;
            }
        }
        return 1;
    }
}
