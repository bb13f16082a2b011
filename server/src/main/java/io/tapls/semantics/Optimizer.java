package io.tapls.semantics;

import io.tapls.semantics.Tree.DerivedProbe;
import io.tapls.semantics.Tree.Expr;
import io.tapls.semantics.Tree.FuncDecl;
import io.tapls.semantics.Tree.Stmt;
import io.tapls.semantics.Tree.Type;
import io.tapls.semantics.Tree.VarDecl;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * stap's semantic_pass_optimize1 (elaborate.cxx): before types are checked, stap removes functions no probe
 * calls (opt1), variables nothing uses (opt2), assignments to variables never read (opt3), statements without
 * side effects (opt4), the unused values of expressions (opt5), folds constants (semantic_pass_const_fold, which
 * first runs an initial type inference) and drops code after return/next/break/continue, until nothing changes.
 * With -u it runs only opt1, opt5 and the folding. Code removed here is never type-checked: a variable read
 * only in code that goes away is no error.
 */
final class Optimizer {
    private final Elaborator s;
    private boolean relaxed;
    private boolean suppressWarnings;

    Optimizer(Elaborator s) {
        this.s = s;
    }

    int optimize1(TypeResolver types) {
        int rc = 0;
        relaxed = false;
        int iterations = 0;
        while (!relaxed && iterations < 50) {
            relaxed = true;
            suppressWarnings = iterations > 0;
            if (s.unoptimized) {
                opt1();
                opt5();
                deadControl();
            } else {
                opt1();
                opt2(iterations);
                opt3();
                opt4();
                opt5();
            }
            rc += constFold();
            if (!s.unoptimized) {
                deadControl();
                overload();
            }
            iterations++;
        }
        suppressWarnings = false; // stap restores its setting after the loop
        List<DerivedProbe> nonEmpty = new ArrayList<>();
        for (DerivedProbe p : s.probes) {
            if (p.synthetic || !p.emptied) {
                nonEmpty.add(p);
            } else if (!s.unoptimized) {
                warn("Probe '" + firstFunctor(p) + "' has been elided", p.tok);
            }
        }
        if (!s.unoptimized) {
            s.probes.clear();
            s.probes.addAll(nonEmpty);
        }
        return rc;
    }

    private static String firstFunctor(DerivedProbe p) {
        int dot = p.display.indexOf('.');
        int par = p.display.indexOf('(');
        int end = dot < 0 ? par : par < 0 ? dot : Math.min(dot, par);
        return end < 0 ? p.display : p.display.substring(0, end);
    }

    private void warn(String msg, io.tapls.stap.Token tok) {
        if (!suppressWarnings && s.isUser(tok)) {
            s.printWarning(new SemError(msg, tok));
        }
    }

    // ------------------------------------------------------------------ opt1: unused functions

    private void opt1() {
        if (s.tapsetMode()) {
            return; // a tapset's functions are checked as if a script called them all
        }
        VarUse ftv = new VarUse();
        ftv.strict = false; // functioncall_traversing_visitor: calls only
        for (DerivedProbe p : s.probes) {
            ftv.stmt(p.body);
            ftv.expr(p.condition);
        }
        for (Iterator<Map.Entry<String, FuncDecl>> it = s.functions.entrySet().iterator(); it.hasNext(); ) {
            FuncDecl fd = it.next().getValue();
            if (!ftv.seen.contains(fd)) {
                if (fd.user) {
                    warn("Eliding unused function '" + fd.name + "'", fd.tok);
                }
                it.remove();
                relaxed = false;
            }
        }
    }

    // ------------------------------------------------------------------ opt2: unused variables

