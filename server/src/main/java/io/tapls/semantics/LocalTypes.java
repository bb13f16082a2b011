package io.tapls.semantics;

import io.tapls.stap.Ast.Expr;
import io.tapls.stap.Ast.Stmt;
import io.tapls.stap.Ast;
import io.tapls.stap.PrintFormat;
import io.tapls.stap.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * stap's type inference for the locals of one probe or function body, as far as it is certain: every
 * place that fixes a local's type (an assignment of a typed value, '.=', '+=', '++', an arithmetic or
 * concatenation operand, a printf conversion, a typed parameter of a called function), in source order.
 */
final class LocalTypes {
    /**
     * One place that requires a type of a local. {@code late}: the type comes from an array's value type,
     * which stap only knows in a later round of its type inference.
     */
    record Use(String name, Token tok, String type, boolean late) {
        Use(String name, Token tok, String type) {
            this(name, tok, type, false);
        }
    }

    /** The places that fix types, and the locals that are read somewhere. */
    final List<Use> uses = new ArrayList<>();
    /** Literals used where the other type is required: the literal's token, the type required. */
    final List<Use> literalConflicts = new ArrayList<>();

    private final Function<Ast.Call, List<String>> paramTypes;
    private final Function<Ast.Call, String> returnType;

    /** Types of global arrays: "name" → value type, "name#i" → type of index i (certain ones only). */
    private final Map<String, String> arrayTypes;

    LocalTypes(Function<Ast.Call, List<String>> paramTypes, Function<Ast.Call, String> returnType,
            Map<String, String> arrayTypes) {
        this.paramTypes = paramTypes;
        this.returnType = returnType;
        this.arrayTypes = arrayTypes;
    }

    /**
     * The certain index and value types of the arrays a set of bodies uses: from literal and otherwise
     * certainly typed indexes and assigned values; an array used with two types for one slot gets none.
     */
    static Map<String, String> arrayTypes(List<Stmt> bodies, Function<Ast.Call, String> returnType) {
        LocalTypes t = new LocalTypes(c -> null, returnType, Map.of());
        Map<String, String> out = new java.util.HashMap<>();
        Set<String> conflicting = new java.util.HashSet<>();
        java.util.function.BiConsumer<String, String> put = (k, v) -> {
            if (v == null) {
                return;
            }
            String old = out.putIfAbsent(k, v);
            if (old != null && !old.equals(v)) {
                conflicting.add(k);
            }
        };
        for (Stmt b : bodies) {
            SemanticChecks.walkStmt(b, e -> {
                if (e instanceof Ast.Index i && i.base() instanceof Ast.Sym a) {
                    for (int k = 0; k < i.indexes().size(); k++) {
                        put.accept(a.name() + "#" + k, i.indexes().get(k) == null ? null : t.typeOf(i.indexes().get(k)));
                    }
                } else if (e instanceof Ast.Binary bin && bin.kind() == Ast.BinKind.ASSIGN
                        && bin.left() instanceof Ast.Index i && i.base() instanceof Ast.Sym a) {
                    if (!bin.op().equals("<<<")) {
                        put.accept(a.name(), bin.op().equals("=") ? t.typeOf(bin.right())
                                : bin.op().equals(".=") ? "string" : "long");
                    }
                }
            }, x -> {
            });
        }
        conflicting.forEach(out::remove);
        return out;
    }

