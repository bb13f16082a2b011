package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tapls.testing.LspClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outline of a SystemTap script through JSON-RPC: probes, aliases, functions and globals, in order. */
class ScriptOutlineIT {
    private LspClient lsp;

    @BeforeEach
    void start() throws Exception {
        lsp = LspClient.start();
        lsp.initialize(com.google.gson.JsonParser.parseString("{\"defaultTapsets\": false}"));
    }

    @AfterEach
    void stop() {
        lsp.close();
    }

    private List<String> outline(String text) throws Exception {
        String uri = "file:///w/outline" + text.hashCode() + ".stp";
        lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, "systemtap", 1, text)));
        List<Either<SymbolInformation, DocumentSymbol>> symbols = lsp.server.getTextDocumentService()
                .documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(uri))).get(10, TimeUnit.SECONDS);
        return symbols.stream().map(s -> s.getRight().getKind() + " " + s.getRight().getName() + " "
                + s.getRight().getSelectionRange().getStart().getLine()).toList();
    }

    @Test
    void probesAliasesFunctionsAndGlobalsInTheOrderTheyAppear() throws Exception {
        assertEquals(List.of("Variable tasks 0", "Variable started 0", "Variable sizes 0", "Interface my.open 1",
                        "Function twice 2", "Event begin 3", "Event syscall.open, syscall.openat 4", "Variable late 5"),
                outline("global tasks, started = 0, sizes[100]\n"
                        + "probe my.open = syscall.open { name2 = filename }\n"
                        + "function twice(x) { return 2 * x }\n"
                        + "probe begin { started = 1 }\n"
                        + "probe syscall.open, syscall.openat { tasks[pid()] <<< 1 }\n"
                        + "global late\n"));
    }

    @Test
    void aHalfTypedScriptStillHasAnOutline() throws Exception {
        assertEquals(List.of("Event begin 0", "Function f 2"),
                outline("probe begin { println(\n}\nfunction f() { if ( }\nprobe "));
    }
}
