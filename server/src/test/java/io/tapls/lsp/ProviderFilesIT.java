package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.tapls.testing.Corpora;
import io.tapls.testing.LspClient;
import io.tapls.text.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DTrace provider files in the editor, through JSON-RPC on the real jar, over a workspace holding libvirt's
 * style of provider file ({@code src/libvirt_probes.d}), a D program ({@code app.d}) and scripts: the provider
 * file's diagnostics, outline, hovers, completion, folding and semantic tokens; in the scripts, the aliases
 * libvirt's dtrace2systemtap.py derives from it (their names checked against its output), their completion,
 * hover, definition and printf type check, following unsaved edits of the provider file and the settings.
 */
class ProviderFilesIT {
    @TempDir
    Path dir;
    private LspClient lsp;
    private Path provider;
    private String providerText;

    @BeforeEach
    void workspace() throws Exception {
        provider = Files.createDirectories(dir.resolve("src")).resolve("libvirt_probes.d");
        providerText = Files.readString(Corpora.repo().resolve("server/src/test/resources/provider/libvirt_probes.d"));
        Files.writeString(provider, providerText);
        Files.writeString(dir.resolve("app.d"), "module app;\nimport std.stdio;\n\nvoid main()\n{\n"
                + "    writeln(\"provider x {\");\n}\n");
    }

    @AfterEach
    void stop() {
        if (lsp != null) {
            lsp.close();
        }
    }

    private void start(String settings) throws Exception {
        lsp = LspClient.start();
        lsp.initializeIn(settings, dir);
    }

