package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import io.tapls.testing.LspClient;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceEditCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What tapls writes, and what it never does, through JSON-RPC and the CLI process: it never replaces a file the
 * user wrote without being asked to overwrite (and then only files tracetool generated, or with --force); it
 * writes through a temporary file in the same directory renamed over the target, so that a reader sees the old
 * file or the new one, never half of one; its code actions and commands create files only inside the workspace
 * folders (docs/editors.md, "Where tapls writes"), whatever the settings say; and it runs no program that a
 * workspace's files or settings name.
 */
class FileSafetyIT {
    private static final String LOG = "qemu-system-x86_64-log.stp";
    private static final String BASE = "qemu-system-x86_64.stp";
    private static final String GENERATE = "tapls.generateLogTapset";

    @TempDir
    Path root;
    private Path ws;
    private Path outside;
    private Path events;
    private LspClient lsp;
    private String uri;

    @BeforeEach
    void layout() throws Exception {
        ws = Files.createDirectories(root.resolve("project"));
        outside = Files.createDirectories(root.resolve("elsewhere"));
        events = ws.resolve("io/trace-events");
        Files.createDirectories(events.getParent());
        Files.copy(Corpora.qemuCorpus().resolve("trace-events/io/trace-events"), events);
    }

    @AfterEach
    void stop() {
        if (lsp != null) {
            lsp.close();
            lsp = null;
        }
    }

