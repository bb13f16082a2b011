package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import io.tapls.testing.LspClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeConfigurationCapabilities;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WindowClientCapabilities;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's workspace through JSON-RPC: scripts are checked against the aliases tracetool would generate from
 * the workspace's trace-events files, on disk or open and unsaved, with the settings the editor sends; the CLI
 * says the same of the same files.
 */
class WorkspaceProtocolIT {
    private static final String EVENTS = "qio_task_new(void *task, void *source, void *func, void *opaque)"
            + " \"task=%p source=%p func=%p opaque=%p\"\n";
    private static final String SCRIPT = "probe qemu.system.x86_64.qio_task_nwe { println(task) }\n";
    private static final String NO_LIBRARY = "{\"defaultTapsets\": false}";

    @TempDir
    Path dir;
    private LspClient lsp;

    @BeforeEach
    void start() throws Exception {
        lsp = LspClient.start();
    }

    @AfterEach
    void stop() {
        lsp.close();
    }

    private void initialize(String settings) throws Exception {
        InitializeParams p = new InitializeParams();
        p.setWorkspaceFolders(List.of(new WorkspaceFolder(dir.toUri().toString(), "w")));
        p.setInitializationOptions(settings == null ? null : JsonParser.parseString(settings));
        ClientCapabilities caps = new ClientCapabilities();
        WorkspaceClientCapabilities ws = new WorkspaceClientCapabilities();
        ws.setDidChangeWatchedFiles(new DidChangeWatchedFilesCapabilities(true));
        ws.setDidChangeConfiguration(new DidChangeConfigurationCapabilities(false));
        caps.setWorkspace(ws);
        WindowClientCapabilities window = new WindowClientCapabilities();
        window.setWorkDoneProgress(true);
        caps.setWindow(window);
        p.setCapabilities(caps);
        lsp.initializeWith(p);
    }

    private String write(String relative, String text) throws Exception {
        Path f = dir.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f.toUri().toString();
    }