    private void opt2(int iterations) {
        VarUse vut = new VarUse();
        for (DerivedProbe p : s.probes) {
            vut.stmt(p.body);
            vut.expr(p.condition);
        }
        for (DerivedProbe p : s.probes) {
            for (Iterator<VarDecl> it = p.locals.iterator(); it.hasNext(); ) {
                VarDecl l = it.next();
                if (l.synthetic) {
                    continue;
                }
                if (!vut.read.contains(l) && !vut.written.contains(l)) {
                    warn("Eliding unused variable '" + l.name + "'", l.tok);
                    it.remove();
                    relaxed = false;
                } else if (!vut.written.contains(l) && iterations == 0) {
                    Set<String> vars = new TreeSet<>();
                    p.locals.forEach(v -> vars.add(v.name));
                    s.globals.forEach(v -> {
                        if (!v.isPrivate) {
                            vars.add(v.name);
                        }
                    });
                    vars.remove(l.name);
                    neverAssigned("local", l, vars);
                }
            }
        }
        for (FuncDecl fd : s.functions.values()) {
            for (Iterator<VarDecl> it = fd.locals.iterator(); it.hasNext(); ) {
                VarDecl l = it.next();
                if (!vut.read.contains(l) && !vut.written.contains(l)) {
                    warn("Eliding unused variable '" + l.name + "'", l.tok);
                    it.remove();
                    relaxed = false;
                } else if (!vut.written.contains(l) && iterations == 0) {
                    Set<String> vars = new TreeSet<>();
                    fd.formalArgs.forEach(v -> vars.add(v.name));
                    fd.locals.forEach(v -> vars.add(v.name));
                    s.globals.forEach(v -> {
                        if (!v.isPrivate) {
                            vars.add(v.name);
                        }
                    });
                    vars.remove(l.name);
                    neverAssigned("local", l, vars);
                }
            }
        }
        for (Iterator<VarDecl> it = s.globals.iterator(); it.hasNext(); ) {
            VarDecl l = it.next();
            if (!vut.read.contains(l) && !vut.written.contains(l)) {
                warn("Eliding unused variable '" + l.name + "'", l.tok);
                it.remove();
                relaxed = false;
            } else if (!vut.written.contains(l) && l.init == null && iterations == 0 && !l.opaque) {
                Set<String> vars = new TreeSet<>();
                s.globals.forEach(v -> {
                    if (!v.isPrivate && !v.name.equals(l.name)) {
                        vars.add(v.name);
                    }
                });
                neverAssigned("global", l, vars);
            }
        }
    }

    private void neverAssigned(String kind, VarDecl l, Set<String> vars) {
        String sugs = Elaborator.levenshteinSuggest(l.name, vars, 5);
        warn("never-assigned " + kind + " variable '" + l.name + "'" + (sugs.isEmpty() ? "" : " (similar: " + sugs
                + ")"), l.tok);
    }

    // ------------------------------------------------------------------ opt3: dead assignments

    private void opt3() {
        VarUse vut = new VarUse();
        for (DerivedProbe p : s.probes) {
            vut.stmt(p.body);
        }
        Rewriter dar = new Rewriter() {
            @Override
            Expr expr(Expr e) {
                e = super.expr(e);
                if (e instanceof Tree.Assignment a) {
                    Tree.Symbol left = assignmentSymbol(a.left, a);
                    if (left != null && left.referent != null && !vut.read.contains(left.referent)) {
                        VarDecl leftvar = left.referent;
                        boolean isGlobal = false;
                        for (VarDecl g : s.globals) {
                            if (g.name.equals(leftvar.name)) {
                                isGlobal = true;
                                break;
                            }
                        }
                        VarUse lvut = new VarUse();
                        lvut.expr(a.left);
                        if (lvut.sideEffectFree() && !isGlobal && !leftvar.synthetic) {
                            warn("Eliding assignment to '" + leftvar.name + "'", a.tok);
                            relaxed = false;
                            return a.right;
                        }
                    }
                }
                return e;
            }

            @Override
            Stmt stmt(Stmt st) {
                if (st instanceof Tree.TryBlock t) {
                    t.tryBlock = stmt(t.tryBlock);
                    if (t.catchVar != null && t.catchVar.referent != null && !vut.read.contains(t.catchVar.referent)) {
                        TypeResolver.resolveString(t.catchVar);
                        t.catchVar = null;
                    }
                    t.catchBlock = stmt(t.catchBlock);
                    return t;
                }
                return super.stmt(st);
            }
        };
        for (DerivedProbe p : s.probes) {
            p.body = dar.stmt(p.body);
        }
        for (FuncDecl fd : s.functions.values()) {
            fd.body = dar.stmt(fd.body);
        }
    }

