package io.tapls.semantics;

import io.tapls.stap.Ast;
import io.tapls.stap.Ast.Expr;
import io.tapls.stap.Ast.Stmt;
import java.util.function.Consumer;

/** A walk over the parser's tree (io.tapls.stap.Ast): every expression and statement of a body, outer first. */
final class AstWalk {
    private AstWalk() {
    }

    static void walkStmt(Stmt s, Consumer<Expr> onExpr, Consumer<Stmt> onStmt) {
        if (s == null) {
            return;
        }
        onStmt.accept(s);
        if (s instanceof Ast.Block b) {
            b.stmts().forEach(x -> walkStmt(x, onExpr, onStmt));
        } else if (s instanceof Ast.ExprStmt e) {
            walkExpr(e.expr(), onExpr);
        } else if (s instanceof Ast.If i) {
            walkExpr(i.cond(), onExpr);
            walkStmt(i.then(), onExpr, onStmt);
            walkStmt(i.otherwise(), onExpr, onStmt);
        } else if (s instanceof Ast.For f) {
            walkStmt(f.init(), onExpr, onStmt);
            walkExpr(f.cond(), onExpr);
            walkStmt(f.incr(), onExpr, onStmt);
            walkStmt(f.body(), onExpr, onStmt);
        } else if (s instanceof Ast.Foreach f) {
            if (!(f.base() instanceof Ast.Sym)) {
                walkExpr(f.base(), onExpr);
            }
            f.slice().forEach(x -> walkExpr(x, onExpr));
            walkExpr(f.limit(), onExpr);
            walkStmt(f.body(), onExpr, onStmt);
        } else if (s instanceof Ast.While w) {
            walkExpr(w.cond(), onExpr);
            walkStmt(w.body(), onExpr, onStmt);
        } else if (s instanceof Ast.Return r) {
            walkExpr(r.value(), onExpr);
        } else if (s instanceof Ast.Delete d) {
            if (!(d.target() instanceof Ast.Sym)) {
                walkExpr(d.target(), onExpr);
            }
        } else if (s instanceof Ast.Try t) {
            walkStmt(t.body(), onExpr, onStmt);
            walkStmt(t.handler(), onExpr, onStmt);
        }
    }

    static void walkExpr(Expr e, Consumer<Expr> f) {
        if (e == null) {
            return;
        }
        f.accept(e);
        if (e instanceof Ast.Binary b) {
            walkExpr(b.left(), f);
            walkExpr(b.right(), f);
        } else if (e instanceof Ast.Unary u) {
            walkExpr(u.operand(), f);
        } else if (e instanceof Ast.Crement c) {
            walkExpr(c.operand(), f);
        } else if (e instanceof Ast.Ternary t) {
            walkExpr(t.cond(), f);
            walkExpr(t.whenTrue(), f);
            walkExpr(t.whenFalse(), f);
        } else if (e instanceof Ast.ArrayIn a) {
            a.indexes().forEach(x -> walkExpr(x, f));
            if (!(a.base() instanceof Ast.Sym)) {
                walkExpr(a.base(), f);
            }
        } else if (e instanceof Ast.Regex r) {
            walkExpr(r.left(), f);
        } else if (e instanceof Ast.Index i) {
            if (!(i.base() instanceof Ast.Sym)) {
                walkExpr(i.base(), f);
            }
            i.indexes().forEach(x -> walkExpr(x, f));
        } else if (e instanceof Ast.Call c) {
            c.args().forEach(x -> walkExpr(x, f));
        } else if (e instanceof Ast.PrintFormat p) {
            p.args().forEach(x -> walkExpr(x, f));
            if (p.hist() != null) {
                walkExpr(p.hist(), f);
            }
        } else if (e instanceof Ast.StatOp s) {
            if (!(s.stat() instanceof Ast.Sym)) {
                walkExpr(s.stat(), f);
            }
        } else if (e instanceof Ast.HistOp h) {
            if (!(h.stat() instanceof Ast.Sym)) {
                walkExpr(h.stat(), f);
            }
        } else if (e instanceof Ast.Target t) {
            walkExpr(t.operand(), f);
            t.components().forEach(c -> walkExpr(c.index(), f));
        } else if (e instanceof Ast.AtOp a) {
            if (!a.op().equals("@defined") && !a.op().equals("@probewrite")) {
                a.args().forEach(x -> walkExpr(x, f));
            }
        }
    }
}
