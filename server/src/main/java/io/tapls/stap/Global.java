package io.tapls.stap;

/** {@code global NAME[%][[size]][= literal]} or {@code private global ...}. */
public record Global(String name, boolean wrap, Long size, Ast.Expr init, boolean isPrivate, Guard guard,
        Token tok) {
}
