package io.tapls.semantics;

import io.tapls.semantics.Tree.Expr;
import io.tapls.semantics.Tree.FuncDecl;
import io.tapls.semantics.Tree.Stmt;
import io.tapls.semantics.Tree.VarDecl;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * stap's varuse_collecting_visitor (staptree.cxx): which variables code reads, writes and uses, and whether it
 * has side effects that are not writes (embedded C not tagged pure, printing), following calls into the
 * functions they resolve to. The optimisation passes elide what it finds side-effect free.
 */
final class VarUse {
    // small: most visits look at one expression or statement
    final Set<VarDecl> read = small();
    final Set<VarDecl> written = small();
    final Set<VarDecl> used = small();
    final Set<FuncDecl> seen = small();
    private final Set<FuncDecl> nested = small();

    private static <T> Set<T> small() {
        return Collections.newSetFromMap(new IdentityHashMap<>(4));
    }
    boolean embeddedSeen;
    private Expr currentLvalue;
    private Expr currentLrvalue;
    private boolean currentLvalueRead;

    static <T> Set<T> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    boolean sideEffectFree() {
        return written.isEmpty() && !embeddedSeen;
    }

    /** side_effect_free_wrt: no write to any of these variables, no embedded side effect. */
    boolean sideEffectFreeWrt(Set<VarDecl> vars) {
        if (embeddedSeen) {
            return false;
        }
        for (VarDecl v : written) {
            if (vars.contains(v)) {
                return false;
            }
        }
        return true;
    }

    /** Visits a function's body as stap does when asked whether calling it has side effects. */
    void function(FuncDecl f) {
        seen.add(f);
        nested.add(f);
        stmt(f.body);
        nested.remove(f);
    }

    void stmt(Stmt s) {
        if (s == null) {
            return;
        }
        if (s instanceof Tree.Block b) {
            for (Stmt x : b.statements) {
                stmt(x);
            }
        } else if (s instanceof Tree.ExprStatement e) {
            expr(e.value);
        } else if (s instanceof Tree.IfStatement i) {
            boolean last = currentLvalueRead;
            currentLvalueRead = true;
            expr(i.condition);
            currentLvalueRead = last;
            stmt(i.thenblock);
            stmt(i.elseblock);
        } else if (s instanceof Tree.ForLoop f) {
            stmt(f.init);
            boolean last = currentLvalueRead;
            currentLvalueRead = true;
            expr(f.cond);
            currentLvalueRead = last;
            stmt(f.incr);
            stmt(f.block);
        } else if (s instanceof Tree.ForeachLoop f) {
            expr(f.base);
            if (f.sortDirection != 0 && f.base instanceof Tree.Symbol a && a.referent != null) {
                written.add(a.referent);
            }
            for (Tree.Symbol k : f.indexes) {
                Expr last = currentLvalue;
                currentLvalue = k;
                expr(k);
                currentLvalue = last;
            }
            boolean lastRead = currentLvalueRead;
            currentLvalueRead = true;
            for (Expr x : f.slice) {
                expr(x);
            }
            currentLvalueRead = lastRead;
            if (f.value != null) {
                Expr last = currentLvalue;
                currentLvalue = f.value;
                expr(f.value);
                currentLvalue = last;
            }
            if (f.limit != null) {
                currentLvalueRead = true;
                expr(f.limit);
                currentLvalueRead = lastRead;
            }
            stmt(f.block);
        } else if (s instanceof Tree.ReturnStatement r) {
            boolean last = currentLvalueRead;
            currentLvalueRead = true;
            expr(r.value);
            currentLvalueRead = last;
        } else if (s instanceof Tree.DeleteStatement d) {
            Expr last = currentLrvalue;
            boolean lastRead = currentLvalueRead;
            currentLrvalue = d.value;
            currentLvalueRead = true;
            expr(d.value);
            currentLrvalue = last;
            currentLvalueRead = lastRead;
        } else if (s instanceof Tree.TryBlock t) {
            stmt(t.tryBlock);
            if (t.catchVar != null && t.catchVar.referent != null) {
                written.add(t.catchVar.referent);
            }
            stmt(t.catchBlock);
        } else if (s instanceof Tree.EmbeddedCode c) {
            aggregates(c.readReferents, c.writeReferents);
            read.addAll(c.readReferents);
            written.addAll(c.writeReferents);
            if (!c.code.contains("/* pure */")) {
                embeddedSeen = true;
            }
        }
    }

