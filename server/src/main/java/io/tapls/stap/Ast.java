package io.tapls.stap;

import java.util.List;

/** The syntax tree of statements and expressions, printed the way {@code stap -p1} prints it. */
public final class Ast {
    private Ast() {
    }

    // ---------------------------------------------------------------- expressions

    public interface Expr {
        Token tok();

        void print(StringBuilder b);

        default String toStap() {
            StringBuilder b = new StringBuilder();
            print(b);
            return b.toString();
        }
    }

    public record NumLit(Token tok, long value) implements Expr {
        public void print(StringBuilder b) {
            b.append(value);
        }
    }

    public record StrLit(Token tok, String value) implements Expr {
        public void print(StringBuilder b) {
            // a literal keeps its C escapes as written (stap prints "\n" as \n); only '"' is escaped
            literal(b, value);
        }
    }

    /** A command-line argument ($1, @1, $#, @#): its value is only known when the script runs. */
    public record ArgRef(Token tok, boolean string) implements Expr {
        public void print(StringBuilder b) {
            // $# / @# count the script's arguments: none when tapls reads it
            if (tok.text.endsWith("#")) {
                b.append(string ? "\"0\"" : "0");
            } else {
                b.append(tok.text);
            }
        }
    }

    public record Sym(Token tok, String name) implements Expr {
        public void print(StringBuilder b) {
            b.append(name);
        }
    }

    public enum BinKind { ASSIGN, LOGICAL, BITWISE, COMPARISON, SHIFT, CONCAT, ARITH }

    public record Binary(Token tok, BinKind kind, String op, Expr left, Expr right) implements Expr {
        public void print(StringBuilder b) {
            b.append('(');
            left.print(b);
            b.append(") ").append(op).append(" (");
            right.print(b);
            b.append(')');
        }
    }

    public record Unary(Token tok, String op, Expr operand) implements Expr {
        public void print(StringBuilder b) {
            b.append(op).append('(');
            operand.print(b);
            b.append(')');
        }
    }

    public record Crement(Token tok, String op, boolean prefix, Expr operand) implements Expr {
        public void print(StringBuilder b) {
            if (prefix) {
                b.append(op).append('(');
                operand.print(b);
                b.append(')');
            } else {
                b.append('(');
                operand.print(b);
                b.append(')').append(op);
            }
        }
    }

    public record Ternary(Token tok, Expr cond, Expr whenTrue, Expr whenFalse) implements Expr {
        public void print(StringBuilder b) {
            b.append('(');
            cond.print(b);
            b.append(")?(");
            whenTrue.print(b);
            b.append("):(");
            whenFalse.print(b);
            b.append(')');
        }
    }

    /** {@code [k1, *] in base}; a null index is '*'. */
    public record ArrayIn(Token tok, List<Expr> indexes, Expr base) implements Expr {
        public void print(StringBuilder b) {
            b.append('[');
            printList(b, indexes);
            b.append("] in ");
            base.print(b);
        }
    }

    /** {@code left =~ "pattern"}; {@code patternTok} is the pattern's (first) string literal. */
    public record Regex(Token tok, Expr left, String op, String pattern, Token patternTok) implements Expr {
        public void print(StringBuilder b) {
            b.append('(');
            left.print(b);
            b.append(") ").append(op).append(' ');
            literal(b, pattern);
        }
    }

    /** {@code base[i, *]}; a null index is '*'. */
    public record Index(Token tok, Expr base, List<Expr> indexes) implements Expr {
        public void print(StringBuilder b) {
            base.print(b);
            b.append('[');
            printList(b, indexes);
            b.append(']');
        }
    }

    public record Call(Token tok, String name, List<Expr> args) implements Expr {
        public void print(StringBuilder b) {
            b.append(name).append('(');
            printList(b, args);
            b.append(')');
        }
    }

    /** print, printf, sprintf, printd, ...: format (or delimiter) is the literal first argument. */
    public record PrintFormat(Token tok, String name, String format, Token formatTok, String delimiter,
            List<Expr> args, HistOp hist) implements Expr {
        public void print(StringBuilder b) {
            b.append(name).append('(');
            boolean first = true;
            if (format != null) {
                quote(b, format);
                first = false;
            } else if (delimiter != null) {
                quote(b, delimiter);
                first = false;
            }
            if (hist != null) {
                if (!first) {
                    b.append(", ");
                }
                hist.print(b);
                first = false;
            }
            for (Expr e : args) {
                if (!first) {
                    b.append(", ");
                }
                e.print(b);
                first = false;
            }
            b.append(')');
        }
    }

    public record StatOp(Token tok, String op, Expr stat, Long param) implements Expr {
        public void print(StringBuilder b) {
            b.append(op).append('(');
            stat.print(b);
            if (param != null) {
                b.append(", ").append(param);
            }
            b.append(')');
        }
    }

