package io.tapls.features;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.Fix;
import io.tapls.text.SourceText;
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
        SourceText text = document.text();
        for (Diagnostic d : workspace.diagnostics(document)) {
            if (touches(text, d.span(), range)) {
                boolean first = true;
                for (Fix f : d.fixes()) {
                    out.add(new QuickFix(f, d, first));
                    first = false;
                }
            }
        }
        return out;
    }

    /**
     * Whether a diagnostic concerns the range: they overlap, or the diagnostic is a point (a missing final
     * newline, at the very end of the file) on a line the range touches, where an editor's cursor rarely is.
     */
    private static boolean touches(SourceText text, Span d, Span range) {
        if (d.start() <= range.end() && range.start() <= d.end()) {
            return true;
        }
        if (d.length() > 0) {
            return false;
        }
        int line = text.lineOf(Math.min(d.start(), text.length()));
        return text.lineOf(Math.min(range.start(), text.length())) <= line
                && line <= text.lineOf(Math.min(range.end(), text.length()));
    }
}
