package io.tapls.stap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.tapls.testing.Cli;
import io.tapls.testing.LspClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scriptArguments setting through the real jar: tapls check / dump --script-argument VALUE, and the
 * language server's "scriptArguments". Expected texts are stap 4.8's for the same script and arguments.
 */
class ScriptArgumentsCliIT {
    @Test
    void checkWithAndWithoutArguments(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("f.stp");
        Files.writeString(f, "probe begin { println($1 + $2) }\n");
        // not configured: tapls cannot know $1/$2, the script is taken as it stands
        Cli.Result without = Cli.run("check", "--syntax-only", f.toString());
        assertEquals(0, without.exitCode(), without.stdout());
        // stap -p1 f.stp 5: "parse error: command line argument out of range [1-1]" at $2 (1:28)
        Cli.Result one = Cli.run("check", "--syntax-only", "--script-argument", "5", f.toString());
        assertEquals(1, one.exitCode(), one.stdout());
        assertTrue(one.stdout().contains(
                "f.stp:1:28: error: command line argument out of range [1-1] [stap-parse-error]"), one.stdout());
        Cli.Result two = Cli.run("check", "--syntax-only", "--script-argument", "5", "--script-argument", "6",
                f.toString());
        assertEquals(0, two.exitCode(), two.stdout());
    }

    @Test
    void parseErrorsAreWarningsOnlyWhileTheArgumentsAreUnknown(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("f.stp");
        Files.writeString(f, "probe begin { printf($1) }\n");
        // not configured: the format may well come from $1, so stap's complaint is only a warning
        Cli.Result without = Cli.run("check", "--syntax-only", f.toString());
        assertEquals(0, without.exitCode(), without.stdout());
        assertTrue(without.stdout().contains("f.stp:1:22: warning: expected literal string (the script takes "
                + "arguments: $1/@1 are pasted in as text before parsing) [stap-parse-error]"), without.stdout());
        // stap -p1 f.stp '"%d\n", 5' accepts it: printf("%d\n", 5)
        Cli.Result fine = Cli.run("check", "--syntax-only", "--script-argument", "\"%d\\n\", 5", f.toString());
        assertEquals(0, fine.exitCode(), fine.stdout());
        assertEquals("", fine.stdout());
        // stap -p1 f.stp 5: "parse error: expected literal string", saw: number '5' at f.stp:1:22
        Cli.Result bad = Cli.run("check", "--syntax-only", "--script-argument", "5", f.toString());
        assertEquals(1, bad.exitCode(), bad.stdout());
        assertTrue(bad.stdout().contains("f.stp:1:22: error: expected literal string [stap-parse-error]"),
                bad.stdout());
    }

    @Test
    void dumpSubstitutesLikeStapPassOne(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("d.stp");
        Files.writeString(f, "global n = $#\nprobe process(@1).function(\"main\") { x = $2 * 2 }\n");
        Cli.Result r = Cli.run("dump", "--script-argument", "/bin/ls", "--script-argument", "1 + 2", f.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        // stap -p1 d.stp /bin/ls '1 + 2'
        assertEquals("# parse tree dump\n# file " + f + "\nglobal n = 2\n"
                + "probe process(\"/bin/ls\").function(\"main\"){\n(x) = ((1) + ((2) * (2)));\n}\n\n", r.stdout());
    }

    @Test
    void languageServerSettingAndItsChange() throws Exception {
        try (LspClient lsp = LspClient.start()) {
            lsp.initialize(JsonParser.parseString("{\"syntaxOnly\": true, \"scriptArguments\": [\"5\"]}")
                    .getAsJsonObject());
            String uri = "file:///tmp/tapls-script-arguments/f.stp";
            lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                    new TextDocumentItem(uri, "systemtap", 1, "probe begin { println($1 + $2) }\n")));
            PublishDiagnosticsParams one = lsp.nextDiagnostics(uri);
            assertEquals(1, one.getDiagnostics().size(), one.toString());
            assertEquals("command line argument out of range [1-1]",
                    one.getDiagnostics().get(0).getMessage().getLeft());
            assertEquals(27, one.getDiagnostics().get(0).getRange().getStart().getCharacter());
            lsp.server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                    JsonParser.parseString("{\"tapls\": {\"syntaxOnly\": true, \"scriptArguments\": [\"5\", \"6\"]}}")));
            assertEquals(List.of(), lsp.nextDiagnostics(uri).getDiagnostics());
        }
    }
}