    void stmt(Stmt s) {
        if (s == null) {
            return;
        }
        if (s instanceof Ast.Block b) {
            b.stmts().forEach(this::stmt);
        } else if (s instanceof Ast.ExprStmt e) {
            expr(e.expr(), null);
        } else if (s instanceof Ast.If i) {
            expr(i.cond(), "long");
            stmt(i.then());
            stmt(i.otherwise());
        } else if (s instanceof Ast.For f) {
            stmt(f.init());
            expr(f.cond(), "long");
            stmt(f.incr());
            stmt(f.body());
        } else if (s instanceof Ast.Foreach f) {
            if (f.base() instanceof Ast.Sym a) {
                for (int k = 0; k < f.keys().size(); k++) {
                    use(f.keys().get(k), arrayTypes.get(a.name() + "#" + k));
                }
                if (f.value() != null) {
                    use(f.value(), arrayTypes.get(a.name()), true);
                }
            }
            f.slice().forEach(x -> expr(x, null));
            expr(f.limit(), "long");
            stmt(f.body());
        } else if (s instanceof Ast.While w) {
            expr(w.cond(), "long");
            stmt(w.body());
        } else if (s instanceof Ast.Return r) {
            expr(r.value(), null);
        } else if (s instanceof Ast.Try t) {
            stmt(t.body());
            stmt(t.handler());
        }
    }

    /** The type an expression certainly has, or null. */
    String typeOf(Expr e) {
        if (e instanceof Ast.NumLit || e instanceof Ast.Crement || e instanceof Ast.Unary || e instanceof Ast.Regex
                || e instanceof Ast.ArrayIn) {
            return "long";
        }
        if (e instanceof Ast.StrLit) {
            return "string";
        }
        if (e instanceof Ast.Binary b) {
            return switch (b.kind()) {
                case CONCAT -> "string";
                case ASSIGN -> b.op().equals("=") ? typeOf(b.right()) : b.op().equals(".=") ? "string" : "long";
                default -> "long";
            };
        }
        if (e instanceof Ast.Ternary t) {
            String a = typeOf(t.whenTrue());
            return a != null && a.equals(typeOf(t.whenFalse())) ? a : null;
        }
        if (e instanceof Ast.Call c) {
            return returnType.apply(c);
        }
        if (e instanceof Ast.Index i && i.base() instanceof Ast.Sym a) {
            return arrayTypes.get(a.name());
        }
        if (e instanceof Ast.PrintFormat p) {
            return p.name().startsWith("s") ? "string" : null;
        }
        return null;
    }

    private void use(Expr e, String type) {
        use(e, type, false);
    }

    private void use(Expr e, String type, boolean late) {
        if (type != null && e instanceof Ast.Sym s && !s.name().startsWith("$")) {
            uses.add(new Use(s.name(), s.tok(), type, late));
        }
    }