    /** get_assignment_symbol_within_expression: the variable an assignment writes; null for a target value. */
    static Tree.Symbol assignmentSymbol(Expr left, Tree.Assignment a) {
        if (left instanceof Tree.Symbol sym) {
            return sym;
        }
        if (left instanceof Tree.ArrayIndex i) {
            if (i.base instanceof Tree.Symbol sym) {
                return sym;
            }
            if (i.base instanceof Tree.HistOp h) {
                return assignmentSymbol(h.stat, a);
            }
        }
        if (left instanceof Tree.TargetSymbol || left instanceof Tree.ContextOp) {
            return null;
        }
        throw new SemError("Expecting lvalue for assignment", a.tok, new SemError("", left.tok));
    }

    // ------------------------------------------------------------------ opt4: dead statements

    private void opt4() {
        for (DerivedProbe p : s.probes) {
            Set<VarDecl> focal = VarUse.identitySet();
            focal.addAll(s.globals);
            focal.addAll(p.locals);
            Stmt body = deadStmt(p.body, focal);
            if (body == null) {
                p.body = new Tree.NullStatement(p.tok);
                p.emptied = true;
            } else {
                p.body = body;
            }
        }
        for (FuncDecl fd : s.functions.values()) {
            Set<VarDecl> focal = VarUse.identitySet();
            focal.addAll(fd.locals);
            focal.addAll(fd.formalArgs);
            focal.addAll(s.globals);
            Stmt body = deadStmt(fd.body, focal);
            if (body == null) {
                if (!(fd.body instanceof Tree.NullStatement)) {
                    warn("side-effect-free function '" + fd.name + "'", fd.tok);
                }
                fd.body = new Tree.NullStatement(fd.tok);
            } else {
                fd.body = body;
            }
        }
    }

    /** dead_stmtexpr_remover: the statement without what has no side effect (null when nothing is left). */
    private Stmt deadStmt(Stmt st, Set<VarDecl> focal) {
        if (st == null) {
            return null;
        }
        if (st instanceof Tree.NullStatement) {
            return null;
        }
        if (st instanceof Tree.Block b) {
            List<Stmt> out = new ArrayList<>();
            for (Stmt x : b.statements) {
                Stmt n = deadStmt(x, focal);
                if (n instanceof Tree.Block nb) {
                    out.addAll(nb.statements);
                    relaxed = false;
                } else if (n != null) {
                    out.add(n);
                }
            }
            if (out.isEmpty()) {
                return null;
            }
            if (out.size() == 1) {
                return out.get(0);
            }
            b.statements.clear();
            b.statements.addAll(out);
            return b;
        }
        if (st instanceof Tree.TryBlock t) {
            t.tryBlock = deadStmt(t.tryBlock, focal);
            t.catchBlock = deadStmt(t.catchBlock, focal);
            if (t.tryBlock == null) {
                if (t.catchVar != null) {
                    TypeResolver.resolveString(t.catchVar);
                }
                return null;
            }
            return t;
        }
        if (st instanceof Tree.IfStatement i) {
            i.thenblock = deadStmt(i.thenblock, focal);
            i.elseblock = deadStmt(i.elseblock, focal);
            if (i.thenblock == null) {
                if (i.elseblock == null) {
                    VarUse vct = new VarUse();
                    vct.expr(i.condition);
                    if (vct.sideEffectFree()) {
                        return null;
                    }
                    return new Tree.ExprStatement(i.condition.tok, i.condition);
                }
                i.condition = new Tree.UnaryExpr(i.condition.tok, "!", i.condition);
                i.thenblock = i.elseblock;
                i.elseblock = null;
            }
            return i;
        }
        if (st instanceof Tree.ForeachLoop f) {
            f.block = deadStmt(f.block, focal);
            return f.block == null ? null : f;
        }
        if (st instanceof Tree.ForLoop f) {
            f.block = deadStmt(f.block, focal);
            if (f.block == null) {
                VarUse vct = new VarUse();
                vct.stmt(f.init);
                vct.expr(f.cond);
                vct.stmt(f.incr);
                if (vct.sideEffectFree()) {
                    return null;
                }
                f.block = new Tree.NullStatement(f.tok);
            }
            return f;
        }
        if (st instanceof Tree.ExprStatement e) {
            VarUse vut = new VarUse();
            vut.expr(e.value);
            if (vut.sideEffectFreeWrt(focal)) {
                warn("Eliding side-effect-free expression ", e.tok);
                relaxed = false;
                return null;
            }
            return e;
        }
        return st;
    }

