package io.tapls.diag;

import io.tapls.text.SourceText;
import java.util.List;

/** The diagnostics of one file, with its text so that reporters can show lines and columns. */
public record FileReport(String path, SourceText text, List<Diagnostic> diagnostics) {
    public FileReport {
        diagnostics = List.copyOf(diagnostics);
    }

    public long count(Severity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).count();
    }
}
