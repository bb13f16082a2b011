package io.tapls.semantics;

import io.tapls.semantics.Tree.Expr;
import io.tapls.semantics.Tree.Stmt;
import io.tapls.semantics.Tree.Type;
import io.tapls.stap.Ast;
import io.tapls.stap.PrintFormat;
import io.tapls.stap.Token;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Makes the pass-2 tree of a body from the parser's: a fresh copy each time, as stap deep-copies an alias body
 * into every probe it expands into. What depends on the probed kernel or binary is marked so that nothing is
 * said about it: target variables, and code that an {@code @defined} of one guards (stap resolves such a test
 * from debuginfo and drops the dead branch before checking types).
 */
final class TreeBuilder {
    /** Where the body runs. */
    enum Context {
        /** A probe whose point offers no context variables (begin, end, timer...): $var is an error there. */
        PLAIN,
        /** A probe on a kernel or user-space point, or a procfs point: what its context offers needs debuginfo. */
        KERNEL,
        /** A function body. */
        FUNCTION
    }

    private final Context context;
    /** Names the probe's own body writes, for an alias body's @probewrite (probewrite_evaluator). */
    private final Set<String> useWrites;
    /** Tokens of code that may be dead depending on debuginfo; errors about them are not reported. */
    private final Set<Token> uncertain;
    private int uncertainDepth;

    TreeBuilder(Context context, Set<String> useWrites, Set<Token> uncertain) {
        this.context = context;
        this.useWrites = useWrites;
        this.uncertain = uncertain;
    }

    static Set<Token> newTokenSet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    private Token mark(Token t) {
        if (uncertainDepth > 0 && t != null) {
            uncertain.add(t);
        }
        return t;
    }

    // ---------------------------------------------------------------- statements

    Stmt stmt(Ast.Stmt s) {
        if (s == null) {
            return null;
        }
        Token tok = mark(s.tok());
        if (s instanceof Ast.Block b) {
            List<Stmt> out = new ArrayList<>(b.stmts().size());
            for (Ast.Stmt x : b.stmts()) {
                out.add(stmt(x));
            }
            return new Tree.Block(tok, out);
        }
        if (s instanceof Ast.ExprStmt e) {
            Expr v = expr(e.expr());
            return new Tree.ExprStatement(v.tok, v);
        }
        if (s instanceof Ast.If i) {
            Expr cond = expr(i.cond());
            boolean doubt = dependsOnDebuginfo(cond);
            enter(doubt);
            Stmt then = stmt(i.then());
            Stmt otherwise = stmt(i.otherwise());
            leave(doubt);
            return new Tree.IfStatement(tok, cond, then, otherwise);
        }
        if (s instanceof Ast.For f) {
            Stmt init = stmt(f.init());
            Expr cond = f.cond() == null ? new Tree.LiteralNumber(tok, 1) : expr(f.cond());
            Stmt incr = stmt(f.incr());
            return new Tree.ForLoop(tok, init, cond, incr, stmt(f.body()));
        }
        if (s instanceof Ast.While w) {
            Expr cond = expr(w.cond());
            return new Tree.ForLoop(tok, null, cond, null, stmt(w.body()));
        }
        if (s instanceof Ast.Foreach f) {
            List<Tree.Symbol> keys = new ArrayList<>();
            for (Ast.Sym k : f.keys()) {
                keys.add(new Tree.Symbol(mark(k.tok()), k.name()));
            }
            Expr base = f.base() instanceof Ast.HistOp h ? hist(h) : symbolOf(f.base());
            List<Expr> slice = new ArrayList<>();
            for (Ast.Expr x : f.slice()) {
                slice.add(x == null ? null : expr(x));
            }
            Tree.Symbol value = f.value() == null ? null : new Tree.Symbol(mark(f.value().tok()), f.value().name());
            int dir = f.sortColumn() < 0 || f.sort() == null ? 0 : f.sort().equals("-") ? -1 : 1;
            Expr limit = f.limit() == null ? null : expr(f.limit());
            return new Tree.ForeachLoop(tok, keys, base, slice, value, dir, Math.max(0, f.sortColumn()),
                    f.aggregate(), limit, stmt(f.body()));
        }
        if (s instanceof Ast.Return r) {
            return new Tree.ReturnStatement(tok, r.value() == null ? null : expr(r.value()));
        }
        if (s instanceof Ast.Delete d) {
            return new Tree.DeleteStatement(tok, expr(d.target()));
        }
        if (s instanceof Ast.Jump j) {
            return new Tree.JumpStatement(tok, j.tok().text);
        }
        if (s instanceof Ast.Try t) {
            Stmt body = stmt(t.body());
            Tree.Symbol var = t.catchVar() == null ? null : new Tree.Symbol(mark(t.catchVar()), t.catchVar().text);
            return new Tree.TryBlock(tok, body, var, stmt(t.handler()));
        }
        return new Tree.NullStatement(tok);
    }

