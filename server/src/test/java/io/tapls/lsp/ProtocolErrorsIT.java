package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tapls.testing.LspClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The errors the protocol prescribes, through JSON-RPC: never an internal error with a stack trace. */
class ProtocolErrorsIT {
    private static final TextDocumentIdentifier DOC = new TextDocumentIdentifier("file:///w/trace-events");
    private LspClient lsp;

    @BeforeEach
    void start() throws Exception {
        lsp = LspClient.start();
    }

    @AfterEach
    void stop() {
        lsp.close();
    }

    private static int errorCode(CompletableFuture<?> request) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> request.get(10, TimeUnit.SECONDS));
        return ((ResponseErrorException) e.getCause()).getResponseError().getCode();
    }

    @Test
    void aRequestBeforeInitializeIsServerNotInitialized() throws Exception {
        assertEquals(ResponseErrorCode.ServerNotInitialized.getValue(), errorCode(
                lsp.server.getTextDocumentService().hover(new HoverParams(DOC, new Position(0, 0)))));
    }

    @Test
    void aMethodTaplsDoesNotImplementIsMethodNotFound() throws Exception {
        lsp.initialize(null);
        assertEquals(ResponseErrorCode.MethodNotFound.getValue(), errorCode(lsp.server.getTextDocumentService()
                .formatting(new DocumentFormattingParams(DOC, new FormattingOptions(4, true)))));
        assertFalse(lsp.stderr().contains("\tat "), lsp.stderr());
        assertFalse(lsp.stderr().contains("UnsupportedOperationException"), lsp.stderr());
    }
}
