package io.tapls.cli.report;

import io.tapls.diag.FileReport;
import java.io.PrintStream;
import java.util.List;

/** Writes the results of `tapls check` in one output format. */
public interface Reporter {
    void report(List<FileReport> reports, PrintStream out);
}
