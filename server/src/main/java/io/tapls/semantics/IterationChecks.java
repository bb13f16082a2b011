package io.tapls.semantics;

import io.tapls.semantics.Tree.DerivedProbe;
import io.tapls.semantics.Tree.Expr;
import io.tapls.semantics.Tree.FuncDecl;
import io.tapls.semantics.Tree.Stmt;
import io.tapls.semantics.Tree.Type;
import io.tapls.semantics.Tree.VarDecl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks stap runs after type inference: semantic_pass_vars (an array must not be modified while a foreach
 * iterates it, directly or by a function the loop calls) and semantic_pass_stats (the histogram and @variance
 * parameters of each statistic agree).
 */
final class IterationChecks {
    private final Elaborator s;

    IterationChecks(Elaborator s) {
        this.s = s;
    }

    /** semantic_pass_vars. */
    int run() {
        Map<FuncDecl, Set<VarDecl>> fmv = new IdentityHashMap<>();
        for (FuncDecl fn : s.functions.values()) {
            Set<VarDecl> m = VarUse.identitySet();
            mutated(fn.body, m);
            fmv.put(fn, m);
        }
        List<VarDecl> iterated = new ArrayList<>();
        for (FuncDecl fn : s.functions.values()) {
            check(fn.body, fmv, iterated);
        }
        for (DerivedProbe p : s.probes) {
            check(p.body, fmv, iterated);
        }
        return s.numErrors();
    }

    /** mutated_var_collector: the arrays a body writes an element of. */
    private void mutated(Stmt body, Set<VarDecl> out) {
        lvalues(body, (i, tok) -> {
            if (i.base instanceof Tree.Symbol sym) {
                if (sym.referent != null) {
                    out.add(sym.referent);
                }
            } else {
                throw new SemError("Assignment to read-only histogram bucket", i.tok);
            }
        });
    }

    private interface LvalueSink {
        void accept(Tree.ArrayIndex i, io.tapls.stap.Token tok);
    }

    /** Every array element written: assigned, incremented, deleted. */
    private static void lvalues(Stmt body, LvalueSink sink) {
        Walk.stmt(body, e -> {
            Expr l = e instanceof Tree.Assignment a ? a.left : e instanceof Tree.Crement c ? c.operand : null;
            if (l instanceof Tree.ArrayIndex i) {
                sink.accept(i, i.tok);
            }
        }, st -> {
            if (st instanceof Tree.DeleteStatement d && d.value instanceof Tree.ArrayIndex i) {
                sink.accept(i, i.tok);
            }
        });
    }

    /** no_var_mutation_during_iteration_check over one body. */
    private void check(Stmt st, Map<FuncDecl, Set<VarDecl>> fmv, List<VarDecl> iterated) {
        if (st == null) {
            return;
        }
        if (st instanceof Tree.ForeachLoop f) {
            VarDecl vd = f.base instanceof Tree.Symbol sym ? sym.referent
                    : f.base instanceof Tree.HistOp h && h.stat instanceof Tree.Symbol hs ? hs.referent : null;
            exprs(f.base, fmv, iterated);
            for (Expr x : f.slice) {
                exprs(x, fmv, iterated);
            }
            exprs(f.limit, fmv, iterated);
            if (vd != null) {
                iterated.add(vd);
            }
            check(f.block, fmv, iterated);
            if (vd != null) {
                iterated.remove(iterated.size() - 1);
            }
            return;
        }
        if (st instanceof Tree.Block b) {
            for (Stmt x : b.statements) {
                check(x, fmv, iterated);
            }
        } else if (st instanceof Tree.ExprStatement e) {
            exprs(e.value, fmv, iterated);
        } else if (st instanceof Tree.IfStatement i) {
            exprs(i.condition, fmv, iterated);
            check(i.thenblock, fmv, iterated);
            check(i.elseblock, fmv, iterated);
        } else if (st instanceof Tree.ForLoop f) {
            check(f.init, fmv, iterated);
            exprs(f.cond, fmv, iterated);
            check(f.incr, fmv, iterated);
            check(f.block, fmv, iterated);
        } else if (st instanceof Tree.ReturnStatement r) {
            exprs(r.value, fmv, iterated);
        } else if (st instanceof Tree.DeleteStatement d) {
            if (d.value instanceof Tree.ArrayIndex i) {
                modified(i, iterated);
            }
            exprs(d.value, fmv, iterated);
        } else if (st instanceof Tree.TryBlock t) {
            check(t.tryBlock, fmv, iterated);
            check(t.catchBlock, fmv, iterated);
        }
    }

