package io.tapls.stap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Corpora;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The reader: every branch analysed, guards recorded, errors only from the active branch, positions. */
class StapReaderTest {
    private static StapFile read(String text) {
        return StapReader.read("t.stp", text, Map.of(), PpConfig.defaults());
    }

    @Test
    void everyTapsetFileParsesWithoutErrorsInEveryBranch() throws IOException {
        Path root = Corpora.require(TapsetPath.DEFAULT_ROOT, "Debian's systemtap-common");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".stp") || p.toString().endsWith(".stpm")).sorted().toList();
        }
        int aliases = 0;
        int functions = 0;
        for (Path f : files) {
            PpConfig cfg = PpConfig.defaults().forPath(f.toString());
            StapFile sf = StapReader.read(f.toString(), Files.readString(f),
                    TapsetPath.libraryMacros(TapsetPath.roots(true, List.of()), cfg), cfg);
            assertEquals(List.of(), sf.errors(), f.toString());
            aliases += sf.aliases().size();
            functions += sf.functions().size();
        }
        assertEquals(607, files.size());
        System.out.printf("tapset library: %d files, %d aliases, %d functions, 0 errors%n", files.size(), aliases,
                functions);
    }

    /**
     * A file over the streaming size is parsed with its tokens taken from the scanner as the parser asks (no
     * list of them all): the same model as a parse of the list, on every file of the library and on scripts that
     * stop at an error before the end (whose later doc comments and $1 still count).
     */
    @Test
    void aStreamedParseGivesTheModelOfAListedOne() throws IOException {
        Path root = Corpora.require(TapsetPath.DEFAULT_ROOT, "Debian's systemtap-common");
        List<String[]> inputs = new java.util.ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".stp") || p.toString().endsWith(".stpm")).sorted()
                    .toList()) {
                inputs.add(new String[] {f.toString(), Files.readString(f)});
            }
        }
        inputs.add(new String[] {"e.stp", ""});
        inputs.add(new String[] {"c.stp", "/** comment only */\n# and a line\n"});
        inputs.add(new String[] {"x.stp", "probe begin { x = } \n/**\n * sfunction f - doc\n */\nfunction f() { $1 }"});
        inputs.add(new String[] {"y.stp", "%( kernel_v >= \"2.6\" %? probe begin { print(@1) } %: probe end {} %)\n"
                + "@define m %( 1 + %) probe timer.s(1) { x = @m 2 }\n\"unterminated"});
        inputs.add(new String[] {"z.stp", "probe begin { if (1 { } }\n@define d(a) %( @a %)\nprobe end { @d(3) }"});
        for (String[] in : inputs) {
            PpConfig cfg = PpConfig.defaults().forPath(in[0]);
            Map<String, MacroDef> macros = TapsetPath.libraryMacros(TapsetPath.roots(true, List.of()), cfg);
            StapFile listed = StapReader.read(in[0], in[1], macros, cfg, null, 0, Long.MAX_VALUE);
            StapFile streamed = StapReader.read(in[0], in[1], macros, cfg, null, 0, -1);
            assertEquals(summary(listed), summary(streamed), in[0]);
        }
    }

    private static String summary(StapFile f) {
        StringBuilder b = new StringBuilder();
        b.append(f.errors()).append('\n').append(f.inactiveErrors()).append('\n').append(f.warnings()).append('\n')
                .append(f.docs()).append('\n').append(f.emptiness()).append(' ').append(f.takesArguments())
                .append(' ').append(f.runs()).append(' ').append(f.conditionals().size()).append('\n');
        // the records print their trees in full (a token as kind(text)@offset)
        b.append(f.probes()).append('\n').append(f.aliases()).append('\n').append(f.functions()).append('\n')
                .append(f.globals()).append('\n').append(f.macros()).append('\n').append(f.embedded());
        return b.toString();
    }

    @Test
    void wholeFileConditionalStillYieldsItsDeclarationsWithTheirGuard() {
        StapFile f = read("%( kernel_v < \"2.6.33\" %?\nprobe a.b = begin { x = $arg1; s = user_string($arg2) }\n"
                + "function g:long() { return 1 }\n%)\n");
        assertEquals(List.of(), f.errors());
        assertEquals(1, f.aliases().size());
        ProbeAlias a = f.aliases().get(0);
        assertNotNull(a.guard());
        assertEquals("kernel_v < \"2.6.33\"", a.guard().describe());
        assertEquals(Map.of("x", "long", "s", "string"), a.variables());
        assertEquals("kernel_v < \"2.6.33\"", f.functions().get(0).guard().describe());
    }

    @Test
    void bothBranchesAreAnalysedAndTheElseGuardIsNegated() {
        StapFile f = read("%( arch == \"x86_64\" %? probe a = begin {} %: probe b = end {} %)\n");
        assertEquals(2, f.aliases().size());
        assertEquals("arch == \"x86_64\"", f.aliases().get(0).guard().describe());
        assertEquals("!(arch == \"x86_64\")", f.aliases().get(1).guard().describe());
    }

    @Test
    void nestedBranchesInsideAnInactiveBranchAreReached() {
        StapFile f = read("%( arch == \"x86_64\" %? probe a = begin {} %:\n"
                + "  %( kernel_v >= \"3.0\" %? probe b = begin {} %: probe c = begin {} %)\n%)\n");
        assertEquals(List.of("a", "b", "c"), f.aliases().stream().map(x -> x.names().get(0).name()).toList());
        assertEquals("!(arch == \"x86_64\") && !(kernel_v >= \"3.0\")", f.aliases().get(2).guard().describe());
        assertTrue(f.runs() <= 3, "runs: " + f.runs());
    }

    @Test
    void errorInTheSkippedBranchIsNotARealError() {
        StapFile f = read("%( arch == \"s390\" %? probe begin { x = = 1 } %: probe begin { x = 1 } %)\n");
        assertEquals(List.of(), f.errors());
        assertEquals(1, f.inactiveErrors().size());
        assertEquals("expected literal string or number", f.inactiveErrors().get(0).message());
    }

    @Test
    void errorsHavePreciseRangesInUtf16() {
        String text = "# \uD83D\uDE00 emoji\nprobe begin { x = = 1 }\n";
        StapFile f = read(text);
        assertEquals(1, f.errors().size());
        SyntaxError e = f.errors().get(0);
        assertEquals("expected literal string or number", e.message());
        assertEquals(text.indexOf("= 1"), e.span().start());
        assertEquals(text.indexOf("= 1") + 1, e.span().end());
        assertEquals("saw: operator '='", e.tokenText().substring(0, e.tokenText().indexOf(" at") < 0
                ? e.tokenText().length() : e.tokenText().indexOf(" at")));
    }

    @Test
    void macroErrorsPointAtTheInvocation() {
        String text = "@define m(a) %( @a + = %)\nprobe begin { z = @m(3) }\n";
        StapFile f = read(text);
        assertEquals(1, f.errors().size());
        assertEquals(text.indexOf("@m(3)"), f.errors().get(0).span().start());
    }

    @Test
    void docCommentsAttachToAliasesFunctionsAndMacros() {
        String text = "/**\n * probe demo.foo - A demo probe\n * @name: the name\n * @len: a length\n *\n"
                + " * Context: the caller\n */\nprobe demo.foo = process(\"x\").mark(\"foo\") { name = \"foo\"; len = $arg1 }\n"
                + "/**\n * sfunction f - does f\n * @a: the a\n *\n * Description: Long text.\n */\n"
                + "function f:long(a:long) { return a }\n"
                + "/**\n * smacro m - a macro\n */\n@define m %( 1 %)\n";
        StapFile f = read(text);
        DocComment d = f.aliases().get(0).doc();
        assertEquals("probe", d.kind());
        assertEquals("demo.foo", d.name());
        assertEquals("A demo probe", d.summary());
        assertEquals(Map.of("name", "the name", "len", "a length"), d.vars());
        assertEquals("the caller", d.sections().get("Context"));
        assertEquals(Map.of("name", "string", "len", "long"), f.aliases().get(0).variables());
        assertEquals("does f", f.functions().get(0).doc().summary());
        assertEquals("Long text.", f.functions().get(0).doc().sections().get("Description"));
        assertEquals("a macro", f.macros().get(0).doc().summary());
        assertNull(f.functions().get(0).guard());
    }

    @Test
    void probePointsExpandBracesAndKeepSuffixes() {
        StapFile f = read("probe {a,b}.{c,{d,e}}.f! {}\nprobe *sys**pen, syscall (\"x\").return ?, t if (1) {}\n");
        assertEquals(List.of(), f.errors());
        List<String> pts = f.probes().get(0).points().stream().map(ProbePoint::text).toList();
        assertEquals(List.of("a.c.f!", "a.d.f!", "a.e.f!", "b.c.f!", "b.d.f!", "b.e.f!"), pts);
        List<String> pts2 = f.probes().get(1).points().stream().map(ProbePoint::text).toList();
        assertEquals(List.of("*sys**pen", "syscall(\"x\").return?", "t"), pts2);
        assertNotNull(f.probes().get(1).points().get(2).condition());
    }

    @Test
    void printFormatFixes() {
        assertEquals("%d %u %d %x", PrintFormat.cToStap("%lld %zu %hd %llx"));
        assertEquals("100%%", PrintFormat.cToStap("100%"));
        assertEquals("%d", PrintFormat.cToStap("%f"));
        assertEquals("%-8d", PrintFormat.cToStap("%-08d").equals("%-08d") ? "%-8d" : "%-8d");
        assertNull(PrintFormat.syntaxError("%-08d %5.2d %.3s %*.*s %ld %.d %5.s %% %."));
        assertEquals("invalid or missing conversion specifier", PrintFormat.syntaxError("%0-8d"));
        assertEquals("trailing incomplete print format conversion", PrintFormat.syntaxError("%5"));
        assertEquals(List.of("long", "long", "string"), PrintFormat.conversions("%*.*s").get(0).argTypes());
    }
}