    void expr(Expr e, String ctx) {
        if (e == null) {
            return;
        }
        use(e, ctx);
        if (ctx != null && (e instanceof Ast.StrLit && ctx.equals("long")
                || e instanceof Ast.NumLit && ctx.equals("string"))) {
            literalConflicts.add(new Use("", e.tok(), ctx));
        }
        if (e instanceof Ast.Binary b) {
            switch (b.kind()) {
                case ASSIGN -> {
                    if (b.op().equals("=")) {
                        expr(b.right(), null);
                        use(b.left(), typeOf(b.right()), b.right() instanceof Ast.Index);
                        if (!(b.left() instanceof Ast.Sym)) {
                            expr(b.left(), null);
                        }
                    } else if (b.op().equals("<<<")) {
                        expr(b.right(), "long");
                    } else {
                        String t = b.op().equals(".=") ? "string" : "long";
                        use(b.left(), t);
                        if (!(b.left() instanceof Ast.Sym)) {
                            expr(b.left(), null);
                        }
                        expr(b.right(), t);
                    }
                }
                case CONCAT -> {
                    expr(b.left(), "string");
                    expr(b.right(), "string");
                }
                case COMPARISON -> {
                    String lt = typeOf(b.left());
                    String rt = typeOf(b.right());
                    expr(b.left(), rt);
                    expr(b.right(), lt);
                }
                default -> {
                    expr(b.left(), "long");
                    expr(b.right(), "long");
                }
            }
        } else if (e instanceof Ast.Unary u) {
            expr(u.operand(), "long");
        } else if (e instanceof Ast.Crement c) {
            expr(c.operand(), "long");
        } else if (e instanceof Ast.Ternary t) {
            expr(t.cond(), "long");
            expr(t.whenTrue(), ctx);
            expr(t.whenFalse(), ctx);
        } else if (e instanceof Ast.Regex r) {
            expr(r.left(), "string");
        } else if (e instanceof Ast.Index i) {
            if (!(i.base() instanceof Ast.Sym)) {
                expr(i.base(), null);
            }
            i.indexes().forEach(x -> expr(x, null));
        } else if (e instanceof Ast.ArrayIn a) {
            a.indexes().forEach(x -> expr(x, null));
        } else if (e instanceof Ast.Call c) {
            List<String> types = paramTypes.apply(c);
            for (int i = 0; i < c.args().size(); i++) {
                // a parameter's type fixes a variable's; literals are left to stap's own wording
                String want = types != null && i < types.size() ? types.get(i) : null;
                Expr arg = c.args().get(i);
                use(arg, want);
                if (want != null && (arg instanceof Ast.StrLit && want.equals("long")
                        || arg instanceof Ast.NumLit && want.equals("string"))) {
                    literalConflicts.add(new Use("call", arg.tok(), want)); // stap words it the other way round
                }
                expr(arg, null);
            }
        } else if (e instanceof Ast.PrintFormat p) {
            List<PrintFormat.Conversion> convs = p.format() == null ? null : PrintFormat.conversions(p.format());
            List<String> want = new ArrayList<>();
            if (convs != null) {
                convs.forEach(c -> want.addAll(c.argTypes()));
            }
            for (int i = 0; i < p.args().size(); i++) {
                // variables take the conversion's type; literals are the printf checks' business
                use(p.args().get(i), convs != null && want.size() == p.args().size() ? want.get(i) : null);
                expr(p.args().get(i), null);
            }
        } else if (e instanceof Ast.StatOp s) {
            if (!(s.stat() instanceof Ast.Sym)) {
                expr(s.stat(), null);
            }
        } else if (e instanceof Ast.Target t) {
            expr(t.operand(), null);
            t.components().forEach(c -> expr(c.index(), "long"));
        } else if (e instanceof Ast.AtOp a) {
            if (!a.op().equals("@defined") && !a.op().equals("@probewrite")) {
                a.args().forEach(x -> expr(x, null));
            }
        }
    }

    /** The first conflicting use of each local (not in {@code skip}), with the type first inferred. */
    List<Use[]> conflicts(Set<String> skip) {
        return conflicts(uses, skip, null);
    }

    /** Conflicts among uses; {@code only}, when given, limits the names considered. */
    static List<Use[]> conflicts(List<Use> uses, Set<String> skip, Set<String> only) {
        List<Use> sorted = new ArrayList<>(uses);
        sorted.sort(Comparator.comparingInt(u -> u.tok().site != null ? u.tok().site.start : u.tok().start));
        // the type is first inferred at the first early use (else the first late one)
        Map<String, Use> first = new LinkedHashMap<>();
        for (Use u : sorted) {
            if (!u.late()) {
                first.putIfAbsent(u.name(), u);
            }
        }
        for (Use u : sorted) {
            first.putIfAbsent(u.name(), u);
        }
        Map<String, Use[]> out = new LinkedHashMap<>();
        for (Use u : sorted) {
            if (skip.contains(u.name()) || only != null && !only.contains(u.name()) || out.containsKey(u.name())) {
                continue;
            }
            Use f = first.get(u.name());
            if (!f.type().equals(u.type())) {
                out.put(u.name(), new Use[] {u, f});
            }
        }
        List<Use[]> list = new ArrayList<>(out.values());
        list.sort(Comparator.comparingInt(c -> c[0].tok().site != null ? c[0].tok().site.start : c[0].tok().start));
        return list;
    }

    boolean typed(String name) {
        return uses.stream().anyMatch(u -> u.name().equals(name));
    }
}
