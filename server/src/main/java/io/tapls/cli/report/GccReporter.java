package io.tapls.cli.report;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.FileReport;
import io.tapls.diag.Severity;
import io.tapls.text.SourceText;
import java.io.PrintStream;
import java.util.List;

/**
 * gcc's format: {@code path:line:col: error: message [rule]}, then the source line and a caret under
 * the range, as gcc 9 and later print them. Columns are 1-based code points.
 *
 * <p>The source line is shown as a terminal displays it, so that the caret sits under the range: tabs
 * expanded to the next multiple of 8 columns (as gcc 10 and later do), East Asian wide characters and emoji
 * two columns wide, combining marks none ({@link Excerpt}). Nothing in it reaches the terminal raw that could
 * move the cursor or reorder the line: control characters are shown as their Unicode control pictures
 * ({@code ␀} for NUL, as rustc shows them), bidirectional controls as {@code <U+202E>} (as gcc 12 does).
 * A line wider than {@link #MAX_EXCERPT} columns is shown as an excerpt around the range with {@code ...}
 * where it is cut, as rustc does: one diagnostic's output stays bounded whatever the line.
 */
public final class GccReporter implements Reporter {
    /** The widest source excerpt shown, in terminal columns (without the ellipses). */
    public static final int MAX_EXCERPT = 160;

    private final boolean color;

    public GccReporter(boolean color) {
        this.color = color;
    }

    @Override
    public void report(List<FileReport> reports, PrintStream out) {
        for (FileReport r : reports) {
            for (Diagnostic d : r.diagnostics()) {
                print(r, d, out);
            }
        }
    }

    private void print(FileReport r, Diagnostic d, PrintStream out) {
        SourceText text = r.text();
        int start = d.span().start();
        int line = text.lineOf(start);
        int col = text.displayColumn(start);
        String severity = d.severity().label();
        String sevColor = switch (d.severity()) {
            case ERROR -> "\u001b[1;31m";
            case WARNING -> "\u001b[1;35m";
            default -> "\u001b[1;36m";
        };
        out.println(bold(r.path() + ":" + (line + 1) + ":" + col + ":") + " " + paint(sevColor, severity + ":") + " "
                + d.message() + " [" + d.rule().id() + "]");
        if (line >= text.lineCount()) {
            return;
        }
        String content = text.lineContent(line);
        int lineStart = text.lineStart(line);
        int from = Math.max(0, Math.min(start - lineStart, content.length()));
        int to = Math.max(from, Math.min(d.span().end() - lineStart, content.length()));
        Excerpt excerpt = Excerpt.of(content, from, to, MAX_EXCERPT);
        String number = Integer.toString(line + 1);
        String gutter = " ".repeat(Math.max(4, number.length()) - number.length());
        out.println(gutter + number + " | " + excerpt.line());
        out.println(" ".repeat(gutter.length() + number.length()) + " | " + excerpt.indent()
                + paint("\u001b[1;32m", excerpt.caret()));
    }

    private String bold(String s) {
        return color ? "\u001b[1m" + s + "\u001b[0m" : s;
    }

    private String paint(String code, String s) {
        return color ? code + s + "\u001b[0m" : s;
    }

    /** "2 errors and 1 warning in 3 files checked": the files are those reported. */
    public static String summary(List<FileReport> reports) {
        return summary(reports, reports.size());
    }

    /** "2 errors and 1 warning in 4 files checked", where {@code files} were checked in all. */
    public static String summary(List<FileReport> reports, int files) {
        long errors = reports.stream().mapToLong(r -> r.count(Severity.ERROR)).sum();
        long warnings = reports.stream().mapToLong(r -> r.count(Severity.WARNING)).sum();
        return plural(errors, "error") + " and " + plural(warnings, "warning") + " in "
                + plural(files, "file") + " checked";
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
