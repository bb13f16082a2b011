package io.tapls.traceevents;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.Fix;
import io.tapls.diag.TextEdit;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Half-typed and garbage input never throws, and every range stays inside the text. */
class RobustnessTest {
    private static final String[] PIECES = {"foo", "disable", "vcpu", " ", "\t", "(", ")", ",", "\"", "%", "*",
        "\\", "#", "x", "d", "l", "z", "0", "8", ".", "-", "int", "uint64_t", "char", "const", "void", "PRIx64",
        "PRI", "\n", "\r\n", "\r", "é", "😀", "\uFEFF", "%\" PRIx64 \"", "%%", "%m", "\\n", "\"x=%d\""};

    @Test
    void randomLinesNeverBreakTheReaderOrTheChecks() {
        Random random = new Random(20261130);
        for (int i = 0; i < 5000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(25);
            for (int k = 0; k < n; k++) {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String text = sb.toString();
            TraceEventsFile file = TraceEventsReader.read("fuzz", text);
            for (QemuVersion v : new QemuVersion[] {QemuVersion.CURRENT, QemuVersion.LEGACY}) {
                for (Diagnostic d : TraceEventsChecker.check(file, v)) {
                    assertTrue(d.span().end() <= text.length(), () -> d + " out of " + text);
                    for (Fix f : d.fixes()) {
                        for (TextEdit e : f.edits()) {
                            assertTrue(e.span().end() <= text.length(), () -> e + " out of " + text);
                        }
                    }
                }
            }
        }
    }

    @Test
    void byteOrderMarkIsExplained() {
        TraceEventsFile file = TraceEventsReader.read("t", "\uFEFF# comment\n");
        assertTrue(file.syntaxDiagnostics().get(0).message().startsWith("a byte-order mark"),
                file.syntaxDiagnostics().toString());
    }
}