    // ------------------------------------------------------------------ opt5: unused values

    private void opt5() {
        Set<VarDecl> focal = VarUse.identitySet();
        focal.addAll(s.globals);
        for (DerivedProbe p : s.probes) {
            p.body = reduceStmt(p.body, focal);
        }
        for (FuncDecl fd : s.functions.values()) {
            fd.body = reduceStmt(fd.body, focal);
        }
    }

    /** void_statement_reducer over statements. */
    private Stmt reduceStmt(Stmt st, Set<VarDecl> focal) {
        if (st == null) {
            return null;
        }
        if (st instanceof Tree.Block b) {
            for (int i = 0; i < b.statements.size(); i++) {
                b.statements.set(i, reduceStmt(b.statements.get(i), focal));
            }
            b.statements.removeIf(x -> x == null);
            return b;
        }
        if (st instanceof Tree.ExprStatement e) {
            return reduceExpr(e, focal);
        }
        if (st instanceof Tree.IfStatement i) {
            i.thenblock = reduceStmt(i.thenblock, focal);
            i.elseblock = reduceStmt(i.elseblock, focal);
            return i;
        }
        if (st instanceof Tree.ForLoop f) {
            f.block = reduceStmt(f.block, focal);
            return f;
        }
        if (st instanceof Tree.ForeachLoop f) {
            f.block = reduceStmt(f.block, focal);
            return f;
        }
        if (st instanceof Tree.TryBlock t) {
            t.tryBlock = reduceStmt(t.tryBlock, focal);
            t.catchBlock = reduceStmt(t.catchBlock, focal);
            return t;
        }
        return st;
    }

    private Stmt exprStmt(Expr e) {
        return new Tree.ExprStatement(e.tok, e);
    }

    private Stmt block(io.tapls.stap.Token tok, List<Expr> parts, Set<VarDecl> focal) {
        List<Stmt> stmts = new ArrayList<>();
        for (Expr x : parts) {
            if (x != null) {
                stmts.add(exprStmt(x));
            }
        }
        relaxed = false;
        return reduceStmt(new Tree.Block(tok, stmts), focal);
    }

    /** void_statement_reducer over the value of an expression statement. */
    private Stmt reduceExpr(Tree.ExprStatement st, Set<VarDecl> focal) {
        Expr e = st.value;
        if (e instanceof Tree.BinaryExpr b && b.logical) {
            relaxed = false;
            Expr cond = b.op.equals("||") ? new Tree.UnaryExpr(b.tok, "!", b.left) : b.left;
            return reduceStmt(new Tree.IfStatement(b.tok, cond, exprStmt(b.right), null), focal);
        }
        if (e instanceof Tree.Ternary t) {
            relaxed = false;
            return reduceStmt(new Tree.IfStatement(t.tok, t.cond, exprStmt(t.truevalue), exprStmt(t.falsevalue)),
                    focal);
        }
        if (e instanceof Tree.BinaryExpr b) {
            return block(b.tok, List.of(b.left, b.right), focal);
        }
        if (e instanceof Tree.Comparison c) {
            return block(c.tok, List.of(c.left, c.right), focal);
        }
        if (e instanceof Tree.Concatenation c) {
            return block(c.tok, List.of(c.left, c.right), focal);
        }
        if (e instanceof Tree.UnaryExpr u) {
            relaxed = false;
            st.value = u.operand;
            return reduceExpr(st, focal);
        }
        if (e instanceof Tree.RegexQuery r) {
            relaxed = false;
            st.value = r.left;
            return reduceExpr(st, focal);
        }
        if (e instanceof Tree.FunctionCall c) {
            if (c.args.isEmpty()) {
                return st;
            }
            for (FuncDecl f : c.referents) {
                VarUse vut = new VarUse();
                vut.function(f);
                if (!vut.sideEffectFreeWrt(focal)) {
                    return st;
                }
            }
            return block(c.tok, c.args, focal);
        }
        if (e instanceof Tree.PrintFormatExpr p) {
            if (p.toStream || p.args.isEmpty()) {
                return st;
            }
            return block(p.tok, p.args, focal);
        }
        if (e instanceof Tree.TargetSymbol t) {
            List<Expr> parts = new ArrayList<>();
            if (t.operand != null) {
                parts.add(t.operand);
            }
            parts.addAll(t.componentIndexes);
            return block(t.tok, parts, focal);
        }
        if (e instanceof Tree.DefinedOp) {
            relaxed = false;
            return null;
        }
        return st;
    }

