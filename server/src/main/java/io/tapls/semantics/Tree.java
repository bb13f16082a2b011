package io.tapls.semantics;

import io.tapls.stap.PrintFormat;
import io.tapls.stap.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * The tree stap's pass 2 works on (staptree.h): expressions that carry an inferred type, symbols linked to their
 * declarations, calls linked to the functions they resolve to. Unlike {@link io.tapls.stap.Ast}, which is what
 * the parser read and is immutable, this tree is made afresh for each elaboration and rewritten by it in place,
 * as stap rewrites its own: alias bodies are copied into each probe they expand, the optimisation passes remove
 * code, the type inference writes types.
 */
final class Tree {
    private Tree() {
    }

    /** stap's exp_type, printed as stap prints it (lex_cast of an exp_type). */
    enum Type {
        UNKNOWN("unknown"), LONG("long"), STRING("string"), STATS("stats");

        private final String text;

        Type(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }

        static Type of(String declared) {
            if (declared == null) {
                return UNKNOWN;
            }
            return switch (declared) {
                case "long" -> LONG;
                case "string" -> STRING;
                default -> UNKNOWN;
            };
        }
    }

    // ---------------------------------------------------------------- declarations

    /** stap's symboldecl: what a type can be inferred for (variables and functions). */
    abstract static class Decl {
        String name;
        Token tok;
        Type type = Type.UNKNOWN;
        /** Set where a type comes from code whose meaning needs a kernel (see {@link Expr#kernel}). */
        boolean uncertain;
        /** Its type is written in the code (a function's or parameter's :long, a global's initial value). */
        boolean declared;

        /** Marks the type as coming from what needs a kernel, unless the code declares it. */
        void doubt() {
            if (!declared) {
                uncertain = true;
            }
        }
    }

    /** stap's vardecl: a global, a local, a function's parameter. */
    static final class VarDecl extends Decl {
        /** -1 until known; 0 for a scalar; N for an array of N indexes. */
        int arity = -1;
        Token arityTok;
        final List<Type> indexTypes = new ArrayList<>();
        Expr init;
        boolean wrap;
        Long maxsize;
        boolean global;
        boolean isPrivate;
        /** The file that declares it (for private visibility), null for locals. */
        String file;
        boolean synthetic;
        /** A library global tapls cannot see the declaration of: nothing is reported about it. */
        boolean opaque;
        /** stap's unmangled name is the name; its mangled name for messages that print it. */
        String mangled() {
            if (!global) {
                return name;
            }
            return isPrivate ? "__private_" + detox(file) + name : "__global_" + name;
        }

        /** vardecl::set_arity (staptree.cxx). */
        void setArity(int a, Token t) {
            if (a < 0) {
                return;
            }
            if (a == 0 && maxsize != null && maxsize > 0) {
                throw new SemError("inconsistent arity", tok);
            }
            if (arity != a && arity >= 0) {
                SemError err = new SemError("inconsistent arity (" + arity + " vs " + a + ")", t != null ? t : tok);
                if (arityTok != null) {
                    err.chain = new SemError("arity " + arity + " first inferred here", arityTok);
                }
                throw err;
            }
            if (arity != a) {
                arityTok = t;
                arity = a;
                indexTypes.clear();
                for (int i = 0; i < a; i++) {
                    indexTypes.add(Type.UNKNOWN);
                }
            }
        }
    }

    /** stap's functiondecl. */
    static final class FuncDecl extends Decl {
        final List<VarDecl> formalArgs = new ArrayList<>();
        final List<VarDecl> locals = new ArrayList<>();
        Stmt body;
        String file;
        boolean isPrivate;
        long priority = 1;
        /** The order stap would give it among the overloads of its name (its parse order). */
        int overload;
        boolean hasNext;
        /** Written in the checked file. */
        boolean user;
        /** Declared (not inferred) return type. */
        boolean declaredType;
    }

