package io.tapls.semantics;

import io.tapls.semantics.Tree.Decl;
import io.tapls.semantics.Tree.DerivedProbe;
import io.tapls.semantics.Tree.Expr;
import io.tapls.semantics.Tree.FuncDecl;
import io.tapls.semantics.Tree.Stmt;
import io.tapls.semantics.Tree.Type;
import io.tapls.semantics.Tree.VarDecl;
import io.tapls.stap.PrintFormat;
import io.tapls.stap.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * stap's typeresolution_info and the passes that run it (elaborate.cxx): a fixed point over every function, probe
 * and probe condition in which each expression, variable, array index and function parameter takes the type its
 * uses give it, with stap's messages for the conflicts ("type mismatch (long)" with where the type was first
 * inferred, "type mismatch: expected long but found string", "index 0 type mismatch", "unresolved type",
 * "invalid type stats"...). {@code initial} is initial_typeres_pass, which stap runs before folding constants:
 * it reports conflicts, but not what stays unresolved.
 */
final class TypeResolver {
    private final Elaborator s;
    private final boolean initial;

    private Type t = Type.UNKNOWN;
    private boolean assertResolvability;
    private int mismatchComplexity;
    private int numNewlyResolved;
    private int numStillUnresolved;
    private FuncDecl currentFunction;
    private DerivedProbe currentProbe;

    /** resolved_type: where a declaration (or one of its indexes) got its type. */
    private record Resolved(Token tok, Decl decl, int index) {
    }

    private final List<Resolved> resolvedTypes = new ArrayList<>();

    TypeResolver(Elaborator s, boolean initial) {
        this.s = s;
        this.initial = initial;
    }

    // ------------------------------------------------------------------ the passes

    /** initial_typeres_pass: until nothing new resolves; the number of errors. */
    int initialPass() {
        assertResolvability = false;
        for (int guard = 0; guard < 100; guard++) {
            numNewlyResolved = 0;
            numStillUnresolved = 0;
            for (FuncDecl fd : new ArrayList<>(s.functions.values())) {
                currentProbe = null;
                currentFunction = fd;
                t = Type.UNKNOWN;
                stmt(fd.body);
            }
            for (DerivedProbe p : new ArrayList<>(s.probes)) {
                currentFunction = null;
                currentProbe = p;
                t = Type.UNKNOWN;
                stmt(p.body);
                if (p.condition != null) {
                    currentProbe = null;
                    t = Type.LONG;
                    expr(p.condition);
                }
            }
            if (numNewlyResolved == 0) {
                if (!assertResolvability && mismatchComplexity > 0) {
                    assertResolvability = true;
                } else {
                    break;
                }
            } else {
                mismatchComplexity = 0;
            }
        }
        return s.numErrors();
    }

    /** semantic_pass_types. */
    int semanticPassTypes() {
        int rc = 0;
        assertResolvability = false;
        for (int guard = 0; guard < 100; guard++) {
            numNewlyResolved = 0;
            numStillUnresolved = 0;
            for (FuncDecl fd : new ArrayList<>(s.functions.values())) {
                currentProbe = null;
                currentFunction = fd;
                t = Type.UNKNOWN;
                try {
                    stmt(fd.body);
                    for (VarDecl v : fd.locals) {
                        checkLocal(v);
                    }
                } catch (SemError e) {
                    throw new SemError("while processing function " + fd.name, null, e);
                }
            }
            for (DerivedProbe p : new ArrayList<>(s.probes)) {
                currentFunction = null;
                currentProbe = p;
                t = Type.UNKNOWN;
                try {
                    stmt(p.body);
                    for (VarDecl v : p.locals) {
                        checkLocal(v);
                    }
                    if (p.condition != null) {
                        currentProbe = null;
                        t = Type.LONG;
                        expr(p.condition);
                    }
                } catch (SemError e) {
                    throw new SemError("while processing probe " + p.display, null, e);
                }
            }
            for (VarDecl gd : s.globals) {
                if (gd.type == Type.UNKNOWN && !gd.opaque) {
                    unresolved(gd.tok, gd.uncertain);
                }
                if (gd.arity == 0 && gd.wrap) {
                    throw new SemError("wrapping not supported for scalars", gd.tok);
                }
            }
            if (numNewlyResolved == 0) {
                if (numStillUnresolved == 0) {
                    break;
                } else if (!assertResolvability) {
                    assertResolvability = true;
                } else {
                    rc++;
                    break;
                }
            } else {
                mismatchComplexity = 0;
            }
        }
        return rc + s.numErrors();
    }