    private void exprs(Expr e, Map<FuncDecl, Set<VarDecl>> fmv, List<VarDecl> iterated) {
        Walk.expr(e, x -> {
            Expr l = x instanceof Tree.Assignment a ? a.left : x instanceof Tree.Crement c ? c.operand : null;
            if (l instanceof Tree.ArrayIndex i) {
                modified(i, iterated);
            }
            if (x instanceof Tree.FunctionCall c) {
                for (FuncDecl f : c.referents) {
                    Set<VarDecl> m = fmv.get(f);
                    if (m == null) {
                        continue;
                    }
                    for (VarDecl v : iterated) {
                        if (m.contains(v)) {
                            s.printError(new SemError("function call modifies var '" + v.name
                                    + "' during 'foreach' iteration", c.tok));
                        }
                    }
                }
            }
        });
    }

    private void modified(Tree.ArrayIndex i, List<VarDecl> iterated) {
        VarDecl vd = i.base instanceof Tree.Symbol sym ? sym.referent
                : i.base instanceof Tree.HistOp h && h.stat instanceof Tree.Symbol hs ? hs.referent : null;
        if (vd == null) {
            return;
        }
        for (VarDecl v : iterated) {
            if (v == vd) {
                s.printError(new SemError("variable '" + v.name + "' modified during 'foreach' iteration", i.tok));
            }
        }
    }

    // ------------------------------------------------------------------ semantic_pass_stats

    private record StatDecl(String type, long low, long high, long step, long bitShift) {
    }

    /** semantic_pass_stats: one histogram type per statistic, @variance bit shifts in range and agreeing. */
    int stats() {
        Map<String, StatDecl> decls = new HashMap<>();
        List<Stmt> bodies = new ArrayList<>();
        s.functions.values().forEach(f -> bodies.add(f.body));
        s.probes.forEach(p -> bodies.add(p.body));
        for (Stmt b : bodies) {
            Walk.stmt(b, e -> {
                if (e instanceof Tree.StatOp so) {
                    String name = statName(so.stat);
                    long shift = so.param == null ? 0 : so.param;
                    if (shift < 0 || shift > 62) {
                        throw new SemError("bit shift (" + shift + ") out of range <0..62>", so.tok);
                    }
                    StatDecl old = decls.get(name);
                    if (old == null) {
                        decls.put(name, new StatDecl("none", 0, 0, 0, shift));
                    } else if (so.ctype.equals("@variance")) {
                        if (old.bitShift() != 0 && old.bitShift() != shift) {
                            throw new SemError("conflicting bit shifts declared (previously " + old.bitShift() + ")",
                                    so.tok);
                        }
                        decls.put(name, new StatDecl(old.type(), old.low(), old.high(), old.step(), shift));
                    }
                } else if (e instanceof Tree.HistOp h) {
                    String name = statName(h.stat);
                    StatDecl now = h.htype.equals("@hist_linear") && h.params.size() == 3
                            ? new StatDecl("linear", h.params.get(0), h.params.get(1), h.params.get(2), 0)
                            : new StatDecl("log", 0, 0, 0, 0);
                    StatDecl old = decls.get(name);
                    if (old == null) {
                        decls.put(name, now);
                    } else if (!sameHistogram(old, now)) {
                        if (old.type().equals("none")) {
                            decls.put(name, new StatDecl(now.type(), now.low(), now.high(), now.step(),
                                    old.bitShift()));
                        } else {
                            s.printError(new SemError("multiple histogram types declared on '" + name + "'", h.tok));
                        }
                    }
                } else if (e instanceof Tree.Assignment a && a.op.equals("<<<")) {
                    decls.putIfAbsent(statName(a.left), new StatDecl("none", 0, 0, 0, 0));
                }
            });
        }
        for (VarDecl v : s.globals) {
            if (v.type == Type.STATS && !decls.containsKey(v.mangled())) {
                s.printError(new SemError("unable to infer statistic parameters for global '" + v.name + "'", null));
            }
        }
        return s.numErrors();
    }

    private static boolean sameHistogram(StatDecl a, StatDecl b) {
        return a.type().equals(b.type()) && a.low() == b.low() && a.high() == b.high() && a.step() == b.step()
                && a.bitShift() == b.bitShift();
    }

    /** The (mangled) name stap keys a statistic's declaration by. */
    private static String statName(Expr e) {
        Expr x = e instanceof Tree.ArrayIndex i ? i.base : e;
        if (x instanceof Tree.Symbol sym) {
            return sym.referent != null ? sym.referent.mangled() : sym.name;
        }
        return "?";
    }
}
