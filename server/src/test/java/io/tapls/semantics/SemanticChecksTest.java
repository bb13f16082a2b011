package io.tapls.semantics;

import io.tapls.stap.*;
import io.tapls.traceevents.QemuVersion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.Severity;
import io.tapls.index.TapsetIndex;
import io.tapls.index.TraceEventAliases;
import io.tapls.testing.StapAnswers;
import io.tapls.traceevents.TraceEventsReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pass-2 checks: one focused case per rule, over the tests' own tapset library (src/test/resources/tapsets: aliases,
 * functions and macros in the shapes and with the signatures of Debian's) and aliases tracetool derives from
 * trace-events. SemanticChecksIT checks Debian's whole library through the CLI.
 */
class SemanticChecksTest {
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
        PpConfig cfg = PpConfig.defaults();
        StapFile f = StapReader.read("t.stp", script,
                TapsetPath.libraryMacros(List.of(LIBRARY), cfg), cfg);
        assertEquals(List.of(), f.errors(), "the script parses");
        return SemanticChecks.check(f, index, false);
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
        assertTrue(only(check("probe begin { printf(\"%d %s\\n\", 1) }"), StapRules.PRINTF_ARGS)
                .startsWith("Wrong number of args to formatted print operator"));
        assertEquals("type mismatch: expected long but found string",
                only(check("probe begin { printf(\"%d\\n\", \"x\") }"), StapRules.PRINTF_TYPE));
        assertEquals("type mismatch: expected string but found long",
                only(check("probe begin { printf(\"%s\\n\", 1 * 2) }"), StapRules.PRINTF_TYPE));
        assertEquals(List.of(), check("probe begin { printf(\"%*d %.*s\\n\", 4, 1, 2, \"ab\") }"));
        // the types of alias variables the probe does not assign are known from the index
        List<Diagnostic> ds = check("probe syscall.open { printf(\"%d %s\\n\", filename, flags) }");
        assertEquals(2, ds.stream().filter(d -> d.rule() == StapRules.PRINTF_TYPE).count(), ds.toString());
        assertEquals(List.of(), check("probe syscall.open { filename = 1; printf(\"%d\\n\", filename) }"));
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
        assertTrue(m.startsWith("probe point mismatch: no alias 'syscall.opne' (similar: syscall.open"), m);
        assertEquals(List.of(), check("probe syscall.opne ? { }"));
        assertEquals(List.of(), check("probe syscall.open.return.maxactive(10) { }"));
        assertTrue(only(check("probe syscall.nosuch* { }"), StapRules.WILDCARD_NO_MATCH)
                .startsWith("probe point mismatch: didn't find any wildcard matches for 'syscall.nosuch*'"));
        assertEquals(List.of(), check("probe kernel.function(\"*\") { }"));
        assertTrue(only(check("probe kernel.functoin(\"vfs_read\") { }"), StapRules.UNKNOWN_PROBE_POINT)
                .startsWith("probe point mismatch: 'kernel.functoin(\"vfs_read\")' is not a built-in probe point "
                        + "(similar: kernel.function(string)"));
        assertEquals(List.of(), check("probe perf.hw.instructions.process(\"/bin/ls\").counter(\"x\") { }"));
    }

    @Test
    void neverAssignedLocals() {
        assertEquals("never-assigned local variable 'nosuch' (similar: a)",
                only(check("probe begin { a = 1; println(a + nosuch) }"), StapRules.NEVER_ASSIGNED));
        assertEquals(List.of(), check("global g probe begin { foreach (k in g) println(k); try { } catch (e) { "
                + "println(e) } }"));
    }

    @Test
    void localTypesArraysAndUnresolvedTypes() {
        assertTrue(only(check("probe begin { x = \"a\"; printf(\"%d\\n\", x) }"), StapRules.TYPE_MISMATCH)
                .startsWith("type mismatch (long) (type was first inferred as string at 1:15)"));
        assertEquals("unresolved arity-1 global array a, missing global declaration?",
                only(check("probe begin { foreach (k in a) println(k) }"), StapRules.UNDECLARED_ARRAY));
        assertEquals("unresolved type", only(check("probe begin { println(nosuch) }"), StapRules.UNRESOLVED_TYPE));
        assertEquals(List.of(), check("global a probe begin { a[1] = 1; foreach (k in a) printf(\"%d\\n\", k) }"));
        assertEquals(List.of(), check("probe begin { x = strlen(\"a\") + 1; y = sprintf(\"%d\", x); println(y) }"));
    }

    @Test
    void stringFormatGivenACharPointerTraceArgument() {
        List<Diagnostic> ds = check("probe qemu.system.x86_64.demo_open { printf(\"%s\\n\", path) }");
        Diagnostic d = ds.stream().filter(x -> x.rule() == StapRules.STRING_FROM_POINTER).findFirst().orElseThrow();
        assertTrue(d.message().contains("user_string_n"), d.message());
        assertEquals("user_string_n(path, 512)", d.fixes().get(0).edits().get(0).newText());
        // the log alias already reads the string
        assertEquals(List.of(), check("probe qemu.system.x86_64.log.demo_open { printf(\"%s\\n\", argpath_str) }"));
    }

    @Test
    void libraryCodeFindingsAreWarningsOnly() {
        PpConfig cfg = PpConfig.defaults();
        StapFile f = StapReader.read("lib.stp", "function f() { return nosuch() }", Map.of(), cfg);
        List<Diagnostic> ds = SemanticChecks.check(f, index, false);
        assertEquals(Severity.WARNING, ds.get(0).severity(), "a function nobody calls here is latent code");
    }
}
