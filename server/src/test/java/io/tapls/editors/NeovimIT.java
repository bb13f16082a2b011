package io.tapls.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * editors/nvim in the real, headless Neovim with the real tapls server: editors/nvim/test/test.lua
 * (filetype detection, attach, a diagnostic, a hover, an edit that clears it, a SystemTap buffer, settings
 * sent as initializationOptions and by update_settings, the settings' keys against the server's; in
 * editors/test/workspace, a script's diagnostic, completion through vim.lsp.omnifunc and hovers through
 * vim.lsp.buf.hover in both languages, and :TaplsGenerateTapset writing what {@code tapls generate} writes).
 */
class NeovimIT {
    @Test
    void headlessNeovimTestPasses() {
        Path nvim = EditorRun.require("nvim", "apt-get install -y neovim");
        EditorRun.Result r = EditorRun.run(List.of(nvim.toString(), "--headless", "-u", "NONE", "-i", "NONE", "-n",
                "-c", "luafile editors/nvim/test/test.lua"), 180);
        assertEquals(0, r.exitCode(), r.output());
        Matcher m = Pattern.compile("(?m)^(\\d+) passed, 0 failed$").matcher(r.output());
        assertTrue(m.find(), "no summary in:\n" + r.output());
        assertTrue(Integer.parseInt(m.group(1)) >= 15, m.group());
    }
}