    public record HistOp(Token tok, String op, Expr stat, List<Long> params) implements Expr {
        public void print(StringBuilder b) {
            b.append(op).append('(');
            stat.print(b);
            for (Long p : params) {
                b.append(", ").append(p);
            }
            b.append(')');
        }
    }

    /**
     * A target value: {@code $var}, {@code @cast(e, "type"[, "module"])}, {@code @var("name"[, "module"])}
     * or an autocast of any value followed by {@code ->}/{@code [}. {@code head} prints the base.
     */
    public record Target(Token tok, String kind, String name, Expr operand, List<String> strings,
            List<Component> components, boolean addressOf) implements Expr {
        public void print(StringBuilder b) {
            if (addressOf) {
                b.append('&');
            }
            switch (kind) {
                case "@cast" -> {
                    b.append("@cast(");
                    operand.print(b);
                    for (String s : strings) {
                        b.append(", ");
                        quote(b, s);
                    }
                    b.append(')');
                }
                case "@var" -> {
                    b.append("@var(");
                    for (int i = 0; i < strings.size(); i++) {
                        if (i > 0) {
                            b.append(", ");
                        }
                        quote(b, strings.get(i));
                    }
                    b.append(')');
                }
                case "autocast" -> {
                    b.append('(');
                    operand.print(b);
                    b.append(')');
                }
                default -> b.append(name);
            }
            for (Component c : components) {
                c.print(b);
            }
        }
    }

    /** One {@code ->member}, {@code [index]} or pretty-print {@code $}/{@code $$} of a target value. */
    public record Component(Token tok, String member, Expr index, String pretty) {
        void print(StringBuilder b) {
            if (member != null) {
                b.append("->").append(member);
            } else if (index != null) {
                b.append('[');
                index.print(b);
                b.append(']');
            } else {
                b.append("->").append(pretty.equals("$") ? "$" : "$$");
            }
        }
    }

    /** {@code @defined(e)}, {@code @entry(e)}, {@code @probewrite(x)}, {@code @const("C")}, {@code @perf("p")}... */
    public record AtOp(Token tok, String op, List<Expr> args) implements Expr {
        public void print(StringBuilder b) {
            if (op.equals("@const") && args.get(0) instanceof StrLit s) {
                // stap turns @const("X") into embedded C
                b.append("%{ /* pure */ /* unprivileged */ /* stable */ ").append(s.value()).append(" %}");
                return;
            }
            b.append(op).append('(');
            printList(b, args);
            b.append(')');
        }
    }

    public record EmbeddedExpr(Token tok, String code) implements Expr {
        public void print(StringBuilder b) {
            b.append("%{ ").append(code).append(" %}");
        }
    }

    // ---------------------------------------------------------------- statements

    public interface Stmt {
        Token tok();
    }

    public record Block(Token tok, List<Stmt> stmts, Token close) implements Stmt {
    }

    public record ExprStmt(Token tok, Expr expr) implements Stmt {
    }

    public record If(Token tok, Expr cond, Stmt then, Stmt otherwise) implements Stmt {
    }

    public record For(Token tok, Stmt init, Expr cond, Stmt incr, Stmt body) implements Stmt {
    }

    /**
     * {@code foreach}: {@code sortColumn} 0 sorts on the value (by {@code aggregate}, e.g. "@sum", when given),
     * N on key N (1-based), -1 none; {@code sort} is "+" or "-".
     */
    public record Foreach(Token tok, Sym value, List<Sym> keys, Expr base, List<Expr> slice, String aggregate,
            int sortColumn, String sort, Expr limit, Stmt body) implements Stmt {
    }

    public record While(Token tok, Expr cond, Stmt body) implements Stmt {
    }

    public record Return(Token tok, Expr value) implements Stmt {
    }

    public record Delete(Token tok, Expr target) implements Stmt {
    }

    /** break, continue, next. */
    public record Jump(Token tok) implements Stmt {
    }

    public record Try(Token tok, Block body, Token catchVar, Block handler) implements Stmt {
    }

    public record Null(Token tok) implements Stmt {
    }

    // ---------------------------------------------------------------- helpers

    static void printList(StringBuilder b, List<Expr> list) {
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            Expr e = list.get(i);
            if (e == null) {
                b.append('*');
            } else {
                e.print(b);
            }
        }
    }

    /** A string literal as stap prints it: its C escapes as written, only '"' escaped. */
    static void literal(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                b.append('\\');
            }
            b.append(c);
        }
        b.append('"');
    }

    /** A print format as stap prints it: backslashes doubled, '"' escaped. */
    static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        b.append('"');
    }
}
