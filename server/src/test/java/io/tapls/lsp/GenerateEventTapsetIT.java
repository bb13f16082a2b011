package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.tapls.testing.Cli;
import io.tapls.testing.Fixture;
import io.tapls.testing.LspClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CreateFile;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceEditCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Generate log-probe tapset" for the one event at the cursor, through JSON-RPC: the two files it creates hold
 * what {@code tapls generate --install-set} writes for a trace-events file holding that event's line alone
 * (computed here by running it), under names of their own ({@code <exe>.<event>.stp},
 * {@code <exe>-log.<event>.stp}); an existing file is never touched but by the separate Regenerate action, and
 * only when tracetool wrote it. Errors on other lines do not stop it.
 */
class GenerateEventTapsetIT {
    /** Errors elsewhere (a refused type, a missing argument) stop the whole file's action, not this event's. */
    private static final String EVENTS = "# io/channel.c\n"
            + "qio_task_new(void *task, void *source, void *func, void *opaque) \"Task new task=%p source=%p\"\n"
            + "qio_$0open(const char *path, int flags, uint64_t size) \"path=%s flags=0x%x size=%\" PRIu64\n"
            + "disable qio_gone(int x) \"x=%d\"\n"
            + "qio_bad(hwaddr a) \"a=0x%\" PRIx64\n";
    private static final String BINARY = "/opt/qemu/bin/qemu-system-aarch64";
    private static final String BASE = "qemu-system-aarch64.qio_open.stp";
    private static final String LOG = "qemu-system-aarch64-log.qio_open.stp";

    @TempDir
    Path dir;
    private LspClient lsp;
    private String uri;
    private Fixture fx;

    @AfterEach
    void stop() {
        if (lsp != null) {
            lsp.close();
        }
    }

    private Path out() {
        return dir.resolve("tapsets");
    }

