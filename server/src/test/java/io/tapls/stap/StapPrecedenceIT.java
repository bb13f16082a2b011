package io.tapls.stap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.StapOracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * "Same precedence as stap": expressions generated with a fixed seed from every operator level of
 * spec/systemtap.md 1.5 are printed fully parenthesised by tapls and by stap -p1; the prints must agree.
 */
class StapPrecedenceIT {
    private static final int COUNT = 240;

    /** Generates source text level by level, as stap's parse_* functions nest. */
    static final class Gen {
        private final Random r;

        Gen(long seed) {
            r = new Random(seed);
        }

        private boolean chance(int pct) {
            return r.nextInt(100) < pct;
        }

        private String pick(String... s) {
            return s[r.nextInt(s.length)];
        }

        String expr(int d) {
            return assign(d);
        }

        String assign(int d) {
            String t = ternary(d);
            if (d > 0 && chance(12)) {
                return pick("x", "y", "arr[1]") + " " + pick("=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=",
                        "^=", "|=", ".=", "<<<") + " " + expr(d - 1);
            }
            return t;
        }

        String ternary(int d) {
            String c = chain(d, 0);
            if (d > 0 && chance(15)) {
                return c + " ? " + expr(d - 1) + " : " + ternary(d - 1);
            }
            return c;
        }

        private static final String[][] LEVELS = {{"||"}, {"&&"}, {"|"}, {"^"}, {"&"}};

        /** Levels 3-7: left-associative chains, then 'in'. */
        String chain(int d, int level) {
            if (level == LEVELS.length) {
                return in(d);
            }
            StringBuilder b = new StringBuilder(chain(d, level + 1));
            int n = d > 0 && chance(25) ? 1 + r.nextInt(2) : 0;
            for (int i = 0; i < n; i++) {
                b.append(' ').append(pick(LEVELS[level])).append(' ').append(chain(d - 1, level + 1));
            }
            return b.toString();
        }

        String in(int d) {
            if (d > 0 && chance(8)) {
                if (chance(50)) {
                    return cmp(d - 1) + " in arr";
                }
                return "[" + cmp(d - 1) + ", " + (chance(30) ? "*" : cmp(d - 1)) + "] in arr";
            }
            return cmp(d);
        }

        String cmp(int d) {
            String s = shift(d);
            if (d > 0 && chance(6)) {
                return s + " " + pick("=~", "!~") + " \"a.*\"";
            }
            StringBuilder b = new StringBuilder(s);
            int n = d > 0 && chance(25) ? 1 + r.nextInt(2) : 0;
            for (int i = 0; i < n; i++) {
                b.append(' ').append(pick("<", ">", "<=", ">=", "==", "!=")).append(' ').append(shift(d - 1));
            }
            return b.toString();
        }

        String shift(int d) {
            return binChain(d, 3, new String[] {"<<", ">>"});
        }

        String binChain(int d, int which, String[] ops) {
            StringBuilder b = new StringBuilder(next(d, which));
            int n = d > 0 && chance(30) ? 1 + r.nextInt(2) : 0;
            for (int i = 0; i < n; i++) {
                b.append(' ').append(pick(ops)).append(' ').append(next(d - 1, which));
            }
            return b.toString();
        }

        private String next(int d, int which) {
            return switch (which) {
                case 3 -> binChain(d, 2, new String[] {"."});
                case 2 -> binChain(d, 1, new String[] {"+", "-"});
                case 1 -> binChain(d, 0, new String[] {"*", "/", "%"});
                default -> unary(d);
            };
        }

        String unary(int d) {
            if (d > 0 && chance(15)) {
                return pick("-", "+", "!", "~") + " " + unary(d - 1);
            }
            if (chance(8)) {
                return pick("++", "--") + pick("x", "y", "arr[2]");
            }
            if (chance(8)) {
                return pick("x", "y", "arr[3]") + pick("++", "--");
            }
            return value(d);
        }

        String value(int d) {
            int k = r.nextInt(d > 0 ? 10 : 5);
            return switch (k) {
                case 0, 1 -> Integer.toString(r.nextInt(100));
                case 2, 3 -> pick("x", "y", "z");
                case 4 -> "\"s" + r.nextInt(9) + "\"";
                case 5 -> "f(" + expr(d - 1) + (chance(50) ? ", " + expr(d - 1) : "") + ")";
                case 6 -> "arr[" + expr(d - 1) + "]";
                default -> "(" + expr(d - 1) + ")";
            };
        }
    }

    @Test
    void generatedExpressionsPrintAsStapPrintsThem() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "stap-precedence"));
        StapOracle.script();
        Gen g = new Gen(20261130L);
        List<String> exprs = new ArrayList<>();
        while (exprs.size() < COUNT) {
            String e = g.expr(4);
            if (e.length() > 12 && e.length() < 400) {
                exprs.add(e);
            }
        }
        StringBuilder script = new StringBuilder("global arr\nfunction f(a, b) { return 0 }\nprobe begin {\n");
        for (String e : exprs) {
            script.append(e).append(";\n");
        }
        script.append("}\n");
        Path file = dir.resolve("precedence.stp");
        Files.writeString(file, script.toString());

        StapFile parsed = StapReader.read(file.toString(), script.toString(), Map.of(), PpConfig.defaults());
        assertEquals(List.of(), parsed.errors());
        List<String> mine = new ArrayList<>();
        for (Ast.Stmt s : parsed.probes().get(0).body().stmts()) {
            mine.add(((Ast.ExprStmt) s).expr().toStap() + ";");
        }

        // The ANTLR grammar's tree, printed the same way, must agree too.
        io.tapls.grammar.StapParser.FileContext tree = StapGrammar.parse(StapGrammar.preprocess(file.toString(),
                script.toString(), Map.of(), PpConfig.defaults())).tree();
        List<String> grammar = new ArrayList<>();
        io.tapls.grammar.StapParser.ProbeDeclContext probe = tree.topLevel(2).probeDecl();
        for (io.tapls.grammar.StapParser.StatementContext st : probe.block(0).statement()) {
            grammar.add(StapGrammar.print(st.simple().expr()) + ";");
        }

        String out = StapOracle.raw("--raw", "-g", "-p1", file.toString());
        List<String> stap = new ArrayList<>();
        boolean in = false;
        for (String line : out.split("\n")) {
            if (line.startsWith("probe begin")) {
                in = true;
            } else if (in && line.equals("}")) {
                break;
            } else if (in) {
                stap.add(line);
            }
        }
        assertEquals(exprs.size(), stap.size(), "stap printed one line a statement:\n" + out);
        int same = 0;
        int sameGrammar = 0;
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            if (stap.get(i).equals(mine.get(i))) {
                same++;
            } else {
                diffs.add(exprs.get(i) + "\n  stap:  " + stap.get(i) + "\n  tapls: " + mine.get(i));
            }
            if (stap.get(i).equals(grammar.get(i))) {
                sameGrammar++;
            } else {
                diffs.add(exprs.get(i) + "\n  stap:    " + stap.get(i) + "\n  grammar: " + grammar.get(i));
            }
        }
        System.out.printf("precedence: %d/%d generated expressions printed identically by the parser, %d/%d by "
                + "the ANTLR grammar%n", same, exprs.size(), sameGrammar, exprs.size());
        diffs.stream().limit(10).forEach(System.out::println);
        assertTrue(exprs.size() >= 200);
        assertEquals(exprs.size(), same);
        assertEquals(exprs.size(), sameGrammar);
    }
}
