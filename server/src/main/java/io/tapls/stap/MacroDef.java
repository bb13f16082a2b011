package io.tapls.stap;

import java.util.List;

/** An {@code @define NAME(params) %( body %)} macro. */
public record MacroDef(String name, List<String> params, List<Token> body, Token nameToken, Guard guard) {
}
