package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider file's unused probes (provider-unused-probe) through JSON-RPC on the real jar and through
 * `tapls check` in every format, over a copy of src/test/resources/provider/unusedtree: src/libvirt_probes.d,
 * C files under src/ firing its probes through dtrace -h's macros (one only through its _ENABLED() test, one in
 * a call split over lines three directories down, one whose name has '__') and libvirt's PROBE()/PROBE_QUIET()
 * wrappers (over two lines), probes mentioned only in a comment or a string, one fired only from tools/ (outside
 * the provider file's directory), and docs/example_probes.d with no C file below it. Then the quick fix, C files
 * changed on disk, and the rename's refusal of a name whose macros C code already uses.
 */
class UnusedProbesIT {
    private static final String RULE = "provider-unused-probe";

    @TempDir
    Path dir;
    private LspClient lsp;
    private String uri;

    @BeforeEach
    void start() throws Exception {
        CallSiteTree.copy(CallSiteTree.PROVIDER_TREE, dir);
        lsp = LspClient.start();
        lsp.initializeIn("{\"defaultTapsets\": false}", dir);
        Path f = dir.resolve("src/libvirt_probes.d");
        uri = f.toUri().toString();
        lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "dtrace",
                1, Files.readString(f))));
    }

    @AfterEach
    void stop() {
        if (lsp != null) {
            lsp.close();
        }
    }

    private static String message(String probe) {
        String name = probe.toUpperCase(java.util.Locale.ROOT);
        return "probe '" + probe + "' is not used: no C file in this directory or below it uses dtrace -h's LIBVIRT_"
                + name + "() or LIBVIRT_" + name + "_ENABLED(), nor PROBE(" + name + ", ...)";
    }

    /** "line:col message" (1-based) of each of the rule's warnings. */
    private static List<String> unused(PublishDiagnosticsParams p) {
        List<String> out = new ArrayList<>();
        for (Diagnostic d : p.getDiagnostics()) {
            if (d.getCode().getLeft().equals(RULE)) {
                out.add((d.getRange().getStart().getLine() + 1) + ":" + (d.getRange().getStart().getCharacter() + 1)
                        + " " + d.getMessage().getLeft());
            }
        }
        return out;
    }

    private static final List<String> EXPECTED = List.of(
            "8:8 " + message("rpc_client_comment"),     // only in a comment
            "9:8 " + message("rpc_client_string"),      // only in a string
            "10:8 " + message("rpc_client_gone"),       // only in a // comment; declared over three lines
            "13:8 " + message("rpc_client_elsewhere")); // fired from tools/ only

    @Test
    void theServerAndEveryFormatOfTheCheckCommandSayTheSame() throws Exception {
        assertEquals(EXPECTED, unused(lsp.nextDiagnostics(uri)));

        Cli.Result gcc = Cli.runIn(dir, "check", "--color", "never", "src/libvirt_probes.d", "docs");
        assertEquals(0, gcc.exitCode(), gcc.stderr());
        assertEquals(EXPECTED.stream().map(s -> "src/libvirt_probes.d:" + s.replaceFirst(" ", ": warning: ")
                + " [" + RULE + "]").toList(), gcc.stdout().lines().filter(l -> l.contains("[" + RULE + "]")).toList());
        // a directory holding the provider file: the same; no C file below docs/: nothing for its provider file
        assertEquals(gcc.stdout(), Cli.runIn(dir, "check", "--color", "never", ".").stdout()
                .replace("./src/", "src/"));
        assertEquals("", Cli.runIn(dir, "check", "docs/example_probes.d").stdout());
        assertEquals("", Cli.runIn(dir, "check", "--disable", RULE, "src/libvirt_probes.d").stdout());

        JsonObject json = JsonParser.parseString(Cli.runIn(dir, "check", "--format", "json", "src/libvirt_probes.d")
                .stdout()).getAsJsonObject();
        List<String> fromJson = new ArrayList<>();
        for (JsonElement d : json.getAsJsonArray("files").get(0).getAsJsonObject().getAsJsonArray("diagnostics")) {
            JsonObject o = d.getAsJsonObject();
            assertEquals(RULE, o.get("rule").getAsString());
            assertEquals("warning", o.get("severity").getAsString());
            JsonObject start = o.getAsJsonObject("range").getAsJsonObject("start");
            fromJson.add(start.get("line").getAsInt() + ":" + start.get("column").getAsInt() + " "
                    + o.get("message").getAsString());
            assertTrue(o.getAsJsonArray("fixes").get(0).getAsJsonObject().get("title").getAsString()
                    .startsWith("Delete the unused probe '"), o.toString());
        }
        assertEquals(EXPECTED, fromJson);

        JsonObject sarif = JsonParser.parseString(Cli.runIn(dir, "check", "--format", "sarif", "src/libvirt_probes.d")
                .stdout()).getAsJsonObject();
        List<String> ids = new ArrayList<>();
        sarif.getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonArray("results")
                .forEach(r -> ids.add(r.getAsJsonObject().get("ruleId").getAsString()));
        assertEquals(List.of(RULE, RULE, RULE, RULE), ids);

        List<String> github = Cli.runIn(dir, "check", "--format", "github", "src/libvirt_probes.d").stdout().lines()
                .filter(l -> l.startsWith("::warning")).toList();
        assertEquals(4, github.size(), github.toString());
        assertTrue(github.get(2).contains("file=src/libvirt_probes.d,line=10,endLine=10,col=8,"), github.get(2));
        assertTrue(github.get(2).contains(RULE), github.get(2));

        assertTrue(Cli.run("rules").stdout().lines().anyMatch(l -> l.startsWith(RULE + " ") && l.contains(" warning ")
                && l.contains(" tapls ")));
    }

    @Test
    void theQuickFixDeletesEveryLineOfTheDeclaration() throws Exception {
        lsp.nextDiagnostics(uri);
        List<CodeAction> fixes = lsp.server.getTextDocumentService().codeAction(new CodeActionParams(
                new TextDocumentIdentifier(uri), new Range(new Position(9, 12), new Position(9, 12)),
                new CodeActionContext(List.of(), List.of(CodeActionKind.QuickFix)))).get(30, TimeUnit.SECONDS)
                .stream().map(e -> e.getRight()).toList();
        assertEquals(List.of("Delete the unused probe 'rpc_client_gone'"), fixes.stream().map(CodeAction::getTitle)
                .toList());
        var edit = fixes.get(0).getEdit().getChanges().get(uri).get(0);
        assertEquals(new Range(new Position(9, 0), new Position(12, 0)), edit.getRange());
        assertEquals("", edit.getNewText());
    }

    @Test
    void aCFileChangedOnDiskChangesTheVerdicts() throws Exception {
        assertEquals(EXPECTED, unused(lsp.nextDiagnostics(uri)));
        Path c = dir.resolve("src/rpc/later.c");
        Files.writeString(c, "void later(void *client)\n{\n    PROBE(RPC_CLIENT_COMMENT,\n"
                + "          \"client=%p\", client);\n}\n");
        lsp.server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(List.of(
                new FileEvent(c.toUri().toString(), FileChangeType.Created))));
        assertEquals(EXPECTED.subList(1, 4), unused(lsp.nextDiagnostics(uri)));
        Files.delete(c);
        lsp.server.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(List.of(
                new FileEvent(c.toUri().toString(), FileChangeType.Deleted))));
        assertEquals(EXPECTED, unused(lsp.nextDiagnostics(uri)));
    }

    private WorkspaceEdit rename(Position p, String newName) throws Exception {
        return lsp.server.getTextDocumentService().rename(new RenameParams(new TextDocumentIdentifier(uri), p,
                newName)).get(60, TimeUnit.SECONDS);
    }

    private String refusal(Position p, String newName) {
        ExecutionException refused = assertThrows(ExecutionException.class, () -> rename(p, newName));
        return assertInstanceOf(ResponseErrorException.class, refused.getCause()).getMessage();
    }

    private Map<String, List<String>> edits(WorkspaceEdit e) {
        Map<String, List<String>> out = new TreeMap<>();
        e.getChanges().forEach((u, list) -> out.put(dir.relativize(Path.of(java.net.URI.create(u))).toString(),
                list.stream().map(x -> x.getRange().getStart().getLine() + ":" + x.getRange().getStart().getCharacter()
                        + "-" + x.getRange().getEnd().getLine() + ":" + x.getRange().getEnd().getCharacter() + " "
                        + x.getNewText()).toList()));
        return out;
    }

    @Test
    void renameRefusesANameWhoseMacrosCAlreadyUses() throws Exception {
        Position gone = new Position(9, 10);
        String merge = " (the rename would merge its call sites with this probe's)";
        assertEquals("'rpc_client_fired' is taken: LIBVIRT_RPC_CLIENT_FIRED is already used in C at tools/virsh.c:5"
                + merge, refusal(gone, "rpc_client_fired"));
        // dtrace -h turns '__' into '_': the same macro
        assertEquals("'rpc_client__fired' is taken: LIBVIRT_RPC_CLIENT_FIRED is already used in C at"
                + " tools/virsh.c:5" + merge, refusal(gone, "rpc_client__fired"));
        assertEquals("'rpc_client_stale' is taken: PROBE(RPC_CLIENT_STALE, ...) is already used in C at"
                + " tools/virsh.c:6" + merge, refusal(gone, "rpc_client_stale"));
        assertEquals("'rpc_client_tested' is taken: LIBVIRT_RPC_CLIENT_TESTED_ENABLED is already used in C at"
                + " tools/virsh.c:7" + merge, refusal(gone, "rpc_client_tested"));
        // the alias spelling of the new name is refused alike
        assertEquals("'rpc_client_stale' is taken: PROBE(RPC_CLIENT_STALE, ...) is already used in C at"
                + " tools/virsh.c:6" + merge, refusal(gone, "libvirt.rpc.client_stale"));

        // a name C mentions only in a comment is free
        assertEquals(Map.of("src/libvirt_probes.d", List.of("9:7-9:22 rpc_client_mentioned")),
                edits(rename(gone, "rpc_client_mentioned")));
        // a name whose macros are the probe's own (object__unref is LIBVIRT_OBJECT_UNREF): its uses are no clash
        assertEquals(Map.of("src/libvirt_probes.d", List.of("16:14-16:27 object_unref"),
                "src/util/virobject.c", List.of("4:4-4:24 LIBVIRT_OBJECT_UNREF")),
                edits(rename(new Position(16, 16), "object_unref")));
    }
}
