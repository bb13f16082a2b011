package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Corpora;
import io.tapls.testing.Fixture;
import io.tapls.testing.LspClient;
import io.tapls.text.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Completion through JSON-RPC, on the real jar: {@code $0} is the cursor; the expected items are those the
 * real tools define (tracetool's generated tapsets, Debian's tapset library).
 */
class CompletionIT {
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

    private void start(String settings, Path... folders) throws Exception {
        lsp = LspClient.start();
        lsp.initializeIn(settings, folders);
    }

    /** Opens the marked text as a new document and completes at its cursor: label → item. */
    private Map<String, CompletionItem> complete(String name, String language, String marked) throws Exception {
        Fixture fx = Fixture.parse(marked);
        String uri = dir.resolve("doc" + (documents++) + "-" + name).toUri().toString();
        lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, language, 1, fx.text())));
        return completeAt(uri, fx.text(), fx.cursor());
    }

    private Map<String, CompletionItem> completeAt(String uri, String text, int cursor) throws Exception {
        io.tapls.text.Position at = new SourceText(text).position(cursor);
        var result = lsp.server.getTextDocumentService().completion(new CompletionParams(
                new TextDocumentIdentifier(uri), new Position(at.line(), at.character()))).get(60, TimeUnit.SECONDS);
        List<CompletionItem> items = result.isLeft() ? result.getLeft() : result.getRight().getItems();
        Map<String, CompletionItem> out = new TreeMap<>();
        items.forEach(i -> out.put(i.getLabel(), i));
        return out;
    }

    /** The log probes tracetool generates from the corpus whose event names start with {@code prefix}. */
    private static TreeSet<String> tracetoolLogProbes(String prefix) throws Exception {
        Pattern probe = Pattern.compile("^probe qemu\\.system\\.x86_64\\.log\\.(" + prefix + "\\w*) = ",
                Pattern.MULTILINE);
        TreeSet<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Corpora.qemuCorpus().resolve("expected/log-stap/"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (f.toString().contains("generated-qapi")) {
                    continue;
                }
                Matcher m = probe.matcher(Files.readString(f));
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    @Test
    void probePointsOfTheWorkspacesEventsComponentByComponent() throws Exception {
        start("{\"defaultTapsets\": false}", Corpora.qemuCorpus().resolve("trace-events"));
        TreeSet<String> expected = tracetoolLogProbes("qio");
        assertTrue(expected.size() > 20, expected.toString());
        Map<String, CompletionItem> items = complete("a.stp", "systemtap", "probe qemu.system.x86_64.log.qio$0");
        assertEquals(expected, new TreeSet<>(items.keySet()));
        assertEquals("qemu.system.x86_64.log.qio_task_new", items.get("qio_task_new").getDetail());

        assertEquals(List.of("system"), List.copyOf(complete("b.stp", "systemtap", "probe qemu.$0").keySet()));
        assertTrue(complete("c.stp", "systemtap", "probe qemu.system.$0").containsKey("x86_64"));
        // Thousands of events there: the answer is cut, the components that lead further come first.
        assertTrue(complete("d.stp", "systemtap", "probe qemu.system.x86_64.$0").keySet()
                .containsAll(List.of("log", "simpletrace")));
        assertTrue(complete("e.stp", "systemtap", "probe qemu.system.x86_64.qio_task_n$0").containsKey("qio_task_new"));
    }

    @Test
    void aProbeBodyOffersTheVariablesItsAliasBindsWithTheirTypes() throws Exception {
        start("{\"defaultTapsets\": false}", Corpora.qemuCorpus().resolve("trace-events"));
        Map<String, CompletionItem> items = complete("e.stp", "systemtap",
                "probe qemu.system.x86_64.qio_task_new {\n  $0\n}\n");
        for (String v : List.of("task", "source", "func", "opaque")) {
            assertEquals("long", items.get(v).getDetail(), v);
            assertTrue(items.get(v).getDocumentation().getRight().getValue().contains("`void *`"), v);
        }
        // A log alias's body sees the base alias's variables through its point.
        Map<String, CompletionItem> log = complete("f.stp", "systemtap",
                "probe qemu.system.x86_64.log.qio_task_new {\n  so$0\n}\n");
        assertEquals(List.of("source"), List.copyOf(log.keySet()));
    }

    @Test
    void anEventAddedToAnUnsavedTraceEventsFileIsCompletableAtOnce() throws Exception {
        Path events = dir.resolve("io/trace-events");
        Files.createDirectories(events.getParent());
        Files.writeString(events, "qio_task_new(void *task) \"task=%p\"\n");
        start("{\"defaultTapsets\": false}", dir);
        assertEquals(List.of("qio_task_new"), List.copyOf(complete("g.stp", "systemtap",
                "probe qemu.system.x86_64.qio$0").keySet()));
        String uri = events.toUri().toString();
        lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, "trace-events", 1, Files.readString(events))));
        lsp.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, 2), List.of(new TextDocumentContentChangeEvent(
                        "qio_task_new(void *task) \"task=%p\"\nqio_task_done(void *task, int ret) \"task=%p ret=%d\"\n"))));
        Map<String, CompletionItem> items = complete("h.stp", "systemtap",
                "probe qemu.system.x86_64.qio_task_done { println($0) }");
        assertTrue(items.containsKey("ret"), items.keySet().toString());
        assertEquals(List.of("qio_task_done", "qio_task_new"), List.copyOf(complete("i.stp", "systemtap",
                "probe qemu.system.x86_64.qio$0").keySet()));
    }

    @Test
    void debiansTapsetsHalfTypedComponentsAndFunctions() throws Exception {
        Corpora.require(Path.of("/usr/share/systemtap/tapset"), "Debian's systemtap-common");
        start(null, dir);
        Map<String, CompletionItem> ops = complete("j.stp", "systemtap", "probe syscall.op$0");
        assertTrue(ops.keySet().containsAll(List.of("open", "openat")), ops.keySet().toString());
        assertTrue(ops.keySet().stream().allMatch(k -> k.startsWith("op")), ops.keySet().toString());
        Map<String, CompletionItem> vars = complete("k.stp", "systemtap", "probe syscall.open {\n  fi$0\n}\n");
        assertTrue(vars.containsKey("filename"), vars.keySet().toString());
        Map<String, CompletionItem> fns = complete("l.stp", "systemtap", "probe begin { println(exec$0) }\n");
        CompletionItem execname = fns.get("execname");
        assertTrue(execname.getDocumentation().getRight().getValue().toLowerCase().contains("name"),
                execname.toString());
        assertTrue(complete("m.stp", "systemtap", "probe b$0").containsKey("begin"));
    }

    @Test
    void aLongListIsCutAndMarkedIncompleteSoTheClientAsksAgainAsTheWordGrows() throws Exception {
        Corpora.require(Path.of("/usr/share/systemtap/tapset"), "Debian's systemtap-common");
        start(null, dir);
        String text = "probe begin {\n  \n}\n";
        String uri = dir.resolve("limit.stp").toUri().toString();
        lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, "systemtap", 1, text)));
        var everything = lsp.server.getTextDocumentService().completion(new CompletionParams(
                new TextDocumentIdentifier(uri), new Position(1, 2))).get(60, TimeUnit.SECONDS).getRight();
        assertTrue(everything.isIncomplete(), "Debian's library has more functions than one answer carries");
        assertEquals(TaplsTextDocumentService.COMPLETION_LIMIT, everything.getItems().size());
        // Typed further, the word narrows the list below the limit: complete, and with what was cut before.
        Map<String, CompletionItem> user = complete("limit2.stp", "systemtap", "probe begin {\n  user_str$0\n}\n");
        assertTrue(user.containsKey("user_string_n"), user.keySet().toString());
        assertTrue(everything.getItems().stream().noneMatch(i -> i.getLabel().equals("user_string_n")),
                "user_string_n sorts after the first " + TaplsTextDocumentService.COMPLETION_LIMIT);
    }

    @Test
    void stapPrintfConversionsInAFormat() throws Exception {
        start("{\"defaultTapsets\": false}", dir);
        Map<String, CompletionItem> items = complete("n.stp", "systemtap", "probe begin { printf(\"%$0\\n\", 1) }\n");
        assertTrue(items.keySet().containsAll(List.of("%d", "%s", "%x", "%p")), items.keySet().toString());
        assertEquals(Map.of(), complete("o.stp", "systemtap", "probe begin { println(\"%$0\") }\n"));
    }

    @Test
    void traceEventsPropertiesTypesAndConversionsThatFitTheArgument() throws Exception {
        start(null, dir);
        assertEquals(List.of("disable"), List.copyOf(complete("p.trace-events", "trace-events", "dis$0").keySet()));
        Map<String, CompletionItem> types = complete("q.trace-events", "trace-events", "foo(int x, uint$0");
        assertTrue(types.keySet().containsAll(List.of("uint8_t", "uint16_t", "uint32_t", "uint64_t", "uintptr_t")),
                types.keySet().toString());
        assertEquals(Map.of(), complete("r.trace-events", "trace-events", "foo(int x$0"));
        Map<String, CompletionItem> conv = complete("s.trace-events", "trace-events",
                "foo(int n, uint64_t addr) \"n=%d addr=0x%$0\"");
        assertTrue(conv.containsKey("%\" PRIx64 \""), conv.keySet().toString());
        assertTrue(conv.get("%\" PRIx64 \"").getDocumentation().getRight().getValue().contains("`addr`"));
        Map<String, CompletionItem> str = complete("t.trace-events", "trace-events",
                "foo(const char *name) \"name=%$0\"");
        assertTrue(str.containsKey("%s"), str.keySet().toString());
        assertEquals(Map.of(), complete("u.trace-events", "trace-events", "# a comment dis$0"));
    }
}
