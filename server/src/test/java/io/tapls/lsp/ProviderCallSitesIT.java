package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Corpora;
import io.tapls.testing.LspClient;
import io.tapls.text.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
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
 * A DTrace provider's probes in C, through JSON-RPC on the real jar, over a copy of a libvirt-like tree
 * (src/test/resources/provider/calltree): src/libvirt_probes.d, C files firing its probes through dtrace -h's
 * macros and libvirt's PROBE()/PROBE_QUIET() wrappers (src/util/virprobe.h, whose own definitions are no
 * calls), a comment and a string that mention a probe, and a script using the derived aliases and a raw
 * {@code .mark("...")}. References and hover from the provider file and from the script; rename from both,
 * and its refusals.
 */
class ProviderCallSitesIT {
    private static final Path TREE = Corpora.repo().resolve("server/src/test/resources/provider/calltree");

    @TempDir
    Path dir;
    private LspClient lsp;
    private String provider;
    private String providerText;
    private String script;
    private String scriptText;

    @BeforeEach
    void start() throws Exception {
        try (Stream<Path> files = Files.walk(TREE)) {
            for (Path f : files.toList()) {
                Path target = dir.resolve(TREE.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        lsp = LspClient.start();
        lsp.initializeIn("{\"defaultTapsets\": false}", dir);
        providerText = Files.readString(dir.resolve("src/libvirt_probes.d"));
        provider = open("src/libvirt_probes.d", "dtrace", providerText);
        scriptText = Files.readString(dir.resolve("scripts/rpc.stp"));
        script = open("scripts/rpc.stp", "systemtap", scriptText);
    }

    @AfterEach
    void stop() {
        if (lsp != null) {
            lsp.close();
        }
    }

    private String open(String relative, String languageId, String text) {
        String uri = dir.resolve(relative).toUri().toString();
        lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri,
                languageId, 1, text)));
        return uri;
    }

    private static Position at(String text, String needle, int delta) {
        int i = text.indexOf(needle);
        assertTrue(i >= 0, needle);
        io.tapls.text.Position p = new SourceText(text).position(i + delta);
        return new Position(p.line(), p.character());
    }

    private String where(Location l) {
        return dir.relativize(Path.of(java.net.URI.create(l.getUri()))) + ":" + l.getRange().getStart().getLine()
                + ":" + l.getRange().getStart().getCharacter() + "-" + l.getRange().getEnd().getLine() + ":"
                + l.getRange().getEnd().getCharacter();
    }

    private List<String> references(String uri, Position p, boolean declaration) throws Exception {
        return lsp.server.getTextDocumentService().references(new ReferenceParams(new TextDocumentIdentifier(uri), p,
                new ReferenceContext(declaration))).get(60, TimeUnit.SECONDS).stream().map(this::where).toList();
    }