    // ------------------------------------------------------------------ constant folding

    private int constFold() {
        int rc = new TypeResolver(s, true).initialPass();
        if (rc != 0) {
            relaxed = true;
            return rc;
        }
        Rewriter cf = new ConstFolder();
        for (DerivedProbe p : s.probes) {
            p.body = cf.stmt(p.body);
            if (p.body == null) {
                p.body = new Tree.NullStatement(p.tok);
            }
        }
        for (FuncDecl fd : s.functions.values()) {
            fd.body = cf.stmt(fd.body);
            if (fd.body == null) {
                fd.body = new Tree.NullStatement(fd.tok);
            }
        }
        return 0;
    }

    /** const_folder (elaborate.cxx): literals computed, constant tests decided, identities removed. */
    private final class ConstFolder extends Rewriter {
        @Override
        Stmt stmt(Stmt st) {
            if (st instanceof Tree.IfStatement i) {
                i.condition = expr(i.condition);
                if (i.condition instanceof Tree.LiteralNumber n && !i.condition.kernel) {
                    relaxed = false;
                    Stmt branch = n.value != 0 ? i.thenblock : i.elseblock;
                    return branch == null ? new Tree.NullStatement(i.tok) : stmt(branch);
                }
                i.thenblock = stmt(i.thenblock);
                i.elseblock = stmt(i.elseblock);
                return i;
            }
            if (st instanceof Tree.ForLoop f) {
                f.cond = expr(f.cond);
                if (f.cond instanceof Tree.LiteralNumber n && n.value == 0) {
                    relaxed = false;
                    return f.init == null ? new Tree.NullStatement(f.tok) : stmt(f.init);
                }
                f.init = stmt(f.init);
                f.incr = stmt(f.incr);
                f.block = stmt(f.block);
                return f;
            }
            if (st instanceof Tree.ForeachLoop f) {
                f.limit = f.limit == null ? null : expr(f.limit);
                if (f.limit instanceof Tree.LiteralNumber n && n.value <= 0) {
                    relaxed = false;
                    return new Tree.NullStatement(f.tok);
                }
                f.base = expr(f.base);
                f.block = stmt(f.block);
                return f;
            }
            return super.stmt(st);
        }

        @Override
        Expr expr(Expr e) {
            e = super.expr(e);
            if (e instanceof Tree.BinaryExpr b && !b.logical) {
                return binary(b);
            }
            if (e instanceof Tree.BinaryExpr b) {
                return logical(b);
            }
            if (e instanceof Tree.UnaryExpr u && u.operand instanceof Tree.LiteralNumber n) {
                long v = switch (u.op) {
                    case "-" -> -n.value;
                    case "!" -> n.value == 0 ? 1 : 0;
                    case "~" -> ~n.value;
                    default -> n.value;
                };
                relaxed = false;
                return new Tree.LiteralNumber(u.tok, v);
            }
            if (e instanceof Tree.Comparison c) {
                return comparison(c);
            }
            if (e instanceof Tree.Concatenation c) {
                if (c.left instanceof Tree.LiteralString l && c.right instanceof Tree.LiteralString r) {
                    relaxed = false;
                    return new Tree.LiteralString(c.tok, l.value + r.value);
                }
                if (c.left instanceof Tree.LiteralString l && l.value.isEmpty()) {
                    relaxed = false;
                    return c.right;
                }
                if (c.right instanceof Tree.LiteralString r && r.value.isEmpty()) {
                    relaxed = false;
                    return c.left;
                }
                return c;
            }
            if (e instanceof Tree.Ternary t && t.cond instanceof Tree.LiteralNumber n) {
                relaxed = false;
                return n.value != 0 ? t.truevalue : t.falsevalue;
            }
            return e;
        }

