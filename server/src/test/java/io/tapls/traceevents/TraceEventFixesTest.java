package io.tapls.traceevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.Fix;
import io.tapls.diag.Rule;
import io.tapls.diag.TextEdit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The fixes the trace-events checks offer, each as the text before, the rule, and every fix's title and the
 * text it leaves, in the order offered (the first is the preferred one). Every fixed text is checked again: the
 * diagnostic it fixed is gone. (That tracetool and gcc accept the results is QuickFixesIT's business.)
 */
class TraceEventFixesTest {
    static Stream<Arguments> fixes() {
        return Stream.of(
                // tracetool: "t does not end with a new line"
                fix("foo(int x) \"x=%d\"", TraceEventRules.MISSING_FINAL_NEWLINE,
                        "Add a newline at the end of the file", "foo(int x) \"x=%d\"\n"),
                fix("# c\r\nfoo(int x) \"x=%d\"", TraceEventRules.MISSING_FINAL_NEWLINE,
                        "Add a newline at the end of the file", "# c\r\nfoo(int x) \"x=%d\"\r\n"),
                fix("# only a comment", TraceEventRules.MISSING_FINAL_NEWLINE,
                        "Add a newline at the end of the file", "# only a comment\n"),
                // tracetool: "Argument type '...' is not allowed"
                fix("foo(hwaddr addr) \"addr=0x%\" PRIx64\n", TraceEventRules.DISALLOWED_TYPE,
                        "Declare it as 'uint64_t'", "foo(uint64_t addr) \"addr=0x%\" PRIx64\n"),
                fix("foo(const hwaddr addr) \"addr=0x%\" PRIx64\n", TraceEventRules.DISALLOWED_TYPE,
                        "Declare it as 'const uint64_t'", "foo(const uint64_t addr) \"addr=0x%\" PRIx64\n"),
                fix("foo(guint n) \"n=%u\"\n", TraceEventRules.DISALLOWED_TYPE,
                        "Declare it as 'unsigned'", "foo(unsigned n) \"n=%u\"\n"),
                fix("foo(unsigned\tint n) \"n=%u\"\n", TraceEventRules.DISALLOWED_TYPE,
                        "Declare it as 'unsigned int'", "foo(unsigned int n) \"n=%u\"\n"),
                fix("foo(const gchar *name) \"name=%s\"\n", TraceEventRules.DISALLOWED_TYPE,
                        "Declare it as 'const char *'", "foo(const char *name) \"name=%s\"\n",
                        "Declare it as 'void *'", "foo(void *name) \"name=%s\"\n"),
                fix("foo(struct Bar *bar) \"bar=%p\"\n", TraceEventRules.DISALLOWED_TYPE,
                        "Declare it as 'void *'", "foo(void *bar) \"bar=%p\"\n"),
                fix("foo(ram_addr_t a) \"a=0x%\" PRIx64\n", TraceEventRules.DISALLOWED_TYPE),
                fix("foo(float f) \"f=%d\"\n", TraceEventRules.DISALLOWED_TYPE),
                // the format has a conversion too many
                fix("foo(int a) \"a=%d b=%d\"\n", TraceEventRules.FORMAT_ARGUMENT_COUNT,
                        "Remove 'b=%d' from the format", "foo(int a) \"a=%d\"\n",
                        "Add the argument 'int b'", "foo(int a, int b) \"a=%d b=%d\"\n"),
                fix("foo(int a) \"a=%d size=%zu\"\n", TraceEventRules.FORMAT_ARGUMENT_COUNT,
                        "Remove 'size=%zu' from the format", "foo(int a) \"a=%d\"\n",
                        "Add the argument 'size_t size'", "foo(int a, size_t size) \"a=%d size=%zu\"\n"),
                fix("foo(void) \"addr=0x%\" PRIx64 \" done\"\n", TraceEventRules.FORMAT_ARGUMENT_COUNT,
                        "Remove 'addr=0x%\" PRIx64' from the format", "foo(void) \"done\"\n",
                        "Add the argument 'uint64_t addr'", "foo(uint64_t addr) \"addr=0x%\" PRIx64 \" done\"\n"),
                fix("foo(int a) \"a=%d b=0x%\" PRIx32\n", TraceEventRules.FORMAT_ARGUMENT_COUNT,
                        "Remove 'b=0x%\" PRIx32' from the format", "foo(int a) \"a=%d\"\n",
                        "Add the argument 'uint32_t b'", "foo(int a, uint32_t b) \"a=%d b=0x%\" PRIx32\n"),
                fix("foo(int a) \"a=%d %s\"\n", TraceEventRules.FORMAT_ARGUMENT_COUNT,
                        "Remove '%s' from the format", "foo(int a) \"a=%d\"\n",
                        "Add the argument 'const char *arg2'", "foo(int a, const char *arg2) \"a=%d %s\"\n"),
                fix("foo(int a) \"a=%d int=%d\"\n", TraceEventRules.FORMAT_ARGUMENT_COUNT,
                        "Remove 'int=%d' from the format", "foo(int a) \"a=%d\"\n",
                        "Add the argument 'int arg2'", "foo(int a, int arg2) \"a=%d int=%d\"\n"),
                fix("foo(int a) \"a=%d a=%p\"\n", TraceEventRules.FORMAT_ARGUMENT_COUNT,
                        "Remove 'a=%p' from the format", "foo(int a) \"a=%d\"\n",
                        "Add the argument 'void *arg2'", "foo(int a, void *arg2) \"a=%d a=%p\"\n"),
                fix("foo(int w) \"%*d\"\n", TraceEventRules.FORMAT_ARGUMENT_COUNT),
                // the format leaves arguments out
                fix("foo(int a, int b) \"a=%d\"\n", TraceEventRules.FORMAT_ARGUMENT_COUNT,
                        "Print 'b' in the format", "foo(int a, int b) \"a=%d b=%d\"\n",
                        "Remove the argument 'int b'", "foo(int a) \"a=%d\"\n"),
                fix("foo(int a, uint64_t b, const char *c, size_t d, void *e) \"a=%d\"\n",
                        TraceEventRules.FORMAT_ARGUMENT_COUNT,
                        "Print 'b', 'c', 'd', 'e' in the format",
                        "foo(int a, uint64_t b, const char *c, size_t d, void *e) \"a=%d b=%\" PRIu64 \" c=%s d=%zu"
                                + " e=%p\"\n",
                        "Remove the arguments 'uint64_t b', 'const char *c', 'size_t d', 'void *e'",
                        "foo(int a) \"a=%d\"\n"),
                fix("foo(int a, uint64_t b) \"a=%d \"\n", TraceEventRules.FORMAT_ARGUMENT_COUNT,
                        "Print 'b' in the format", "foo(int a, uint64_t b) \"a=%d b=%\" PRIu64\n",
                        "Remove the argument 'uint64_t b'", "foo(int a) \"a=%d \"\n"),
                fix("foo(uint64_t a, unsigned b) \"a=%\" PRIx64\n", TraceEventRules.FORMAT_ARGUMENT_COUNT,
                        "Print 'b' in the format", "foo(uint64_t a, unsigned b) \"a=%\" PRIx64 \" b=%u\"\n",
                        "Remove the argument 'unsigned b'", "foo(uint64_t a) \"a=%\" PRIx64\n"),
                fix("foo(int a) \"nothing\"\n", TraceEventRules.FORMAT_ARGUMENT_COUNT,
                        "Print 'a' in the format", "foo(int a) \"nothing a=%d\"\n",
                        "Remove the argument 'int a'", "foo(void) \"nothing\"\n"),
                // size_t: %zu, ssize_t: %zd, preferred over the conversion character written
                fix("foo(size_t n) \"n=%d\"\n", TraceEventRules.FORMAT_TYPE_MISMATCH,
                        "Use '%zu'", "foo(size_t n) \"n=%zu\"\n", "Use '%zd'", "foo(size_t n) \"n=%zd\"\n"),
                fix("foo(size_t n) \"n=%u\"\n", TraceEventRules.FORMAT_TYPE_MISMATCH,
                        "Use '%zu'", "foo(size_t n) \"n=%zu\"\n"),
                fix("foo(size_t n) \"n=0x%x\"\n", TraceEventRules.FORMAT_TYPE_MISMATCH,
                        "Use '%zx'", "foo(size_t n) \"n=0x%zx\"\n"),
                fix("foo(ssize_t n) \"n=%u\"\n", TraceEventRules.FORMAT_TYPE_MISMATCH,
                        "Use '%zd'", "foo(ssize_t n) \"n=%zd\"\n", "Use '%zu'", "foo(ssize_t n) \"n=%zu\"\n"),
                fix("foo(ssize_t n) \"n=%d\"\n", TraceEventRules.FORMAT_TYPE_MISMATCH,
                        "Use '%zd'", "foo(ssize_t n) \"n=%zd\"\n"));
    }

    private static Arguments fix(String text, Rule rule, String... titlesAndResults) {
        return Arguments.of(text, rule, List.of(titlesAndResults));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixes")
    void offersTheseFixes(String text, Rule rule, List<String> expected) {
        Diagnostic d = only(text, rule);
        List<String> actual = new ArrayList<>();
        for (Fix f : d.fixes()) {
            actual.add(f.title());
            actual.add(apply(text, f));
        }
        assertEquals(expected, actual, d.message());
        for (Fix f : d.fixes()) {
            String fixed = apply(text, f);
            assertTrue(check(fixed).stream().noneMatch(e -> e.rule() == rule),
                    () -> "'" + f.title() + "' leaves " + check(fixed));
        }
    }

    @Test
    void randomLinesFixedStayInsideTheTextAndResolveTheirDiagnostic() {
        String[] pieces = {"foo", "(", ")", "int a", "hwaddr h", "guint g", ", ", "size_t n", "\"", "x=%d", " y=%u",
            "%\" PRIx64 \"", "%\" PRIx64", " z=0x%x", " %s", "void", "const char *s", "\n", "%%", "\\n"};
        Random random = new Random(20261201);
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = sb.toString();
            for (Diagnostic d : check(text)) {
                for (Fix f : d.fixes()) {
                    String fixed = apply(text, f);
                    boolean same = check(fixed).stream().anyMatch(e -> e.rule() == d.rule()
                            && e.span().equals(d.span()) && e.message().equals(d.message()));
                    assertTrue(!same, () -> "'" + f.title() + "' on " + text + " leaves " + d.message());
                }
            }
        }
    }

    private static Diagnostic only(String text, Rule rule) {
        List<Diagnostic> ds = check(text).stream().filter(d -> d.rule() == rule).toList();
        assertEquals(1, ds.size(), () -> ds.toString());
        return ds.get(0);
    }

    private static List<Diagnostic> check(String text) {
        return TraceEventsChecker.check(TraceEventsReader.read("t", text), QemuVersion.CURRENT);
    }

    static String apply(String text, Fix fix) {
        List<TextEdit> edits = new ArrayList<>(fix.edits());
        edits.sort(Comparator.comparingInt((TextEdit e) -> e.span().start()).reversed());
        StringBuilder sb = new StringBuilder(text);
        for (TextEdit e : edits) {
            sb.replace(e.span().start(), e.span().end(), e.newText());
        }
        return sb.toString();
    }
}