    private void enter(boolean doubt) {
        if (doubt) {
            uncertainDepth++;
        }
    }

    private void leave(boolean doubt) {
        if (doubt) {
            uncertainDepth--;
        }
    }

    /** A test whose value only debuginfo gives: an @defined (or @entry) of anything but a plain probe's $var. */
    private static boolean dependsOnDebuginfo(Expr e) {
        boolean[] found = {false};
        Walk.expr(e, x -> {
            if (x instanceof Tree.DefinedOp || x instanceof Tree.TargetSymbol || x instanceof Tree.ContextOp
                    || x instanceof Tree.EntryOp) {
                found[0] = true;
            }
        });
        return found[0];
    }

    // ---------------------------------------------------------------- expressions

    private Tree.Symbol symbolOf(Ast.Expr e) {
        Ast.Sym s = (Ast.Sym) e;
        return new Tree.Symbol(mark(s.tok()), s.name());
    }

    private Tree.HistOp hist(Ast.HistOp h) {
        return new Tree.HistOp(mark(h.tok()), h.op(), expr(h.stat()), h.params());
    }

    Expr expr(Ast.Expr e) {
        Token tok = mark(e.tok());
        if (e instanceof Ast.NumLit n) {
            return new Tree.LiteralNumber(tok, n.value());
        }
        if (e instanceof Ast.StrLit s) {
            return new Tree.LiteralString(tok, s.value());
        }
        if (e instanceof Ast.ArgRef a) {
            if (tok.text.endsWith("#")) {
                return a.string() ? new Tree.LiteralString(tok, "0") : new Tree.LiteralNumber(tok, 0);
            }
            // @N is always a string literal; $N is pasted in as text, most often a number
            Tree.ArgValue v = new Tree.ArgValue(tok, a.string() ? Type.STRING : Type.LONG);
            v.kernel = !a.string();
            return v;
        }
        if (e instanceof Ast.Sym s) {
            return new Tree.Symbol(tok, s.name());
        }
        if (e instanceof Ast.Binary b) {
            Expr left = expr(b.left());
            boolean doubt = b.kind() == Ast.BinKind.LOGICAL && dependsOnDebuginfo(left);
            enter(doubt);
            Expr right = expr(b.right());
            leave(doubt);
            return switch (b.kind()) {
                case ASSIGN -> new Tree.Assignment(tok, b.op(), left, right);
                case LOGICAL -> new Tree.BinaryExpr(tok, b.op(), true, left, right);
                case COMPARISON -> new Tree.Comparison(tok, b.op(), left, right);
                case CONCAT -> new Tree.Concatenation(tok, left, right);
                default -> new Tree.BinaryExpr(tok, b.op(), false, left, right);
            };
        }
        if (e instanceof Ast.Unary u) {
            return new Tree.UnaryExpr(tok, u.op(), expr(u.operand()));
        }
        if (e instanceof Ast.Crement c) {
            return new Tree.Crement(tok, c.op(), c.prefix(), expr(c.operand()));
        }
        if (e instanceof Ast.Ternary t) {
            Expr cond = expr(t.cond());
            boolean doubt = dependsOnDebuginfo(cond);
            enter(doubt);
            Expr a = expr(t.whenTrue());
            Expr b = expr(t.whenFalse());
            leave(doubt);
            return new Tree.Ternary(tok, cond, a, b);
        }
        if (e instanceof Ast.ArrayIn a) {
            List<Expr> idx = new ArrayList<>();
            for (Ast.Expr x : a.indexes()) {
                idx.add(x == null ? null : expr(x));
            }
            Expr base = a.base() instanceof Ast.HistOp h ? hist(h) : symbolOf(a.base());
            return new Tree.ArrayIn(tok, new Tree.ArrayIndex(base.tok, base, idx));
        }
        if (e instanceof Ast.Regex r) {
            Expr left = expr(r.left());
            Token pt = mark(r.patternTok() != null ? r.patternTok() : tok);
            return new Tree.RegexQuery(tok, left, r.op(), new Tree.LiteralString(pt, r.pattern()));
        }
        if (e instanceof Ast.Index i) {
            List<Expr> idx = new ArrayList<>();
            for (Ast.Expr x : i.indexes()) {
                idx.add(x == null ? null : expr(x));
            }
            Expr base = i.base() instanceof Ast.HistOp h ? hist(h) : symbolOf(i.base());
            return new Tree.ArrayIndex(tok, base, idx);
        }
        if (e instanceof Ast.Call c) {
            List<Expr> args = new ArrayList<>(c.args().size());
            for (Ast.Expr x : c.args()) {
                args.add(expr(x));
            }
            return new Tree.FunctionCall(tok, c.name(), args);
        }
        if (e instanceof Ast.PrintFormat p) {
            List<Expr> args = new ArrayList<>(p.args().size());
            for (Ast.Expr x : p.args()) {
                args.add(expr(x));
            }
            String n = p.name().startsWith("s") ? p.name().substring(1) : p.name();
            boolean withFormat = n.equals("printf");
            List<PrintFormat.Conversion> convs = withFormat && p.format() != null
                    ? PrintFormat.conversions(p.format()) : null;
            Tree.PrintFormatExpr out = new Tree.PrintFormatExpr(tok, p.name(), withFormat, convs, args,
                    p.hist() == null ? null : hist(p.hist()));
            if (withFormat && convs == null) {
                out.kernel = true; // a format pasted from a script argument: its conversions are not known
            }
            return out;
        }
        if (e instanceof Ast.StatOp s) {
            return new Tree.StatOp(tok, s.op(), expr(s.stat()), s.param());
        }
        if (e instanceof Ast.HistOp h) {
            return hist(h);
        }
        if (e instanceof Ast.Target t) {
            return target(t, tok);
        }
        if (e instanceof Ast.AtOp a) {
            return atOp(a, tok);
        }
        if (e instanceof Ast.EmbeddedExpr x) {
            return new Tree.EmbeddedExpr(tok, x.code());
        }
        throw new IllegalStateException("unexpected expression " + e);
    }