        private Expr binary(Tree.BinaryExpr e) {
            Tree.LiteralNumber left = e.left instanceof Tree.LiteralNumber n ? n : null;
            Tree.LiteralNumber right = e.right instanceof Tree.LiteralNumber n ? n : null;
            String op = e.op;
            if (right != null && right.value == 0 && (op.equals("/") || op.equals("%"))) {
                return e;
            }
            long value;
            if (left != null && right != null) {
                long l = left.value;
                long r = right.value;
                switch (op) {
                    case "+" -> value = l + r;
                    case "-" -> value = l - r;
                    case "*" -> value = l * r;
                    case "&" -> value = l & r;
                    case "|" -> value = l | r;
                    case "^" -> value = l ^ r;
                    case ">>" -> value = l >> Math.max(Math.min(r, 64), 0);
                    case "<<" -> value = l << Math.max(Math.min(r, 64), 0);
                    case "/" -> value = l == Long.MIN_VALUE && r == -1 ? Long.MIN_VALUE : l / r;
                    case "%" -> value = l == Long.MIN_VALUE && r == -1 ? 0 : l % r;
                    default -> {
                        return e;
                    }
                }
            } else if (left != null && (left.value == 0 && (op.equals("*") || op.equals("&") || op.equals(">>")
                    || op.equals("<<")) || left.value == -1 && (op.equals("|") || op.equals(">>")))
                    || right != null && (right.value == 0 && (op.equals("*") || op.equals("&"))
                    || right.value == 1 && op.equals("%") || right.value == -1 && (op.equals("%")
                    || op.equals("|")))) {
                Expr other = left != null ? e.right : e.left;
                VarUse vu = new VarUse();
                vu.expr(other);
                if (!vu.sideEffectFree()) {
                    return e;
                }
                if (other.type == Type.UNKNOWN) {
                    other.type = Type.LONG;
                } else if (other.type != Type.LONG) {
                    s.printError(new SemError("type mismatch: left and right sides don't agree (" + e.left.type
                            + " vs " + e.right.type + ")", e.tok));
                }
                value = left != null ? left.value : op.equals("%") ? 0 : right.value;
            } else if (left != null && (left.value == 0 && (op.equals("+") || op.equals("|") || op.equals("^"))
                    || left.value == 1 && op.equals("*") || left.value == -1 && op.equals("&"))
                    || right != null && (right.value == 0 && (op.equals("+") || op.equals("-") || op.equals("|")
                    || op.equals("^")) || right.value == 1 && (op.equals("*") || op.equals("/"))
                    || right.value == -1 && op.equals("&") || right.value <= 0 && (op.equals(">>")
                    || op.equals("<<")))) {
                relaxed = false;
                Expr other = left != null ? e.right : e.left;
                if (other.type == Type.UNKNOWN) {
                    other.type = Type.LONG;
                } else if (other.type != Type.LONG) {
                    s.printError(new SemError("type mismatch: left and right sides don't agree (" + e.left.type
                            + " vs " + e.right.type + ")", e.tok));
                }
                return other;
            } else {
                return e;
            }
            relaxed = false;
            return new Tree.LiteralNumber(e.tok, value);
        }

        private Expr logical(Tree.BinaryExpr e) {
            Tree.LiteralNumber left = e.left instanceof Tree.LiteralNumber n ? n : null;
            Tree.LiteralNumber right = e.right instanceof Tree.LiteralNumber n ? n : null;
            boolean or = e.op.equals("||");
            long value;
            if (left != null && right != null) {
                value = or ? (left.value != 0 || right.value != 0 ? 1 : 0)
                        : (left.value != 0 && right.value != 0 ? 1 : 0);
            } else if (or && (left != null && left.value != 0 || right != null && right.value != 0)
                    || !or && (left != null && left.value == 0 || right != null && right.value == 0)) {
                if (right != null) {
                    VarUse vu = new VarUse();
                    vu.expr(e.left);
                    if (!vu.sideEffectFree()) {
                        return e;
                    }
                }
                value = or ? 1 : 0;
            } else {
                return e;
            }
            relaxed = false;
            return new Tree.LiteralNumber(e.tok, value);
        }

