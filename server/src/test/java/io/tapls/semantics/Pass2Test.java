package io.tapls.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.Severity;
import io.tapls.index.TapsetIndex;
import io.tapls.index.TraceEventAliases;
import io.tapls.stap.PpConfig;
import io.tapls.stap.StapFile;
import io.tapls.stap.StapReader;
import io.tapls.stap.StapRules;
import io.tapls.stap.TapsetPath;
import io.tapls.testing.StapAnswers;
import io.tapls.traceevents.QemuVersion;
import io.tapls.traceevents.TraceEventsReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pass 2 as tapls follows stap's: one focused case per rule, over the tests' own tapset library
 * (src/test/resources/tapsets: aliases, functions and macros in the shapes and with the signatures of Debian's) and
 * aliases tracetool derives from trace-events. The verdicts, messages and positions are stap's (the pass-2 corpus,
 * StapPass2CorpusTest, compares them with its recorded answers); these show the rules, the fixes, and what tapls
 * leaves unsaid because it would need a kernel. Pass2IT checks Debian's whole library through the CLI.
 */
class Pass2Test {
    private static final Path LIBRARY = StapAnswers.tapsetFixture();
    private static TapsetIndex index;

    @BeforeAll
    static void buildIndex() {
        index = TapsetIndex.build(List.of(LIBRARY), PpConfig.defaults());
        String te = "qio_task_new(void *task, void *source, void *func, void *opaque) \"task=%p source=%p func=%p opaque=%p\"\n"
                + "demo_open(const char *path, int flags) \"path=%s flags=%d\"\n";
        TraceEventAliases.of(TraceEventsReader.read("trace-events", te), "qemu.system.x86_64",
                QemuVersion.CURRENT).forEach(index::addAlias);
    }

    private static List<Diagnostic> check(String script) {
        return check("t.stp", script);
    }

    private static List<Diagnostic> check(String path, String script) {
        PpConfig cfg = PpConfig.defaults();
        StapFile f = StapReader.read(path, script, TapsetPath.libraryMacros(List.of(LIBRARY), cfg), cfg);
        assertEquals(List.of(), f.errors(), "the script parses");
        return Pass2.check(f, index, List.of(LIBRARY), cfg, false);
    }

    private static List<Diagnostic> errors(String script) {
        return check(script).stream().filter(d -> d.severity() == Severity.ERROR).toList();
    }

    private static String only(List<Diagnostic> ds, io.tapls.diag.Rule rule) {
        List<Diagnostic> of = ds.stream().filter(d -> d.rule() == rule).toList();
        assertEquals(1, of.size(), ds.toString());
        return of.get(0).message();
    }

    @Test
    void cleanScriptHasNoFindings() {
        assertEquals(List.of(), check("probe syscall.open { printf(\"%s %d %s\\n\", filename, flags, execname()) }\n"
                + "probe qemu.system.x86_64.log.qio_task_new { printf(\"%p\\n\", task) }\n"
                + "probe timer.s(1) { x = 1; println(x) }\n"));
    }

    @Test
    void printfArgumentCountAndTypes() {
        assertEquals("Wrong number of args to formatted print operator",
                only(check("probe begin { printf(\"%d %s\\n\", 1) }"), StapRules.PRINTF_ARGS));
        assertEquals("type mismatch: expected long but found string",
                only(check("probe begin { printf(\"%d\\n\", \"x\") }"), StapRules.PRINTF_TYPE));
        assertEquals("type mismatch: expected string but found long",
                only(check("probe begin { printf(\"%s\\n\", 1 * 2) }"), StapRules.PRINTF_TYPE));
        assertEquals(List.of(), check("probe begin { printf(\"%*d %.*s\\n\", 4, 1, 2, \"ab\") }"));
        // an alias variable the library assigns a string, printed with %d: the script's use fixes its type first,
        // stap reports the library's assignment, and tapls shows it at the script's use
        assertTrue(only(check("probe syscall.open { printf(\"%d\\n\", filename) }"), StapRules.PRINTF_TYPE)
                .startsWith("type mismatch (string) (at syscalls.stp:28:2; type was first inferred here (long))"));
        // one the library assigns a $var: what that is only debuginfo says, so nothing is said
        assertEquals(List.of(), check("probe syscall.open { printf(\"%s\\n\", flags) }"));
    }

