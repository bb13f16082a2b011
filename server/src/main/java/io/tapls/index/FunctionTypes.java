package io.tapls.index;

import io.tapls.stap.AliasVariables;
import io.tapls.stap.Ast;
import io.tapls.stap.Function;
import java.util.HashMap;
import java.util.Map;

/** Light type inference for functions whose return type is not declared. */
final class FunctionTypes {
    private FunctionTypes() {
    }

    static String inferReturn(Function f) {
        if (f.body() == null) {
            return "unknown";
        }
        Map<String, String> locals = new HashMap<>();
        for (Function.Param p : f.params()) {
            if (p.type() != null) {
                locals.put(p.name(), p.type());
            }
        }
        String[] found = {null};
        walk(f.body(), locals, found);
        return found[0] == null ? "unknown" : found[0];
    }

    private static void walk(Ast.Stmt s, Map<String, String> locals, String[] found) {
        if (s == null || found[0] != null) {
            return;
        }
        if (s instanceof Ast.Block b) {
            b.stmts().forEach(x -> walk(x, locals, found));
        } else if (s instanceof Ast.Return r && r.value() != null) {
            String t = AliasVariables.typeOf(r.value(), locals);
            if (!t.equals("unknown")) {
                found[0] = t;
            }
        } else if (s instanceof Ast.ExprStmt e && e.expr() instanceof Ast.Binary b
                && b.kind() == Ast.BinKind.ASSIGN && b.left() instanceof Ast.Sym sym && b.op().equals("=")) {
            String t = AliasVariables.typeOf(b.right(), locals);
            if (!t.equals("unknown")) {
                locals.putIfAbsent(sym.name(), t);
            }
        } else if (s instanceof Ast.If i) {
            walk(i.then(), locals, found);
            walk(i.otherwise(), locals, found);
        } else if (s instanceof Ast.Try t) {
            walk(t.body(), locals, found);
            walk(t.handler(), locals, found);
        } else if (s instanceof Ast.For f) {
            walk(f.body(), locals, found);
        } else if (s instanceof Ast.While w) {
            walk(w.body(), locals, found);
        } else if (s instanceof Ast.Foreach f) {
            walk(f.body(), locals, found);
        }
    }
}
