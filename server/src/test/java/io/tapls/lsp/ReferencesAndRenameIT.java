package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tapls.testing.LspClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentHighlightParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** References, highlights and rename across a workspace's scripts, through JSON-RPC on the real jar. */
class ReferencesAndRenameIT {
    @TempDir
    Path dir;
    private LspClient lsp;

    @AfterEach
    void stop() {
        if (lsp != null) {
            lsp.close();
        }
    }

    private String write(String relative, String text) throws Exception {
        Path f = dir.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f.toUri().toString();
    }

    private void startServer() throws Exception {
        lsp = LspClient.start();
        lsp.initializeIn("{\"defaultTapsets\": false}", dir);
    }

    private void open(String uri, String language) throws Exception {
        lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, language,
                1, Files.readString(Path.of(java.net.URI.create(uri))))));
    }

    private static String where(Location l) {
        return l.getUri().substring(l.getUri().lastIndexOf('/') + 1) + ":" + l.getRange().getStart().getLine() + ":"
                + l.getRange().getStart().getCharacter() + "-" + l.getRange().getEnd().getCharacter();
    }

    @Test
    void anEventsUsesUnderItsThreeNamesAndWildcards() throws Exception {
        String events = write("io/trace-events", "qio_task_new(void *task) \"task=%p\"\n"
                + "qio_task_done(void *task) \"task=%p\"\n");
        write("a.stp", "probe qemu.system.x86_64.qio_task_new { println(task) }\n");
        write("b.stp", "probe begin {}\nprobe qemu.system.x86_64.log.qio_task_new, qemu.system.x86_64.log.qio_task_done"
                + " {}\n");
        write("c.stp", "probe qemu.system.x86_64.simpletrace.qio_task_* {}\n");
        write("d.stp", "probe qemu.system.x86_64.qio_task_done {}\n");
        startServer();
        open(events, "trace-events");
        List<? extends Location> refs = lsp.server.getTextDocumentService().references(new ReferenceParams(
                new TextDocumentIdentifier(events), new Position(0, 3), new ReferenceContext(false)))
                .get(30, TimeUnit.SECONDS);
        assertEquals(new TreeSet<>(List.of("a.stp:0:6-37", "b.stp:1:6-41", "c.stp:0:6-47")),
                new TreeSet<>(refs.stream().map(ReferencesAndRenameIT::where).toList()));
        List<? extends Location> withDeclaration = lsp.server.getTextDocumentService().references(
                new ReferenceParams(new TextDocumentIdentifier(events), new Position(0, 3), new ReferenceContext(true)))
                .get(30, TimeUnit.SECONDS);
        assertEquals(4, withDeclaration.size());

        // From a script: the same event through another of its names.
        String a = dir.resolve("a.stp").toUri().toString();
        open(a, "systemtap");
        List<? extends Location> fromScript = lsp.server.getTextDocumentService().references(new ReferenceParams(
                new TextDocumentIdentifier(a), new Position(0, 30), new ReferenceContext(false)))
                .get(30, TimeUnit.SECONDS);
        assertEquals(3, fromScript.size(), fromScript.toString());
    }

    @Test
    void renamingAGlobalEditsEveryScriptThatUsesIt() throws Exception {
        String a = write("a.stp", "global count\nprobe begin { count = 1 }\nfunction f(count) { return count }\n");
        write("b.stp", "probe end { println(count, f(2)) }\n");
        startServer();
        open(a, "systemtap");
        WorkspaceEdit edit = lsp.server.getTextDocumentService().rename(new RenameParams(
                new TextDocumentIdentifier(a), new Position(1, 15), "total")).get(30, TimeUnit.SECONDS);
        Map<String, List<String>> byFile = new TreeMap<>();
        edit.getChanges().forEach((uri, edits) -> byFile.put(uri.substring(uri.lastIndexOf('/') + 1),
                edits.stream().map(e -> e.getRange().getStart().getLine() + ":" + e.getRange().getStart()
                        .getCharacter() + " " + e.getNewText()).toList()));
        // The parameter 'count' of f is another variable: untouched.
        assertEquals(List.of("a.stp", "b.stp"), List.copyOf(byFile.keySet()));
        assertEquals(List.of("0:7 total", "1:14 total"), byFile.get("a.stp"));
        assertEquals(List.of("0:20 total"), byFile.get("b.stp"));
    }

    @Test
    void renamingAFunctionAndALocal() throws Exception {
        String a = write("a.stp", "function twice(x) { return 2 * x }\nprobe begin { n = twice(2); println(n) }\n");
        String b = write("b.stp", "probe end { n = 3; println(twice(n)) }\n");
        startServer();
        open(a, "systemtap");
        WorkspaceEdit fn = lsp.server.getTextDocumentService().rename(new RenameParams(
                new TextDocumentIdentifier(a), new Position(1, 20), "double")).get(30, TimeUnit.SECONDS);
        assertEquals(2, fn.getChanges().get(a).size());
        assertEquals(1, fn.getChanges().get(b).size());
        WorkspaceEdit local = lsp.server.getTextDocumentService().rename(new RenameParams(
                new TextDocumentIdentifier(a), new Position(1, 14), "m")).get(30, TimeUnit.SECONDS);
        assertEquals(List.of(a), List.copyOf(local.getChanges().keySet()), "a local stays in its probe");
        assertEquals(List.of(14, 36), local.getChanges().get(a).stream().map(TextEdit::getRange)
                .map(r -> r.getStart().getCharacter()).toList());
        assertEquals(2, lsp.server.getTextDocumentService().documentHighlight(new DocumentHighlightParams(
                new TextDocumentIdentifier(a), new Position(1, 14))).get(30, TimeUnit.SECONDS).size());
        assertNull(lsp.server.getTextDocumentService().prepareRename(new org.eclipse.lsp4j.PrepareRenameParams(
                new TextDocumentIdentifier(a), new Position(1, 8))).get(30, TimeUnit.SECONDS));
    }
}