    @Test
    void aScriptThatAssignsAnAliasVariableTheOtherTypeConflictsWithTheAliasBody() {
        // stap concatenates the alias's body and the probe's: one variable, two types
        assertTrue(only(check("probe syscall.open { filename = 1; printf(\"%d\\n\", filename) }"),
                StapRules.TYPE_MISMATCH).startsWith("type mismatch (string) (at syscalls.stp:28:2"));
    }

    @Test
    void unknownFunctionWithSimilarNamesAndArity() {
        String m = only(check("probe begin { x = exename(); println(x) }"), StapRules.UNKNOWN_FUNCTION);
        assertTrue(m.startsWith("unresolved function exename (similar: execname"), m);
        assertEquals("arity mismatch found (function 'execname' takes 0 args)",
                only(check("probe begin { println(execname(1)) }"), StapRules.FUNCTION_ARITY));
        assertEquals(List.of(), check("function f(a) { return a } probe begin { println(f(1)) }"));
    }

    @Test
    void unknownProbePointUnlessOptional() {
        String m = only(check("probe syscall.opne { }"), StapRules.UNKNOWN_PROBE_POINT);
        assertTrue(m.startsWith("probe point mismatch (similar: open"), m);
        assertEquals(List.of(), check("probe syscall.opne ?, begin { println(1) }"));
        assertEquals(List.of(), errors("probe syscall.open.return.maxactive(10) { println(1) }"));
        assertTrue(only(check("probe syscall.nosuch* { }"), StapRules.WILDCARD_NO_MATCH)
                .startsWith("probe point mismatch: didn't find any wildcard matches"));
        assertEquals(List.of(), errors("probe kernel.function(\"*\") { println(1) }"));
        assertTrue(only(check("probe kernel.functoin(\"vfs_read\") { }"), StapRules.UNKNOWN_PROBE_POINT)
                .startsWith("probe point mismatch (similar: function"));
        assertEquals("invalid suffix for probe",
                only(check("probe kernel.function(\"x\").nosuch { }"), StapRules.UNKNOWN_PROBE_POINT));
        assertEquals(List.of(), errors("probe perf.hw.instructions.process(\"/bin/ls\").counter(\"x\") { println(1) }"));
    }

    @Test
    void neverAssignedLocalsAndUnresolvedTypes() {
        List<Diagnostic> ds = check("probe begin { a = 1; println(a + nosuch) }");
        assertEquals("never-assigned local variable 'nosuch' (similar: a)", only(ds, StapRules.NEVER_ASSIGNED));
        assertEquals(List.of(), errors("probe begin { a = 1; println(a + nosuch) }"));
        // stap -v prints the print's own unresolved type too; without -v stap keeps one error of a kind
        assertEquals("unresolved type", errors("probe begin { println(nosuch) }").get(0).message());
        assertEquals(List.of(), check("probe begin { try { error(\"x\") } catch (e) { println(e) } }"));
    }

    @Test
    void localTypesArraysAndArity() {
        assertTrue(only(check("probe begin { x = \"a\"; printf(\"%d\\n\", x) }"), StapRules.PRINTF_TYPE)
                .startsWith("type mismatch (long) (type was first inferred here (string) at 1:15)"));
        assertEquals("unresolved arity-1 global array a, missing global declaration?",
                only(check("probe begin { foreach (k in a) println(k) }"), StapRules.UNDECLARED_ARRAY));
        assertTrue(only(check("global a probe begin { a[1] = 1; a[1,2] = 2; println(a[1]) }"),
                StapRules.INCONSISTENT_ARITY).startsWith("inconsistent arity (1 vs 2) (arity 1 first inferred here"));
        assertEquals(List.of(), check("global a probe begin { a[1] = 1; foreach (k in a) printf(\"%d\\n\", k) }"));
        assertEquals(List.of(), check("probe begin { x = strlen(\"a\") + 1; y = sprintf(\"%d\", x); println(y) }"));
    }