    /** A probe after derivation (derived_probe): its location, body and locals. */
    static final class DerivedProbe {
        /** The point as written where the user's probe named it (for "while processing probe ..."). */
        String display;
        Token tok;
        Stmt body;
        Expr condition;
        final List<VarDecl> locals = new ArrayList<>();
        /** The family needs a kernel or a binary: its context variables are unknown to tapls. */
        boolean kernel;
        /** A .return probe (where @entry is allowed). */
        boolean returnProbe;
        /** Its point's family offers context variables ($value of procfs, kernel probes). */
        boolean hasContext;
        /** The probe of the checked file it derives from. */
        boolean user;
        boolean synthetic;
        boolean emptied;
    }

    // ---------------------------------------------------------------- expressions

    abstract static class Node {
        Token tok;
    }

    abstract static class Expr extends Node {
        Type type = Type.UNKNOWN;
        /** Its value depends on the kernel or binary probed (a target variable, @defined of one...). */
        boolean kernel;
    }

    static final class LiteralNumber extends Expr {
        final long value;

        LiteralNumber(Token tok, long value) {
            this.tok = tok;
            this.value = value;
            this.type = Type.LONG;
        }
    }

    static final class LiteralString extends Expr {
        final String value;

        LiteralString(Token tok, String value) {
            this.tok = tok;
            this.value = value;
            this.type = Type.STRING;
        }
    }

    static final class Symbol extends Expr {
        String name;
        VarDecl referent;

        Symbol(Token tok, String name) {
            this.tok = tok;
            this.name = name;
        }
    }

    /** {@code base[i, ...]}: the base is a {@link Symbol} or a {@link HistOp}; a null index is '*'. */
    static final class ArrayIndex extends Expr {
        Expr base;
        final List<Expr> indexes;

        ArrayIndex(Token tok, Expr base, List<Expr> indexes) {
            this.tok = tok;
            this.base = base;
            this.indexes = indexes;
        }
    }

    static final class FunctionCall extends Expr {
        final String name;
        final List<Expr> args;
        final List<FuncDecl> referents = new ArrayList<>();

        FunctionCall(Token tok, String name, List<Expr> args) {
            this.tok = tok;
            this.name = name;
            this.args = args;
        }
    }

    /** print, printf, sprint, ...: {@code components} are the format's conversions (null without a format). */
    static final class PrintFormatExpr extends Expr {
        final String name;
        final boolean toStream;
        final boolean withFormat;
        /** The format's conversions; null when there is no format or it comes from a script argument. */
        final List<PrintFormat.Conversion> conversions;
        final List<Expr> args;
        HistOp hist;

        PrintFormatExpr(Token tok, String name, boolean withFormat, List<PrintFormat.Conversion> conversions,
                List<Expr> args, HistOp hist) {
            this.tok = tok;
            this.name = name;
            this.toStream = !name.startsWith("s");
            this.withFormat = withFormat;
            this.conversions = conversions;
            this.args = args;
            this.hist = hist;
        }
    }

    /** Arithmetic, bitwise, shift (binary_expression) and && / || (logical_or/and_expr). */
    static final class BinaryExpr extends Expr {
        final String op;
        final boolean logical;
        Expr left;
        Expr right;

        BinaryExpr(Token tok, String op, boolean logical, Expr left, Expr right) {
            this.tok = tok;
            this.op = op;
            this.logical = logical;
            this.left = left;
            this.right = right;
        }
    }

    static final class Comparison extends Expr {
        final String op;
        Expr left;
        Expr right;

        Comparison(Token tok, String op, Expr left, Expr right) {
            this.tok = tok;
            this.op = op;
            this.left = left;
            this.right = right;
        }
    }

    static final class Concatenation extends Expr {
        Expr left;
        Expr right;

        Concatenation(Token tok, Expr left, Expr right) {
            this.tok = tok;
            this.left = left;
            this.right = right;
        }
    }

    static final class UnaryExpr extends Expr {
        final String op;
        Expr operand;

        UnaryExpr(Token tok, String op, Expr operand) {
            this.tok = tok;
            this.op = op;
            this.operand = operand;
        }
    }

