package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import io.tapls.testing.Fixture;
import io.tapls.testing.LspClient;
import io.tapls.testing.StapOracle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceEditCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Add a probe for this event" through JSON-RPC: on an event's line, one action per script of the workspace,
 * nearest to the trace-events file first (open ones with their unsaved text; tracetool's generated tapsets
 * left out), appending {@code probe PREFIX.EVENT} with the printf "Insert a printf of all variables" writes for
 * that probe; and one that creates {@code EVENT.stp} beside the trace-events file. With stap, the probe
 * elaborates against the tapset "Generate log-probe tapset" writes for the event.
 */
class AddProbeIT {
    private static final String EVENTS = "# hw/net/net.c\n"
            + "net_$0open(const char *path, int flags, uint64_t size, void *opaque) \"path=%s flags=0x%x size=%\""
            + " PRIu64 \" opaque=%p\"\n"
            + "disable net_gone(int x) \"x=%d\"\n";
    private static final String PROBE = "probe qemu.system.x86_64.net_open {\n"
            + "    printf(\"net_open path=%s flags=%d size=%d opaque=%p\\n\", user_string_n(path, 512), flags, size,"
            + " opaque)\n"
            + "}\n";

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

    private void start(String settings, boolean resourceOperations) throws Exception {
        fx = Fixture.parse(EVENTS);
        Path events = dir.resolve("hw/net/trace-events");
        Files.createDirectories(events.getParent());
        Files.writeString(events, fx.text());
        lsp = LspClient.start();
        InitializeParams p = new InitializeParams();
        p.setWorkspaceFolders(List.of(new WorkspaceFolder(dir.toUri().toString(), "w")));
        p.setInitializationOptions(JsonParser.parseString(settings));
        ClientCapabilities caps = new ClientCapabilities();
        WorkspaceClientCapabilities ws = new WorkspaceClientCapabilities();
        WorkspaceEditCapabilities edits = new WorkspaceEditCapabilities();
        edits.setDocumentChanges(true);
        if (resourceOperations) {
            edits.setResourceOperations(List.of("create"));
        }
        ws.setWorkspaceEdit(edits);
        caps.setWorkspace(ws);
        p.setCapabilities(caps);
        lsp.initializeWith(p);
        uri = events.toUri().toString();
        open(uri, "trace-events", fx.text());
    }

