package io.tapls.traceevents;

import static io.tapls.traceevents.TraceEventRules.FORMAT_ARGUMENT_COUNT;
import static io.tapls.traceevents.TraceEventRules.FORMAT_INVALID_CONVERSION;
import static io.tapls.traceevents.TraceEventRules.FORMAT_NOT_PORTABLE;
import static io.tapls.traceevents.TraceEventRules.FORMAT_TYPE_MISMATCH;
import static io.tapls.traceevents.TraceEventRules.NON_PRI_MACRO;
import static io.tapls.traceevents.TraceEventRules.TEXT_AFTER_FORMAT;
import static io.tapls.traceevents.TraceEventRules.UNTERMINATED_FORMAT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tapls.workspace.FileKind;
import io.tapls.workspace.Settings;
import io.tapls.workspace.Workspace;
import io.tapls.diag.Diagnostic;
import io.tapls.diag.Fix;
import io.tapls.diag.Rule;
import io.tapls.testing.Fixture;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The format string against the arguments, as the C compiler sees the log backend's printf. Each
 * fixture is one wrong event; [[ ]] marks where the one diagnostic must point.
 */
class FormatChecksTest {
    private static final Set<String> FORMAT_RULES = Set.of("format-argument-count", "format-type-mismatch",
            "format-not-portable", "format-invalid-conversion", "unterminated-format", "text-after-format",
            "non-pri-macro");