        private Expr comparison(Tree.Comparison e) {
            int comp;
            if (e.left instanceof Tree.LiteralString l && e.right instanceof Tree.LiteralString r) {
                comp = Integer.signum(l.value.compareTo(r.value));
            } else if (e.left instanceof Tree.LiteralNumber l && e.right instanceof Tree.LiteralNumber r) {
                comp = Long.compare(l.value, r.value);
            } else {
                return e;
            }
            long value = switch (e.op) {
                case "==" -> comp == 0 ? 1 : 0;
                case "!=" -> comp != 0 ? 1 : 0;
                case "<" -> comp < 0 ? 1 : 0;
                case ">" -> comp > 0 ? 1 : 0;
                case "<=" -> comp <= 0 ? 1 : 0;
                case ">=" -> comp >= 0 ? 1 : 0;
                default -> -1;
            };
            if (value < 0) {
                return e;
            }
            relaxed = false;
            return new Tree.LiteralNumber(e.tok, value);
        }
    }

    // ------------------------------------------------------------------ dead control, overloads

    private void deadControl() {
        for (DerivedProbe p : s.probes) {
            deadControl(p.body);
        }
        for (FuncDecl fd : s.functions.values()) {
            deadControl(fd.body);
        }
    }

    /** dead_control_remover: statements after a return, next, break or continue in the same block. */
    private void deadControl(Stmt body) {
        Walk.stmt(body, e -> {
        }, st -> {
            if (st instanceof Tree.Block b) {
                for (int i = 0; i < b.statements.size() - 1; i++) {
                    Stmt x = b.statements.get(i);
                    if (x instanceof Tree.ReturnStatement || x instanceof Tree.JumpStatement) {
                        b.statements.subList(i + 1, b.statements.size()).clear();
                        relaxed = false;
                        break;
                    }
                }
            }
        });
    }

    /** semantic_pass_overload: an overload after one that cannot 'next' is never reached. */
    private void overload() {
        for (FuncDecl fd : s.functions.values()) {
            boolean[] next = {false};
            Walk.stmt(fd.body, e -> {
            }, st -> {
                if (st instanceof Tree.JumpStatement j && j.kind.equals("next")
                        || st instanceof Tree.EmbeddedCode c && c.code.contains("STAP_NEXT;")) {
                    next[0] = true;
                }
            });
            fd.hasNext = next[0];
        }
        List<Stmt> bodies = new ArrayList<>();
        s.probes.forEach(p -> bodies.add(p.body));
        s.functions.values().forEach(f -> bodies.add(f.body));
        for (Stmt b : bodies) {
            Walk.stmt(b, e -> {
                if (e instanceof Tree.FunctionCall c && c.referents.size() > 1) {
                    int reachable = 1;
                    boolean chained = true;
                    for (FuncDecl r : c.referents) {
                        if (chained && r.hasNext) {
                            reachable++;
                        } else {
                            chained = false;
                        }
                    }
                    if (reachable < c.referents.size()) {
                        c.referents.subList(reachable, c.referents.size()).clear();
                        relaxed = false;
                    }
                }
            });
        }
    }

    // ------------------------------------------------------------------ update_visitor

