package io.tapls.cli.report;

import io.tapls.diag.FileReport;
import io.tapls.diag.Diagnostic;
import io.tapls.text.SourceText;
import java.io.PrintStream;
import java.util.List;

/** GitHub Actions workflow commands: {@code ::error file=F,line=L,col=C,...::message}. */
public final class GithubReporter implements Reporter {
    @Override
    public void report(List<FileReport> reports, PrintStream out) {
        for (FileReport r : reports) {
            SourceText text = r.text();
            for (Diagnostic d : r.diagnostics()) {
                String command = switch (d.severity()) {
                    case ERROR -> "error";
                    case WARNING -> "warning";
                    default -> "notice";
                };
                int sl = text.lineOf(d.span().start()) + 1;
                int el = text.lineOf(d.span().end()) + 1;
                StringBuilder sb = new StringBuilder("::").append(command)
                        .append(" file=").append(property(r.path()))
                        .append(",line=").append(sl)
                        .append(",endLine=").append(el);
                if (sl == el) {
                    sb.append(",col=").append(text.displayColumn(d.span().start()))
                            .append(",endColumn=").append(text.displayColumn(d.span().end()));
                }
                sb.append(",title=").append(property("tapls " + d.rule().id()))
                        .append("::").append(data(d.message() + " [" + d.rule().id() + "]"));
                out.println(sb);
            }
        }
    }

    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