    /** ++/-- before or after. */
    static final class Crement extends Expr {
        final String op;
        final boolean pre;
        Expr operand;

        Crement(Token tok, String op, boolean pre, Expr operand) {
            this.tok = tok;
            this.op = op;
            this.pre = pre;
            this.operand = operand;
        }
    }

    static final class Ternary extends Expr {
        Expr cond;
        Expr truevalue;
        Expr falsevalue;

        Ternary(Token tok, Expr cond, Expr t, Expr f) {
            this.tok = tok;
            this.cond = cond;
            this.truevalue = t;
            this.falsevalue = f;
        }
    }

    static final class Assignment extends Expr {
        final String op;
        Expr left;
        Expr right;

        Assignment(Token tok, String op, Expr left, Expr right) {
            this.tok = tok;
            this.op = op;
            this.left = left;
            this.right = right;
        }
    }

    static final class ArrayIn extends Expr {
        ArrayIndex operand;

        ArrayIn(Token tok, ArrayIndex operand) {
            this.tok = tok;
            this.operand = operand;
        }
    }

    static final class RegexQuery extends Expr {
        Expr left;
        final String op;
        final LiteralString right;

        RegexQuery(Token tok, Expr left, String op, LiteralString right) {
            this.tok = tok;
            this.left = left;
            this.op = op;
            this.right = right;
        }
    }

    /** @count, @sum, @min, @max, @avg, @variance. */
    static final class StatOp extends Expr {
        final String ctype;
        Expr stat;
        final Long param;

        StatOp(Token tok, String ctype, Expr stat, Long param) {
            this.tok = tok;
            this.ctype = ctype;
            this.stat = stat;
            this.param = param;
        }
    }

    /** @hist_linear, @hist_log. */
    static final class HistOp extends Expr {
        final String htype;
        Expr stat;
        final List<Long> params;

        HistOp(Token tok, String htype, Expr stat, List<Long> params) {
            this.tok = tok;
            this.htype = htype;
            this.stat = stat;
            this.params = params;
        }
    }

    /**
     * $var, @cast, @var and autocast ({@code x->member}): target_symbol, cast_op, atvar_op, autocast_op. Whether one
     * resolves, and to what, only the kernel's or binary's debuginfo says.
     */
    static final class TargetSymbol extends Expr {
        final String kind;
        final String name;
        Expr operand;
        final List<Expr> componentIndexes;
        /** A pretty-print ($, $$) or $$vars-like value: a string. */
        final boolean pretty;

        TargetSymbol(Token tok, String kind, String name, Expr operand, List<Expr> componentIndexes, boolean pretty) {
            this.tok = tok;
            this.kind = kind;
            this.name = name;
            this.operand = operand;
            this.componentIndexes = componentIndexes;
            this.pretty = pretty;
        }
    }

    static final class DefinedOp extends Expr {
        Expr operand;

        DefinedOp(Token tok, Expr operand) {
            this.tok = tok;
            this.operand = operand;
        }
    }

    static final class EntryOp extends Expr {
        Expr operand;

        EntryOp(Token tok, Expr operand) {
            this.tok = tok;
            this.operand = operand;
        }
    }

    /** @perf("name"), @kregister(n), @uregister(n), @kderef/@uderef, @probewrite(x): values of the context. */
    static final class ContextOp extends Expr {
        final String op;
        Expr operand;

        ContextOp(Token tok, String op, Expr operand) {
            this.tok = tok;
            this.op = op;
            this.operand = operand;
        }
    }

    static final class EmbeddedExpr extends Expr {
        final String code;
        /** Globals its pragma:read:/pragma:write: comments name. */
        final List<VarDecl> readReferents = new ArrayList<>();
        final List<VarDecl> writeReferents = new ArrayList<>();
        boolean resolved;

        EmbeddedExpr(Token tok, String code) {
            this.tok = tok;
            this.code = code;
        }
    }

    /** $1 / @1 whose value tapls was not given: a number or a string known only when the script runs. */
    static final class ArgValue extends Expr {
        ArgValue(Token tok, Type type) {
            this.tok = tok;
            this.type = type;
        }
    }

