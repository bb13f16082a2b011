package io.tapls.stap;

import java.util.List;

/** One probe point after brace expansion: components, '?'/'!', an optional 'if (cond)'. */
public record ProbePoint(List<Component> components, boolean optional, boolean sufficient, Ast.Expr condition,
        Token start) {
    /** A script argument ($1, @1) used as a component argument: known only when the script runs. */
    public record ArgPlaceholder(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** A component: functor (glued pieces, possibly with '*' or '**'), an optional literal argument. */
    public record Component(String functor, Object arg, Token tok) {
        public boolean hasWildcard() {
            return functor.indexOf('*') >= 0;
        }

        public String text() {
            if (arg == null) {
                return functor;
            }
            if (arg instanceof String s) {
                StringBuilder b = new StringBuilder(functor).append('(');
                Ast.quote(b, s);
                return b.append(')').toString();
            }
            return functor + "(" + arg + ")";
        }
    }

    /** The point as stap prints it: {@code kernel.function("x").return?}. */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < components.size(); i++) {
            if (i > 0) {
                b.append('.');
            }
            b.append(components.get(i).text());
        }
        if (sufficient) {
            b.append('!');
        } else if (optional) {
            b.append('?');
        }
        return b.toString();
    }

    /** The point's name without arguments or suffixes: {@code kernel.function.return}. */
    public String name() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < components.size(); i++) {
            if (i > 0) {
                b.append('.');
            }
            b.append(components.get(i).functor());
        }
        return b.toString();
    }

    public boolean hasWildcard() {
        return components.stream().anyMatch(Component::hasWildcard);
    }

    ProbePoint withSuffix(boolean opt, boolean suff, Ast.Expr cond) {
        return new ProbePoint(components, opt, suff, cond, start);
    }
}
