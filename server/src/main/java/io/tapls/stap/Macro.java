package io.tapls.stap;

import java.util.List;

/** An {@code @define} in a file, with its doc comment ({@code smacro}). */
public record Macro(String name, List<String> params, Guard guard, DocComment doc, Token tok, List<Token> body) {
}
