package io.tapls.features;

import io.tapls.index.TapsetIndex;
import io.tapls.stap.Function;
import io.tapls.stap.Token;
import io.tapls.workspace.Document;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Signature help in a SystemTap script: inside a call's parentheses, the function's parameters and docs. */
public final class SignatureHelp {
    /** A signature: its label, each parameter's label, its documentation, and the active parameter. */
    public record Signature(String label, List<String> parameters, String documentation, int activeParameter) {
    }

    private SignatureHelp() {
    }

    public static Optional<Signature> signature(Workspace workspace, Document document, int offset) {
        if (document.kind() != FileKind.STAP) {
            return Optional.empty();
        }
        String text = document.text().text();
        int at = Math.max(0, Math.min(offset, text.length()));
        List<Token> tokens = document.tokens().tokens();
        // The innermost '(' still open at the offset, right after a function's name, and the commas since.
        int depth = 0;
        int commas = 0;
        for (int i = lastBefore(tokens, at); i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.isOp(")") || t.isOp("]")) {
                depth++;
            } else if (t.isOp("(") || t.isOp("[")) {
                if (depth > 0) {
                    depth--;
                    continue;
                }
                if (t.isOp("(") && i > 0 && tokens.get(i - 1).kind == Token.Kind.IDENT
                        && !(i > 1 && tokens.get(i - 2).isKeyword("function"))) {
                    return describe(workspace, document, tokens.get(i - 1).text, commas);
                }
                return Optional.empty();
            } else if (depth == 0 && t.isOp(",")) {
                commas++;
            } else if (depth == 0 && (t.isOp("{") || t.isOp("}") || t.isOp(";"))) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static int lastBefore(List<Token> tokens, int offset) {
        int last = -1;
        for (int i = 0; i < tokens.size() && tokens.get(i).end <= offset; i++) {
            last = i;
        }
        return last;
    }

    private static Optional<Signature> describe(Workspace workspace, Document document, String name, int active) {
        Function f = null;
        String file = null;
        for (Function own : workspace.parse(document).functions()) {
            if (own.name().equals(name)) {
                f = own;
            }
        }
        if (f == null) {
            List<TapsetIndex.FunctionEntry> entries = workspace.index().function(name);
            TapsetIndex.FunctionEntry e = entries.stream().filter(TapsetIndex.FunctionEntry::onSearchPath)
                    .findFirst().orElse(entries.isEmpty() ? null : entries.get(0));
            if (e == null) {
                return Optional.empty();
            }
            f = e.function();
            file = e.file();
        }
        List<String> params = new ArrayList<>();
        for (Function.Param p : f.params()) {
            params.add(p.name() + (p.type() != null ? ":" + p.type() : ""));
        }
        String label = f.name() + "(" + String.join(", ", params) + ")" + (f.returnType() != null ? ":"
                + f.returnType() : "");
        StringBuilder doc = new StringBuilder();
        if (f.doc() != null && !f.doc().summary().isEmpty()) {
            doc.append(f.doc().summary());
        }
        if (file != null) {
            doc.append(doc.length() > 0 ? "\n\n" : "").append("Defined in `").append(file).append('`');
        }
        return Optional.of(new Signature(label, params, doc.length() == 0 ? null : doc.toString(),
                Math.min(active, Math.max(0, params.size() - 1))));
    }
}
