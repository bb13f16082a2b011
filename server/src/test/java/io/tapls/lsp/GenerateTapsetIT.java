package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.tapls.testing.Corpora;
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
import org.eclipse.lsp4j.CodeActionKind;
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
 * The "Generate log-probe tapset" action through JSON-RPC: the files it creates are tracetool's own outputs for
 * the file (../shared/corpus/qemu/expected, made by QEMU's tracetool), byte for byte; an existing file is never
 * touched, except by "Regenerate" and only when tracetool wrote it.
 */
class GenerateTapsetIT {
    private static final String LOG = "qemu-system-x86_64-log.stp";
    private static final String BASE = "qemu-system-x86_64.stp";

    @TempDir
    Path dir;
    private LspClient lsp;
    private String uri;

    @AfterEach
    void stop() {
        if (lsp != null) {
            lsp.close();
        }
    }

    private void start(boolean resourceOperations) throws Exception {
        start(resourceOperations, false);
    }

    private void start(boolean resourceOperations, boolean resolveEdits) throws Exception {
        Path events = dir.resolve("io/trace-events");
        Files.createDirectories(events.getParent());
        Files.copy(Corpora.qemuCorpus().resolve("trace-events/io/trace-events"), events);
        lsp = LspClient.start();
        InitializeParams p = new InitializeParams();
        p.setWorkspaceFolders(List.of(new WorkspaceFolder(dir.toUri().toString(), "w")));
        p.setInitializationOptions(JsonParser.parseString("{\"defaultTapsets\": false}"));
        ClientCapabilities caps = new ClientCapabilities();
        WorkspaceClientCapabilities ws = new WorkspaceClientCapabilities();
        WorkspaceEditCapabilities edits = new WorkspaceEditCapabilities();
        edits.setDocumentChanges(true);
        if (resourceOperations) {
            edits.setResourceOperations(List.of("create", "rename", "delete"));
        }
        ws.setWorkspaceEdit(edits);
        caps.setWorkspace(ws);
        if (resolveEdits) {
            org.eclipse.lsp4j.CodeActionCapabilities codeActions = new org.eclipse.lsp4j.CodeActionCapabilities();
            codeActions.setResolveSupport(new org.eclipse.lsp4j.CodeActionResolveSupportCapabilities(List.of("edit")));
            org.eclipse.lsp4j.TextDocumentClientCapabilities text = new org.eclipse.lsp4j.TextDocumentClientCapabilities();
            text.setCodeAction(codeActions);
            caps.setTextDocument(text);
        }
        p.setCapabilities(caps);
        lsp.initializeWith(p);
        uri = events.toUri().toString();
        lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri,
                "trace-events", 1, Files.readString(events))));
    }

    private List<CodeAction> sourceActions() throws Exception {
        CodeActionContext context = new CodeActionContext(List.of());
        context.setOnly(List.of(CodeActionKind.Source));
        return lsp.server.getTextDocumentService().codeAction(new CodeActionParams(new TextDocumentIdentifier(uri),
                new Range(new Position(0, 0), new Position(0, 0)), context)).get(30, TimeUnit.SECONDS).stream()
                .map(e -> e.getRight()).filter(a -> a.getTitle().contains("log-probe tapset")).toList();
    }

    private static String tracetool(String format) throws Exception {
        return Files.readString(Corpora.qemuCorpus().resolve("expected/" + format + "/io/trace-events"));
    }

    @Test
    void createsTracetoolsTapsetsThroughTheEdit() throws Exception {
        start(true);
        assertCreatesTracetoolsTapsets(sourceActions());
    }

    @Test
    void aClientThatResolvesEditsGetsTheFilesOnlyForThePickedAction() throws Exception {
        start(true, true);
        List<CodeAction> listed = sourceActions();
        assertEquals(List.of("Generate log-probe tapset"), listed.stream().map(CodeAction::getTitle).toList());
        assertEquals(null, listed.get(0).getEdit(), "the list carries titles, not the files' text");
        CodeAction resolved = lsp.server.getTextDocumentService().resolveCodeAction(listed.get(0))
                .get(30, TimeUnit.SECONDS);
        assertCreatesTracetoolsTapsets(List.of(resolved));
    }

    private void assertCreatesTracetoolsTapsets(List<CodeAction> actions) throws Exception {
        assertEquals(List.of("Generate log-probe tapset"), actions.stream().map(CodeAction::getTitle).toList());
        Map<String, String> created = new TreeMap<>();
        String pending = null;
        for (var op : actions.get(0).getEdit().getDocumentChanges()) {
            if (op.isRight()) {
                CreateFile c = (CreateFile) op.getRight();
                assertFalse(c.getOptions().getIgnoreIfExists(),
                        "a create that fails on an existing file, not one followed by an edit of it");
                pending = c.getUri();
            } else {
                assertEquals(pending, op.getLeft().getTextDocument().getUri());
                created.put(pending.substring(pending.lastIndexOf('/') + 1),
                        op.getLeft().getEdits().get(0).getLeft().getNewText());
            }
        }
        assertEquals(Map.of(LOG, tracetool("log-stap"), BASE, tracetool("stap")), created);
        assertTrue(Files.notExists(dir.resolve(LOG)), "the editor writes the files, not the server");
    }

    @Test
    void anExistingFileIsNeverTouchedAndRegenerateOnlyReplacesWhatTracetoolWrote() throws Exception {
        Files.writeString(dir.resolve(LOG), "# my own script\n");
        start(true);
        assertEquals(List.of(), sourceActions());
        Files.writeString(dir.resolve(LOG), tracetool("log-stap").replace("qio_task_new", "old_name"));
        List<CodeAction> actions = sourceActions();
        assertEquals(List.of("Regenerate log-probe tapset (overwrite)"), actions.stream().map(CodeAction::getTitle)
                .toList());
        assertTrue(((CreateFile) actions.get(0).getEdit().getDocumentChanges().get(0).getRight()).getOptions()
                .getOverwrite());
    }

    @Test
    void aClientWithoutFileCreationGetsACommandThatWritesTheSameFiles() throws Exception {
        start(false);
        CodeAction action = sourceActions().get(0);
        assertEquals("tapls.generateLogTapset", action.getCommand().getCommand());
        lsp.server.getWorkspaceService().executeCommand(new ExecuteCommandParams(action.getCommand().getCommand(),
                action.getCommand().getArguments())).get(30, TimeUnit.SECONDS);
        assertEquals(tracetool("log-stap"), Files.readString(dir.resolve(LOG)));
        assertEquals(tracetool("stap"), Files.readString(dir.resolve(BASE)));
        ExecutionException again = assertThrows(ExecutionException.class, () -> lsp.server.getWorkspaceService()
                .executeCommand(new ExecuteCommandParams(action.getCommand().getCommand(),
                        action.getCommand().getArguments())).get(30, TimeUnit.SECONDS));
        assertTrue(((ResponseErrorException) again.getCause()).getMessage().contains("exists"));
        assertEquals(tracetool("log-stap"), Files.readString(dir.resolve(LOG)));
    }
}
