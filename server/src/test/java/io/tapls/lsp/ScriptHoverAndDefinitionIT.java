package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Corpora;
import io.tapls.testing.Fixture;
import io.tapls.testing.LspClient;
import io.tapls.text.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hover and go-to-definition in SystemTap scripts, through JSON-RPC on the real jar: {@code $0} is the cursor,
 * {@code [[ ]]} the range the hover is about. Expectations come from the files that define the names: the
 * corpus's trace-events files and Debian's tapsets.
 */
class ScriptHoverAndDefinitionIT {
    @TempDir
    Path dir;
    private LspClient lsp;
    private int documents;

    @AfterEach
    void stop() {
        if (lsp != null) {
            lsp.close();
        }
    }

    private void start(String settings, Path folder) throws Exception {
        lsp = LspClient.start();
        lsp.initializeIn(settings, folder);
    }

    private record Opened(String uri, Fixture fixture, Position cursor) {
    }

    private Opened open(String marked) {
        Fixture fx = Fixture.parse(marked);
        String uri = dir.resolve("s" + (documents++) + ".stp").toUri().toString();
        lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, "systemtap", 1, fx.text())));
        io.tapls.text.Position p = new SourceText(fx.text()).position(fx.cursor());
        return new Opened(uri, fx, new Position(p.line(), p.character()));
    }

    private String hover(String marked) throws Exception {
        Opened o = open(marked);
        Hover h = lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(o.uri()),
                o.cursor())).get(60, TimeUnit.SECONDS);
        if (h == null) {
            return null;
        }
        if (!o.fixture().ranges().isEmpty()) {
            SourceText text = new SourceText(o.fixture().text());
            assertEquals(text.position(o.fixture().range().start()).character(), h.getRange().getStart().getCharacter());
            assertEquals(text.position(o.fixture().range().end()).character(), h.getRange().getEnd().getCharacter());
        }
        return h.getContents().getRight().getValue();
    }

    private List<? extends Location> definition(String marked) throws Exception {
        Opened o = open(marked);
        return lsp.server.getTextDocumentService().definition(new DefinitionParams(
                new TextDocumentIdentifier(o.uri()), o.cursor())).get(60, TimeUnit.SECONDS).getLeft();
    }

    /** The 0-based line of the first line of a file containing {@code text}. */
    private static int lineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    @Test
    void anEventsAliasShowsItsVariablesItsLineAndWhatItsLogProbePrints() throws Exception {
        Path corpus = Corpora.qemuCorpus().resolve("trace-events");
        start("{\"defaultTapsets\": false}", corpus);
        String md = hover("probe [[qemu.system.x86_64.qio_t$0ask_new]] { }\n");
        String line = Files.readAllLines(corpus.resolve("io/trace-events")).get(
                lineOf(corpus.resolve("io/trace-events"), "qio_task_new("));
        assertTrue(md.contains(line), md);
        assertTrue(md.contains("`task`: `void *`"), md);
        assertTrue(md.contains("Its log probe prints `%d@%d qio_task_new Task new task=%p source=%p func=%p"
                + " opaque=%p\\n`"), md);

        String variable = hover("probe qemu.system.x86_64.qio_task_new { println([[so$0urce]]) }\n");
        assertTrue(variable.startsWith("```stap\nlong source\n```"), variable);
        assertTrue(variable.contains("`void *` in the event's declaration; bound by `qemu.system.x86_64.qio_task_new`"),
                variable);

        String wildcard = hover("probe qemu.system.x86_64.log.qio_ta$0sk_* { }\n");
        assertTrue(wildcard.startsWith("`qemu.system.x86_64.log.qio_task_*` matches "), wildcard);
        assertTrue(wildcard.contains("- `qemu.system.x86_64.log.qio_task_new`"), wildcard);

        List<? extends Location> where = definition("probe qemu.system.x86_64.log.qio_ta$0sk_new { }\n");
        assertEquals(1, where.size(), where.toString());
        assertEquals(corpus.resolve("io/trace-events").toUri().toString(), where.get(0).getUri());
        assertEquals(lineOf(corpus.resolve("io/trace-events"), "qio_task_new("),
                where.get(0).getRange().getStart().getLine());
    }

    @Test
    void debiansTapsetsFunctionsAndAliases() throws Exception {
        Path library = Corpora.require(Path.of("/usr/share/systemtap/tapset"), "Debian's systemtap-common");
        start(null, dir);
        String md = hover("probe begin { println([[exec$0name]]()) }\n");
        assertTrue(md.startsWith("```stap\nfunction execname:string ()\n```\nReturns the execname of a target"
                + " process (or group of processes)"), md);

        List<? extends Location> fn = definition("probe begin { println(exec$0name()) }\n");
        assertEquals(1, fn.size(), fn.toString());
        Path file = Path.of(java.net.URI.create(fn.get(0).getUri()));
        assertTrue(file.startsWith(library), file.toString());
        assertTrue(Files.readAllLines(file).get(fn.get(0).getRange().getStart().getLine()).contains("execname"));

        List<? extends Location> alias = definition("probe syscall.op$0en { }\n");
        assertTrue(!alias.isEmpty());
        for (Location l : alias) {
            String text = Files.readAllLines(Path.of(java.net.URI.create(l.getUri())))
                    .get(l.getRange().getStart().getLine());
            assertTrue(text.contains("syscall.open"), text);
        }
        assertNull(hover("# probe syscall.op$0en\n"));
    }

    @Test
    void declarationsOfTheScriptItself() throws Exception {
        start("{\"defaultTapsets\": false}", dir);
        List<? extends Location> fn = definition("function twice(x) { return 2 * x }\n"
                + "probe begin { println(tw$0ice(2)) }\n");
        assertEquals(1, fn.size());
        assertEquals(0, fn.get(0).getRange().getStart().getLine());
        assertEquals(9, fn.get(0).getRange().getStart().getCharacter());
        String md = hover("function twice:long (x:long) { return 2 * x }\nprobe begin { println([[tw$0ice]](2)) }\n");
        assertTrue(md.startsWith("```stap\nfunction twice:long (x:long)\n```"), md);
    }
}
