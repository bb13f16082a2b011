package io.tapls.stap;

import java.util.List;

/**
 * {@code [private] function NAME[:type](p[:type], ...) [:priority] {body} | %{ C %}}; types are
 * "long", "string" or null when not declared.
 */
public record Function(String name, String returnType, List<Param> params, Long priority, boolean embedded,
        boolean isPrivate, Ast.Block body, Token embeddedCode, Guard guard, DocComment doc, Token nameTok) {
    public record Param(String name, String type, Token tok) {
    }
}
