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
        BuildChecks.Duplicates duplicates = new BuildChecks.Duplicates();
        for (TraceEvent e : file.events()) {
            checkEvent(text, e, version, out);
            duplicates.add(e, out);
        }
        return finish(text, checkpatch, out);
    }

    /**
     * Reads and checks a file in one pass, as {@code check(TraceEventsReader.read(name, content), version)} does,
     * without a model of the whole file: each event is checked as it is read and dropped, so that memory stays
     * that of the text and the diagnostics however big the file (a one-shot check, as {@code tapls check}).
     */
    public static List<Diagnostic> checkText(String name, String content, QemuVersion version) {
        SourceText text = new SourceText(content);
        // Lines are independent but for duplicate names: pieces of a big file are read and checked on every
        // core, then the names are compared in file order.
        int pieces = (text.lineCount() + PIECE - 1) / PIECE;
        List<Piece> done = java.util.stream.IntStream.range(0, pieces).parallel().mapToObj(i -> {
            Piece p = new Piece(new ArrayList<>(), new ArrayList<>());
            int from = i * PIECE;
            int to = Math.min(text.lineCount(), from + PIECE);
            TraceEventsReader.readLines(text, from, to, new TraceEventsReader.LineParser(), e -> {
                checkEvent(text, e, version, p.diagnostics());
                p.events().add(new BuildChecks.Named(e.name(), e.line(), e.nameSpan()));
            }, p.diagnostics());
            for (int line = from; line < to; line++) {
                CheckpatchChecks.checkLine(text, line, p.diagnostics());
            }
            return p;
        }).toList();
        List<Diagnostic> out = new ArrayList<>();
        TraceEventsReader.checkFinalNewline(name, text, out);
        BuildChecks.Duplicates duplicates = new BuildChecks.Duplicates();
        for (Piece p : done) {
            out.addAll(p.diagnostics());
            for (BuildChecks.Named n : p.events()) {
                duplicates.add(n, out);
            }
        }
        out.sort(ORDER);
        return out;
    }

    /** Lines a piece: big enough that a piece's parser is cheap, small enough for an even split. */
    private static final int PIECE = 4096;

    private record Piece(List<Diagnostic> diagnostics, List<BuildChecks.Named> events) {
    }

    private static List<Diagnostic> finish(SourceText text, boolean checkpatch, List<Diagnostic> out) {
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