    void expr(Expr e) {
        if (e == null) {
            return;
        }
        if (e instanceof Tree.Symbol s) {
            symbol(s);
        } else if (e instanceof Tree.Assignment a) {
            if (a.op.equals("=") || a.op.equals("<<<")) {
                Expr last = currentLvalue;
                boolean lastRead = currentLvalueRead;
                currentLvalue = a.left;
                currentLvalueRead = true;
                lvalueTarget(a.left);
                expr(a.left);
                expr(a.right);
                currentLvalue = last;
                currentLvalueRead = lastRead;
            } else {
                Expr last = currentLrvalue;
                currentLrvalue = a.left;
                lvalueTarget(a.left);
                expr(a.left);
                expr(a.right);
                currentLrvalue = last;
            }
        } else if (e instanceof Tree.Crement c) {
            Expr last = currentLrvalue;
            currentLrvalue = c.operand;
            lvalueTarget(c.operand);
            expr(c.operand);
            currentLrvalue = last;
        } else if (e instanceof Tree.ArrayIndex i) {
            boolean lastRead = currentLvalueRead;
            currentLvalueRead = true;
            for (Expr x : i.indexes) {
                expr(x);
            }
            currentLvalueRead = lastRead;
            Expr lastLr = currentLrvalue;
            Expr lastL = currentLvalue;
            Expr value = i.base instanceof Tree.HistOp h ? h.stat : i.base;
            if (currentLrvalue == i) {
                currentLrvalue = value;
            }
            if (currentLvalue == i) {
                currentLvalue = value;
            }
            expr(i.base);
            currentLrvalue = lastLr;
            currentLvalue = lastL;
        } else if (e instanceof Tree.FunctionCall c) {
            boolean last = currentLvalueRead;
            currentLvalueRead = true;
            for (Expr x : c.args) {
                expr(x);
            }
            currentLvalueRead = false;
            for (FuncDecl f : c.referents) {
                if (!nested.contains(f)) {
                    seen.add(f);
                    nested.add(f);
                    stmt(f.body);
                    nested.remove(f);
                }
            }
            currentLvalueRead = last;
        } else if (e instanceof Tree.PrintFormatExpr p) {
            boolean last = currentLvalueRead;
            currentLvalueRead = true;
            if (p.toStream) {
                embeddedSeen = true;
            }
            for (Expr x : p.args) {
                expr(x);
            }
            expr(p.hist);
            currentLvalueRead = last;
        } else if (e instanceof Tree.Ternary t) {
            boolean last = currentLvalueRead;
            currentLvalueRead = true;
            expr(t.cond);
            currentLvalueRead = last;
            expr(t.truevalue);
            expr(t.falsevalue);
        } else if (e instanceof Tree.EmbeddedExpr x) {
            aggregates(x.readReferents, x.writeReferents);
            read.addAll(x.readReferents);
            written.addAll(x.writeReferents);
            if (!x.code.contains("/* pure */")) {
                embeddedSeen = true;
            }
        } else if (e instanceof Tree.BinaryExpr b) {
            expr(b.left);
            expr(b.right);
        } else if (e instanceof Tree.Comparison c) {
            expr(c.left);
            expr(c.right);
        } else if (e instanceof Tree.Concatenation c) {
            expr(c.left);
            expr(c.right);
        } else if (e instanceof Tree.UnaryExpr u) {
            expr(u.operand);
        } else if (e instanceof Tree.ArrayIn a) {
            expr(a.operand);
        } else if (e instanceof Tree.RegexQuery r) {
            expr(r.left);
        } else if (e instanceof Tree.StatOp s) {
            expr(s.stat);
        } else if (e instanceof Tree.HistOp h) {
            expr(h.stat);
        } else if (e instanceof Tree.TargetSymbol t) {
            expr(t.operand);
            for (Expr x : t.componentIndexes) {
                expr(x);
            }
        } else if (e instanceof Tree.DefinedOp d) {
            expr(d.operand);
        } else if (e instanceof Tree.EntryOp d) {
            expr(d.operand);
        } else if (e instanceof Tree.ContextOp d) {
            expr(d.operand);
        }
    }

    /** A statistic named by a pragma:read:/pragma:write: comment of embedded C: stap cannot pass it. */
    private static void aggregates(java.util.List<VarDecl> reads, java.util.List<VarDecl> writes) {
        for (java.util.List<VarDecl> l : java.util.List.of(reads, writes)) {
            for (VarDecl v : l) {
                if (v.type == Tree.Type.STATS) {
                    throw new SemError("Aggregates not available in embedded-C", v.tok);
                }
            }
        }
    }

    /**
     * An assignment to a still unresolved target value is a side effect like embedded C (stap keeps it so that its
     * error is not elided away, PR5516).
     */
    private void lvalueTarget(Expr left) {
        if (left instanceof Tree.TargetSymbol || left instanceof Tree.ContextOp) {
            embeddedSeen = true;
        }
    }

    /** Whether a symbol that was never resolved is stap's internal error (it is, but for opt1's call walk). */
    boolean strict = true;

    private void symbol(Tree.Symbol e) {
        VarDecl v = e.referent;
        if (v == null) {
            if (strict) {
                throw new SemError("symbol without referent", e.tok);
            }
            return;
        }
        if (currentLvalue == e || currentLrvalue == e) {
            written.add(v);
        }
        if (currentLvalue != e || currentLrvalue == e) {
            read.add(v);
        }
        if (currentLrvalue == e) {
            if (currentLvalueRead) {
                used.add(v);
            }
        } else if (currentLvalue != e) {
            used.add(v);
        }
    }
}