    private void open(String uri, String languageId, String text) {
        lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, languageId, 1, text)));
    }

    private void replaceAll(String uri, int version, String text) {
        lsp.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version), List.of(new TextDocumentContentChangeEvent(text))));
    }

    private static String rules(PublishDiagnosticsParams p) {
        return p.getDiagnostics().stream().map(d -> d.getCode().getLeft() + ": " + d.getMessage().getLeft())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void aScriptIsCheckedAgainstTheWorkspacesTraceEventsLikeTheCliChecksIt() throws Exception {
        write("io/trace-events", EVENTS);
        String script = write("tasks.stp", SCRIPT);
        initialize(NO_LIBRARY);
        open(script, "systemtap", SCRIPT);
        PublishDiagnosticsParams p = lsp.nextDiagnostics(script);
        assertEquals(1, p.getDiagnostics().size(), rules(p));
        assertEquals("stap-unknown-probe-point", p.getDiagnostics().get(0).getCode().getLeft());
        assertTrue(p.getDiagnostics().get(0).getMessage().getLeft().startsWith("probe point mismatch (similar: "
                + "qio_task_new) (no alias 'qemu.system.x86_64.qio_task_nwe')"), rules(p));

        Cli.Result cli = Cli.run("check", "--format", "json", "--no-default-tapsets", dir.toString());
        JsonObject file = JsonParser.parseString(cli.stdout()).getAsJsonObject().getAsJsonArray("files").asList()
                .stream().map(f -> f.getAsJsonObject())
                .filter(f -> f.get("path").getAsString().endsWith("tasks.stp")).findFirst().orElseThrow();
        JsonObject d = file.getAsJsonArray("diagnostics").get(0).getAsJsonObject();
        assertEquals(p.getDiagnostics().get(0).getMessage().getLeft(), d.get("message").getAsString());
        assertEquals(p.getDiagnostics().get(0).getRange().getStart().getCharacter(),
                d.getAsJsonObject("range").getAsJsonObject("start").get("offset").getAsInt());
    }

    @Test
    void anUnsavedEditOfATraceEventsFileChangesWhatScriptsSee() throws Exception {
        String events = write("io/trace-events", EVENTS);
        String script = write("tasks.stp", SCRIPT);
        initialize(NO_LIBRARY);
        open(script, "systemtap", SCRIPT);
        assertEquals(1, lsp.nextDiagnostics(script).getDiagnostics().size());

        open(events, "trace-events", EVENTS);
        replaceAll(events, 2, EVENTS.replace("qio_task_new", "qio_task_nwe"));
        PublishDiagnosticsParams fixed = lsp.nextDiagnostics(script);
        assertEquals(List.of(), fixed.getDiagnostics(), rules(fixed));

        replaceAll(events, 3, EVENTS);
        PublishDiagnosticsParams broken = lsp.nextDiagnostics(script);
        assertEquals(1, broken.getDiagnostics().size(), rules(broken));

        // Closing the buffer discards the unsaved edit: the file on disk counts again.
        replaceAll(events, 4, EVENTS.replace("qio_task_new", "qio_task_nwe"));
        assertEquals(List.of(), lsp.nextDiagnostics(script).getDiagnostics());
        lsp.server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(events)));
        assertEquals(1, lsp.nextDiagnostics(script).getDiagnostics().size());
    }

    @Test
    void aTraceEventsFileCreatedOnDiskIsSeenOnceTheEditorReportsIt() throws Exception {
        write("io/trace-events", EVENTS);
        String script = write("tasks.stp", SCRIPT);
        initialize(NO_LIBRARY);
        assertEquals("register workspace/didChangeWatchedFiles", lsp.nextEvent("register", 10));
        open(script, "systemtap", SCRIPT);
        assertEquals(1, lsp.nextDiagnostics(script).getDiagnostics().size());

        String created = write("util/trace-events", "qio_task_nwe(void *task) \"task=%p\"\n");
        lsp.server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(
                List.of(new FileEvent(created, FileChangeType.Created))));
        assertEquals(List.of(), lsp.nextDiagnostics(script).getDiagnostics());
    }

    @Test
    void theSystemtapLanguageIdMakesAnyBufferAScript() throws Exception {
        initialize(NO_LIBRARY);
        String untitled = "untitled:Untitled-1";
        open(untitled, "systemtap", "probe begin { printf(\"%lld\\n\", 1) }\n");
        PublishDiagnosticsParams p = lsp.nextDiagnostics(untitled);
        assertEquals(List.of("stap-printf-format"), p.getDiagnostics().stream().map(d -> d.getCode().getLeft())
                .toList(), rules(p));
        // An extension-less file that the editor recognised by its #! line
        String shebang = write("trace-qio", "#!/usr/bin/stap\nprobe begin { printf(\"%lld\\n\", 1) }\n");
        open(shebang, "systemtap", "#!/usr/bin/stap\nprobe begin { printf(\"%lld\\n\", 1) }\n");
        assertEquals(1, lsp.nextDiagnostics(shebang).getDiagnostics().size());
    }

    @Test
    void theQemuVersionSettingDecidesWhatALegacyVcpuEventBinds() throws Exception {
        write("hw/trace-events", "vcpu guest_op(int x) \"x=%d\"\n");
        String scriptText = "probe qemu.system.x86_64.guest_op { println(__cpu, x) }\n";
        String script = write("op.stp", scriptText);
        initialize("{\"defaultTapsets\": false, \"qemuVersion\": \"7.2\"}");
        open(script, "systemtap", scriptText);
        PublishDiagnosticsParams old = lsp.nextDiagnostics(script);
        assertEquals(List.of(), old.getDiagnostics(), rules(old));

        lsp.server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                JsonParser.parseString("{\"tapls\": {\"defaultTapsets\": false}}")));
        PublishDiagnosticsParams current = lsp.nextDiagnostics(script);
        assertTrue(rules(current).contains("never-assigned local variable '__cpu'"), rules(current));
    }

    @Test
    void indexingTheLibraryDelaysNoOtherDocumentAndReportsProgress() throws Exception {
        Corpora.require(Path.of("/usr/share/systemtap/tapset"), "Debian's systemtap-common");
        String script = write("tasks.stp", "probe begin { println(execname()) }\n");
        String events = write("io/trace-events", EVENTS);
        // A server whose library index is built from the files, not read back from the disk cache (a
        // second's work rather than a tenth's): the case where waiting for it would show.
        lsp.close();
        lsp = LspClient.start(java.util.Map.of("TAPLS_CACHE_DIR", "off"));
        initialize(null);
        open(script, "systemtap", "probe begin { println(execname()) }\n");
        open(events, "trace-events", EVENTS);
        List<String> order = new java.util.ArrayList<>();
        while (order.size() < 4) {
            String e = lsp.nextEvent("", 30);
            if (e.startsWith("progress") || e.startsWith("diagnostics")) {
                order.add(e.replaceFirst("^(progress [a-z]+).*", "$1").replace(dir.toUri().toString(), ""));
            }
        }
        // The library's index is built once, in the background: the trace-events file's diagnostics do not
        // wait for it, the script's follow it.
        assertEquals(List.of("progress begin", "diagnostics io/trace-events", "progress end", "diagnostics tasks.stp"),
                order);
    }
}