    /** stap's update_visitor: each child replaced by what the visit of it gives, bottom up. */
    abstract static class Rewriter {
        Stmt stmt(Stmt st) {
            if (st == null) {
                return null;
            }
            if (st instanceof Tree.Block b) {
                for (int i = 0; i < b.statements.size(); i++) {
                    b.statements.set(i, stmt(b.statements.get(i)));
                }
                b.statements.removeIf(x -> x == null);
            } else if (st instanceof Tree.ExprStatement e) {
                e.value = expr(e.value);
            } else if (st instanceof Tree.IfStatement i) {
                i.condition = expr(i.condition);
                i.thenblock = stmt(i.thenblock);
                i.elseblock = stmt(i.elseblock);
                if (i.thenblock == null) {
                    i.thenblock = new Tree.NullStatement(i.tok);
                }
            } else if (st instanceof Tree.ForLoop f) {
                f.init = stmt(f.init);
                f.cond = expr(f.cond);
                f.incr = stmt(f.incr);
                f.block = stmt(f.block);
                if (f.block == null) {
                    f.block = new Tree.NullStatement(f.tok);
                }
            } else if (st instanceof Tree.ForeachLoop f) {
                f.base = expr(f.base);
                f.value = f.value;
                if (f.limit != null) {
                    f.limit = expr(f.limit);
                }
                f.block = stmt(f.block);
                if (f.block == null) {
                    f.block = new Tree.NullStatement(f.tok);
                }
            } else if (st instanceof Tree.ReturnStatement r) {
                if (r.value != null) {
                    r.value = expr(r.value);
                }
            } else if (st instanceof Tree.DeleteStatement d) {
                d.value = expr(d.value);
            } else if (st instanceof Tree.TryBlock t) {
                t.tryBlock = stmt(t.tryBlock);
                t.catchBlock = stmt(t.catchBlock);
            }
            return st;
        }

        Expr expr(Expr e) {
            if (e == null) {
                return null;
            }
            if (e instanceof Tree.BinaryExpr b) {
                b.left = expr(b.left);
                b.right = expr(b.right);
            } else if (e instanceof Tree.Comparison c) {
                c.left = expr(c.left);
                c.right = expr(c.right);
            } else if (e instanceof Tree.Concatenation c) {
                c.left = expr(c.left);
                c.right = expr(c.right);
            } else if (e instanceof Tree.Assignment a) {
                a.left = expr(a.left);
                a.right = expr(a.right);
            } else if (e instanceof Tree.UnaryExpr u) {
                u.operand = expr(u.operand);
            } else if (e instanceof Tree.Crement c) {
                c.operand = expr(c.operand);
            } else if (e instanceof Tree.Ternary t) {
                t.cond = expr(t.cond);
                t.truevalue = expr(t.truevalue);
                t.falsevalue = expr(t.falsevalue);
            } else if (e instanceof Tree.ArrayIn a) {
                for (int i = 0; i < a.operand.indexes.size(); i++) {
                    a.operand.indexes.set(i, expr(a.operand.indexes.get(i)));
                }
            } else if (e instanceof Tree.RegexQuery r) {
                r.left = expr(r.left);
            } else if (e instanceof Tree.ArrayIndex i) {
                for (int k = 0; k < i.indexes.size(); k++) {
                    i.indexes.set(k, expr(i.indexes.get(k)));
                }
                if (i.base instanceof Tree.HistOp h) {
                    h.stat = expr(h.stat);
                }
            } else if (e instanceof Tree.FunctionCall c) {
                for (int k = 0; k < c.args.size(); k++) {
                    c.args.set(k, expr(c.args.get(k)));
                }
            } else if (e instanceof Tree.PrintFormatExpr p) {
                for (int k = 0; k < p.args.size(); k++) {
                    p.args.set(k, expr(p.args.get(k)));
                }
                if (p.hist != null) {
                    p.hist.stat = expr(p.hist.stat);
                }
            } else if (e instanceof Tree.StatOp so) {
                so.stat = expr(so.stat);
            } else if (e instanceof Tree.HistOp h) {
                h.stat = expr(h.stat);
            } else if (e instanceof Tree.TargetSymbol t) {
                t.operand = expr(t.operand);
                for (int k = 0; k < t.componentIndexes.size(); k++) {
                    t.componentIndexes.set(k, expr(t.componentIndexes.get(k)));
                }
            } else if (e instanceof Tree.DefinedOp d) {
                d.operand = expr(d.operand);
            } else if (e instanceof Tree.EntryOp d) {
                d.operand = expr(d.operand);
            } else if (e instanceof Tree.ContextOp d) {
                d.operand = expr(d.operand);
            }
            return e;
        }
    }
}
