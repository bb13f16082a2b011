package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Fixture;
import io.tapls.testing.LspClient;
import io.tapls.text.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureHelpParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signature help, folding ranges and workspace symbols through JSON-RPC; {@code $0} is the cursor. */
class EditingAidsIT {
    @TempDir
    Path dir;
    private LspClient lsp;
    private int documents;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(dir.resolve("io"));
        Files.writeString(dir.resolve("io/trace-events"), "# io/task.c\nqio_task_new(void *task) \"task=%p\"\n"
                + "qio_task_done(void *task) \"task=%p\"\n\n# io/channel.c\nqio_channel_new(void *ioc) \"ioc=%p\"\n");
        Files.writeString(dir.resolve("lib.stp"), "function qio_count:long (a:long, b:string) { return a }\n");
        lsp = LspClient.start();
        lsp.initializeIn("{\"defaultTapsets\": false, \"tapsets\": [\"" + dir + "\"]}", dir);
    }

    @AfterEach
    void stop() {
        lsp.close();
    }

    private record Opened(String uri, Position cursor) {
    }

    private Opened open(String language, String marked) {
        Fixture fx = Fixture.parse(marked);
        String uri = dir.resolve("d" + (documents++) + (language.equals("systemtap") ? ".stp" : ".trace-events"))
                .toUri().toString();
        lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, language, 1, fx.text())));
        io.tapls.text.Position p = new SourceText(fx.text()).position(fx.cursor());
        return new Opened(uri, new Position(p.line(), p.character()));
    }

    private SignatureHelp signature(String marked) throws Exception {
        Opened o = open("systemtap", marked);
        return lsp.server.getTextDocumentService().signatureHelp(new SignatureHelpParams(
                new TextDocumentIdentifier(o.uri()), o.cursor())).get(30, TimeUnit.SECONDS);
    }

    @Test
    void signatureHelpShowsTheParametersAndWhichOneIsBeingTyped() throws Exception {
        SignatureHelp first = signature("probe begin { println(qio_count($0)) }\n");
        assertEquals("qio_count(a:long, b:string):long", first.getSignatures().get(0).getLabel());
        assertEquals(0, first.getActiveParameter());
        assertEquals(1, signature("probe begin { println(qio_count(1 + f(2, 3), $0)) }\n").getActiveParameter());
        assertNull(signature("probe begin { println(1) $0}\n"));
    }

    @Test
    void foldingRangesOfBodiesCommentsAndEventGroups() throws Exception {
        Opened script = open("systemtap", "/* a\n * comment\n */\nprobe begin {\n  println(1)\n}\n");
        List<FoldingRange> ranges = lsp.server.getTextDocumentService().foldingRange(new FoldingRangeRequestParams(
                new TextDocumentIdentifier(script.uri()))).get(30, TimeUnit.SECONDS);
        assertEquals(List.of("0-2 comment", "3-5 null"), ranges.stream().map(r -> r.getStartLine() + "-"
                + r.getEndLine() + " " + r.getKind()).sorted().toList());
        Opened events = open("trace-events", Files.readString(dir.resolve("io/trace-events")));
        assertEquals(List.of("0-2", "4-5"), lsp.server.getTextDocumentService().foldingRange(
                new FoldingRangeRequestParams(new TextDocumentIdentifier(events.uri()))).get(30, TimeUnit.SECONDS)
                .stream().map(r -> r.getStartLine() + "-" + r.getEndLine()).toList());
    }

    @Test
    void workspaceSymbolsFindEventsAndTheWorkspacesFunctions() throws Exception {
        var result = lsp.server.getWorkspaceService().symbol(new WorkspaceSymbolParams("qio_")).get(30,
                TimeUnit.SECONDS);
        List<String> names = result.getRight().stream().map(s -> s.getKind() + " " + s.getName()).sorted().toList();
        assertEquals(List.of("Event qio_channel_new", "Event qio_task_done", "Event qio_task_new",
                "Function qio_count"), names);
        assertTrue(result.getRight().stream().anyMatch(s -> s.getLocation().getLeft().getUri()
                .endsWith("io/trace-events") && s.getLocation().getLeft().getRange().getStart().getLine() == 1));
    }
}
