package io.tapls.cli.report;

import io.tapls.diag.FileReport;
import io.tapls.diag.Diagnostic;
import io.tapls.diag.Severity;
import io.tapls.text.SourceText;
import java.io.PrintStream;
import java.util.List;

/**
 * gcc's format: {@code path:line:col: error: message [rule]}, then the source line and a caret under
 * the range, as gcc 9 and later print them. Columns are 1-based code points.
 */
public final class GccReporter implements Reporter {
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
        String number = Integer.toString(line + 1);
        String gutter = " ".repeat(Math.max(4, number.length()) - number.length());
        out.println(gutter + number + " | " + content);
        int lineStart = text.lineStart(line);
        int from = Math.min(start - lineStart, content.length());
        int to = Math.min(Math.max(d.span().end() - lineStart, from + 1), Math.max(content.length(), from + 1));
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < from; i++) {
            char c = content.charAt(i);
            if (c == '\t') {
                marks.append('\t');
            } else if (!Character.isLowSurrogate(c)) {
                marks.append(' ');
            }
        }
        StringBuilder caret = new StringBuilder("^");
        for (int i = from + 1; i < to; i++) {
            if (!Character.isLowSurrogate(content.charAt(i))) {
                caret.append('~');
            }
        }
        out.println(" ".repeat(gutter.length() + number.length()) + " | " + marks + paint("\u001b[1;32m",
                caret.toString()));
    }

    private String bold(String s) {
        return color ? "\u001b[1m" + s + "\u001b[0m" : s;
    }

    private String paint(String code, String s) {
        return color ? code + s + "\u001b[0m" : s;
    }

    /** "2 errors and 1 warning in 3 files" */
    public static String summary(List<FileReport> reports) {
        long errors = reports.stream().mapToLong(r -> r.count(Severity.ERROR)).sum();
        long warnings = reports.stream().mapToLong(r -> r.count(Severity.WARNING)).sum();
        return plural(errors, "error") + " and " + plural(warnings, "warning") + " in "
                + plural(reports.size(), "file") + " checked";
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
