package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Cli;
import io.tapls.testing.Corpora;
import io.tapls.testing.Fixture;
import io.tapls.testing.LspClient;
import io.tapls.testing.StapOracle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The quick fixes through JSON-RPC, each case a fixture ({@code $0} is where the editor asks), the fixes offered
 * there in order (the first one preferred), and the text each leaves. The tool a diagnostic speaks for judges
 * before and after: QEMU's tracetool refuses the line and accepts every fixed one; gcc -Wformat (and
 * -Wformat-signedness, which is why {@code %zu} is preferred for a size_t) refuses the log backend's printf of
 * the format and accepts every fix's; stap -p2 refuses the script and accepts every fix's.
 */
class QuickFixesIT {
    @TempDir
    static Path dir;
    private static LspClient lsp;
    private static final AtomicInteger FILES = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        lsp = LspClient.start();
        lsp.initializeIn(null, dir);
    }

    @AfterAll
    static void stop() {
        if (lsp != null) {
            lsp.close();
        }
    }

    enum Judge { TRACETOOL, GCC, STAP }

    static List<Arguments> traceEvents() {
        return List.of(
                Arguments.of("# a comment\n$0foo(int x) \"x=%d\"", Judge.TRACETOOL, List.of(
                        "Add a newline at the end of the file", "# a comment\nfoo(int x) \"x=%d\"\n")),
                Arguments.of("foo(hw$0addr addr) \"addr=0x%\" PRIx64\n", Judge.TRACETOOL, List.of(
                        "Declare it as 'uint64_t'", "foo(uint64_t addr) \"addr=0x%\" PRIx64\n")),
                Arguments.of("foo(const gchar *$0name, int n) \"name=%s n=%d\"\n", Judge.TRACETOOL, List.of(
                        "Declare it as 'const char *'", "foo(const char *name, int n) \"name=%s n=%d\"\n",
                        "Declare it as 'void *'", "foo(void *name, int n) \"name=%s n=%d\"\n")),
                Arguments.of("foo(int a) \"a=%d b=$0%d\"\n", Judge.GCC, List.of(
                        "Remove 'b=%d' from the format", "foo(int a) \"a=%d\"\n",
                        "Add the argument 'int b'", "foo(int a, int b) \"a=%d b=%d\"\n")),
                Arguments.of("foo(uint32_t a) \"a=%u len=$0%zu\"\n", Judge.GCC, List.of(
                        "Remove 'len=%zu' from the format", "foo(uint32_t a) \"a=%u\"\n",
                        "Add the argument 'size_t len'", "foo(uint32_t a, size_t len) \"a=%u len=%zu\"\n")),
                Arguments.of("foo(int a, uint64_t $0b, const char *s) \"a=%d\"\n", Judge.GCC, List.of(
                        "Print 'b', 's' in the format",
                        "foo(int a, uint64_t b, const char *s) \"a=%d b=%\" PRIu64 \" s=%s\"\n",
                        "Remove the arguments 'uint64_t b', 'const char *s'", "foo(int a) \"a=%d\"\n")),
                Arguments.of("foo(size_t n) \"n=$0%d\"\n", Judge.GCC, List.of(
                        "Use '%zu'", "foo(size_t n) \"n=%zu\"\n", "Use '%zd'", "foo(size_t n) \"n=%zd\"\n")),
                Arguments.of("foo(ssize_t n) \"n=$0%u\"\n", Judge.GCC, List.of(
                        "Use '%zd'", "foo(ssize_t n) \"n=%zd\"\n", "Use '%zu'", "foo(ssize_t n) \"n=%zu\"\n")));
    }

    static List<Arguments> scripts() {
        return List.of(
                Arguments.of("probe begin { printf(\"%d\\n\", $0\"x\") }\n", Judge.STAP, List.of(
                        "Use '%s'", "probe begin { printf(\"%s\\n\", \"x\") }\n")),
                Arguments.of("probe begin { printf(\"[%-6s]\\n\", $0pid()) }\n", Judge.STAP, List.of(
                        "Use '%-6d'", "probe begin { printf(\"[%-6d]\\n\", pid()) }\n")),
                Arguments.of("probe begin { println(strlen($042)) }\n", Judge.STAP, List.of(
                        "Pass the string \"42\"", "probe begin { println(strlen(\"42\")) }\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traceEvents")
    void traceEventsFixes(String marked, Judge judge, List<String> expected) throws Exception {
        check("trace-events", marked, judge, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void scriptFixes(String marked, Judge judge, List<String> expected) throws Exception {
        check("stp", marked, judge, expected);
    }

    /**
     * Opens the fixture, asks for quick fixes at its cursor, and checks the titles, the preferred flag and the text
     * each fix leaves; the judge refuses the fixture and accepts every fixed text.
     */
    private static void check(String language, String marked, Judge judge, List<String> expected) throws Exception {
        Fixture fx = Fixture.parse(marked);
        int n = FILES.incrementAndGet();
        Path file = language.equals("stp") ? dir.resolve("s" + n + ".stp") : dir.resolve("t" + n + "/trace-events");
        String uri = file.toUri().toString();
        lsp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri,
                language.equals("stp") ? "systemtap" : "trace-events", 1, fx.text())));
        Position at = position(fx.text(), fx.cursor());
        CodeActionContext context = new CodeActionContext(List.of());
        context.setOnly(List.of(CodeActionKind.QuickFix));
        List<CodeAction> fixes = lsp.server.getTextDocumentService().codeAction(new CodeActionParams(
                new TextDocumentIdentifier(uri), new Range(at, at), context)).get(60, TimeUnit.SECONDS).stream()
                .map(e -> e.getRight()).toList();
        List<String> actual = new ArrayList<>();
        for (CodeAction f : fixes) {
            assertEquals("quickfix", f.getKind());
            assertEquals(f == fixes.get(0), Boolean.TRUE.equals(f.getIsPreferred()), f.getTitle());
            actual.add(f.getTitle());
            actual.add(apply(fx.text(), f.getEdit().getChanges().get(uri)));
        }
        assertEquals(expected, actual);
        assertNotEquals("", refusal(judge, fx.text(), false), "the " + judge + " refuses the fixture");
        for (int i = 1; i < actual.size(); i += 2) {
            // the preferred fix also passes gcc's -Wformat-signedness
            assertEquals("", refusal(judge, actual.get(i), i == 1), actual.get(i - 1) + ": the " + judge
                    + " accepts it");
            if (judge == Judge.GCC) {
                assertEquals("", refusal(Judge.TRACETOOL, actual.get(i), false), actual.get(i - 1)
                        + ": tracetool too");
            }
        }
    }

    /** What the tool says against the text ("" when it accepts it). */
    private static String refusal(Judge judge, String text, boolean signedness) throws Exception {
        Path work = Files.createTempDirectory(dir, "judge");
        return switch (judge) {
            case TRACETOOL -> tracetool(work, text);
            case GCC -> gcc(work, text, signedness);
            case STAP -> {
                Path f = work.resolve("s.stp");
                Files.writeString(f, text);
                StapOracle.Verdict v = StapOracle.p2(List.of(f)).get(f);
                yield v.pass() ? "" : "stap: " + v.firstError();
            }
        };
    }

    private static String tracetool(Path work, String text) throws Exception {
        Path py = Corpora.require(Corpora.shared().resolve("tools/tracetool/scripts/tracetool.py"), "tracetool");
        Path in = work.resolve("trace-events");
        Files.writeString(in, text);
        ProcessBuilder pb = new ProcessBuilder("python3", py.toString(), "--backends=dtrace", "--format=log-stap",
                "--group=all", "--binary", "/usr/bin/qemu-system-x86_64", "--probe-prefix", "qemu.system.x86_64",
                in.toString(), work.resolve("out.stp").toString());
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Cli.Result r = Cli.run(pb, 60);
        return r.exitCode() == 0 ? "" : "tracetool: " + r.stderr().strip().lines().reduce((a, b) -> b).orElse("");
    }

    private static final Pattern EVENT = Pattern.compile("(\\w+)\\((.*)\\)\\s*(\".*)");

    /**
     * gcc's -Wformat on the printf QEMU's log backend makes of the event (its format, then its arguments, as
     * declared), and -Wformat-signedness when asked.
     */
    private static String gcc(Path work, String text, boolean signedness) throws Exception {
        Corpora.require(Path.of("/usr/bin/gcc"), "gcc");
        Matcher m = EVENT.matcher(text.strip());
        assertTrue(m.matches(), text);
        List<String> names = new ArrayList<>();
        String params = m.group(2).strip();
        if (!params.equals("void")) {
            for (String a : params.split(",")) {
                Matcher name = Pattern.compile("(\\w+)\\s*$").matcher(a.strip());
                assertTrue(name.find(), a);
                names.add(name.group(1));
            }
        }
        String c = "#include <inttypes.h>\n#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n"
                + "#include <stdio.h>\n#include <sys/types.h>\n"
                + "void trace_" + m.group(1) + "(" + m.group(2) + ")\n{\n    printf(" + m.group(3) + " \"\\n\""
                + names.stream().map(x -> ", " + x).reduce("", String::concat) + ");\n}\n";
        Path src = work.resolve("trace.c");
        Files.writeString(src, c);
        List<String> cmd = new ArrayList<>(List.of("gcc", "-fsyntax-only", "-Wformat", "-Werror"));
        if (signedness) {
            cmd.add("-Wformat-signedness");
        }
        cmd.add(src.toString());
        Cli.Result r = Cli.run(new ProcessBuilder(cmd), 60);
        return r.exitCode() == 0 ? "" : "gcc: " + r.stderr();
    }

    static Position position(String text, int offset) {
        int line = 0;
        int start = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                start = i + 1;
            }
        }
        return new Position(line, offset - start);
    }

    static int offset(String text, Position p) {
        int line = 0;
        int i = 0;
        while (line < p.getLine() && i < text.length()) {
            if (text.charAt(i++) == '\n') {
                line++;
            }
        }
        return i + p.getCharacter();
    }

    static String apply(String text, List<TextEdit> edits) {
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt((TextEdit e) -> offset(text, e.getRange().getStart())).reversed());
        StringBuilder sb = new StringBuilder(text);
        for (TextEdit e : sorted) {
            sb.replace(offset(text, e.getRange().getStart()), offset(text, e.getRange().getEnd()), e.getNewText());
        }
        return sb.toString();
    }
}
