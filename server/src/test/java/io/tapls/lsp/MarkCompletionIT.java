package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Corpora;
import io.tapls.testing.Fixture;
import io.tapls.testing.LspClient;
import io.tapls.text.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Completion of SDT mark names in {@code process("...").mark("} and of a mark's {@code $argN}, through JSON-RPC on
 * the real jar. The expected marks are the probes tracetool's dtrace provider declares ({@code --format=d}: the
 * corpus's expected output, or the real tracetool run on a file of the test's making).
 */
class MarkCompletionIT {
    private static final Pattern D_PROBE = Pattern.compile("^probe (\\w+)\\((.*)\\);$", Pattern.MULTILINE);

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

    /** Opens the marked text as a new script and completes at its cursor: label → item. */
    /**
     * Every item, as a client gets them when an answer is cut (the server's completion limit): it asks again with
     * the word one character longer, for each character a name can go on with.
     */
    private Map<String, CompletionItem> completeAll(String marked) throws Exception {
        Map<String, CompletionItem> out = new TreeMap<>();
        completeAll(marked, out);
        return out;
    }

    private void completeAll(String marked, Map<String, CompletionItem> out) throws Exception {
        Fixture fx = Fixture.parse(marked);
        String uri = dir.resolve("doc" + (documents++) + ".stp").toUri().toString();
        lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, "systemtap", 1, fx.text())));
        io.tapls.text.Position at = new SourceText(fx.text()).position(fx.cursor());
        var list = lsp.server.getTextDocumentService().completion(new CompletionParams(
                new TextDocumentIdentifier(uri), new Position(at.line(), at.character()))).get(60, TimeUnit.SECONDS)
                .getRight();
        list.getItems().forEach(i -> out.put(i.getLabel(), i));
        if (list.isIncomplete()) {
            for (char c : "abcdefghijklmnopqrstuvwxyz0123456789_".toCharArray()) {
                completeAll(marked.replace("$0", c + "$0"), out);
            }
        }
    }

    private Map<String, CompletionItem> complete(String marked) throws Exception {
        Fixture fx = Fixture.parse(marked);
        String uri = dir.resolve("doc" + (documents++) + ".stp").toUri().toString();
        lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, "systemtap", 1, fx.text())));
        io.tapls.text.Position at = new SourceText(fx.text()).position(fx.cursor());
        var result = lsp.server.getTextDocumentService().completion(new CompletionParams(
                new TextDocumentIdentifier(uri), new Position(at.line(), at.character()))).get(60, TimeUnit.SECONDS);
        List<CompletionItem> items = result.isLeft() ? result.getLeft() : result.getRight().getItems();
        Map<String, CompletionItem> out = new TreeMap<>();
        items.forEach(i -> out.put(i.getLabel(), i));
        return out;
    }

    /** The probes of the corpus's expected d outputs (tracetool's), of the files {@code which} accepts. */
    private static Map<String, String> corpusProbes(java.util.function.Predicate<String> which) throws Exception {
        Path expected = Corpora.qemuCorpus().resolve("expected/d");
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(expected)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                if (!which.test(expected.relativize(f).toString())) {
                    continue;
                }
                Matcher m = D_PROBE.matcher(Files.readString(f));
                while (m.find()) {
                    out.putIfAbsent(m.group(1), m.group(2));
                }
            }
        }
        return out;
    }

    /** The probes the real tracetool's d format declares for a trace-events text: name → argument list. */
    private Map<String, String> tracetoolProbes(String release, String events) throws Exception {
        Path in = Files.writeString(dir.resolve("oracle-" + release + ".trace-events"), events);
        Path out = dir.resolve("oracle-" + release + ".d");
        String script = release.equals("7.2") ? "qemu-7.2/scripts/tracetool.py" : "scripts/tracetool.py";
        ProcessBuilder pb = new ProcessBuilder("python3",
                Corpora.shared().resolve("tools/tracetool/" + script).toString(), "--backends=dtrace",
                "--format=d", "--group=all", in.toString(), out.toString()).redirectErrorStream(true);
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        Map<String, String> probes = new LinkedHashMap<>();
        Matcher m = D_PROBE.matcher(Files.readString(out));
        while (m.find()) {
            probes.put(m.group(1), m.group(2));
        }
        return probes;
    }

    /** "void * task,int n" (a d file's arguments) → ["void *task", "int n"], as the events declare them. */
    private static List<String> declarations(String dArgs) {
        List<String> out = new ArrayList<>();
        for (String a : dArgs.isEmpty() ? new String[0] : dArgs.split(",")) {
            out.add(a.strip().replace("* ", "*"));
        }
        return out;
    }

    @Test
    void everyEventOfTheWorkspaceAsTracetoolsProviderDeclaresIt() throws Exception {
        start("{\"defaultTapsets\": false}", Corpora.qemuCorpus().resolve("trace-events"));
        Map<String, String> qio = corpusProbes(f -> true);
        qio.keySet().removeIf(n -> !n.startsWith("qio_"));
        assertTrue(qio.size() > 20, qio.toString());
        Map<String, CompletionItem> items = complete("probe process.mark(\"qio_$0\") {}\n");
        assertEquals(qio.keySet(), items.keySet());
        CompletionItem taskNew = items.get("qio_task_new");
        assertEquals("(" + String.join(", ", declarations(qio.get("qio_task_new"))) + ")", taskNew.getDetail());
        assertTrue(taskNew.getDocumentation().getRight().getValue().contains(
                "\"Task new task=%p source=%p func=%p opaque=%p\""), taskNew.getDocumentation().getRight().getValue());
        // The name, not an address: what is typed inside the quotes is replaced.
        assertEquals("qio_task_new", taskNew.getTextEdit().getLeft().getNewText());
        assertEquals(new Position(0, 20), taskNew.getTextEdit().getLeft().getRange().getStart());
        assertEquals(new Position(0, 24), taskNew.getTextEdit().getLeft().getRange().getEnd());
    }

    @Test
    void anEmulatorsBinaryGetsTheEventsBuiltIntoItAnyOtherProcessAll() throws Exception {
        start("{\"defaultTapsets\": false}", Corpora.qemuCorpus().resolve("trace-events"));
        // target/DIR's code is built into that target's emulators only (ProbePrefix.SYSTEM_TARGETS).
        Map<String, String> x86 = corpusProbes(f -> !f.startsWith("target/") || f.startsWith("target/i386/"));
        Map<String, String> arm = corpusProbes(f -> !f.startsWith("target/") || f.startsWith("target/arm/"));
        Map<String, String> all = corpusProbes(f -> true);
        assertTrue(all.size() > x86.size() && all.size() > arm.size() && !x86.equals(arm));
        assertEquals(x86.keySet(), completeAll(
                "probe process(\"/usr/bin/qemu-system-x86_64\").mark(\"$0\") {}\n").keySet());
        assertEquals(arm.keySet(), completeAll(
                "probe process(\"/usr/bin/qemu-system-aarch64\").mark(\"$0\") {}\n").keySet());
        assertEquals(all.keySet(), completeAll(
                "probe process(\"/opt/qemu/bin/qemu-system-x86_64\").mark(\"$0\") {}\n").keySet());
    }

    @Test
    void halfTypedDisabledAndAnotherProvider() throws Exception {
        Path events = dir.resolve("trace-events");
        String text = "qio_task_new(void *task) \"task=%p\"\ndisable qio_task_gone(int x) \"x=%d\"\n"
                + "qio_task_done(void *task, int ret) \"task=%p ret=%d\"\n";
        Files.writeString(events, text);
        Map<String, String> oracle = tracetoolProbes("10.2", text);
        start("{\"defaultTapsets\": false}", dir);
        // A disabled event has no mark: tracetool leaves it out of the provider.
        assertEquals(new TreeSet<>(oracle.keySet()), complete(
                "probe process(\"/usr/bin/qemu-system-x86_64\").mark(\"qio_ta$0").keySet());
        assertEquals(List.of("qio_task_done"), List.copyOf(complete(
                "probe process(\"x\").provider(\"qemu\").mark(\"qio_task_d$0\")").keySet()));
        assertEquals(Map.of(), complete("probe process(\"x\").provider(\"other\").mark(\"$0\")"));
        assertEquals(Map.of(), complete("probe kernel.mark(\"$0\")"));
    }

    @Test
    void aMarksArgumentsAreItsEventsInTracetoolsOrder() throws Exception {
        Path events = dir.resolve("trace-events");
        String text = "qio_task_new(void *task, void *source, void *func, void *opaque) \"task=%p\"\n"
                + "guest_x(uint64_t addr, const char *name) \"addr=0x%\" PRIx64 \" name=%s\"\n";
        Files.writeString(events, text);
        Map<String, String> oracle = tracetoolProbes("10.2", text);
        start("{\"defaultTapsets\": false}", dir);
        Map<String, CompletionItem> items = complete(
                "probe process(\"/usr/bin/qemu-system-x86_64\").mark(\"qio_task_new\") {\n  $a$0\n}\n");
        List<String> expected = declarations(oracle.get("qio_task_new"));
        assertEquals(4, expected.size());
        List<String> args = new ArrayList<>();
        for (int i = 1; items.containsKey("$arg" + i); i++) {
            args.add(items.get("$arg" + i).getDetail());
        }
        assertEquals(expected, args);
        assertTrue(!items.containsKey("$arg5"), items.keySet().toString());
        // Through an alias tracetool derives from the event, its log alias too.
        Map<String, CompletionItem> log = complete("probe qemu.system.x86_64.log.qio_task_new {\n  $$0\n}\n");
        assertEquals("void *task", log.get("$arg1").getDetail());
        assertTrue(log.containsKey("$arg4") && !log.containsKey("$arg5"), log.keySet().toString());
        // A string argument: the doc says how to read it.
        Map<String, CompletionItem> guest = complete(
                "probe process(\"x\").mark(\"guest_x\") {\n  $$0\n}\n");
        assertEquals(declarations(oracle.get("guest_x")), List.of(guest.get("$arg1").getDetail(),
                guest.get("$arg2").getDetail()));
        assertTrue(guest.get("$arg2").getDocumentation().getRight().getValue().contains("user_string_n($arg2, 512)"));
    }

    @Test
    void beforeQemu101AVcpuEventsMarkTakesTheCpuFirst() throws Exception {
        Path events = dir.resolve("trace-events");
        String text = "vcpu guest_x(uint64_t addr) \"addr=0x%\" PRIx64\n";
        Files.writeString(events, text);
        Map<String, String> oracle = tracetoolProbes("7.2", text);
        start("{\"defaultTapsets\": false, \"qemuVersion\": \"7.2\"}", dir);
        Map<String, CompletionItem> items = complete("probe process(\"x\").mark(\"guest_x\") {\n  $$0\n}\n");
        assertEquals(declarations(oracle.get("guest_x")), List.of(items.get("$arg1").getDetail(),
                items.get("$arg2").getDetail()));
        assertEquals("(" + String.join(", ", declarations(oracle.get("guest_x"))) + ")",
                complete("probe process(\"x\").mark(\"guest$0\")").get("guest_x").getDetail());
    }
}
