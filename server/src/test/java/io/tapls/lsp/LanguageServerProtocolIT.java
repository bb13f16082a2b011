package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tapls.testing.LspClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The language server through JSON-RPC, as an editor drives it: the real jar, over stdio. */
class LanguageServerProtocolIT {
    private static final String URI = "file:///work/hw/net/trace-events";
    private static final String TEXT = "# e1000.c\ne1000_set_ics(uint64_t val, uint32_t ics) \"val=0x%x ics=0x%x\"\n";

    private LspClient lsp;

    @BeforeEach
    void start() throws Exception {
        lsp = LspClient.start();
    }

    @AfterEach
    void stop() {
        lsp.close();
    }

    private void open(String uri, String text) {
        lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, "trace-events", 1, text)));
    }

    @Test
    void initializeAnnouncesWhatTheServerDoes() throws Exception {
        InitializeResult r = lsp.initialize(null);
        assertEquals("tapls", r.getServerInfo().getName());
        assertEquals(Either.forLeft(org.eclipse.lsp4j.TextDocumentSyncKind.Incremental),
                r.getCapabilities().getTextDocumentSync());
        assertEquals(Either.forLeft(true), r.getCapabilities().getHoverProvider());
    }

    @Test
    void diagnosticsOnOpenAndAfterAnIncrementalEdit() throws Exception {
        lsp.initialize(null);
        open(URI, TEXT);
        PublishDiagnosticsParams first = lsp.nextDiagnostics(URI);
        assertEquals(1, first.getDiagnostics().size(), first.toString());
        var d = first.getDiagnostics().get(0);
        assertEquals("format-type-mismatch", d.getCode().getLeft());
        assertEquals(new Range(new Position(1, 49), new Position(1, 51)), d.getRange());
        assertEquals(1, first.getVersion());

        // Type the fix: replace "%x" (line 1, 49..51) by "%\" PRIx64 \"".
        TextDocumentContentChangeEvent change = new TextDocumentContentChangeEvent(
                new Range(new Position(1, 49), new Position(1, 51)), "%\" PRIx64 \"");
        lsp.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(URI, 2), List.of(change)));
        PublishDiagnosticsParams second = lsp.nextDiagnostics(URI);
        assertEquals(List.of(), second.getDiagnostics());
        assertEquals(2, second.getVersion());
    }

    @Test
    void quickFixRewritesTheConversion() throws Exception {
        lsp.initialize(null);
        open(URI, TEXT);
        var d = lsp.nextDiagnostics(URI).getDiagnostics().get(0);
        CodeActionContext context = new CodeActionContext(List.of(d));
        context.setOnly(List.of("quickfix")); // the event's line also offers "Add a probe" (refactor)
        List<Either<Command, CodeAction>> actions = lsp.server.getTextDocumentService().codeAction(
                new CodeActionParams(new TextDocumentIdentifier(URI), d.getRange(), context))
                .get(10, TimeUnit.SECONDS);
        assertEquals(1, actions.size());
        CodeAction fix = actions.get(0).getRight();
        assertEquals("quickfix", fix.getKind());
        TextEdit edit = fix.getEdit().getChanges().get(URI).get(0);
        assertEquals("%\" PRIx64 \"", edit.getNewText());
        assertEquals(d.getRange(), edit.getRange());
    }

    @Test
    void hoverShowsWhichArgumentAConversionPrints() throws Exception {
        lsp.initialize(null);
        open(URI, TEXT);
        Hover h = lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(URI),
                new Position(1, 59))).get(10, TimeUnit.SECONDS);
        assertEquals("`%x` prints argument 2, `ics` (`uint32_t`)", h.getContents().getRight().getValue());
        Hover onArg = lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(URI),
                new Position(1, 25))).get(10, TimeUnit.SECONDS);
        assertTrue(onArg.getContents().getRight().getValue().contains("printed by `%x`"),
                onArg.getContents().getRight().getValue());
    }

    @Test
    void outlineListsTheEvents() throws Exception {
        lsp.initialize(null);
        open(URI, TEXT + "disable e1000_x(void)\n");
        List<Either<SymbolInformation, DocumentSymbol>> symbols = lsp.server.getTextDocumentService()
                .documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(URI))).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("e1000_set_ics", "e1000_x"), symbols.stream().map(s -> s.getRight().getName()).toList());
        assertEquals("disable (void)", symbols.get(1).getRight().getDetail());
    }

    @Test
    void requestsOnUnopenedDocumentsOrBadPositionsAnswerNull() throws Exception {
        lsp.initialize(null);
        assertNull(lsp.server.getTextDocumentService().hover(new HoverParams(
                new TextDocumentIdentifier("file:///nowhere/trace-events"), new Position(0, 0))).get(10, TimeUnit.SECONDS));
        open(URI, TEXT);
        assertNull(lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(URI),
                new Position(99, 99))).get(10, TimeUnit.SECONDS));
        assertNull(lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(URI),
                new Position(-1, -5))).get(10, TimeUnit.SECONDS));
    }

    @Test
    void settingsChooseTheQemuDialect() throws Exception {
        JsonObject legacy = JsonParser.parseString("{\"qemuVersion\": \"7.2\"}").getAsJsonObject();
        lsp.initialize(legacy);
        String uri = "file:///work/old/trace-events";
        open(uri, "vcpu foo(int x) \"x=%d\"\n");
        assertEquals(List.of(), lsp.nextDiagnostics(uri).getDiagnostics());
        lsp.server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                JsonParser.parseString("{\"tapls\": {\"qemuVersion\": \"10.2\"}}")));
        PublishDiagnosticsParams current = lsp.nextDiagnostics(uri);
        assertEquals("Unknown properties: vcpu", current.getDiagnostics().get(0).getMessage().getLeft());
    }

    @Test
    void closingClearsDiagnostics() throws Exception {
        lsp.initialize(null);
        open(URI, TEXT);
        lsp.nextDiagnostics(URI);
        lsp.server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(URI)));
        assertEquals(List.of(), lsp.nextDiagnostics(URI).getDiagnostics());
    }

    @Test
    void garbageOnTheWireDoesNotStopTheServer() throws Exception {
        lsp.initialize(null);
        lsp.sendRaw(frame("{not json!}"));
        lsp.sendRaw(frame("{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"no/such/method\"}"));
        lsp.sendRaw(frame("{\"jsonrpc\":\"2.0\",\"id\":78,\"method\":\"textDocument/hover\",\"params\":{\"bogus\":1}}"));
        lsp.sendRaw(frame("[1, 2, 3]"));
        open(URI, TEXT);
        assertEquals(1, lsp.nextDiagnostics(URI).getDiagnostics().size());
        assertTrue(lsp.process.isAlive());
        assertTrue(!lsp.stderr().contains("\tat "), "no stack traces in the log: " + lsp.stderr());
    }

    private static String frame(String json) {
        return "Content-Length: " + json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
    }

    @Test
    void shutdownThenExitEndsTheProcessWithZero() throws Exception {
        lsp.initialize(null);
        lsp.server.shutdown().get(10, TimeUnit.SECONDS);
        lsp.server.exit();
        assertTrue(lsp.process.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, lsp.process.exitValue());
        assertNotNull(lsp.stderr());
    }
}