    private void open(String u, String language, String text) {
        lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(u, language, 1,
                text)));
    }

    private List<CodeAction> actions(String u, Position at, String titled) throws Exception {
        return lsp.server.getTextDocumentService().codeAction(new CodeActionParams(new TextDocumentIdentifier(u),
                new Range(at, at), new CodeActionContext(List.of()))).get(30, TimeUnit.SECONDS).stream()
                .map(e -> e.getRight()).filter(a -> a.getTitle().startsWith(titled)).toList();
    }

    private Position cursor() {
        return QuickFixesIT.position(fx.text(), fx.cursor());
    }

    @Test
    void appendsToTheNearestScriptsOrANewOne() throws Exception {
        Files.createDirectories(dir.resolve("hw/net"));
        Files.writeString(dir.resolve("hw/net/probes.stp"), "probe begin { }\n");
        Files.createDirectories(dir.resolve("scripts"));
        Files.writeString(dir.resolve("hw/other.stp"), "");
        Files.writeString(dir.resolve("scripts/watch.stp"), "# saved text\n");
        Files.createDirectories(dir.resolve("tapsets"));
        Files.writeString(dir.resolve("tapsets/qemu-system-x86_64.stp"), "/* This file is autogenerated by"
                + " tracetool, do not edit. */\n");
        start("{\"defaultTapsets\": false}", true);
        String watch = dir.resolve("scripts/watch.stp").toUri().toString();
        open(watch, "systemtap", "probe end { }"); // unsaved, and without a final newline

        List<CodeAction> actions = actions(uri, cursor(), "Add a probe");
        assertEquals(List.of("Add a probe for 'net_open' to hw/net/probes.stp",
                "Add a probe for 'net_open' to hw/other.stp",
                "Add a probe for 'net_open' to scripts/watch.stp",
                "Add a probe for 'net_open' to a new script net_open.stp"),
                actions.stream().map(CodeAction::getTitle).toList());
        actions.forEach(a -> assertEquals("refactor", a.getKind()));

        Map<String, String> after = new LinkedHashMap<>();
        for (CodeAction a : actions.subList(0, 3)) {
            a.getEdit().getChanges().forEach((u, edits) -> after.put(u, apply(u, edits)));
        }
        assertEquals(Map.of(
                dir.resolve("hw/net/probes.stp").toUri().toString(), "probe begin { }\n\n" + PROBE,
                dir.resolve("hw/other.stp").toUri().toString(), PROBE,
                watch, "probe end { }\n\n" + PROBE), after);

        List<NewFile> created = creates(actions.get(3));
        assertEquals(List.of(new NewFile(dir.resolve("hw/net/net_open.stp").toUri().toString(), PROBE)), created);

        // the body is what "Insert a printf of all variables" writes in such a probe
        String scratch = dir.resolve("scratch.stp").toUri().toString();
        open(scratch, "systemtap", "probe qemu.system.x86_64.net_open {\n}\n");
        CodeAction printf = actions(scratch, new Position(0, 35), "Insert a printf").get(0);
        String inserted = printf.getEdit().getChanges().get(scratch).get(0).getNewText().strip();
        assertTrue(PROBE.contains("\n    " + inserted + "\n"), inserted);
    }

    @Test
    void noActionOnACommentOrADisabledEvent() throws Exception {
        start("{\"defaultTapsets\": false}", true);
        assertEquals(List.of(), actions(uri, new Position(0, 2), "Add a probe"));
        assertEquals(List.of(), actions(uri, new Position(2, 10), "Add a probe"));
    }

    @Test
    void aClientWithoutFileCreationGetsACommandThatNeverOverwrites() throws Exception {
        start("{\"defaultTapsets\": false}", false);
        CodeAction action = actions(uri, cursor(), "Add a probe for 'net_open' to a new script").get(0);
        assertEquals("tapls.addProbe", action.getCommand().getCommand());
        ExecuteCommandParams run = new ExecuteCommandParams(action.getCommand().getCommand(),
                action.getCommand().getArguments());
        lsp.server.getWorkspaceService().executeCommand(run).get(30, TimeUnit.SECONDS);
        Path script = dir.resolve("hw/net/net_open.stp");
        assertEquals(PROBE, Files.readString(script));
        Files.writeString(script, "# mine now\n");
        ExecutionException again = assertThrows(ExecutionException.class, () -> lsp.server.getWorkspaceService()
                .executeCommand(run).get(30, TimeUnit.SECONDS));
        assertTrue(((ResponseErrorException) again.getCause()).getMessage().contains("exists"));
        assertEquals("# mine now\n", Files.readString(script));
    }

    /**
     * The whole way with the real tools: a binary with the event's SDT marker, the event's tapsets written from
     * "Generate log-probe tapset for 'net_open'", the probe from "Add a probe" in a new script: stap -p2
     * elaborates the script against those tapsets.
     */
    @Test
    void theProbeElaboratesInStapAgainstTheEventsGeneratedTapset() throws Exception {
        StapOracle.script();
        Corpora.require(Path.of("/usr/bin/gcc"), "gcc");
        Path sdt = Files.exists(Path.of("/usr/include/sys/sdt.h")) ? Path.of("/usr/include/sys/sdt.h")
                : Path.of("/usr/include/x86_64-linux-gnu/sys/sdt.h");
        Corpora.require(sdt, "<sys/sdt.h> (Debian package systemtap-sdt-dev)");
        Path bin = Files.createDirectories(dir.resolve("bin")).resolve("qemu-system-x86_64");
        Path c = dir.resolve("bin/main.c");
        Files.writeString(c, "#include <stdint.h>\n#include <sys/sdt.h>\n"
                + "int main(int argc, char **argv)\n{\n"
                + "    DTRACE_PROBE4(qemu, net_open, argv[0], argc, (uint64_t)argc, (void *)argv);\n"
                + "    return 0;\n}\n");
        Cli.Result cc = Cli.run(new ProcessBuilder("gcc", "-o", bin.toString(), c.toString()), 60);
        assertEquals(0, cc.exitCode(), cc.stderr());
        Path tapsets = dir.resolve("tapsets");
        start("{\"defaultTapsets\": false, \"tapsetBinary\": \"" + bin + "\", \"tapsetOutput\": \"" + tapsets
                + "\"}", true);
        for (CodeAction a : actions(uri, cursor(), "Generate log-probe tapset for 'net_open'")) {
            for (NewFile f : creates(a)) {
                Files.createDirectories(tapsets);
                Files.writeString(Path.of(java.net.URI.create(f.uri())), f.content());
            }
        }
        List<NewFile> script = creates(actions(uri, cursor(), "Add a probe for 'net_open' to a new script").get(0));
        Path probe = Path.of(java.net.URI.create(script.get(0).uri()));
        Files.writeString(probe, script.get(0).content());
        String out = StapOracle.raw("-p2", "-I", tapsets.toString(), probe.toString());
        assertTrue(out.startsWith("PASS"), out);
    }

    /** A file a CreateFile operation makes, with the text the edit after it puts in. */
    record NewFile(String uri, String content) {
    }

    private static List<NewFile> creates(CodeAction a) {
        List<NewFile> out = new ArrayList<>();
        String pending = null;
        for (var op : a.getEdit().getDocumentChanges()) {
            if (op.isRight()) {
                CreateFile cf = (CreateFile) op.getRight();
                assertFalse(cf.getOptions().getIgnoreIfExists(),
                        "a create that fails on an existing file, not one followed by an edit of it");
                pending = cf.getUri();
            } else {
                assertEquals(pending, op.getLeft().getTextDocument().getUri());
                out.add(new NewFile(pending, op.getLeft().getEdits().get(0).getLeft().getNewText()));
            }
        }
        return out;
    }

    private String apply(String u, List<TextEdit> edits) {
        try {
            String text = u.endsWith("watch.stp") ? "probe end { }" : Files.readString(Path.of(java.net.URI.create(u)));
            return QuickFixesIT.apply(text, edits);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