    private void start(boolean resourceOperations) throws Exception {
        fx = Fixture.parse(EVENTS);
        Path events = dir.resolve("io/trace-events");
        Files.createDirectories(events.getParent());
        Files.writeString(events, fx.text());
        lsp = LspClient.start();
        InitializeParams p = new InitializeParams();
        p.setWorkspaceFolders(List.of(new WorkspaceFolder(dir.toUri().toString(), "w")));
        p.setInitializationOptions(JsonParser.parseString("{\"defaultTapsets\": false, \"tapsetBinary\": \""
                + BINARY + "\", \"tapsetOutput\": \"" + out() + "\"}"));
        ClientCapabilities caps = new ClientCapabilities();
        WorkspaceClientCapabilities ws = new WorkspaceClientCapabilities();
        WorkspaceEditCapabilities edits = new WorkspaceEditCapabilities();
        edits.setDocumentChanges(true);
        if (resourceOperations) {
            edits.setResourceOperations(List.of("create", "rename", "delete"));
        }
        ws.setWorkspaceEdit(edits);
        caps.setWorkspace(ws);
        p.setCapabilities(caps);
        lsp.initializeWith(p);
        uri = events.toUri().toString();
        lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri,
                "trace-events", 1, fx.text())));
    }

    private List<CodeAction> tapsetActions(Position at) throws Exception {
        return lsp.server.getTextDocumentService().codeAction(new CodeActionParams(new TextDocumentIdentifier(uri),
                new Range(at, at), new CodeActionContext(List.of()))).get(30, TimeUnit.SECONDS).stream()
                .map(e -> e.getRight()).filter(a -> a.getTitle().contains("log-probe tapset")).toList();
    }

    private Position cursor() {
        return QuickFixesIT.position(fx.text(), fx.cursor());
    }

    /** What `tapls generate --install-set` writes for a file holding the event's line alone. */
    private Map<String, String> taplsGenerate(String line) throws Exception {
        Path alone = Files.createDirectories(dir.resolve("alone")).resolve("trace-events");
        Files.writeString(alone, line + "\n");
        Path set = dir.resolve("alone/set");
        Cli.Result r = Cli.run("generate", "--install-set", set.toString(), "--binary", BINARY, alone.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        return Map.of(BASE, Files.readString(set.resolve("qemu-system-aarch64.stp")),
                LOG, Files.readString(set.resolve("qemu-system-aarch64-log.stp")));
    }

    private static String line(String text, int line) {
        return text.split("\n", -1)[line];
    }

    @Test
    void createsWhatTaplsGenerateWritesForTheEventAlone() throws Exception {
        start(true);
        List<CodeAction> actions = tapsetActions(cursor());
        assertEquals(List.of("Generate log-probe tapset for 'qio_open'"), actions.stream().map(CodeAction::getTitle)
                .toList(), "and not the whole file's: other lines have errors");
        assertEquals("refactor", actions.get(0).getKind());
        Map<String, String> created = new TreeMap<>();
        String pending = null;
        for (var op : actions.get(0).getEdit().getDocumentChanges()) {
            if (op.isRight()) {
                CreateFile c = (CreateFile) op.getRight();
                assertFalse(c.getOptions().getIgnoreIfExists(),
                        "a create that fails on an existing file, not one followed by an edit of it");
                assertTrue(!Boolean.TRUE.equals(c.getOptions().getOverwrite()));
                pending = c.getUri();
            } else {
                assertEquals(pending, op.getLeft().getTextDocument().getUri());
                created.put(Path.of(java.net.URI.create(pending)).toString(),
                        op.getLeft().getEdits().get(0).getLeft().getNewText());
            }
        }
        Map<String, String> expected = new TreeMap<>();
        taplsGenerate(line(fx.text(), 2)).forEach((name, content) -> expected.put(out().resolve(name).toString(),
                content));
        assertEquals(expected, created);
        assertTrue(Files.notExists(out()), "the editor writes the files, not the server");
    }

    @Test
    void noActionOnACommentADisabledEventOrAnEventWithErrors() throws Exception {
        start(true);
        for (int line : new int[] {0, 3, 4}) {
            assertEquals(List.of(), tapsetActions(new Position(line, 3)), line(fx.text(), line));
        }
    }

    @Test
    void anExistingFileIsNeverTouchedAndRegenerateOnlyReplacesWhatTracetoolWrote() throws Exception {
        Files.createDirectories(out());
        Files.writeString(out().resolve(LOG), "# my own script\n");
        start(true);
        assertEquals(List.of(), tapsetActions(cursor()));
        Files.writeString(out().resolve(LOG), taplsGenerate(line(fx.text(), 2)).get(LOG).replace("flags", "old"));
        List<CodeAction> actions = tapsetActions(cursor());
        assertEquals(List.of("Regenerate log-probe tapset for 'qio_open' (overwrite)"), actions.stream()
                .map(CodeAction::getTitle).toList());
        for (var op : actions.get(0).getEdit().getDocumentChanges()) {
            if (op.isRight()) {
                assertTrue(((CreateFile) op.getRight()).getOptions().getOverwrite());
            }
        }
    }

    @Test
    void aClientWithoutFileCreationGetsACommandThatWritesTheSameFiles() throws Exception {
        start(false);
        CodeAction action = tapsetActions(cursor()).get(0);
        assertEquals("tapls.generateLogTapset", action.getCommand().getCommand());
        ExecuteCommandParams run = new ExecuteCommandParams(action.getCommand().getCommand(),
                action.getCommand().getArguments());
        lsp.server.getWorkspaceService().executeCommand(run).get(30, TimeUnit.SECONDS);
        Map<String, String> expected = taplsGenerate(line(fx.text(), 2));
        assertEquals(expected.get(BASE), Files.readString(out().resolve(BASE)));
        assertEquals(expected.get(LOG), Files.readString(out().resolve(LOG)));
        try (var files = Files.list(out())) {
            assertEquals(2, files.count(), "nothing but the event's two tapsets");
        }
        ExecutionException again = assertThrows(ExecutionException.class, () -> lsp.server.getWorkspaceService()
                .executeCommand(run).get(30, TimeUnit.SECONDS));
        assertTrue(((ResponseErrorException) again.getCause()).getMessage().contains("exists"));
        assertEquals(expected.get(LOG), Files.readString(out().resolve(LOG)));
    }
}