    // ------------------------------------------------------------------ error reporting

    private boolean doubt(Token tok) {
        return tok != null && s.uncertain.contains(tok);
    }

    /** What depends on debuginfo: its type is not known, and nothing is said about it. */
    private boolean doubt(Expr e) {
        if (e == null) {
            return false;
        }
        if (e.kernel || doubt(e.tok)) {
            return true;
        }
        if (e instanceof Tree.Symbol sym) {
            return sym.referent != null && sym.referent.uncertain;
        }
        if (e instanceof Tree.ArrayIndex i && i.base instanceof Tree.Symbol sym) {
            return sym.referent != null && sym.referent.uncertain;
        }
        if (e instanceof Tree.Ternary tr) {
            return doubt(tr.truevalue) || doubt(tr.falsevalue);
        }
        if (e instanceof Tree.Assignment a) {
            return doubt(a.right) || doubt(a.left);
        }
        if (e instanceof Tree.FunctionCall c) {
            for (FuncDecl f : c.referents) {
                if (f.uncertain) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final boolean DEBUG = Boolean.getBoolean("tapls.pass2.debug");

    private void print(SemError e, boolean suppressed) {
        if (!suppressed) {
            s.printError(e);
        } else if (DEBUG) {
            System.err.println("pass2: not said (depends on debuginfo): " + e.msg + " at " + e.tok);
        }
    }

    void unresolved(Token tok, boolean suppressed) {
        if (suppressed || doubt(tok)) {
            return;
        }
        numStillUnresolved++;
        if (assertResolvability && mismatchComplexity <= 0) {
            s.printError(new SemError("unresolved type", tok));
        }
    }

    private void unresolved(Expr e) {
        unresolved(e.tok, doubt(e));
    }

    private void invalid(Token tok, Type pe, boolean suppressed) {
        numStillUnresolved++;
        if (assertResolvability) {
            String msg = tok != null && tok.kind == Token.Kind.OPERATOR && !tok.text.startsWith("@")
                    ? "invalid operator" : "invalid type " + pe;
            print(new SemError(msg, tok), suppressed || doubt(tok));
        }
    }

    private void mismatchBinary(Expr e, Expr left, Expr right) {
        numStillUnresolved++;
        if (assertResolvability && mismatchComplexity <= 1) {
            print(new SemError("type mismatch: left and right sides don't agree (" + left.type + " vs " + right.type
                    + ")", e.tok), doubt(e) || doubt(left) || doubt(right));
        } else {
            mismatchComplexity = Math.max(1, mismatchComplexity);
        }
    }

    /** mismatch(tok, t1, t2): expected t1, found t2. */
    private void mismatch(Token tok, Type t1, Type t2, boolean suppressed) {
        numStillUnresolved++;
        if (assertResolvability && mismatchComplexity <= 2) {
            String msg = "type mismatch: expected " + t1 + (t2 != Type.UNKNOWN ? " but found " + t2 : "");
            print(new SemError(msg, tok), suppressed || doubt(tok));
        } else {
            mismatchComplexity = Math.max(2, mismatchComplexity);
        }
    }

    /** mismatch(tok, type, decl, index): the declaration had another type, first inferred elsewhere. */
    private void mismatch(Token tok, Type type, Decl decl, int index, boolean suppressed) {
        numStillUnresolved++;
        if (assertResolvability && mismatchComplexity <= 3) {
            if (currentFunction != null && index == -1) {
                for (int i = 0; i < currentFunction.formalArgs.size() && index < 0; i++) {
                    if (currentFunction.formalArgs.get(i) == decl) {
                        index = i;
                    }
                }
            }
            Resolved original = null;
            for (Resolved r : resolvedTypes) {
                if (r.decl() == decl && r.index() == index) {
                    original = r;
                    break;
                }
            }
            boolean quiet = suppressed || decl.uncertain || doubt(tok) || original != null && doubt(original.tok());
            if (original == null) {
                print(new SemError("type mismatch: expected " + type + " but found " + typeOf(decl, index), tok),
                        quiet);
                return;
            }
            String msg = (index >= 0 ? "index " + index + " " : "") + "type mismatch (" + type + ")";
            String chain = "type" + (index >= 0 ? " of index " + index : "") + " was first inferred here ("
                    + typeOf(decl, index) + ")";
            print(new SemError(msg, tok, new SemError(chain, original.tok())), quiet);
        } else {
            mismatchComplexity = Math.max(3, mismatchComplexity);
        }
    }

    /** The type a mismatch message prints for a declaration: its own (stap prints decl->type). */
    private static Type typeOf(Decl decl, int index) {
        return decl.type;
    }

    private void resolved(Token tok, Type type) {
        numNewlyResolved++;
    }

    private void resolved(Token tok, Type type, Decl decl, int index) {
        numNewlyResolved++;
        if (decl != null) {
            if (doubt(tok)) {
                decl.doubt();
            }
            for (int i = 0; i < resolvedTypes.size(); i++) {
                Resolved r = resolvedTypes.get(i);
                if (r.decl() == decl && r.index() == index) {
                    resolvedTypes.set(i, new Resolved(tok, decl, index));
                    return;
                }
            }
            resolvedTypes.add(new Resolved(tok, decl, index));
        }
    }

    /** typeresolution_info::resolve for a try block's elided catch variable: it is a string. */
    static void resolveString(Tree.Symbol var) {
        if (var.type == Type.UNKNOWN) {
            var.type = Type.STRING;
        }
        if (var.referent != null && var.referent.type == Type.UNKNOWN) {
            var.referent.type = Type.STRING;
        }
    }

    // ------------------------------------------------------------------ statements

    private void stmt(Stmt st) {
        if (st == null) {
            return;
        }
        if (st instanceof Tree.Block b) {
            for (Stmt x : b.statements) {
                t = Type.UNKNOWN;
                stmt(x);
            }
        } else if (st instanceof Tree.ExprStatement e) {
            t = Type.UNKNOWN;
            expr(e.value);
        } else if (st instanceof Tree.IfStatement i) {
            t = Type.LONG;
            expr(i.condition);
            t = Type.UNKNOWN;
            stmt(i.thenblock);
            if (i.elseblock != null) {
                t = Type.UNKNOWN;
                stmt(i.elseblock);
            }
        } else if (st instanceof Tree.ForLoop f) {
            t = Type.UNKNOWN;
            stmt(f.init);
            t = Type.LONG;
            expr(f.cond);
            t = Type.UNKNOWN;
            stmt(f.incr);
            t = Type.UNKNOWN;
            stmt(f.block);
        } else if (st instanceof Tree.ForeachLoop f) {
            foreach(f);
        } else if (st instanceof Tree.ReturnStatement r) {
            returnStatement(r);
        } else if (st instanceof Tree.DeleteStatement d) {
            t = Type.UNKNOWN;
            if (d.value instanceof Tree.Symbol sym) {
                resolve2(sym, sym.referent, Type.UNKNOWN, false);
            } else if (d.value instanceof Tree.ArrayIndex i) {
                arrayIndex(i);
            } else {
                throw new SemError("invalid operand of delete expression", d.value.tok);
            }
        } else if (st instanceof Tree.TryBlock tb) {
            stmt(tb.tryBlock);
            if (tb.catchVar != null) {
                t = Type.STRING;
                resolve(Type.STRING, tb.catchVar);
                if (tb.catchVar.referent != null) {
                    resolveDecl(Type.STRING, tb.catchVar.referent, tb.catchVar.tok);
                }
                expr(tb.catchVar);
            }
            stmt(tb.catchBlock);
        }
    }

    /** typeresolution_info::resolve (type, expression). */
    private void resolve(Type type, Expr e) {
        if (e.type == Type.UNKNOWN) {
            e.type = type;
            resolved(e.tok, type);
        } else if (e.type != type) {
            mismatch(e.tok, type, e.type, doubt(e));
        }
    }

    private void resolveDecl(Type type, VarDecl d, Token tok) {
        if (d.type == Type.UNKNOWN) {
            d.type = type;
            resolved(tok, type, d, -1);
        } else if (d.type != type) {
            mismatch(tok, type, d, -1, d.uncertain);
        }
    }

    private void foreach(Tree.ForeachLoop e) {
        Type wantedValue = Type.UNKNOWN;
        if (e.base instanceof Tree.HistOp hist) {
            if (e.indexes.size() != 1) {
                unresolved(e.tok, false);
            }
            t = Type.LONG;
            expr(e.indexes.get(0));
            if (e.indexes.get(0).type != Type.LONG) {
                unresolved(e.tok, doubt(e.indexes.get(0)));
            }
            expr(hist);
            wantedValue = Type.LONG;
        } else {
            Tree.Symbol array = (Tree.Symbol) e.base;
            VarDecl ref = array.referent;
            if (ref.uncertain || ref.opaque) {
                // what an array whose contents depend on debuginfo holds is not known either
                for (Tree.Symbol k : e.indexes) {
                    if (k.referent != null) {
                        k.referent.doubt();
                    }
                }
                if (e.value != null && e.value.referent != null) {
                    e.value.referent.doubt();
                }
            }
            if (e.indexes.size() != ref.indexTypes.size()) {
                unresolved(e.tok, ref.opaque);
            } else {
                for (int i = 0; i < e.indexes.size(); i++) {
                    index(e.indexes.get(i), ref, i);
                }
                for (int i = 0; i < e.slice.size(); i++) {
                    if (e.slice.get(i) != null) {
                        index(e.slice.get(i), ref, i);
                    }
                }
            }
            // stap 4.8 takes the value's type from the array's symbol as the previous round left it
            wantedValue = array.type;
            t = Type.UNKNOWN;
            expr(array);
        }
        if (e.value != null) {
            if (wantedValue == Type.STATS) {
                invalid(e.value.tok, wantedValue, doubt(e.value));
            } else if (wantedValue != Type.UNKNOWN) {
                checkArgType(wantedValue, e.value);
            } else {
                t = Type.UNKNOWN;
                expr(e.value);
            }
        }
        if (wantedValue != Type.UNKNOWN && e.sortAggr != null && wantedValue != Type.STATS) {
            invalid(e.base.tok, wantedValue, doubt(e.base));
        }
        if (e.limit != null) {
            t = Type.LONG;
            expr(e.limit);
        }
        t = Type.UNKNOWN;
        stmt(e.block);
    }

    /** An index (of an array access or a foreach) against the array's index type. */
    private void index(Expr ee, VarDecl ref, int i) {
        t = ref.indexTypes.get(i);
        expr(ee);
        // stap holds a reference to the index type: what visiting the index did to it counts
        Type ft = ref.indexTypes.get(i);
        Type at = ee.type;
        if (doubt(ee)) {
            ref.doubt();
        }
        if ((at == Type.STRING || at == Type.LONG) && ft == Type.UNKNOWN) {
            ref.indexTypes.set(i, at);
            ft = at;
            resolved(ee.tok, ft, ref, i);
        }
        if (at == Type.STATS) {
            invalid(ee.tok, at, doubt(ee));
        }
        if (ft == Type.STATS) {
            invalid(ee.tok, ft, doubt(ee));
        }
        if (at != Type.UNKNOWN && ft != Type.UNKNOWN && ft != at) {
            mismatch(ee.tok, ee.type, ref, i, doubt(ee) || ref.opaque);
        }
        if (at == Type.UNKNOWN) {
            unresolved(ee);
        }
    }

    private void returnStatement(Tree.ReturnStatement e) {
        if (currentFunction == null) {
            return;
        }
        FuncDecl f = currentFunction;
        t = f.type;
        if (e.value == null) {
            if (f.type != Type.UNKNOWN) {
                mismatch(e.tok, Type.UNKNOWN, f, -1, false);
            }
            return;
        }
        expr(e.value);
        if (doubt(e.value)) {
            f.doubt();
        }
        if (f.type != Type.UNKNOWN && e.value.type != Type.UNKNOWN && f.type != e.value.type) {
            mismatch(e.value.tok, e.value.type, f, -1, doubt(e.value));
        }
        if (f.type == Type.UNKNOWN && (e.value.type == Type.LONG || e.value.type == Type.STRING)) {
            f.type = e.value.type;
            resolved(e.value.tok, f.type, f, -1);
        }
        if (e.value.type == Type.STATS) {
            invalid(e.value.tok, e.value.type, doubt(e.value));
        }
    }

    // ------------------------------------------------------------------ expressions

    private void expr(Expr e) {
        if (e == null) {
            return;
        }
        if (e instanceof Tree.LiteralNumber || e instanceof Tree.LiteralString || e instanceof Tree.ArgValue) {
            if (t == e.type || t == Type.UNKNOWN || e.type == Type.UNKNOWN) {
                return;
            }
            mismatch(e.tok, t, e.type, doubt(e));
        } else if (e instanceof Tree.Symbol sym) {
            symbol(sym);
        } else if (e instanceof Tree.Assignment a) {
            assignment(a);
        } else if (e instanceof Tree.BinaryExpr b) {
            binary(b, b.left, b.right);
        } else if (e instanceof Tree.Comparison c) {
            comparison(c);
        } else if (e instanceof Tree.Concatenation c) {
            if (t != Type.UNKNOWN && t != Type.STRING) {
                invalid(c.tok, t, doubt(c));
            }
            t = Type.STRING;
            expr(c.left);
            t = Type.STRING;
            expr(c.right);
            if (c.type == Type.UNKNOWN) {
                c.type = Type.STRING;
                resolved(c.tok, c.type);
            }
        } else if (e instanceof Tree.UnaryExpr u) {
            unary(u, u.operand);
        } else if (e instanceof Tree.Crement c) {
            unary(c, c.operand);
        } else if (e instanceof Tree.Ternary tr) {
            ternary(tr);
        } else if (e instanceof Tree.ArrayIn a) {
            Type t1 = t;
            t = Type.UNKNOWN;
            arrayIndex(a.operand);
            if (t1 == Type.UNKNOWN && a.type != Type.UNKNOWN) {
                return;
            } else if (t1 == Type.STRING || t1 == Type.STATS) {
                mismatch(a.tok, t1, Type.LONG, doubt(a));
            } else if (a.type == Type.UNKNOWN) {
                a.type = Type.LONG;
                resolved(a.tok, a.type);
            }
        } else if (e instanceof Tree.RegexQuery r) {
            if (t == Type.STATS || t == Type.STRING) {
                invalid(r.tok, t, doubt(r));
            }
            t = Type.STRING;
            expr(r.left);
            t = Type.STRING;
            expr(r.right);
            if (r.type == Type.UNKNOWN) {
                r.type = Type.LONG;
                resolved(r.tok, r.type);
            }
        } else if (e instanceof Tree.ArrayIndex i) {
            arrayIndex(i);
        } else if (e instanceof Tree.FunctionCall c) {
            call(c);
        } else if (e instanceof Tree.PrintFormatExpr p) {
            printFormat(p);
        } else if (e instanceof Tree.StatOp so) {
            t = Type.STATS;
            expr(so.stat);
            if (so.type == Type.UNKNOWN) {
                so.type = Type.LONG;
                resolved(so.tok, so.type);
            } else if (so.type != Type.LONG) {
                mismatch(so.tok, Type.LONG, so.type, doubt(so));
            }
        } else if (e instanceof Tree.HistOp h) {
            t = Type.STATS;
            expr(h.stat);
        } else if (e instanceof Tree.EmbeddedExpr x) {
            if (x.type == Type.UNKNOWN) {
                x.type = x.code.contains("/* string */") ? Type.STRING : Type.LONG;
                resolved(x.tok, x.type);
            }
        } else if (e instanceof Tree.TargetSymbol ts) {
            target(ts);
        } else if (e instanceof Tree.DefinedOp d) {
            Type saved = t;
            t = Type.UNKNOWN;
            expr(d.operand);
            t = saved;
            if (d.type == Type.UNKNOWN) {
                d.type = Type.LONG; // its value (0 or 1) depends on debuginfo; a long either way
                resolved(d.tok, d.type);
            }
        } else if (e instanceof Tree.EntryOp en) {
            if (!initial && !en.kernel) {
                throw new SemError("internal error: @entry is only valid in .return probes", en.tok);
            }
            expr(en.operand);
            if (en.type == Type.UNKNOWN && en.operand.type != Type.UNKNOWN) {
                en.type = en.operand.type;
                resolved(en.tok, en.type);
            }
        } else if (e instanceof Tree.ContextOp c) {
            if (c.op.equals("@probewrite")) {
                if (!initial) {
                    throw new SemError("unexpected @probewrite", c.tok);
                }
                return;
            }
            if (c.operand != null) {
                Type saved = t;
                t = Type.LONG;
                expr(c.operand);
                t = saved;
            }
            if (t == Type.STATS || t == Type.STRING) {
                invalid(c.tok, t, true);
            }
            if (c.type == Type.UNKNOWN) {
                c.type = Type.LONG;
                resolved(c.tok, c.type);
            }
        }
    }

    /** A target value: an error in a probe without context variables, else what only debuginfo knows. */
    private void target(Tree.TargetSymbol ts) {
        Type saved = t;
        if (ts.operand != null) {
            t = Type.UNKNOWN;
            expr(ts.operand);
        }
        for (Expr x : ts.componentIndexes) {
            t = Type.LONG;
            expr(x);
        }
        t = saved;
        if (ts.kernel || initial) {
            return;
        }
        if (!assertResolvability) {
            numStillUnresolved++;
            return;
        }
        s.printError(new SemError("unresolved target-symbol expression", ts.tok));
    }

    private void symbol(Tree.Symbol e) {
        if (e.referent == null) {
            throw new SemError("internal error: unresolved symbol '" + e.name + "'", e.tok);
        }
        resolve2(e, e.referent, t, false);
    }

    /**
     * resolve_2types: an expression and the declaration it refers to, with the type the context wants. In stap 4.8
     * each visit moves a type one step (context to expression, declaration to expression, or expression to
     * declaration); the next round takes the next step, which decides which conflicts are seen first.
     */
    private void resolve2(Expr referrer, Decl referent, Type tt, boolean acceptUnknown) {
        Type re = referrer.type;
        Type te = referent.type;
        boolean quiet = doubt(referrer) || referent.uncertain || referent instanceof VarDecl v && v.opaque;
        if (tt != Type.UNKNOWN && re == tt && re == te) {
            return;
        } else if (tt == Type.UNKNOWN && re != Type.UNKNOWN && re == te) {
            return;
        } else if (re != Type.UNKNOWN && te != Type.UNKNOWN && re != te) {
            mismatch(referrer.tok, re, referent, -1, quiet);
        } else if (re != Type.UNKNOWN && tt != Type.UNKNOWN && re != tt) {
            mismatch(referrer.tok, tt, referent, -1, quiet);
        } else if (te != Type.UNKNOWN && tt != Type.UNKNOWN && te != tt) {
            mismatch(referrer.tok, tt, referent, -1, quiet);
        } else if (re == Type.UNKNOWN && tt != Type.UNKNOWN) {
            referrer.type = tt;
            resolved(referrer.tok, tt);
        } else if (re == Type.UNKNOWN && te != Type.UNKNOWN) {
            referrer.type = te;
            resolved(referrer.tok, te);
        } else if (re != Type.UNKNOWN && te == Type.UNKNOWN) {
            referent.type = re;
            resolved(referrer.tok, re, referent, -1);
            if (doubt(referrer)) {
                referent.doubt();
            }
        } else if (!acceptUnknown) {
            unresolved(referrer.tok, quiet);
        }
    }

    private void assignment(Tree.Assignment e) {
        if (t == Type.STATS) {
            invalid(e.tok, t, doubt(e));
        }
        String op = e.op;
        if (op.equals("<<<")) {
            if (t == Type.STRING) {
                invalid(e.tok, t, doubt(e));
            }
            t = Type.STATS;
            expr(e.left);
            t = Type.LONG;
            expr(e.right);
            if (e.type == Type.UNKNOWN || e.type == Type.STATS) {
                e.type = Type.LONG;
                resolved(e.tok, e.type);
            }
        } else if (e.left.type == Type.STATS) {
            invalid(e.left.tok, e.left.type, doubt(e.left));
        } else if (e.right.type == Type.STATS) {
            invalid(e.right.tok, e.right.type, doubt(e.right));
        } else if (op.equals("+=") || op.equals("-=") || op.equals("*=") || op.equals("/=") || op.equals("%=")
                || op.equals("&=") || op.equals("^=") || op.equals("|=") || op.equals("<<=") || op.equals(">>=")) {
            binary(e, e.left, e.right);
        } else if (op.equals(".=")) {
            if (t == Type.LONG || t == Type.STATS) {
                invalid(e.tok, t, doubt(e));
            }
            t = Type.STRING;
            expr(e.left);
            t = Type.STRING;
            expr(e.right);
            if (e.type == Type.UNKNOWN) {
                e.type = Type.STRING;
                resolved(e.tok, e.type);
            }
        } else if (op.equals("=")) {
            if (doubt(e.right)) {
                markUncertain(e.left);
            }
            Type subType = t;
            if (subType == Type.UNKNOWN && e.type != Type.UNKNOWN) {
                subType = e.type;
            }
            t = subType != Type.UNKNOWN ? subType : e.right.type;
            expr(e.left);
            t = subType != Type.UNKNOWN ? subType : e.left.type;
            expr(e.right);
            if (subType != Type.UNKNOWN && e.type == Type.UNKNOWN) {
                e.type = subType;
                resolved(e.tok, e.type);
            }
            if (subType == Type.UNKNOWN && e.left.type != Type.UNKNOWN) {
                e.type = e.left.type;
                resolved(e.tok, e.type);
            }
            if (e.left.type != Type.UNKNOWN && e.right.type != Type.UNKNOWN && e.left.type != e.right.type) {
                mismatchBinary(e, e.left, e.right);
            }
        } else {
            throw new SemError("internal error: unsupported assignment operator " + op, e.tok);
        }
    }

    /** A variable assigned a value only debuginfo knows: nothing is said about its type. */
    private static void markUncertain(Expr left) {
        if (left instanceof Tree.Symbol sym && sym.referent != null) {
            sym.referent.doubt();
        } else if (left instanceof Tree.ArrayIndex i && i.base instanceof Tree.Symbol sym && sym.referent != null) {
            sym.referent.doubt();
        }
    }

    private void binary(Expr e, Expr left, Expr right) {
        if (t == Type.STATS || t == Type.STRING) {
            invalid(e.tok, t, doubt(e));
        }
        t = Type.LONG;
        expr(left);
        t = Type.LONG;
        expr(right);
        if (left.type != Type.UNKNOWN && right.type != Type.UNKNOWN && left.type != right.type) {
            mismatchBinary(e, left, right);
        }
        if (e.type == Type.UNKNOWN) {
            e.type = Type.LONG;
            resolved(e.tok, e.type);
        }
    }

    private void comparison(Tree.Comparison e) {
        if (t == Type.STATS || t == Type.STRING) {
            invalid(e.tok, t, doubt(e));
        }
        t = e.right.type != Type.UNKNOWN ? e.right.type : Type.UNKNOWN;
        expr(e.left);
        t = e.left.type != Type.UNKNOWN ? e.left.type : Type.UNKNOWN;
        expr(e.right);
        if (e.left.type != Type.UNKNOWN && e.right.type != Type.UNKNOWN && e.left.type != e.right.type) {
            mismatchBinary(e, e.left, e.right);
        }
        if (e.type == Type.UNKNOWN) {
            e.type = Type.LONG;
            resolved(e.tok, e.type);
        }
    }

    private void unary(Expr e, Expr operand) {
        if (t == Type.STATS || t == Type.STRING) {
            invalid(e.tok, t, doubt(e));
        }
        t = Type.LONG;
        expr(operand);
        if (e.type == Type.UNKNOWN) {
            e.type = Type.LONG;
            resolved(e.tok, e.type);
        }
    }

    private void ternary(Tree.Ternary e) {
        Type subType = t;
        t = Type.LONG;
        expr(e.cond);
        if (subType == Type.UNKNOWN && e.type != Type.UNKNOWN) {
            subType = e.type;
        }
        t = subType;
        expr(e.truevalue);
        t = subType;
        expr(e.falsevalue);
        if (subType == Type.UNKNOWN && e.type != Type.UNKNOWN) {
            return;
        } else if (subType != Type.UNKNOWN && e.type == Type.UNKNOWN) {
            e.type = subType;
            resolved(e.tok, e.type);
        } else if (subType == Type.UNKNOWN && e.truevalue.type != Type.UNKNOWN) {
            e.type = e.truevalue.type;
            resolved(e.tok, e.type);
        } else if (subType == Type.UNKNOWN && e.falsevalue.type != Type.UNKNOWN) {
            e.type = e.falsevalue.type;
            resolved(e.tok, e.type);
        } else if (e.type != subType) {
            mismatch(e.tok, subType, e.type, doubt(e));
        }
    }

    private void arrayIndex(Tree.ArrayIndex e) {
        if (e.base instanceof Tree.HistOp hist) {
            if (e.indexes.size() != 1) {
                unresolved(e.tok, false);
            }
            t = Type.LONG;
            expr(e.indexes.get(0));
            if (e.indexes.get(0).type != Type.LONG) {
                unresolved(e.tok, doubt(e.indexes.get(0)));
            }
            expr(hist);
            if (e.type != Type.LONG) {
                e.type = Type.LONG;
                resolved(e.tok, e.type);
            }
            return;
        }
        Tree.Symbol array = (Tree.Symbol) e.base;
        VarDecl ref = array.referent;
        resolve2(e, ref, t, false);
        if (e.indexes.size() != ref.indexTypes.size()) {
            unresolved(e.tok, ref.opaque);
            return;
        }
        for (int i = 0; i < e.indexes.size(); i++) {
            if (e.indexes.get(i) != null) {
                index(e.indexes.get(i), ref, i);
            }
        }
    }

    private void call(Tree.FunctionCall e) {
        if (e.referents.isEmpty()) {
            throw new SemError("internal error: unresolved function call to '" + e.name + "'", e.tok);
        }
        Type original = t;
        for (FuncDecl referent : e.referents) {
            t = original;
            resolve2(e, referent, t, true);
            if (e.type == Type.STATS) {
                invalid(e.tok, e.type, doubt(e));
            }
            if (e.args.size() != referent.formalArgs.size()) {
                unresolved(e.tok, false);
                continue;
            }
            for (int i = 0; i < e.args.size(); i++) {
                Expr ee = e.args.get(i);
                VarDecl formal = referent.formalArgs.get(i);
                t = formal.type;
                expr(ee);
                Type ft = formal.type;
                Type at = ee.type;
                if (doubt(ee)) {
                    formal.doubt();
                }
                if ((at == Type.STRING || at == Type.LONG) && ft == Type.UNKNOWN) {
                    formal.type = at;
                    ft = at;
                    resolved(ee.tok, ft, formal, i);
                }
                if (at == Type.STATS) {
                    invalid(ee.tok, at, doubt(ee));
                }
                if (ft == Type.STATS) {
                    invalid(formal.tok, ft, doubt(ee));
                }
                if (at != Type.UNKNOWN && ft != Type.UNKNOWN && ft != at) {
                    mismatch(ee.tok, ee.type, formal, i, doubt(ee) || formal.uncertain);
                }
                if (at == Type.UNKNOWN) {
                    unresolved(ee);
                }
            }
        }
    }

    private void printFormat(Tree.PrintFormatExpr e) {
        int unresolvedArgs = 0;
        if (e.hist != null) {
            expr(e.hist);
        } else if (e.withFormat) {
            if (e.conversions == null) {
                // a format tapls cannot see (from a script argument): each argument resolves on its own
                for (Expr a : e.args) {
                    t = Type.UNKNOWN;
                    expr(a);
                }
            } else {
                List<String> wanted = new ArrayList<>();
                for (PrintFormat.Conversion c : e.conversions) {
                    wanted.addAll(c.argTypes());
                }
                if (wanted.size() != e.args.size()) {
                    throw new SemError("Wrong number of args to formatted print operator", e.tok);
                }
                for (int i = 0; i < wanted.size(); i++) {
                    checkArgType(wanted.get(i).equals("string") ? Type.STRING : Type.LONG, e.args.get(i));
                }
            }
        } else {
            for (Expr a : e.args) {
                t = Type.UNKNOWN;
                expr(a);
                if (a.type == Type.UNKNOWN) {
                    unresolved(a);
                    if (!doubt(a)) {
                        unresolvedArgs++;
                    }
                }
            }
        }
        if (unresolvedArgs == 0) {
            if (e.type == Type.UNKNOWN) {
                e.type = e.toStream ? Type.LONG : Type.STRING;
                resolved(e.tok, e.type);
            }
        } else {
            e.type = Type.UNKNOWN;
            unresolved(e);
        }
    }

    private void checkArgType(Type wanted, Expr arg) {
        t = wanted;
        expr(arg);
        if (arg.type == Type.UNKNOWN) {
            arg.type = wanted;
            resolved(arg.tok, arg.type);
        } else if (arg.type != wanted) {
            mismatch(arg.tok, wanted, arg.type, doubt(arg));
        }
    }

    private void checkLocal(VarDecl v) {
        if (v.arity != 0) {
            numStillUnresolved++;
            if (assertResolvability) {
                print(new SemError("array locals not supported, missing global declaration?", v.tok), v.uncertain);
            }
        }
        if (v.type == Type.UNKNOWN) {
            unresolved(v.tok, v.uncertain);
        } else if (v.type == Type.STATS) {
            numStillUnresolved++;
            if (assertResolvability) {
                print(new SemError("stat locals not supported, missing global declaration?", v.tok), v.uncertain);
            }
        }
    }
}
