package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.CallSiteTree;
import io.tapls.testing.Cli;
import io.tapls.testing.LspClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeWatchedFilesCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.WindowClientCapabilities;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event's C call sites through JSON-RPC on the real jar, over a copy of the fixture tree
 * (src/test/resources/callsites/tree): the unused-event warnings and their quick fix, the same warnings from
 * `tapls check`, references, hover, rename (and its refusals), and C files changed on disk.
 */
class CallSitesIT {
    @TempDir
    Path dir;
    private LspClient lsp;

    @BeforeEach
    void start() throws Exception {
        CallSiteTree.copyTo(dir);
        lsp = LspClient.start();
        InitializeParams p = new InitializeParams();
        p.setWorkspaceFolders(List.of(new WorkspaceFolder(dir.toUri().toString(), "tree")));
        p.setInitializationOptions(com.google.gson.JsonParser.parseString("{\"defaultTapsets\": false}"));
        ClientCapabilities caps = new ClientCapabilities();
        WorkspaceClientCapabilities ws = new WorkspaceClientCapabilities();
        ws.setDidChangeWatchedFiles(new DidChangeWatchedFilesCapabilities(true));
        caps.setWorkspace(ws);
        WindowClientCapabilities window = new WindowClientCapabilities();
        window.setWorkDoneProgress(true);
        caps.setWindow(window);
        p.setCapabilities(caps);
        lsp.initializeWith(p);
    }

    @AfterEach
    void stop() {
        if (lsp != null) {
            lsp.close();
        }
    }

