package io.tapls.features;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.Fix;
import io.tapls.text.Span;
import io.tapls.workspace.Document;
import io.tapls.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;

/** Quick fixes: the fixes the checks attach to their diagnostics, for those that touch a range. */
public final class CodeActions {
    private CodeActions() {
    }

    public static List<QuickFix> quickFixes(Workspace workspace, Document document, Span range) {
        List<QuickFix> out = new ArrayList<>();
        for (Diagnostic d : workspace.diagnostics(document)) {
            if (d.span().start() <= range.end() && range.start() <= d.span().end()) {
                for (Fix f : d.fixes()) {
                    out.add(new QuickFix(f, d));
                }
            }
        }
        return out;
    }
}
