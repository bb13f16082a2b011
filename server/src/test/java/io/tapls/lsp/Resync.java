package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;

/**
 * The oracle of the edit tests: a document brought to some text by edits must give exactly what the server gives
 * for a document opened with that text at once (a full resync): the same diagnostics, document symbols, semantic
 * tokens and folding ranges. The second document has the same file name in another directory, so that nothing
 * that depends on the name differs.
 */
final class Resync {
    private Resync() {
    }

    /**
     * Opens {@code freshUri} with {@code text} (as JSON with every non-ASCII character escaped, so that a text
     * with a lone surrogate arrives as it is) and compares what the server derives from it with what it derives
     * from {@code uri} at {@code version}; closes {@code freshUri} again.
     */
    static void assertSameAsFreshOpen(RawJsonRpc rpc, String uri, int version, String languageId, String freshUri,
                                      String text) throws IOException, InterruptedException {
        JsonObject doc = new JsonObject();
        doc.addProperty("uri", freshUri);
        doc.addProperty("languageId", languageId);
        doc.addProperty("version", 1);
        doc.addProperty("text", text);
        JsonObject p = new JsonObject();
        p.add("textDocument", doc);
        JsonObject m = new JsonObject();
        m.addProperty("jsonrpc", "2.0");
        m.addProperty("method", "textDocument/didOpen");
        m.add("params", p);
        rpc.sendBody(ascii(m.toString()));
        rpc.diagnostics(uri, d -> d.has("version") && d.get("version").getAsInt() == version, 120);
        rpc.diagnostics(freshUri, d -> d.has("version") && d.get("version").getAsInt() == 1, 120);
        // Scripts are checked again a moment after a trace-events file changes (DiagnosticScheduler): let that
        // settle, so that both documents' last diagnostics are computed against the same workspace.
        rpc.awaitQuiet(1_000, 120);
        String a = derived(rpc, uri);
        String b = derived(rpc, freshUri).replace(path(freshUri), path(uri));
        assertEquals(b, a, "what the server derives from " + uri + " (version " + version + ") after edits, against"
                + " a full resync of the same text");
        rpc.close(freshUri);
    }

    /** Diagnostics (without the version), symbols, semantic tokens (without the result id), folding ranges. */
    static String derived(RawJsonRpc rpc, String uri) throws IOException, InterruptedException {
        JsonObject out = new JsonObject();
        JsonObject d = rpc.lastDiagnostics(uri);
        out.add("diagnostics", d == null ? null : d.get("diagnostics"));
        out.add("symbols", rpc.result("textDocument/documentSymbol", RawJsonRpc.textDocument(uri)));
        JsonElement tokens = rpc.result("textDocument/semanticTokens/full", RawJsonRpc.textDocument(uri));
        out.add("tokens", tokens.isJsonObject() ? tokens.getAsJsonObject().get("data") : tokens);
        out.add("folding", rpc.result("textDocument/foldingRange", RawJsonRpc.textDocument(uri)));
        return out.toString();
    }

    private static String path(String uri) {
        return java.net.URI.create(uri).getPath();
    }

    /** JSON text with every character beyond ASCII written as a \\u escape (JSON strings allow lone surrogates so). */
    static String ascii(String json) {
        StringBuilder sb = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c < 0x7f) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }
}