    private String open(String relative) throws Exception {
        Path f = dir.resolve(relative);
        String uri = f.toUri().toString();
        lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri,
                relative.endsWith(".stp") ? "systemtap" : "trace-events", 1, Files.readString(f))));
        return uri;
    }

    private String where(Location l) {
        return dir.relativize(Path.of(java.net.URI.create(l.getUri()))) + ":" + l.getRange().getStart().getLine()
                + ":" + l.getRange().getStart().getCharacter() + "-" + l.getRange().getEnd().getLine() + ":"
                + l.getRange().getEnd().getCharacter();
    }

    /** "line:col message" of each unused-event warning. */
    private static List<String> unused(PublishDiagnosticsParams p) {
        List<String> out = new ArrayList<>();
        for (Diagnostic d : p.getDiagnostics()) {
            if (d.getCode().getLeft().equals("unused-event")) {
                out.add((d.getRange().getStart().getLine() + 1) + ":" + (d.getRange().getStart().getCharacter() + 1)
                        + " " + d.getMessage().getLeft());
            }
        }
        return out;
    }

    private static String message(String event) {
        return "event '" + event + "' is not used: no C file in this directory or the directories just below it"
                + " calls trace_" + event + "() or uses another of its names; scripts/cleanup-trace-events.pl would"
                + " delete it";
    }

    @Test
    void unusedEventsAsTheServerAndTheCheckCommandSeeThem() throws Exception {
        assertEquals("register workspace/didChangeWatchedFiles", lsp.nextEvent("register", 10));
        String end = lsp.nextEvent("progress end", 30);
        while (!end.contains("C files")) {
            end = lsp.nextEvent("progress end", 30); // the tapset library's comes first or after
        }
        assertTrue(end.matches("progress end 7 C files, \\d+ ms"), end);
        String uri = open("hw/usb/trace-events");
        List<String> expected = List.of("6:1 " + message("usb_uhci"), "7:1 " + message("usb_uhci_comment_only"),
                "8:1 " + message("usb_uhci_string_only"), "12:1 " + message("usb_uhci_pasted"),
                "13:1 " + message("usb_uhci_unused"), "17:1 " + message("usb_host_deep"),
                "18:1 " + message("usb_host_elsewhere"));
        assertEquals(expected, unused(lsp.nextDiagnostics(uri)));

        // tapls check: the same warnings, in gcc's format.
        Cli.Result cli = Cli.runIn(dir, "check", "--color", "never", "hw/usb/trace-events");
        assertEquals(0, cli.exitCode(), cli.stderr());
        assertEquals(expected.stream().map(s -> "hw/usb/trace-events:" + s.replaceFirst(" ", ": warning: ")
                + " [unused-event]").toList(), cli.stdout().lines().filter(l -> l.contains("[unused-event]")).toList());
        // Nothing to say where no C file is near.
        assertEquals("", Cli.runIn(dir, "check", "nocode/trace-events").stdout());

        // The quick fix deletes the line.
        List<CodeAction> fixes = lsp.server.getTextDocumentService().codeAction(new CodeActionParams(
                new TextDocumentIdentifier(uri), new Range(new Position(12, 3), new Position(12, 3)),
                new CodeActionContext(List.of(), List.of(CodeActionKind.QuickFix)))).get(30, TimeUnit.SECONDS)
                .stream().map(e -> e.getRight()).toList();
        assertEquals(List.of("Delete the unused event 'usb_uhci_unused'"), fixes.stream().map(CodeAction::getTitle)
                .toList());
        var edit = fixes.get(0).getEdit().getChanges().get(uri).get(0);
        assertEquals(new Range(new Position(12, 0), new Position(13, 0)), edit.getRange());
        assertEquals("", edit.getNewText());
    }

    @Test
    void aCFileChangedOnDiskChangesTheVerdicts() throws Exception {
        String uri = open("hw/usb/trace-events");
        assertTrue(unused(lsp.nextDiagnostics(uri)).contains("13:1 " + message("usb_uhci_unused")));
        Path c = dir.resolve("hw/usb/host/more.c");
        Files.writeString(c, "void more(void)\n{\n    trace_usb_uhci_unused(1);\n}\n");
        lsp.server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(List.of(
                new FileEvent(c.toUri().toString(), FileChangeType.Created))));
        assertEquals(6, unused(lsp.nextDiagnostics(uri)).size());
        List<? extends Location> refs = lsp.server.getTextDocumentService().references(new ReferenceParams(
                new TextDocumentIdentifier(uri), new Position(12, 5), new ReferenceContext(false)))
                .get(30, TimeUnit.SECONDS);
        assertEquals(List.of("hw/usb/host/more.c:2:4-2:25"), refs.stream().map(this::where).toList());
        Files.delete(c);
        lsp.server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(List.of(
                new FileEvent(c.toUri().toString(), FileChangeType.Deleted))));
        assertEquals(7, unused(lsp.nextDiagnostics(uri)).size());
    }

    @Test
    void referencesAndHover() throws Exception {
        String uri = open("hw/usb/trace-events");
        List<? extends Location> refs = lsp.server.getTextDocumentService().references(new ReferenceParams(
                new TextDocumentIdentifier(uri), new Position(3, 4), new ReferenceContext(true)))
                .get(30, TimeUnit.SECONDS);
        assertEquals(List.of("hw/usb/trace-events:3:0-3:14", "hw/usb/dev-uhci.c:9:4-9:24", "scripts/usb.stp:0:6-0:39",
                "scripts/usb.stp:1:6-1:43", "scripts/usb.stp:2:6-2:36"), refs.stream().map(this::where).toList());
        String hover = lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri),
                new Position(4, 3))).get(30, TimeUnit.SECONDS).getContents().getRight().getValue();
        assertTrue(hover.endsWith("\n\n1 call site in C: `hw/usb/hcd-uhci.h:7`"), hover);

        String script = open("scripts/usb.stp");
        hover = lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(script),
                new Position(0, 30))).get(30, TimeUnit.SECONDS).getContents().getRight().getValue();
        assertTrue(hover.endsWith("\n\n1 call site in C: `hw/usb/dev-uhci.c:10`"), hover);
    }

    /** path → "line:col-line:col newText" of a workspace edit. */
    private Map<String, List<String>> edits(WorkspaceEdit e) {
        Map<String, List<String>> out = new TreeMap<>();
        e.getChanges().forEach((uri, list) -> out.put(dir.relativize(Path.of(java.net.URI.create(uri))).toString(),
                list.stream().map(x -> x.getRange().getStart().getLine() + ":" + x.getRange().getStart().getCharacter()
                        + "-" + x.getRange().getEnd().getLine() + ":" + x.getRange().getEnd().getCharacter() + " "
                        + x.getNewText()).toList()));
        return out;
    }

    @Test
    void renameAnEventFromItsLineOrFromAScript() throws Exception {
        String uri = open("hw/usb/trace-events");
        var prepared = lsp.server.getTextDocumentService().prepareRename(new PrepareRenameParams(
                new TextDocumentIdentifier(uri), new Position(4, 6))).get(30, TimeUnit.SECONDS).getSecond();
        assertEquals("usb_uhci_frame", prepared.getPlaceholder());
        assertEquals(new Range(new Position(4, 0), new Position(4, 14)), prepared.getRange());
        WorkspaceEdit edit = lsp.server.getTextDocumentService().rename(new RenameParams(
                new TextDocumentIdentifier(uri), new Position(4, 6), "usb_uhci_sof")).get(30, TimeUnit.SECONDS);
        assertEquals(Map.of("hw/usb/trace-events", List.of("4:0-4:14 usb_uhci_sof"),
                "hw/usb/hcd-uhci.h", List.of("6:8-6:28 trace_usb_uhci_sof"),
                "scripts/usb.stp", List.of("1:76-1:90 usb_uhci_sof")), edits(edit));

        String script = open("scripts/usb.stp");
        prepared = lsp.server.getTextDocumentService().prepareRename(new PrepareRenameParams(
                new TextDocumentIdentifier(script), new Position(0, 10))).get(30, TimeUnit.SECONDS).getSecond();
        assertEquals("usb_uhci_reset", prepared.getPlaceholder());
        assertEquals(new Range(new Position(0, 25), new Position(0, 39)), prepared.getRange());
        edit = lsp.server.getTextDocumentService().rename(new RenameParams(new TextDocumentIdentifier(script),
                new Position(0, 30), "usb_uhci_port_reset")).get(30, TimeUnit.SECONDS);
        assertEquals(Map.of("hw/usb/trace-events", List.of("3:0-3:14 usb_uhci_port_reset"),
                "hw/usb/dev-uhci.c", List.of("9:4-9:24 trace_usb_uhci_port_reset"),
                "scripts/usb.stp", List.of("0:25-0:39 usb_uhci_port_reset", "1:29-1:43 usb_uhci_port_reset",
                        "3:42-3:56 usb_uhci_port_reset")), // process("qemu-system-x86_64").mark("usb_uhci_reset")
                edits(edit));

        // Refused, with the reason as the error's message.
        ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> lsp.server.getTextDocumentService().rename(new RenameParams(new TextDocumentIdentifier(uri),
                        new Position(3, 2), "usb_host_open")).get(30, TimeUnit.SECONDS));
        ResponseErrorException e = assertInstanceOf(ResponseErrorException.class, refused.getCause());
        assertTrue(e.getMessage().startsWith("'usb_host_open' is taken: event 'usb_host_open' is declared at "),
                e.getMessage());
        refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> lsp.server.getTextDocumentService().rename(new RenameParams(new TextDocumentIdentifier(uri),
                        new Position(3, 2), "usb reset")).get(30, TimeUnit.SECONDS));
        assertTrue(refused.getCause().getMessage().startsWith("'usb reset' is not a valid event name"));
    }
}
