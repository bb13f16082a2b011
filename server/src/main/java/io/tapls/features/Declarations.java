package io.tapls.features;

import io.tapls.stap.Token;
import io.tapls.text.SourceText;
import io.tapls.text.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a tapset file declares a name, found in its text: the index (read back from its disk cache) keeps
 * what declarations mean, not where they are, and looking is rare enough (go to definition) to lex the one
 * file then.
 */
final class Declarations {
    enum Kind { ALIAS, FUNCTION, GLOBAL, MACRO }

    private Declarations() {
    }

    static List<Location> find(String path, Kind kind, String name) {
        String text;
        try {
            text = new String(Files.readAllBytes(Path.of(path)), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        List<Token> tokens = Occurrences.tokens(text);
        SourceText source = new SourceText(text);
        List<Location> out = new ArrayList<>();
        switch (kind) {
            case ALIAS -> {
                for (ScriptContext.Block b : ScriptContext.blocks(tokens, text.length())) {
                    if (!b.alias()) {
                        continue;
                    }
                    // The names come before '=' or '+=': 'probe a, b = ...'.
                    for (ScriptContext.PointAt p : ScriptContext.pointSpans(ScriptContext.headerTokens(tokens, b))) {
                        if (p.span().end() > b.nameSpan().end()) {
                            break;
                        }
                        if (p.name().equals(name)) {
                            out.add(Location.of(path, source, p.span()));
                        }
                    }
                }
            }
            case FUNCTION, GLOBAL, MACRO -> {
                String keyword = kind == Kind.FUNCTION ? "function" : kind == Kind.GLOBAL ? "global" : "@define";
                for (int i = 0; i + 1 < tokens.size(); i++) {
                    Token k = tokens.get(i);
                    Token n = tokens.get(i + 1);
                    boolean declares = kind == Kind.MACRO ? k.isOp("@define") : k.isKeyword(keyword);
                    if (declares && n.text.equals(name)) {
                        out.add(Location.of(path, source, new Span(n.start, n.end)));
                    }
                }
            }
            default -> {
            }
        }
        return out;
    }
}