    private String open(Path file, String languageId, String text) {
        String uri = file.toUri().toString();
        lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri,
                languageId, 1, text)));
        return uri;
    }

    private void change(String uri, int version, String text) {
        lsp.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version), List.of(new TextDocumentContentChangeEvent(text))));
    }

    /** The position of {@code needle}'s first occurrence in text, {@code delta} characters into it. */
    private static Position at(String text, String needle, int delta) {
        int i = text.indexOf(needle);
        assertTrue(i >= 0, needle);
        io.tapls.text.Position p = new SourceText(text).position(i + delta);
        return new Position(p.line(), p.character());
    }

    private String hover(String uri, Position p) throws Exception {
        Hover h = lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), p))
                .get(60, TimeUnit.SECONDS);
        return h == null ? null : h.getContents().getRight().getValue();
    }

    private Map<String, CompletionItem> complete(String uri, Position p) throws Exception {
        var result = lsp.server.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(
                uri), p)).get(60, TimeUnit.SECONDS);
        Map<String, CompletionItem> out = new TreeMap<>();
        (result.isLeft() ? result.getLeft() : result.getRight().getItems()).forEach(i -> out.put(i.getLabel(), i));
        return out;
    }

    /** Waits for the script's diagnostics to be these (a re-check may publish the old ones first). */
    private void awaitCodes(String uri, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = null;
        while (System.nanoTime() < deadline) {
            last = codes(lsp.nextDiagnostics(uri, 60).getDiagnostics());
            if (last.equals(expected)) {
                return;
            }
        }
        assertEquals(expected, last);
    }

    private static String codes(List<Diagnostic> ds) {
        return ds.stream().map(d -> d.getRange().getStart().getLine() + 1 + ":" + d.getCode().getLeft())
                .collect(Collectors.joining(" "));
    }

    @Test
    void theProviderFileIsCheckedOutlinedAndExplained() throws Exception {
        start("{\"defaultTapsets\": false}");
        // "d" is the language id most editors give *.d files (Vim's, VS Code's D extensions): the text decides
        String uri = open(provider, "d", providerText);
        assertEquals(List.of(), lsp.nextDiagnostics(uri).getDiagnostics());

        String broken = providerText.replace("probe object_ref(void *obj);", "probe object_new(void *obj);")
                .replace("probe object_unref(void *obj);", "probe object_unref(void*obj);")
                .replace("\t# prefix: qemu\n", "");
        change(uri, 2, broken);
        List<Diagnostic> ds = lsp.nextDiagnostics(uri).getDiagnostics();
        int dup = at(broken, "probe object_new(void *obj);", 0).getLine() + 1;
        assertEquals(at(broken, "# file: src/qemu/qemu_monitor.c", 0).getLine() + 1 + ":provider-missing-prefix "
                + dup + ":provider-duplicate-probe " + (dup + 1) + ":provider-malformed-argument", codes(ds));
        assertTrue(ds.get(2).getMessage().getLeft().startsWith("Malformed arg void*obj"), ds.get(2).toString());
        change(uri, 3, providerText);
        assertEquals(List.of(), lsp.nextDiagnostics(uri).getDiagnostics());

        List<DocumentSymbol> symbols = lsp.server.getTextDocumentService().documentSymbol(new DocumentSymbolParams(
                new TextDocumentIdentifier(uri))).get(60, TimeUnit.SECONDS).stream().map(e -> e.getRight()).toList();
        assertEquals("libvirt", symbols.get(0).getName());
        assertEquals(SymbolKind.Module, symbols.get(0).getKind());
        assertEquals(List.of("src/util/virevent.c", "src/rpc/virnetclient.c", "src/rpc/virnetserverclient.c",
                "src/rpc/virnettlscontext.c", "src/qemu/qemu_monitor.c", "src/util/virobject.c"),
                symbols.stream().filter(s -> s.getKind() == SymbolKind.Namespace).map(DocumentSymbol::getName).toList());
        DocumentSymbol multiLine = symbols.stream().filter(s -> s.getName().equals("rpc_server_client_msg_tx_queue"))
                .findFirst().orElseThrow();
        assertEquals(SymbolKind.Event, multiLine.getKind());
        assertEquals("(void *client, int len, int prog, int vers, int proc, int type, int status, int serial)",
                multiLine.getDetail());
        assertEquals(3, multiLine.getRange().getEnd().getLine() - multiLine.getRange().getStart().getLine());
        assertEquals(1 + 6 + 21, symbols.size(), "the provider, 6 groups, 21 probes");

        String probe = hover(uri, at(providerText, "rpc_server_client_auth_allow", 3));
        assertTrue(probe.contains("C: `LIBVIRT_RPC_SERVER_CLIENT_AUTH_ALLOW(...)`,"
                + " `LIBVIRT_RPC_SERVER_CLIENT_AUTH_ALLOW_ENABLED()`"), probe);
        assertTrue(probe.contains("SystemTap: `libvirt.rpc.server_client_auth_allow` = `process(\"/usr/sbin/virtqemud\")"
                + ".mark(\"rpc_server_client_auth_allow\")`"), probe);
        assertTrue(probe.contains("- `identity`: string (`const char *`, `user_string($arg3)`)"), probe);
        assertTrue(probe.contains("- `authtype`: long (`int`, `$arg2`)"), probe);
        String argument = hover(uri, at(providerText, "char *buf, unsigned", 2));
        assertTrue(argument.contains("the tapset binds `buf = user_string($arg2)` (a string)"), argument);
        String module = hover(uri, at(providerText, "libvirt/connection-driver", 3));
        assertTrue(module.contains("`/usr/lib/libvirt/connection-driver/libvirt_driver_qemu.so`"), module);

        List<FoldingRange> folds = lsp.server.getTextDocumentService().foldingRange(new FoldingRangeRequestParams(
                new TextDocumentIdentifier(uri))).get(60, TimeUnit.SECONDS);
        int multi = at(providerText, "probe rpc_server_client_msg_tx_queue", 0).getLine();
        assertTrue(folds.stream().anyMatch(f -> f.getStartLine() == multi && f.getEndLine() == multi + 3), folds
                .toString());
        assertTrue(folds.stream().anyMatch(f -> f.getStartLine() == 0), "the provider block");

        List<Integer> tokens = lsp.server.getTextDocumentService().semanticTokensFull(new SemanticTokensParams(
                new TextDocumentIdentifier(uri))).get(60, TimeUnit.SECONDS).getData();
        // the first token is 'provider' (keyword) at 0:0, then 'libvirt' (namespace, declaration) at 0:9
        List<String> legend = Convert.semanticTokensLegend().getTokenTypes();
        assertEquals(List.of(0, 0, 8, legend.indexOf("keyword"), 0), tokens.subList(0, 5));
        assertEquals(List.of(0, 9, 7, legend.indexOf("namespace")), tokens.subList(5, 9));
    }

    @Test
    void typesAndGroupCommentsAreCompleted() throws Exception {
        start("{\"defaultTapsets\": false}");
        String text = providerText.replace("};", "\tprobe object_free(void *obj, con\n\t#\n\tprobe \n};");
        String uri = open(provider, "dtrace", text);
        Map<String, CompletionItem> types = complete(uri, at(text, "void *obj, con", 14));
        assertTrue(types.keySet().containsAll(List.of("const char *", "unsigned long long", "int", "void *")),
                types.keySet().toString());
        assertEquals("string in the tapset", types.get("const char *").getDetail());
        assertEquals("long in the tapset", types.get("void *").getDetail());
        assertEquals("const char *", types.get("const char *").getTextEdit().getLeft().getNewText());
        Map<String, CompletionItem> directives = complete(uri, at(text, "\t#\n\tprobe \n", 2));
        assertEquals(List.of("binary:", "file:", "module:", "prefix:"), List.copyOf(directives.keySet()));
        Map<String, CompletionItem> prefix = complete(uri, at(text, "\tprobe \n};", 7));
        assertEquals(List.of("object_"), List.copyOf(prefix.keySet()));
        // after a type, the name goes there: no types
        assertEquals(Map.of(), complete(uri, at(text, "void *cb", 6)));
    }

    @Test
    void aDProgramIsNotAProviderFile() throws Exception {
        start("{\"defaultTapsets\": false}");
        Path app = dir.resolve("app.d");
        String uri = open(app, "d", Files.readString(app));
        assertEquals(List.of(), lsp.nextDiagnostics(uri).getDiagnostics());
        assertEquals(List.of(), lsp.server.getTextDocumentService().documentSymbol(new DocumentSymbolParams(
                new TextDocumentIdentifier(uri))).get(60, TimeUnit.SECONDS));
        assertNull(hover(uri, at(Files.readString(app), "provider x", 2)));
    }

    @Test
    void scriptsUseTheDerivedAliases() throws Exception {
        start("{\"defaultTapsets\": false}");
        String script = "probe libvirt.rpc.client_msg_rx {\n  printf(\"%s %d\\n\", len, serial)\n}\n"
                + "probe libvirt.qemu.monitor_send_msg { printf(\"%s\\n\", msg) }\n";
        String uri = open(dir.resolve("monitor.stp"), "systemtap", script);
        List<Diagnostic> ds = lsp.nextDiagnostics(uri, 60).getDiagnostics();
        assertEquals("2:stap-printf-arg-type", codes(ds), ds.toString());
        // pass 2 as stap 4.8 resolves types: len is bound (long, from the mark's $arg) where the point is named
        assertEquals("type mismatch (string) (type was first inferred here (long) at 1:7)",
                ds.get(0).getMessage().getLeft());

        Map<String, CompletionItem> points = complete(uri, at(script, "client_msg_rx", 0));
        assertTrue(points.keySet().containsAll(List.of("client_msg_rx", "client_msg_tx_queue", "client_new",
                "server_client_msg_tx_queue", "tls_context_new")), points.keySet().toString());
        Map<String, CompletionItem> words = complete(uri, at(script, "libvirt.rpc", 3));
        assertTrue(words.containsKey("libvirt"), words.keySet().toString());
        Map<String, CompletionItem> variables = complete(uri, at(script, "len, serial", 0));
        assertEquals("long", variables.get("len").getDetail());
        assertTrue(variables.keySet().containsAll(List.of("client", "prog", "vers", "proc", "type", "status", "serial")));

        String alias = hover(uri, at(script, "monitor_send_msg", 2));
        // the alias is the one libvirt's script writes (ProviderTapsetOracleIT: the fixture's tapset is its output)
        assertTrue(Files.readString(Corpora.repo().resolve("server/src/test/resources/provider/libvirt_probes.stp"))
                .contains("probe libvirt.qemu.monitor_send_msg = process(\"/usr/lib/x86_64-linux-gnu/libvirt/"
                        + "connection-driver/libvirt_driver_qemu.so\").mark(\"qemu_monitor_send_msg\") {\n"
                        + "  mon = $arg1;\n  msg = user_string($arg2);\n"));
        assertTrue(alias.contains("probe libvirt.qemu.monitor_send_msg = process(\"/usr/lib/libvirt/connection-driver"
                + "/libvirt_driver_qemu.so\").mark(\"qemu_monitor_send_msg\")"), alias);
        int line = at(providerText, "probe qemu_monitor_send_msg(", 0).getLine();
        assertTrue(alias.contains("From the probe at `" + provider + ":" + (line + 1) + "`"), alias);
        assertTrue(alias.contains("- `msg`: `const char * (read with user_string($arg2))`"), alias);
        String variable = hover(uri, at(script, "msg) }", 1));
        assertTrue(variable.startsWith("```stap\nstring msg\n```"), variable);

        List<? extends Location> where = lsp.server.getTextDocumentService().definition(new DefinitionParams(
                new TextDocumentIdentifier(uri), at(script, "client_msg_rx", 2))).get(60, TimeUnit.SECONDS).getLeft();
        assertEquals(1, where.size(), where.toString());
        assertEquals(provider.toUri().toString(), where.get(0).getUri());
        Position name = at(providerText, "rpc_client_msg_rx(", 0);
        assertEquals(name, where.get(0).getRange().getStart());
    }

    @Test
    void anUnsavedEditOfTheProviderFileAndTheSettingsChangeWhatScriptsSee() throws Exception {
        start("{\"defaultTapsets\": false}");
        String script = "probe libvirt.object.new { println(klassname) }\n";
        String uri = open(dir.resolve("objects.stp"), "systemtap", script);
        assertEquals(List.of(), lsp.nextDiagnostics(uri, 60).getDiagnostics());

        String d = open(provider, "d", providerText);
        change(d, 2, providerText.replace("probe object_new(", "probe object_create("));
        awaitCodes(uri, "1:stap-unknown-probe-point");
        change(d, 3, providerText);
        awaitCodes(uri, "");

        // another project's first word: its aliases are myproj.*, checked as libvirt.* were
        lsp.server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                JsonParser.parseString("{\"defaultTapsets\": false, \"providerPrefix\": \"myproj\"}")));
        change(uri, 2, "probe myproj.object.new { println(klassname) }\nprobe myproj.object.neww {}\n");
        awaitCodes(uri, "2:stap-unknown-probe-point");
        String alias = hover(uri, new Position(0, 15));
        assertTrue(alias.contains("probe myproj.object.new = process(\"/usr/lib/libvirt.so\").mark(\"object_new\")"),
                alias);
        assertFalse(lsp.stderr().contains("Exception"), lsp.stderr());
    }

    @Test
    void providerFilesOutsideTheWorkspaceComeFromTheSettings() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("scripts"));
        lsp = LspClient.start();
        String settings = "{\"defaultTapsets\": false, \"providerFiles\": [\"" + provider + "\"]}";
        lsp.initializeIn(settings, elsewhere);
        String text = "probe libvirt.rpc.tls_context_new { println(cacert, isServer) }\nprobe libvirt.rpc.tls {}\n";
        String uri = open(elsewhere.resolve("tls.stp"), "systemtap", text);
        awaitCodes(uri, "2:stap-unknown-probe-point");
        assertTrue(hover(uri, new Position(0, 20)).contains("From the probe at `" + provider + ":"));
        lsp.server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                JsonParser.parseString("{\"defaultTapsets\": false}")));
        assertNull(hover(uri, new Position(0, 20)));
    }

    @Test
    void aProviderFileCreatedOnDiskCountsOnceTheClientSaysSo() throws Exception {
        Files.delete(provider);
        start("{\"defaultTapsets\": false}");
        String uri = open(dir.resolve("later.stp"), "systemtap", "probe libvirt.rpc.client_new { println(refs) }\n"
                + "probe libvirt.rpc.client_old {}\n");
        // no provider file: libvirt.* is no alias stap would know of either (pass 2: probe point mismatch)
        assertEquals("1:stap-unknown-probe-point 2:stap-unknown-probe-point",
                codes(lsp.nextDiagnostics(uri, 60).getDiagnostics()));
        Files.writeString(provider, providerText);
        lsp.server.getWorkspaceService().didChangeWatchedFiles(new org.eclipse.lsp4j.DidChangeWatchedFilesParams(
                List.of(new org.eclipse.lsp4j.FileEvent(provider.toUri().toString(),
                        org.eclipse.lsp4j.FileChangeType.Created))));
        awaitCodes(uri, "2:stap-unknown-probe-point");
        // a D program saved beside it changes nothing for the scripts
        lsp.server.getWorkspaceService().didChangeWatchedFiles(new org.eclipse.lsp4j.DidChangeWatchedFilesParams(
                List.of(new org.eclipse.lsp4j.FileEvent(dir.resolve("app.d").toUri().toString(),
                        org.eclipse.lsp4j.FileChangeType.Changed))));
        Files.delete(provider);
        lsp.server.getWorkspaceService().didChangeWatchedFiles(new org.eclipse.lsp4j.DidChangeWatchedFilesParams(
                List.of(new org.eclipse.lsp4j.FileEvent(provider.toUri().toString(),
                        org.eclipse.lsp4j.FileChangeType.Deleted))));
        awaitCodes(uri, "1:stap-unknown-probe-point 2:stap-unknown-probe-point");
    }
}