    // ---------------------------------------------------------------- statements

    abstract static class Stmt extends Node {
    }

    static final class Block extends Stmt {
        final List<Stmt> statements;

        Block(Token tok, List<Stmt> statements) {
            this.tok = tok;
            this.statements = statements;
        }
    }

    static final class ExprStatement extends Stmt {
        Expr value;

        ExprStatement(Token tok, Expr value) {
            this.tok = tok;
            this.value = value;
        }
    }

    static final class IfStatement extends Stmt {
        Expr condition;
        Stmt thenblock;
        Stmt elseblock;

        IfStatement(Token tok, Expr condition, Stmt thenblock, Stmt elseblock) {
            this.tok = tok;
            this.condition = condition;
            this.thenblock = thenblock;
            this.elseblock = elseblock;
        }
    }

    /** for and while (stap parses while as a for_loop without init and increment). */
    static final class ForLoop extends Stmt {
        Stmt init;
        Expr cond;
        Stmt incr;
        Stmt block;

        ForLoop(Token tok, Stmt init, Expr cond, Stmt incr, Stmt block) {
            this.tok = tok;
            this.init = init;
            this.cond = cond;
            this.incr = incr;
            this.block = block;
        }
    }

    static final class ForeachLoop extends Stmt {
        final List<Symbol> indexes;
        Expr base;
        final List<Expr> slice;
        Symbol value;
        /** 0 unsorted, 1 ascending, -1 descending. */
        final int sortDirection;
        /** 0: the value, N: index N. */
        final int sortColumn;
        /** "@sum"... or null. */
        final String sortAggr;
        Expr limit;
        Stmt block;

        ForeachLoop(Token tok, List<Symbol> indexes, Expr base, List<Expr> slice, Symbol value, int sortDirection,
                int sortColumn, String sortAggr, Expr limit, Stmt block) {
            this.tok = tok;
            this.indexes = indexes;
            this.base = base;
            this.slice = slice;
            this.value = value;
            this.sortDirection = sortDirection;
            this.sortColumn = sortColumn;
            this.sortAggr = sortAggr;
            this.limit = limit;
            this.block = block;
        }
    }

    static final class ReturnStatement extends Stmt {
        Expr value;

        ReturnStatement(Token tok, Expr value) {
            this.tok = tok;
            this.value = value;
        }
    }

    static final class DeleteStatement extends Stmt {
        Expr value;

        DeleteStatement(Token tok, Expr value) {
            this.tok = tok;
            this.value = value;
        }
    }

    /** next, break, continue. */
    static final class JumpStatement extends Stmt {
        final String kind;

        JumpStatement(Token tok, String kind) {
            this.tok = tok;
            this.kind = kind;
        }
    }

    static final class TryBlock extends Stmt {
        Stmt tryBlock;
        Symbol catchVar;
        Stmt catchBlock;

        TryBlock(Token tok, Stmt tryBlock, Symbol catchVar, Stmt catchBlock) {
            this.tok = tok;
            this.tryBlock = tryBlock;
            this.catchVar = catchVar;
            this.catchBlock = catchBlock;
        }
    }

    static final class NullStatement extends Stmt {
        NullStatement(Token tok) {
            this.tok = tok;
        }
    }

    /** A function body of embedded C. */
    static final class EmbeddedCode extends Stmt {
        final String code;
        final List<VarDecl> readReferents = new ArrayList<>();
        final List<VarDecl> writeReferents = new ArrayList<>();
        boolean resolved;

        EmbeddedCode(Token tok, String code) {
            this.tok = tok;
            this.code = code;
        }
    }

    /** stap's detox_path (util.cxx): a file's path made into an identifier, for private names. */
    static String detox(String path) {
        if (path == null) {
            return "";
        }
        String base = path.substring(path.lastIndexOf('/') + 1);
        StringBuilder b = new StringBuilder();
        for (char c : base.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) ? c : '_');
        }
        return b.append("__").toString();
    }
}
