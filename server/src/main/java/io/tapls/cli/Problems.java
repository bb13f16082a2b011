package io.tapls.cli;

import io.tapls.cli.report.GccReporter;
import io.tapls.diag.FileReport;
import io.tapls.generation.Generation;
import io.tapls.workspace.InputProblem;
import java.io.PrintStream;
import java.util.List;

/** How the commands print the problems the engine returns: one line each on stderr, and the exit status. */
final class Problems {
    private Problems() {
    }

    /**
     * An input problem's line: located like a compiler's error when it has a position
     * ({@code path:line:col: error: ... [rule]}), else {@code tapls: path: description}.
     */
    static String line(InputProblem p) {
        if (p instanceof InputProblem.NotUtf8 n) {
            return n.path() + ":" + n.line() + ":" + n.column() + ": error: " + n.description() + " ["
                    + InputProblem.NotUtf8.RULE + "]";
        }
        return "tapls: " + p.path() + ": " + p.description();
    }

    static void print(List<? extends InputProblem> problems, PrintStream err) {
        for (InputProblem p : problems) {
            err.println(line(p));
        }
    }

    /**
     * Reports gcc-style, then the summary line, as check does (the files counted are all those checked, not
     * only those reported); nothing when there are none.
     */
    static void report(List<FileReport> reports, int filesChecked, PrintStream err) {
        if (reports.isEmpty()) {
            return;
        }
        new GccReporter(false).report(reports, err);
        err.println(GccReporter.summary(reports, filesChecked));
        err.flush();
    }

    /**
     * Prints why generation stopped; returns the exit status: {@link Main#EXIT_PROBLEMS} when the input has
     * errors ({@link Generation.Stop.Refused}), else {@link Main#EXIT_USAGE}.
     */
    static int print(Generation.Stop stop, PrintStream err) {
        if (stop instanceof Generation.Stop.Refused r) {
            report(r.reports(), r.filesChecked(), err);
            return Main.EXIT_PROBLEMS;
        }
        if (stop instanceof Generation.Stop.Unreadable u) {
            print(u.problems(), err);
        } else if (stop instanceof Generation.Stop.Collision c) {
            err.println("tapls: --per-file: " + c.first() + " and " + c.second() + " would both be written to "
                    + c.target() + "; give their directory instead");
        } else if (stop instanceof Generation.Stop.Unsupported u) {
            err.println("tapls: " + u.message());
        }
        return Main.EXIT_USAGE;
    }
}
