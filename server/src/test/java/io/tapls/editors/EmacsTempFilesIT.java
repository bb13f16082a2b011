package io.tapls.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Emacs suites leave nothing in the temporary directory: lsp-mode's state directory
 * (tapls-lsp-state-*) used to stay behind after every run. Emacs takes its temporary directory from TMPDIR,
 * here one of the test's own, looked at once Emacs has exited.
 */
class EmacsTempFilesIT {
    private static final String INSTALL = "apt-get install -y emacs-nox elpa-eglot elpa-lsp-mode";

    @TempDir
    Path tmp;

    @Test
    void theLspModeSuiteLeavesNoTemporaryFiles() throws IOException {
        Path emacs = EditorRun.require("emacs", INSTALL);
        ProcessBuilder pb = new ProcessBuilder(emacs.toString(), "--batch", "-Q", "-l",
                "editors/emacs/test/tapls-lsp-mode-test.el").directory(EditorRun.repo().toFile())
                .redirectErrorStream(true);
        pb.environment().put("TAPLS_EXECUTABLE", EditorRun.repo().resolve("tapls").toString());
        pb.environment().put("TERM", "dumb");
        pb.environment().put("TMPDIR", tmp.toString());
        Cli.Result r = Cli.run(pb, 180);
        System.out.println(r.stdout());
        if (r.exitCode() == EditorRun.MISSING) {
            EditorRun.skipOrFail(r.stdout().strip());
        }
        assertEquals(0, r.exitCode(), r.stdout());
        assertTrue(r.stdout().contains(" results as expected, 0 unexpected"), r.stdout());
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString()).sorted().toList(), r.stdout());
        }
    }
}