    static Stream<Arguments> wrongEvents() {
        return Stream.of(
                // number of conversions against number of arguments
                wrong("foo(int a, int b) \"a=%d b=%d c=[[%d]]\"", FORMAT_ARGUMENT_COUNT),
                wrong("foo(int a) \"a=%d b=[[%d]]\"", FORMAT_ARGUMENT_COUNT),
                wrong("foo(void) \"[[%d]]\"", FORMAT_ARGUMENT_COUNT),
                wrong("foo(int a, [[int b]]) \"a=%d\"", FORMAT_ARGUMENT_COUNT),
                wrong("foo([[int a]]) \"no conversions\"", FORMAT_ARGUMENT_COUNT),
                wrong("foo(int a, int b, [[uint64_t c]]) \"%d %d\"", FORMAT_ARGUMENT_COUNT),
                wrong("foo(int w) \"[[%*d]]\"", FORMAT_ARGUMENT_COUNT),
                wrong("foo(int w, int p) \"[[%*.*d]]\"", FORMAT_ARGUMENT_COUNT),
                wrong("foo(int a, [[int b]]) \"a=%d 100%%\"", FORMAT_ARGUMENT_COUNT),
                // conversion against declared type
                wrong("foo(uint64_t x) \"x=[[%d]]\"", FORMAT_TYPE_MISMATCH),
                wrong("foo(uint64_t x) \"x=0x[[%x]]\"", FORMAT_TYPE_MISMATCH),
                wrong("foo(uint64_t x) \"x=0x[[%\" PRIx32]]", FORMAT_TYPE_MISMATCH),
                wrong("foo(int64_t x) \"x=[[%\" PRId16]]", FORMAT_TYPE_MISMATCH),
                wrong("foo(uint32_t x) \"x=0x[[%\" PRIx64]]", FORMAT_TYPE_MISMATCH),
                wrong("foo(uint64_t x) \"x=0x[[%llx]]\"", FORMAT_TYPE_MISMATCH),
                wrong("foo(uint64_t x) \"x=[[%llu]]\"", FORMAT_TYPE_MISMATCH),
                wrong("foo(int x) \"x=[[%ld]]\"", FORMAT_TYPE_MISMATCH),
                wrong("foo(unsigned x) \"x=[[%lu]]\"", FORMAT_TYPE_MISMATCH),
                wrong("foo(long x) \"x=[[%d]]\"", FORMAT_TYPE_MISMATCH),
                wrong("foo(unsigned long x) \"x=0x[[%x]]\"", FORMAT_TYPE_MISMATCH),
                wrong("foo(long long x) \"x=[[%ld]]\"", FORMAT_TYPE_MISMATCH),
                wrong("foo(unsigned long long x) \"x=[[%\" PRIu64]]", FORMAT_TYPE_MISMATCH),
                wrong("foo(size_t n) \"n=[[%u]]\"", FORMAT_TYPE_MISMATCH),
                wrong("foo(ssize_t n) \"n=[[%d]]\"", FORMAT_TYPE_MISMATCH),
                wrong("foo(int n) \"n=[[%zu]]\"", FORMAT_TYPE_MISMATCH),
                wrong("foo(uint8_t n) \"n=[[%\" PRIu64]]", FORMAT_TYPE_MISMATCH),
                wrong("foo(int x) \"x=[[%s]]\"", FORMAT_TYPE_MISMATCH),
                wrong("foo(void *p) \"p=[[%s]]\"", FORMAT_TYPE_MISMATCH),
                wrong("foo(char **pp) \"pp=[[%s]]\"", FORMAT_TYPE_MISMATCH),
                wrong("foo(uint64_t x) \"x=[[%p]]\"", FORMAT_TYPE_MISMATCH),
                wrong("foo(int x) \"x=[[%p]]\"", FORMAT_TYPE_MISMATCH),
                wrong("foo(void *p) \"p=0x[[%x]]\"", FORMAT_TYPE_MISMATCH),
                wrong("foo(const char *s) \"s=[[%d]]\"", FORMAT_TYPE_MISMATCH),
                wrong("foo(uint64_t x) \"x=[[%c]]\"", FORMAT_TYPE_MISMATCH),
                wrong("foo(uint64_t w, int x) \"[[%*d]]\"", FORMAT_TYPE_MISMATCH),
                wrong("foo(int a, uint64_t b) \"a=%d b=[[%u]]\"", FORMAT_TYPE_MISMATCH),
                // what compiles on 64-bit hosts only (rule off by default)
                wrong("foo(uint64_t x) \"x=0x[[%lx]]\"", FORMAT_NOT_PORTABLE),
                wrong("foo(uint64_t x) \"x=[[%lu]]\"", FORMAT_NOT_PORTABLE),
                wrong("foo(long x) \"x=[[%\" PRId64]]", FORMAT_NOT_PORTABLE),
                wrong("foo(size_t x) \"x=[[%lu]]\"", FORMAT_NOT_PORTABLE),
                wrong("foo(uintptr_t x) \"x=0x[[%lx]]\"", FORMAT_NOT_PORTABLE),
                wrong("foo(uint64_t x) \"x=[[%zu]]\"", FORMAT_NOT_PORTABLE),
                // invalid conversions
                wrong("foo(int x) \"x=[[%y]]\"", FORMAT_INVALID_CONVERSION),
                wrong("foo(int x) \"x=%d [[%]]\"", FORMAT_INVALID_CONVERSION),
                wrong("foo(int x) \"x=[[%f]]\"", FORMAT_INVALID_CONVERSION),
                wrong("foo(int x) \"x=[[%n]]\"", FORMAT_INVALID_CONVERSION),
                wrong("foo(int x) \"x=[[%5]]\"", FORMAT_INVALID_CONVERSION),
                wrong("foo(uint64_t x) \"x=[[%l\" PRIx64]]", FORMAT_INVALID_CONVERSION),
                wrong("foo(int x) \"x=[[%ls]]\"", FORMAT_INVALID_CONVERSION),
                // the string itself
                wrong("foo(int x) [[\"x=%d]]", UNTERMINATED_FORMAT),
                wrong("foo(int x) \"x=%d\" [[# trailing comment]]", TEXT_AFTER_FORMAT),
                wrong("foo(int x) \"x=%d\" [[;]]", TEXT_AFTER_FORMAT),
                wrong("foo(uint64_t x) \"x=%\" [[HWADDR_PRIx]]", NON_PRI_MACRO),
                wrong("foo(uint64_t x) \"x=%\" [[PRIx65]]", NON_PRI_MACRO));
    }