    @Test
    void elisionBeforeTypesAndUnoptimised() {
        // x is never read: stap elides it before it checks types, then there is no probe left
        List<Diagnostic> ds = check("probe begin { x = 1; x = \"a\" }");
        assertEquals("no probes found", only(ds, StapRules.NO_PROBES));
        assertEquals("Probe 'begin' has been elided", only(ds, StapRules.PROBE_ELIDED));
        // stap -u keeps it, and finds the conflict; so does a script whose first line runs stap -u
        assertTrue(only(check("#! stap -u\nprobe begin { x = 1; x = \"a\" }"), StapRules.TYPE_MISMATCH)
                .startsWith("type mismatch (string)"));
        PpConfig cfg = PpConfig.defaults();
        StapFile f = StapReader.read("t.stp", "probe begin { x = 1; x = \"a\" }",
                TapsetPath.libraryMacros(List.of(LIBRARY), cfg), cfg);
        assertTrue(only(Pass2.check(f, index, List.of(LIBRARY), cfg, true), StapRules.TYPE_MISMATCH)
                .startsWith("type mismatch (string)"));
    }

    @Test
    void shebangOptions() {
        assertTrue(Pass2.unoptimizedByShebang("#! stap -u\n"));
        assertTrue(Pass2.unoptimizedByShebang("#!/usr/bin/stap -gup2\n"));
        assertTrue(Pass2.unoptimizedByShebang("#! /usr/bin/env stap -v -u\n"));
        assertTrue(!Pass2.unoptimizedByShebang("#! stap -p2 -v\n"));
        assertTrue(!Pass2.unoptimizedByShebang("#! stap -Iusr\n"), "-I takes the rest of the word");
        assertTrue(!Pass2.unoptimizedByShebang("#! /bin/sh -u\n"));
        assertTrue(!Pass2.unoptimizedByShebang("probe begin {} #! stap -u\n"));
    }

    @Test
    void charPointerTraceArgumentPrintedAsAString() {
        Diagnostic d = check("probe qemu.system.x86_64.demo_open { printf(\"%s\\n\", path) }").stream()
                .filter(x -> x.rule() == StapRules.STRING_FROM_POINTER).findFirst().orElseThrow();
        assertTrue(d.message().startsWith("type mismatch (string)"), d.message());
        assertEquals("user_string_n(path, 512)", d.fixes().get(0).edits().get(0).newText());
        // the log alias already reads the string
        assertEquals(List.of(), check("probe qemu.system.x86_64.log.demo_open { printf(\"%s\\n\", argpath_str) }"));
    }

    @Test
    void tapsetFilesGetWarningsOnlyAndOnlyForNames() {
        PpConfig cfg = PpConfig.defaults();
        StapFile f = StapReader.read("lib.stp", "function f() { return nosuch() } function g(x) { return x + \"a\" }",
                TapsetPath.libraryMacros(List.of(LIBRARY), cfg), cfg);
        List<Diagnostic> ds = Pass2.checkTapset(f, index, List.of(LIBRARY), cfg);
        assertEquals(1, ds.size(), ds.toString());
        assertEquals(Severity.WARNING, ds.get(0).severity());
        assertTrue(ds.get(0).message().startsWith("unresolved function nosuch")
                && ds.get(0).message().endsWith("(stap reports it only when a script uses this code)"), ds.toString());
    }

    /**
     * A wildcard that derives more probes than {@link Elaborator#MAX_DERIVED_PROBES} (or whose matching takes more
     * than {@link Elaborator#MAX_MATCH_STEPS} steps: `**` components multiply them) leaves the script's pass 2 unsaid rather than keep the editor busy for seconds or minutes (the fuzzer found minutes); below
     * the bound the same mistake is reported.
     */
    @Test
    void aDerivationTooBigToCheckOnEveryKeystrokeIsLeftUnsaid() {
        String body = " { x = \"s\" + 1 }\n";
        StringBuilder few = new StringBuilder();
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < Elaborator.MAX_DERIVED_PROBES + 100; i++) {
            String alias = "probe fam.p" + i + " = begin { }\n";
            many.append(alias);
            if (i < 10) {
                few.append(alias);
            }
        }
        assertEquals(1, errors(few + "probe fam.*" + body).size(), "below the bound: the type mismatch");
        assertEquals(List.of(), errors(many + "probe fam.*" + body));

    }
}
