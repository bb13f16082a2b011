package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.LspClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Insert a printf of all variables" action through JSON-RPC: the statement it inserts prints every variable
 * the probe's alias binds with the conversion tracetool's log probe would use.
 */
class InsertPrintfIT {
    @TempDir
    Path dir;
    private LspClient lsp;

    @AfterEach
    void stop() {
        if (lsp != null) {
            lsp.close();
        }
    }

    @Test
    void printsEveryVariableWithTheConversionItsTypeWants() throws Exception {
        Files.createDirectories(dir.resolve("io"));
        Files.writeString(dir.resolve("io/trace-events"),
                "qio_open(void *ioc, const char *path, int flags) \"ioc=%p path=%s flags=%d\"\n");
        lsp = LspClient.start();
        lsp.initializeIn("{\"defaultTapsets\": false}", dir);
        String uri = dir.resolve("open.stp").toUri().toString();
        String text = "probe qemu.system.x86_64.qio_open {\n}\n";
        lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, "systemtap", 1, text)));
        List<CodeAction> actions = lsp.server.getTextDocumentService().codeAction(new CodeActionParams(
                new TextDocumentIdentifier(uri), new Range(new Position(0, 36), new Position(0, 36)),
                new CodeActionContext(List.of()))).get(30, TimeUnit.SECONDS).stream().map(e -> e.getRight()).toList();
        CodeAction printf = actions.stream().filter(a -> a.getTitle().equals("Insert a printf of all variables"))
                .findFirst().orElseThrow();
        TextEdit edit = printf.getEdit().getChanges().get(uri).get(0);
        assertEquals("\n  printf(\"qio_open ioc=%p path=%s flags=%d\\n\", ioc, user_string_n(path, 512), flags)",
                edit.getNewText());
        assertEquals(new Range(new Position(0, 35), new Position(0, 35)), edit.getRange());
        assertTrue(actions.stream().noneMatch(a -> a.getTitle().startsWith("Insert") && a != printf));
    }
}