    private static Arguments wrong(String marked, Rule rule) {
        return Arguments.of(marked, rule);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongEvents")
    void caught(String marked, Rule rule) {
        Fixture fx = Fixture.parse(marked);
        List<Diagnostic> ds = formatDiagnostics(fx.text());
        assertEquals(1, ds.size(), "exactly one format diagnostic expected, got " + ds);
        assertEquals(rule, ds.get(0).rule(), ds.get(0).message());
        assertEquals(fx.range(), ds.get(0).span(), ds.get(0).message());
    }

    @Test
    void atLeastFortyWrongEvents() {
        assertEquals(true, wrongEvents().count() >= 40);
    }

    @Test
    void rightEventsAreQuiet() {
        for (String ok : List.of("foo(uint64_t x) \"x=0x%\" PRIx64", "foo(uint64_t x) \"x=%016\"PRIx64\" end\"",
                "foo(int64_t x) \"x=%\" PRId64", "foo(uint32_t x) \"x=%u\"", "foo(uint32_t x) \"x=0x%\" PRIx32",
                "foo(uint8_t b) \"b=%hhx %% \"", "foo(uint16_t b) \"b=%hu\"", "foo(bool b) \"b=%d\"",
                "foo(char c) \"c=%c\"", "foo(size_t n, ssize_t m) \"n=%zu m=%zd\"", "foo(long l) \"l=%ld\"",
                "foo(unsigned long l) \"l=0x%lx\"", "foo(long long l) \"l=%lld\"", "foo(uintptr_t p) \"0x%\" PRIxPTR",
                "foo(const char *s, char *t, const char* u) \"%s %s %s\"", "foo(void *p, const void *q) \"%p %p\"",
                "foo(int w, uint64_t v) \"%0*\" PRIx64", "foo(void)", "foo(int x)", "foo(ptrdiff_t d) \"%td\"",
                "foo(unsigned char c) \"%c\"", "foo(int x) \"tab\\t%d\\\"\"", "foo(uint64_t x) \"%\" PRIu64 \"\"")) {
            assertEquals(List.of(), formatDiagnostics(ok), ok);
        }
    }

    @Test
    void suggestsTheSizeConversionOfTheArgumentsSignedness() {
        assertEquals("format '%d' expects 'int', but argument 'n' has type 'size_t'; use '%zu'",
                formatDiagnostics("foo(size_t n) \"n=%d\"").get(0).message());
        assertEquals("format '%u' expects 'unsigned int', but argument 'n' has type 'ssize_t'; use '%zd'",
                formatDiagnostics("foo(ssize_t n) \"n=%u\"").get(0).message());
    }

    @Test
    void suggestsThePortableSpelling() {
        Diagnostic d = formatDiagnostics("foo(uint64_t x) \"x=%llx y\"").get(0);
        assertEquals("format '%llx' expects 'unsigned long long', but argument 'x' has type 'uint64_t'; use"
                + " '%\" PRIx64 \"'", d.message());
        Fix fix = d.fixes().get(0);
        assertEquals("%\" PRIx64 \"", fix.edits().get(0).newText());
        Diagnostic atEnd = formatDiagnostics("foo(uint64_t x) \"x=%08d\"").get(0);
        String fixed = apply("foo(uint64_t x) \"x=%08d\"", atEnd.fixes().get(0));
        assertEquals("foo(uint64_t x) \"x=%08\" PRId64", fixed);
        Diagnostic pri = formatDiagnostics("foo(uint32_t x) \"x=%08\" PRIx64 \" end\"").get(0);
        assertEquals("foo(uint32_t x) \"x=%08x\" \" end\"", apply("foo(uint32_t x) \"x=%08\" PRIx64 \" end\"",
                pri.fixes().get(0)));
    }

    private static String apply(String text, Fix fix) {
        var e = fix.edits().get(0);
        return text.substring(0, e.span().start()) + e.newText() + text.substring(e.span().end());
    }

    private static List<Diagnostic> formatDiagnostics(String line) {
        Settings all = Settings.defaults().withRules(Set.of(), Set.of("format-not-portable"));
        return new Workspace(List.of(), all).check("t", line + "\n", FileKind.TRACE_EVENTS).stream()
                .filter(d -> FORMAT_RULES.contains(d.rule().id())).toList();
    }
}
