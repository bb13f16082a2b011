package io.tapls.stap;

import io.tapls.stap.Ast.Stmt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The parse tree of a file's active branches printed as {@code stap -p1} prints it ("# parse tree dump"):
 * embedded C first, then globals, probes and aliases in source order, then functions; statements and
 * fully parenthesised expressions in staptree.cxx's formats.
 */
public final class StapDump {
    private StapDump() {
    }

    public static String dump(String path, String content, Map<String, MacroDef> library, PpConfig config) {
        return dump(path, content, library, config, null);
    }

    /** The dump with the script's arguments substituted ({@code stap -p1 FILE ARG...}); null: not known. */
    public static String dump(String path, String content, Map<String, MacroDef> library, PpConfig config,
            List<String> arguments) {
        SourceUnit unit = new SourceUnit(path, content);
        List<Token> tokens = StapLexing.lex(unit, arguments).tokens();
        Parser parser = Parser.onDeepStack(() -> {
            Parser p = new Parser(new Preprocessor(unit, tokens, library, config, Preprocessor.EVALUATE));
            p.parse();
            return p;
        });
        StringBuilder b = new StringBuilder("# parse tree dump\n# file ").append(path).append('\n');
        for (Token e : parser.embedded) {
            b.append("%{").append(e.text).append("%}");
        }
        for (Global g : parser.globals) {
            b.append("global ").append(g.name());
            if (g.wrap()) {
                b.append('%');
            }
            if (g.size() != null) {
                b.append('[').append(g.size()).append(']');
            }
            if (g.init() != null) {
                b.append(" = ");
                g.init().print(b);
            }
            b.append('\n');
        }
        // aliases first, then probes, each in source order
        List<Object> probes = new ArrayList<>(parser.aliases);
        probes.sort(Comparator.comparingLong(StapDump::order));
        List<Object> plain = new ArrayList<>(parser.probes);
        plain.sort(Comparator.comparingLong(StapDump::order));
        probes.addAll(plain);
        for (Object o : probes) {
            b.append("probe ");
            if (o instanceof Probe p) {
                for (int i = 0; i < p.points().size(); i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    point(b, p.points().get(i));
                }
                block(b, p.body());
            } else {
                ProbeAlias a = (ProbeAlias) o;
                for (ProbePoint n : a.names()) {
                    point(b, n);
                    b.append(a.epilogue() ? " += " : " = ");
                }
                for (int i = 0; i < a.points().size(); i++) {
                    if (i > 0) {
                        b.append(", ");
                    }
                    point(b, a.points().get(i));
                }
                block(b, a.body());
            }
            b.append('\n');
        }
        for (Function f : parser.functions) {
            b.append("function ").append(f.name()).append(" (");
            for (int i = 0; i < f.params().size(); i++) {
                if (i > 0) {
                    b.append(", ");
                }
                b.append(f.params().get(i).name());
            }
            b.append(")\n");
            if (f.embedded()) {
                b.append("%{").append(f.embeddedCode().text).append("%}");
            } else {
                block(b, f.body());
            }
            b.append('\n');
        }
        return b.append('\n').toString();
    }

    private static long order(Object o) {
        Token t = o instanceof Probe p ? p.tok() : ((ProbeAlias) o).tok();
        Token w = t.site != null ? t.site : t;
        return ((long) w.start << 20) + (t.site != null ? t.start : 0);
    }

    private static void point(StringBuilder b, ProbePoint p) {
        b.append(p.text());
        if (p.condition() != null) {
            b.append(" if (");
            p.condition().print(b);
            b.append(')');
        }
    }

    private static void block(StringBuilder b, Ast.Block block) {
        b.append("{\n");
        for (Stmt s : block.stmts()) {
            stmt(b, s);
            b.append(";\n");
        }
        b.append('}');
    }

    private static void stmt(StringBuilder b, Stmt s) {
        if (s instanceof Ast.Block bl) {
            block(b, bl);
        } else if (s instanceof Ast.Null) {
            b.append(';');
        } else if (s instanceof Ast.ExprStmt e) {
            e.expr().print(b);
        } else if (s instanceof Ast.If i) {
            b.append("if (");
            i.cond().print(b);
            b.append(") ");
            stmt(b, i.then());
            b.append('\n');
            if (i.otherwise() != null) {
                b.append("else ");
                stmt(b, i.otherwise());
                b.append('\n');
            }
        } else if (s instanceof Ast.For f) {
            b.append("for (");
            if (f.init() != null) {
                stmt(b, f.init());
            }
            b.append("; ");
            if (f.cond() != null) {
                f.cond().print(b);
            } else {
                b.append('1');
            }
            b.append("; ");
            if (f.incr() != null) {
                stmt(b, f.incr());
            }
            b.append(") ");
            stmt(b, f.body());
        } else if (s instanceof Ast.While w) {
            b.append("for (; ");
            w.cond().print(b);
            b.append("; ) ");
            stmt(b, w.body());
        } else if (s instanceof Ast.Foreach f) {
            b.append("foreach (");
            if (f.value() != null) {
                b.append(f.value().name()).append(" = ");
            }
            b.append('[');
            for (int i = 0; i < f.keys().size(); i++) {
                if (i > 0) {
                    b.append(", ");
                }
                b.append(f.keys().get(i).name());
                if (f.sortColumn() == i + 1) {
                    b.append(f.sort());
                }
            }
            b.append("] in ");
            f.base().print(b);
            if (!f.slice().isEmpty()) {
                b.append('[');
                Ast.printList(b, f.slice());
                b.append(']');
            }
            if (f.sortColumn() == 0 && f.sort() != null) {
                if (f.aggregate() != null) {
                    b.append(' ').append(f.aggregate());
                }
                b.append(f.sort());
            }
            if (f.limit() != null) {
                b.append(" limit ");
                f.limit().print(b);
            }
            b.append(") ");
            stmt(b, f.body());
        } else if (s instanceof Ast.Return r) {
            b.append("return");
            if (r.value() != null) {
                b.append(' ');
                r.value().print(b);
            }
        } else if (s instanceof Ast.Delete d) {
            b.append("delete ");
            d.target().print(b);
        } else if (s instanceof Ast.Jump j) {
            b.append(j.tok().text);
        } else if (s instanceof Ast.Try t) {
            b.append("try {\n");
            block(b, t.body());
            b.append("\n} catch");
            if (t.catchVar() != null) {
                b.append(" (").append(t.catchVar().text).append(')');
            }
            b.append(" {\n");
            block(b, t.handler());
            b.append("\n}\n");
        }
    }
}
