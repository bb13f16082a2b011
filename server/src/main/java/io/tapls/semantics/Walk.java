package io.tapls.semantics;

import io.tapls.semantics.Tree.Expr;
import io.tapls.semantics.Tree.Stmt;
import java.util.function.Consumer;

/** stap's traversing_visitor over the pass-2 tree: every expression of a statement or expression, outer first. */
final class Walk {
    private Walk() {
    }

    static void stmt(Stmt s, Consumer<Expr> onExpr) {
        stmt(s, onExpr, x -> {
        });
    }

    static void stmt(Stmt s, Consumer<Expr> onExpr, Consumer<Stmt> onStmt) {
        if (s == null) {
            return;
        }
        onStmt.accept(s);
        if (s instanceof Tree.Block b) {
            for (Stmt x : b.statements) {
                stmt(x, onExpr, onStmt);
            }
        } else if (s instanceof Tree.ExprStatement e) {
            expr(e.value, onExpr);
        } else if (s instanceof Tree.IfStatement i) {
            expr(i.condition, onExpr);
            stmt(i.thenblock, onExpr, onStmt);
            stmt(i.elseblock, onExpr, onStmt);
        } else if (s instanceof Tree.ForLoop f) {
            stmt(f.init, onExpr, onStmt);
            expr(f.cond, onExpr);
            stmt(f.incr, onExpr, onStmt);
            stmt(f.block, onExpr, onStmt);
        } else if (s instanceof Tree.ForeachLoop f) {
            expr(f.base, onExpr);
            for (Tree.Symbol k : f.indexes) {
                expr(k, onExpr);
            }
            for (Expr x : f.slice) {
                expr(x, onExpr);
            }
            expr(f.value, onExpr);
            expr(f.limit, onExpr);
            stmt(f.block, onExpr, onStmt);
        } else if (s instanceof Tree.ReturnStatement r) {
            expr(r.value, onExpr);
        } else if (s instanceof Tree.DeleteStatement d) {
            expr(d.value, onExpr);
        } else if (s instanceof Tree.TryBlock t) {
            stmt(t.tryBlock, onExpr, onStmt);
            expr(t.catchVar, onExpr);
            stmt(t.catchBlock, onExpr, onStmt);
        }
    }

    static void expr(Expr e, Consumer<Expr> f) {
        if (e == null) {
            return;
        }
        f.accept(e);
        if (e instanceof Tree.BinaryExpr b) {
            expr(b.left, f);
            expr(b.right, f);
        } else if (e instanceof Tree.Comparison c) {
            expr(c.left, f);
            expr(c.right, f);
        } else if (e instanceof Tree.Concatenation c) {
            expr(c.left, f);
            expr(c.right, f);
        } else if (e instanceof Tree.Assignment a) {
            expr(a.left, f);
            expr(a.right, f);
        } else if (e instanceof Tree.UnaryExpr u) {
            expr(u.operand, f);
        } else if (e instanceof Tree.Crement c) {
            expr(c.operand, f);
        } else if (e instanceof Tree.Ternary t) {
            expr(t.cond, f);
            expr(t.truevalue, f);
            expr(t.falsevalue, f);
        } else if (e instanceof Tree.ArrayIn a) {
            expr(a.operand, f);
        } else if (e instanceof Tree.RegexQuery r) {
            expr(r.left, f);
            expr(r.right, f);
        } else if (e instanceof Tree.ArrayIndex i) {
            for (Expr x : i.indexes) {
                expr(x, f);
            }
            expr(i.base, f);
        } else if (e instanceof Tree.FunctionCall c) {
            for (Expr x : c.args) {
                expr(x, f);
            }
        } else if (e instanceof Tree.PrintFormatExpr p) {
            for (Expr x : p.args) {
                expr(x, f);
            }
            expr(p.hist, f);
        } else if (e instanceof Tree.StatOp s) {
            expr(s.stat, f);
        } else if (e instanceof Tree.HistOp h) {
            expr(h.stat, f);
        } else if (e instanceof Tree.TargetSymbol t) {
            expr(t.operand, f);
            for (Expr x : t.componentIndexes) {
                expr(x, f);
            }
        } else if (e instanceof Tree.DefinedOp d) {
            expr(d.operand, f);
        } else if (e instanceof Tree.EntryOp d) {
            expr(d.operand, f);
        } else if (e instanceof Tree.ContextOp d) {
            expr(d.operand, f);
        }
    }
}
