package io.tapls.stap;

import io.tapls.stap.Ast.Expr;
import io.tapls.stap.Ast.Stmt;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The locals a probe alias body assigns (what a probe using the alias can read), with a type inferred
 * from the assigned value: "long", "string" or "unknown".
 */
public final class AliasVariables {
    private AliasVariables() {
    }

    /** Functions of the tapset library whose return type is known without an index. */
    private static final Set<String> STRING_FUNCTIONS = Set.of("user_string", "user_string_n", "user_string_quoted",
            "user_string_n_quoted", "kernel_string", "kernel_string_n", "kernel_string_quoted", "sprintf", "sprint",
            "execname", "pp", "ppfunc", "probefunc", "probemod", "substr", "text_str", "text_strn", "string_quoted",
            "user_string_warn", "user_string2", "user_string_n2", "kernel_string2", "kernel_string_utf16",
            "user_string_utf16", "usymname", "symname", "inet_get_ip_source", "sprint_ustack", "sprint_backtrace",
            "ansi_color", "task_execname", "d_name", "d_path", "fullpath_struct_file", "env_var", "cmdline_str",
            "task_ancestry", "_stp_syscall_nr", "uaddr_str");

    /** Return types of functions, when an index knows them ("unknown" otherwise). */
    private static final ThreadLocal<java.util.function.Function<String, String>> FUNCTION_TYPES =
            ThreadLocal.withInitial(() -> n -> "unknown");

    public static Map<String, String> infer(ProbeAlias alias, java.util.function.Function<String, String> fnTypes) {
        FUNCTION_TYPES.set(fnTypes);
        try {
            return infer(alias);
        } finally {
            FUNCTION_TYPES.remove();
        }
    }

    public static Map<String, String> infer(ProbeAlias alias) {
        Map<String, String> vars = new LinkedHashMap<>();
        if (alias.body() != null) {
            walk(alias.body(), vars);
        }
        if (alias.epilogueBody() != null) {
            walk(alias.epilogueBody(), vars);
        }
        return vars;
    }

    private static void walk(Stmt s, Map<String, String> vars) {
        if (s == null) {
            return;
        }
        if (s instanceof Ast.Block b) {
            b.stmts().forEach(x -> walk(x, vars));
        } else if (s instanceof Ast.ExprStmt e) {
            expr(e.expr(), vars);
        } else if (s instanceof Ast.If i) {
            expr(i.cond(), vars);
            walk(i.then(), vars);
            walk(i.otherwise(), vars);
        } else if (s instanceof Ast.Try t) {
            walk(t.body(), vars);
            walk(t.handler(), vars);
        } else if (s instanceof Ast.For f) {
            walk(f.init(), vars);
            walk(f.body(), vars);
        } else if (s instanceof Ast.While w) {
            walk(w.body(), vars);
        } else if (s instanceof Ast.Foreach f) {
            walk(f.body(), vars);
        }
    }

    private static void expr(Expr e, Map<String, String> vars) {
        if (e instanceof Ast.Binary b && b.kind() == Ast.BinKind.ASSIGN) {
            expr(b.right(), vars);
            if (b.left() instanceof Ast.Sym sym && !sym.name().startsWith("$")) {
                String type = b.op().equals(".=") ? "string"
                        : b.op().equals("=") ? typeOf(b.right(), vars) : "long";
                if (b.op().equals("<<<")) {
                    type = "stats";
                }
                String old = vars.get(sym.name());
                if (old == null || old.equals("unknown")) {
                    vars.put(sym.name(), type);
                }
            }
        } else if (e instanceof Ast.Ternary t) {
            expr(t.whenTrue(), vars);
            expr(t.whenFalse(), vars);
        }
    }

    public static String typeOf(Expr e, Map<String, String> vars) {
        if (e instanceof Ast.NumLit || e instanceof Ast.Target || e instanceof Ast.Crement || e instanceof Ast.Unary
                || e instanceof Ast.Regex || e instanceof Ast.ArrayIn || e instanceof Ast.StatOp) {
            return "long";
        }
        if (e instanceof Ast.StrLit) {
            return "string";
        }
        if (e instanceof Ast.ArgRef a) {
            return a.string() ? "string" : "long";
        }
        if (e instanceof Ast.Binary b) {
            return b.kind() == Ast.BinKind.CONCAT ? "string"
                    : b.kind() == Ast.BinKind.ASSIGN ? typeOf(b.right(), vars) : "long";
        }
        if (e instanceof Ast.Ternary t) {
            String a = typeOf(t.whenTrue(), vars);
            return a.equals("unknown") ? typeOf(t.whenFalse(), vars) : a;
        }
        if (e instanceof Ast.Sym s) {
            return vars.getOrDefault(s.name(), "unknown");
        }
        if (e instanceof Ast.Call c) {
            if (STRING_FUNCTIONS.contains(c.name())) {
                return "string";
            }
            String t = FUNCTION_TYPES.get().apply(c.name());
            if (t != null && !t.equals("unknown")) {
                return t;
            }
            return c.name().endsWith("_str") || c.name().contains("string") ? "string" : "unknown";
        }
        if (e instanceof Ast.PrintFormat p) {
            return p.name().startsWith("s") ? "string" : "unknown";
        }
        if (e instanceof Ast.AtOp a) {
            return a.op().equals("@entry") || a.op().equals("@defined") ? typeOf(a.args().get(0), vars) : "long";
        }
        return "unknown";
    }
}
