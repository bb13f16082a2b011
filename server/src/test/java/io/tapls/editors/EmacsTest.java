package io.tapls.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * editors/emacs/tapls.el in the real Emacs with the real eglot and tapls server: the ERT suite in
 * editors/emacs/test/tapls-test.el (font-lock, file associations, eglot registration, a diagnostic
 * through flymake, a hover through eldoc, an edit that clears the diagnostic).
 */
class EmacsTest {
    @Test
    void ertSuitePassesInBatchEmacs() {
        Path emacs = EditorRun.require("emacs", "apt-get install -y emacs-nox elpa-eglot");
        EditorRun.Result r = EditorRun.run(List.of(emacs.toString(), "--batch", "-Q", "-l",
                "editors/emacs/test/tapls-test.el"), 180);
        assertEquals(0, r.exitCode(), r.output());
        Matcher m = Pattern.compile("Ran (\\d+) tests, (\\d+) results as expected, 0 unexpected(, (\\d+) skipped)?")
                .matcher(r.output());
        assertTrue(m.find(), "no ERT summary in:\n" + r.output());
        assertTrue(Integer.parseInt(m.group(1)) >= 7, m.group());
        if (m.group(3) != null) {
            // Only the Debian systemtap-mode test may skip, when systemtap-common is not installed.
            if ("true".equals(System.getenv("CI"))) {
                assertFalse(true, "CI=true: an ERT test was skipped: " + m.group() + "\n" + r.output());
            }
            System.err.println("SKIPPED (some ERT tests): " + m.group());
        }
    }
}