    private Expr target(Ast.Target t, Token tok) {
        Expr operand = t.operand() == null ? null : expr(t.operand());
        List<Expr> idx = new ArrayList<>();
        boolean pretty = t.name() != null && t.name().startsWith("$$");
        for (Ast.Component c : t.components()) {
            if (c.index() != null) {
                idx.add(expr(c.index()));
            }
            if (c.pretty() != null) {
                pretty = true;
            }
        }
        Tree.TargetSymbol ts = new Tree.TargetSymbol(tok, t.kind(), t.name(), operand, idx, pretty && !t.addressOf());
        // a plain probe has no context variables: there a $var is certainly unresolved; anything else needs debuginfo
        ts.kernel = !(context == Context.PLAIN && t.kind().equals("$"));
        return ts;
    }

    private Expr atOp(Ast.AtOp a, Token tok) {
        switch (a.op()) {
            case "@defined" -> {
                Expr operand = expr(a.args().get(0));
                if (context == Context.PLAIN && operand instanceof Tree.TargetSymbol ts && ts.kind.equals("$")) {
                    // a plain probe has no context variables: stap collapses the test to 0
                    return new Tree.LiteralNumber(tok, 0);
                }
                Tree.DefinedOp d = new Tree.DefinedOp(tok, operand);
                d.kernel = true;
                return d;
            }
            case "@entry" -> {
                Tree.EntryOp en = new Tree.EntryOp(tok, expr(a.args().get(0)));
                en.kernel = context != Context.PLAIN;
                return en;
            }
            case "@probewrite" -> {
                String name = ((Ast.Sym) a.args().get(0)).name();
                if (useWrites != null) {
                    return new Tree.LiteralNumber(tok, useWrites.contains(name) ? 1 : 0);
                }
                Tree.ContextOp op = new Tree.ContextOp(tok, a.op(), null);
                op.kernel = true;
                return op;
            }
            case "@const" -> {
                Ast.StrLit s = (Ast.StrLit) a.args().get(0);
                return new Tree.EmbeddedExpr(tok, "/* pure */ /* unprivileged */ /* stable */ " + s.value());
            }
            default -> {
                Expr operand = a.args().size() > 1 ? expr(a.args().get(1)) : null;
                Tree.ContextOp op = new Tree.ContextOp(tok, a.op(), operand);
                op.kernel = true;
                return op;
            }
        }
    }
}
