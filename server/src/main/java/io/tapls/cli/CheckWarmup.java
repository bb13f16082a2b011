package io.tapls.cli;

import io.tapls.cli.report.GccReporter;
import io.tapls.diag.Diagnostic;
import io.tapls.diag.FileReport;
import io.tapls.text.SourceText;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Settings;
import io.tapls.workspace.Workspace;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * Overlaps a `tapls check` run's two cold phases. For its first ~100 ms a run builds picocli's model of the
 * command (reflection over annotations, one thread), while the second core idles; then it loads, links and
 * interprets the checker's few hundred classes for the first time. This daemon thread checks a small
 * trace-events sample and renders its diagnostics during the first phase, so that the second finds those
 * classes loaded and initialised and the hottest methods already compiled. Its results are thrown away; it
 * writes nothing and shares nothing with the run but the JVM. (javac and Gradle warm up the same way.)
 */
final class CheckWarmup {
    /** Every kind of line and finding the checks have, a few times over. */
    private static final String SAMPLE = """
            # a comment
            disable io_task_new(void *task, const char *name, uint64_t off) "task=%p name=%s off=0x%" PRIx64
            io_task_done(void *task, int ret, size_t len) "task=%p ret=%d len=%d"
            io_bad(uint64_t val, uint32_t ics) "val=0x%x ics=0x%" PRIx32
            io_link(uint8_t a, uint8_t b, bool up) "link %02x:%02x up=%x"
            io_fmt(int x, long y) "x=%d y=%ld\\n"
            io_trailing(int x) "x=%d"\s
            vcpu io_cpu(uint32_t id) "id=%u"
            io_args(hwaddr addr, unsigned size, const char *s) "addr=0x%" HWADDR_PRIx " size=%u %s"
            """;

    private CheckWarmup() {
    }

    static void start() {
        Thread t = new Thread(CheckWarmup::run, "tapls-check-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void run() {
        try {
            Workspace workspace = new Workspace(List.of(), Settings.defaults());
            for (int round = 0; round < 3; round++) {
                List<Diagnostic> found = workspace.check("warmup", SAMPLE, FileKind.TRACE_EVENTS);
                new GccReporter(false).report(List.of(new FileReport("warmup", new SourceText(SAMPLE), found)),
                        new PrintStream(OutputStream.nullOutputStream()));
            }
            workspace.shutdown();
        } catch (RuntimeException | Error e) {
            // Only a warm-up: the run itself reports whatever goes wrong.
        }
    }
}
