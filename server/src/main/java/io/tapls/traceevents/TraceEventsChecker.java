package io.tapls.traceevents;

import io.tapls.diag.Diagnostic;
import io.tapls.text.SourceText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs every trace-events check on a parsed file; the CLI and the language server share it. */
public final class TraceEventsChecker {
    private TraceEventsChecker() {
    }

    public static List<Diagnostic> check(TraceEventsFile file, QemuVersion version) {
        return check(file, version, true);
    }

    /**
     * The checks whose rules can be errors: tracetool's, the build and the format checks, without
     * checkpatch's style rules (all warnings). What generators need to decide whether to refuse, faster.
     */
    public static List<Diagnostic> checkErrors(TraceEventsFile file, QemuVersion version) {
        return check(file, version, false);
    }

    /** Diagnostics in file order, then by rule id. */
    static final Comparator<Diagnostic> ORDER =
            Comparator.comparingInt((Diagnostic d) -> d.span().start()).thenComparing(d -> d.rule().id());

    private static List<Diagnostic> check(TraceEventsFile file, QemuVersion version, boolean checkpatch) {
        List<Diagnostic> out = new ArrayList<>(file.syntaxDiagnostics());
        SourceText text = file.text();
        for (TraceEvent e : file.events()) {
            checkEvent(text, e, version, out);
        }
        BuildChecks.checkFile(file, out);
        for (int line = 0; checkpatch && line < text.lineCount(); line++) {
            CheckpatchChecks.checkLine(text, line, out);
        }
        out.sort(ORDER);
        return out;
    }

    /** The checks of one event, which look at nothing but its own line. */
    static void checkEvent(SourceText text, TraceEvent e, QemuVersion version, List<Diagnostic> out) {
        TracetoolChecks.check(e, version, out);
        BuildChecks.check(text, e, out);
        FormatChecks.check(text, e, version, out);
    }
}