    private String hover(String uri, Position p) throws Exception {
        return lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), p))
                .get(60, TimeUnit.SECONDS).getContents().getRight().getValue();
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

    private WorkspaceEdit rename(String uri, Position p, String newName) throws Exception {
        return lsp.server.getTextDocumentService().rename(new RenameParams(new TextDocumentIdentifier(uri), p,
                newName)).get(60, TimeUnit.SECONDS);
    }

    private String refusal(String uri, Position p, String newName) {
        ExecutionException refused = assertThrows(ExecutionException.class, () -> rename(uri, p, newName));
        return assertInstanceOf(ResponseErrorException.class, refused.getCause()).getMessage();
    }

    /** The uses of rpc_client_msg_rx, whether asked from the provider file or from a script's alias. */
    private static final List<String> MSG_RX = List.of(
            "src/rpc/virnetclient.c:14:29-14:46",   // PROBE_QUIET( /* quiet */ RPC_CLIENT_MSG_RX, ...)
            "src/rpc/virnetclient.c:15:8-15:41",    // LIBVIRT_RPC_CLIENT_MSG_RX_ENABLED()
            "src/rpc/virnetclient.c:16:8-16:33",    // LIBVIRT_RPC_CLIENT_MSG_RX(client, ...)
            "scripts/rpc.stp:0:6-0:31",             // libvirt.rpc.client_msg_rx
            "scripts/rpc.stp:1:6-1:26");            // libvirt.rpc.client_*

    @Test
    void referencesListTheCallSitesAndTheScriptsUses() throws Exception {
        List<String> withDeclaration = new java.util.ArrayList<>(List.of("src/libvirt_probes.d:4:7-4:24"));
        withDeclaration.addAll(MSG_RX);
        assertEquals(withDeclaration, references(provider, at(providerText, "rpc_client_msg_rx", 3), true));
        assertEquals(MSG_RX, references(provider, at(providerText, "rpc_client_msg_rx", 3), false));
        assertEquals(withDeclaration, references(script, at(scriptText, "client_msg_rx", 2), true));

        // '__' is '_' in dtrace -h's macro; the comment and the string that mention a probe are not uses
        assertEquals(List.of("src/libvirt_probes.d:11:14-11:27", "src/util/virobject.c:9:4-9:24",
                "scripts/rpc.stp:3:6-3:27"), references(provider, at(providerText, "object__unref", 0), true));
        assertEquals(List.of("scripts/rpc.stp:1:6-1:26"),
                references(provider, at(providerText, "rpc_client_dispose", 0), false));
        assertEquals(List.of("src/rpc/virnetclient.c:8:10-8:24", "scripts/rpc.stp:1:6-1:26"),
                references(provider, at(providerText, "rpc_client_new", 0), false));
        assertEquals(List.of("src/util/virobject.c:4:10-4:20"),
                references(provider, at(providerText, "object_ref", 0), false));
    }

    @Test
    void hoverCountsTheCallSites() throws Exception {
        String h = hover(provider, at(providerText, "rpc_client_msg_rx", 3));
        assertTrue(h.endsWith("\n\n2 call sites in C: `src/rpc/virnetclient.c:15`, `src/rpc/virnetclient.c:17`;"
                + " 1 other use (`LIBVIRT_RPC_CLIENT_MSG_RX_ENABLED`)"), h);
        h = hover(provider, at(providerText, "rpc_client_dispose", 3));
        assertTrue(h.endsWith("\n\nNo call site in the workspace's C files"), h);
        h = hover(script, at(scriptText, "object._unref", 2));
        assertTrue(h.endsWith("\n\n1 call site in C: `src/util/virobject.c:10`"), h);
    }

    @Test
    void renameFromTheProviderFileOrFromAScript() throws Exception {
        Map<String, List<String>> expected = Map.of(
                "src/libvirt_probes.d", List.of("4:7-4:24 rpc_client_msg_recv"),
                "src/rpc/virnetclient.c", List.of("14:29-14:46 RPC_CLIENT_MSG_RECV",
                        "15:8-15:41 LIBVIRT_RPC_CLIENT_MSG_RECV_ENABLED", "16:8-16:33 LIBVIRT_RPC_CLIENT_MSG_RECV"),
                "scripts/rpc.stp", List.of("0:6-0:31 libvirt.rpc.client_msg_recv", "2:43-2:60 rpc_client_msg_recv"));
        var prepared = lsp.server.getTextDocumentService().prepareRename(new PrepareRenameParams(
                new TextDocumentIdentifier(provider), at(providerText, "rpc_client_msg_rx", 3)))
                .get(60, TimeUnit.SECONDS).getSecond();
        assertEquals("rpc_client_msg_rx", prepared.getPlaceholder());
        assertEquals(new Range(new Position(4, 7), new Position(4, 24)), prepared.getRange());
        assertEquals(expected, edits(rename(provider, at(providerText, "rpc_client_msg_rx", 3), "rpc_client_msg_recv")));

        // from the script: the placeholder is the probe's name; the new name as the probe's or as its alias
        prepared = lsp.server.getTextDocumentService().prepareRename(new PrepareRenameParams(
                new TextDocumentIdentifier(script), at(scriptText, "client_msg_rx", 2))).get(60, TimeUnit.SECONDS)
                .getSecond();
        assertEquals("rpc_client_msg_rx", prepared.getPlaceholder());
        assertEquals(new Range(new Position(0, 6), new Position(0, 31)), prepared.getRange());
        assertEquals(expected, edits(rename(script, at(scriptText, "client_msg_rx", 2), "rpc_client_msg_recv")));
        assertEquals(expected, edits(rename(script, at(scriptText, "client_msg_rx", 2),
                "libvirt.rpc.client_msg_recv")));

        // PROBE(OBJECT_REF, ...) becomes PROBE(OBJECT_GRAB, ...)
        assertEquals(Map.of("src/libvirt_probes.d", List.of("10:14-10:24 object_grab"),
                "src/util/virobject.c", List.of("4:10-4:20 OBJECT_GRAB")),
                edits(rename(provider, at(providerText, "object_ref", 0), "object_grab")));
    }

    @Test
    void renameRefusals() throws Exception {
        Position msgRx = at(providerText, "rpc_client_msg_rx", 3);
        assertTrue(refusal(provider, msgRx, "9rx").startsWith("'9rx' is not a valid probe name: dtrace -h makes a"
                + " C macro of it (LIBVIRT_NAME)"));
        assertEquals("'client_msg_recv' does not start with its group's prefix 'rpc_' (# prefix: rpc): libvirt's"
                + " dtrace2systemtap.py would not name its alias libvirt.rpc.*", refusal(provider, msgRx,
                "client_msg_recv"));
        assertEquals("'rpc_client_new' is taken: dtrace -h would name both it and probe 'rpc_client_new' ("
                + dir.resolve("src/libvirt_probes.d") + ":4) LIBVIRT_RPC_CLIENT_NEW",
                refusal(provider, msgRx, "rpc_client_new"));
        // dtrace -h turns '__' into '_': rpc_client__new would be LIBVIRT_RPC_CLIENT_NEW too
        assertTrue(refusal(script, at(scriptText, "client_msg_rx", 2), "rpc_client__new")
                .startsWith("'rpc_client__new' is taken: dtrace -h would name both it and probe 'rpc_client_new'"));
        assertTrue(refusal(script, at(scriptText, "client_msg_rx", 2), "libvirt.object.msg_recv")
                .startsWith("'libvirt.object.msg_recv' is not an alias libvirt's dtrace2systemtap.py would derive"
                        + " from a probe of this group: it must start with 'libvirt.rpc.'"));
    }
}