    /** Starts the server on the folders with these settings (JSON), and opens {@code document}. */
    private void start(String settings, boolean resourceOperations, Path document, Path... folders)
            throws Exception {
        stop();
        lsp = LspClient.start();
        InitializeParams p = new InitializeParams();
        List<WorkspaceFolder> fs = new ArrayList<>();
        for (Path f : folders) {
            fs.add(new WorkspaceFolder(f.toUri().toString(), f.getFileName().toString()));
        }
        p.setWorkspaceFolders(fs);
        p.setInitializationOptions(JsonParser.parseString(settings));
        ClientCapabilities caps = new ClientCapabilities();
        WorkspaceClientCapabilities w = new WorkspaceClientCapabilities();
        WorkspaceEditCapabilities edits = new WorkspaceEditCapabilities();
        edits.setDocumentChanges(true);
        if (resourceOperations) {
            edits.setResourceOperations(List.of("create", "rename", "delete"));
        }
        w.setWorkspaceEdit(edits);
        caps.setWorkspace(w);
        p.setCapabilities(caps);
        lsp.initializeWith(p);
        uri = document.toUri().toString();
        lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri,
                "trace-events", 1, Files.readString(document))));
    }

    /** Every code action on the line of the document's first event, and the source actions: their titles. */
    private List<CodeAction> actions() throws Exception {
        int line = (int) Files.readString(Path.of(java.net.URI.create(uri))).lines()
                .takeWhile(l -> l.isEmpty() || l.startsWith("#")).count();
        return lsp.server.getTextDocumentService().codeAction(new CodeActionParams(new TextDocumentIdentifier(uri),
                new Range(new Position(line, 3), new Position(line, 3)), new CodeActionContext(List.of())))
                .get(30, TimeUnit.SECONDS).stream().map(e -> e.getRight()).toList();
    }

    private static List<String> titles(List<CodeAction> actions) {
        return actions.stream().map(CodeAction::getTitle).toList();
    }

    private Object command(String command, Object... arguments) throws Exception {
        return lsp.server.getWorkspaceService().executeCommand(new ExecuteCommandParams(command, List.of(arguments)))
                .get(30, TimeUnit.SECONDS);
    }

    private String refusal(String command, Object... arguments) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> command(command, arguments));
        return ((ResponseErrorException) e.getCause()).getResponseError().getMessage();
    }

    private static Object inode(Path p) throws Exception {
        return Files.getAttribute(p, "unix:ino");
    }

    private static List<String> temporaryFiles(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
        }
    }

    private static String tracetool(String format) throws Exception {
        return Files.readString(Corpora.qemuCorpus().resolve("expected/" + format + "/io/trace-events"));
    }

    // ------------------------------------------------------------------ never over the user's files

    @Test
    void theGenerateCommandNeverReplacesAFileTheUserWrote() throws Exception {
        Path mine = ws.resolve(LOG);
        Files.writeString(mine, "# my own log probes\n");
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(mine, old);
        Object ino = inode(mine);
        start("{\"defaultTapsets\": false}", false, events, ws);
        List<String> titles = titles(actions());
        assertFalse(titles.contains("Generate log-probe tapset"), titles.toString());
        assertFalse(titles.contains("Regenerate log-probe tapset (overwrite)"), titles.toString());
        assertTrue(refusal(GENERATE, uri, false).contains("exists"));
        assertTrue(refusal(GENERATE, uri, true).contains("was not generated by tracetool"));
        assertEquals("# my own log probes\n", Files.readString(mine));
        assertEquals(old, Files.getLastModifiedTime(mine));
        assertEquals(ino, inode(mine));
        assertFalse(Files.exists(ws.resolve(BASE)), "all or nothing: the other file is not written either");
        assertEquals(List.of(), temporaryFiles(root));
    }

    @Test
    void regenerateReplacesOnlyTracetoolsFilesAndByARenameInTheSameDirectory() throws Exception {
        String stale = tracetool("log-stap").replace("qio_task_new", "old_name");
        Files.writeString(ws.resolve(LOG), stale);
        Files.writeString(ws.resolve(BASE), tracetool("stap").replace("qio_task_new", "old_name"));
        Object ino = inode(ws.resolve(LOG));
        start("{\"defaultTapsets\": false}", false, events, ws);
        assertTrue(titles(actions()).contains("Regenerate log-probe tapset (overwrite)"), titles(actions()).toString());
        try (WatchService watch = FileSystems.getDefault().newWatchService();
             InputStream before = Files.newInputStream(ws.resolve(LOG))) {
            WatchKey key = ws.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            command(GENERATE, uri, true);
            assertEquals(tracetool("log-stap"), Files.readString(ws.resolve(LOG)));
            assertEquals(tracetool("stap"), Files.readString(ws.resolve(BASE)));
            assertNotEquals(ino, inode(ws.resolve(LOG)), "a new file renamed over the old one, not the old one"
                    + " rewritten in place");
            assertEquals(stale, new String(before.readAllBytes(), StandardCharsets.UTF_8),
                    "a reader of the old file reads it whole");
            List<String> created = new ArrayList<>();
            for (WatchEvent<?> e : key.pollEvents()) {
                created.add(e.context().toString());
            }
            assertTrue(created.stream().anyMatch(n -> n.startsWith("." + LOG + ".") && n.endsWith(".tmp")),
                    "the temporary file is made beside the target: " + created);
        }
        assertEquals(List.of(), temporaryFiles(root));
    }

    @Test
    void theCliReplacesAFileTheUserWroteOnlyWithForceAndAlwaysByARename() throws Exception {
        Path out = ws.resolve("out.stp");
        Files.writeString(out, "# mine\n");
        Object ino = inode(out);
        Cli.Result refused = Cli.runIn(ws, "generate", "-f", "log-stap", "--binary", "/usr/bin/qemu-system-x86_64",
                "io/trace-events", "-o", "out.stp");
        assertEquals(2, refused.exitCode(), refused.stderr());
        assertTrue(refused.stderr().contains("out.stp: exists and was not generated by tracetool; not overwritten"),
                refused.stderr());
        assertEquals("# mine\n", Files.readString(out));
        assertEquals(ino, inode(out));
        try (InputStream before = Files.newInputStream(out)) {
            Cli.Result forced = Cli.runIn(ws, "generate", "-f", "log-stap", "--binary", "/usr/bin/qemu-system-x86_64",
                    "--force", "io/trace-events", "-o", "out.stp");
            assertEquals(0, forced.exitCode(), forced.stderr());
            assertEquals(tracetool("log-stap"), Files.readString(out));
            assertNotEquals(ino, inode(out));
            assertEquals("# mine\n", new String(before.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(List.of(), temporaryFiles(root));
    }

    // ------------------------------------------------------------------ only inside the workspace folders

    @Test
    void codeActionsAndCommandsCreateFilesOnlyInsideTheWorkspaceFolders() throws Exception {
        Files.createSymbolicLink(ws.resolve("link"), outside);
        for (String output : List.of(outside.toString(), "../elsewhere", "link", "link/deeper", "io/../../elsewhere")) {
            start("{\"defaultTapsets\": false, \"tapsetOutput\": \"" + output + "\"}", true, events, ws);
            List<String> titles = titles(actions());
            assertFalse(titles.stream().anyMatch(t -> t.contains("log-probe tapset")), output + ": " + titles);
            assertTrue(refusal(GENERATE, uri, false).contains("outside the workspace folders"), output);
            assertTrue(refusal(GENERATE, uri, true, "qio_task_new").contains("outside the workspace folders"),
                    output);
        }
        try (Stream<Path> s = Files.list(outside)) {
            assertEquals(List.of(), s.toList(), "nothing was written outside the folder");
        }
        // Inside, the same setting works: the actions create their files there.
        start("{\"defaultTapsets\": false, \"tapsetOutput\": \"tapsets\"}", true, events, ws);
        List<CodeAction> inside = actions();
        assertTrue(titles(inside).contains("Generate log-probe tapset"), titles(inside).toString());
        command(GENERATE, uri, false);
        assertEquals(tracetool("log-stap"), Files.readString(ws.resolve("tapsets").resolve(LOG)));
    }

    @Test
    void aNewScriptForAnEventIsCreatedOnlyInsideTheWorkspaceFolders() throws Exception {
        Path foreign = outside.resolve("trace-events");
        Files.copy(events, foreign);
        start("{\"defaultTapsets\": false}", true, foreign, ws);
        List<String> titles = titles(actions());
        assertFalse(titles.stream().anyMatch(t -> t.contains("a new script")), titles.toString());
        assertTrue(refusal("tapls.addProbe", uri, "qio_task_new").contains("outside the workspace folders"));
        assertFalse(Files.exists(outside.resolve("qio_task_new.stp")));
        // The same file inside the folder: offered, and created.
        start("{\"defaultTapsets\": false}", false, events, ws);
        assertTrue(titles(actions()).contains("Add a probe for 'qio_task_new' to a new script qio_task_new.stp"),
                titles(actions()).toString());
        command("tapls.addProbe", uri, "qio_task_new");
        assertTrue(Files.readString(events.resolveSibling("qio_task_new.stp")).startsWith("probe "));
        // Asked again, the file exists: refused, left as it is.
        Files.writeString(events.resolveSibling("qio_task_new.stp"), "# now mine\n");
        assertTrue(refusal("tapls.addProbe", uri, "qio_task_new").contains("exists"));
        assertEquals("# now mine\n", Files.readString(events.resolveSibling("qio_task_new.stp")));
    }

    @Test
    void withoutWorkspaceFoldersTheDocumentsOwnDirectoryIsTheOnlyPlace() throws Exception {
        start("{\"defaultTapsets\": false, \"tapsetOutput\": \"" + outside + "\"}", true, events);
        assertFalse(titles(actions()).stream().anyMatch(t -> t.contains("log-probe tapset")), titles(actions())
                .toString());
        assertTrue(refusal(GENERATE, uri, false).contains("outside the workspace folders"));
        start("{\"defaultTapsets\": false}", false, events);
        command(GENERATE, uri, false);
        assertEquals(tracetool("log-stap"), Files.readString(events.resolveSibling(LOG)));
    }

    // ------------------------------------------------------------------ no program runs

    /**
     * A workspace whose files and settings name a program at every place a path goes: the server (every request
     * it takes on them) and {@code tapls check} never run it. docs/architecture.md's rule that only the CLI's
     * {@code run} command starts processes is ArchitectureTest#onlyTheRunCommandStartsProcesses.
     */
    @Test
    void noProgramNamedByTheWorkspaceOrItsSettingsRuns() throws Exception {
        Path ran = root.resolve("ran");
        Path program = ws.resolve("bin/qemu-system-x86_64");
        Files.createDirectories(program.getParent());
        Files.writeString(program, "#!/bin/sh\necho \"$0 $*\" >> '" + ran + "'\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String name : List.of("stap", "tracetool", "qemu-trace-stap", "gcc", "cpp", "dtrace")) {
            Files.copy(program, program.resolveSibling(name));
        }
        Path script = ws.resolve("probe.stp");
        Files.writeString(script, "probe process(\"" + program + "\").function(\"main\") { printf(\"%s\\n\", @1) }\n"
                + "probe process(\"" + program + "\").mark(\"x\") { }\n"
                + "probe qemu.system.x86_64.log.qio_task_new { printf(\"%d\\n\", $1) }\n");
        String settings = "{\"defaultTapsets\": false, \"tapsetBinary\": \"" + program + "\", \"tapsets\": [\""
                + program.getParent() + "\", \"" + ws + "\"], \"traceEvents\": [\"" + events + "\"],"
                + " \"scriptArguments\": [\"$(" + program + ")\", \"`" + program + "`\"],"
                + " \"stapTarget\": {\"arch\": \"$(" + program + ")\", \"kernelRelease\": \"" + program + "\"}}";
        start(settings, false, events, ws);
        String stp = script.toUri().toString();
        lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(stp,
                "systemtap", 1, Files.readString(script))));
        lsp.nextDiagnostics(stp, 60);
        var text = lsp.server.getTextDocumentService();
        for (int c = 0; c < 60; c += 3) {
            Position at = new Position(0, c);
            text.hover(new HoverParams(new TextDocumentIdentifier(stp), at)).get(30, TimeUnit.SECONDS);
            text.completion(new CompletionParams(new TextDocumentIdentifier(stp), at)).get(30, TimeUnit.SECONDS);
            text.definition(new DefinitionParams(new TextDocumentIdentifier(stp), at)).get(30, TimeUnit.SECONDS);
        }
        actions();
        command(GENERATE, uri, false);
        command("tapls.addProbe", uri, "qio_task_new");
        lsp.server.getWorkspaceService().symbol(new WorkspaceSymbolParams("qio")).get(30, TimeUnit.SECONDS);
        Cli.Result check = Cli.runIn(ws, "check", ".");
        assertTrue(check.exitCode() <= 1, check.stderr());
        assertFalse(Files.exists(ran), () -> {
            try {
                return "a program ran: " + Files.readString(ran);
            } catch (java.io.IOException e) {
                return "a program ran";
            }
        });
    }
}
