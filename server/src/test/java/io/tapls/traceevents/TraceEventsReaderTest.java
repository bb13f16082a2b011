package io.tapls.traceevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.diag.Diagnostic;
import io.tapls.testing.Fixture;
import io.tapls.text.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model tracetool's parser would build, with every element's range. */
class TraceEventsReaderTest {

    private static TraceEvent only(String line) {
        TraceEventsFile f = TraceEventsReader.read("t", line + "\n");
        assertEquals(List.of(), f.syntaxDiagnostics(), "syntax diagnostics");
        assertEquals(1, f.events().size());
        return f.events().get(0);
    }

    @Test
    void eventWithPropertiesArgumentsAndFormat() {
        Fixture fx = Fixture.parse("[[disable]] [[qio_task_new]](void *task, const char *name) \"task=%p %s\"");
        TraceEvent e = only(fx.text());
        assertEquals("qio_task_new", e.name());
        assertEquals(fx.ranges().get(1), e.nameSpan());
        assertEquals(1, e.properties().size());
        assertEquals(fx.ranges().get(0), e.properties().get(0).span());
        assertTrue(e.isDisabled());
        assertEquals(2, e.arguments().size());
        Argument task = e.arguments().get(0);
        assertEquals("void *", task.type());
        assertEquals("task", task.name());
        assertTrue(task.isPointer());
        assertFalse(task.isString());
        Argument name = e.arguments().get(1);
        assertEquals("const char *", name.type());
        assertTrue(name.isString());
        assertEquals("\"task=%p %s\"", e.format().raw());
    }

    @Test
    void argumentRangesCoverTypeAndName() {
        Fixture fx = Fixture.parse("foo([[uint64_t]] [[addr]], [[char*]][[buf]]) \"%\" PRIx64 \" %s\"");
        TraceEvent e = only(fx.text());
        assertEquals(fx.ranges().get(0), e.arguments().get(0).typeSpan());
        assertEquals(fx.ranges().get(1), e.arguments().get(0).nameSpan());
        assertEquals("char*", e.arguments().get(1).type());
        assertEquals(fx.ranges().get(2), e.arguments().get(1).typeSpan());
        assertEquals(fx.ranges().get(3), e.arguments().get(1).nameSpan());
        assertTrue(e.arguments().get(1).isString());
    }

    @Test
    void tracetoolSplitsPointersAtTheLastStar() {
        TraceEvent e = only("foo(char **pp, const char * const p, unsigned char *u) \"%p %p %p\"");
        assertEquals("char **", e.arguments().get(0).type());
        assertEquals("pp", e.arguments().get(0).name());
        assertFalse(e.arguments().get(0).isString());
        assertEquals("const char *", e.arguments().get(1).type());
        assertEquals("const p", e.arguments().get(1).name());
        assertFalse(e.arguments().get(2).isString());
    }

    @Test
    void voidIsSkippedWherever() {
        assertEquals(0, only("foo(void)").arguments().size());
        assertEquals(1, only("foo(void, int x) \"%d\"").arguments().size());
    }

    @Test
    void formatConversionsSpanLiteralsAndPriMacros() {
        Fixture fx = Fixture.parse("foo(uint64_t a, int w, uint64_t b) \"a=0x[[%016\" PRIx64]] \" [[%0*\"PRIx64]]\"\"");
        TraceEvent e = only(fx.text());
        List<Conversion> cs = e.format().conversions();
        assertEquals(2, cs.size());
        Conversion a = cs.get(0);
        assertEquals(fx.ranges().get(0), a.span());
        assertEquals("0", a.flags());
        assertEquals("16", a.width());
        assertEquals("PRIx64", a.priMacro());
        assertEquals('x', a.conversion());
        assertEquals("64", a.priSize());
        Conversion b = cs.get(1);
        assertEquals(fx.ranges().get(1), b.span());
        assertEquals("*", b.width());
        assertEquals(2, b.argumentsConsumed());
        assertEquals(3, e.format().argumentsConsumed());
    }

    @Test
    void conversionPartsAreRecorded() {
        Conversion c = only("foo(long x) \"%-8.3lx\"").format().conversions().get(0);
        assertEquals("-", c.flags());
        assertEquals("8", c.width());
        assertEquals("3", c.precision());
        assertEquals("l", c.length());
        assertEquals('x', c.conversion());
        Conversion pct = only("foo(void) \"100%%\"").format().conversions().get(0);
        assertTrue(pct.isPercentLiteral());
        assertEquals(0, pct.argumentsConsumed());
    }

    @Test
    void formatKeepsTrailingTextAndSpacesAsTracetoolDoes() {
        assertEquals("\"x=%d\" # comment", only("foo(int x) \"x=%d\" # comment").format().raw());
        assertEquals("\"x=%d\"  ", only("foo(int x) \"x=%d\"  ").format().raw());
        assertEquals("\"x=%d", only("foo(int x) \"x=%d").format().raw());
    }

    @Test
    void junkAfterArgumentsDropsTheFormat() {
        Fixture fx = Fixture.parse("foo(int x) [[junk \"x=%d\"]]");
        TraceEvent e = only(fx.text());
        assertTrue(e.format().isEmpty());
        assertEquals(fx.range(), e.junk());
    }

    @Test
    void argumentsEndAtTheFirstParenthesis() {
        TraceEvent e = only("foo(void (*cb)(void)) \"x\"");
        assertEquals("void (*", e.arguments().get(0).type());
        assertEquals("cb", e.arguments().get(0).name());
        assertTrue(e.format().isEmpty());
    }

    @Test
    void commentsBlankLinesAndIndentation() {
        TraceEventsFile f = TraceEventsReader.read("t", "# c\n\n   \n\t# indented\n  foo(int x) \"%d\"\n");
        assertEquals(1, f.events().size());
        assertEquals(4, f.events().get(0).line());
    }

    @Test
    void universalNewlines() {
        TraceEventsFile f = TraceEventsReader.read("t", "a(int x) \"%d\"\r\nb(int y) \"%d\"\rc(void)\n");
        assertEquals(List.of("a", "b", "c"), f.events().stream().map(TraceEvent::name).toList());
        assertEquals(List.of(0, 1, 2), f.events().stream().map(TraceEvent::line).toList());
    }

    @Test
    void aSingleIndentCharacterDefeatsTracetoolsRegex() {
        TraceEventsFile f = TraceEventsReader.read("t", " foo(int x) \"%d\"\n");
        assertEquals(0, f.events().size());
        assertEquals(TraceEventRules.EVENT_SYNTAX, f.syntaxDiagnostics().get(0).rule());
        assertEquals(1, TraceEventsReader.read("t", "  foo(int x) \"%d\"\n").events().size());
    }

    @Test
    void syntaxErrorsPointAtTheProblem() {
        assertSyntax("foo[[-]]bar(int x) \"x\"", "'-' is not allowed in an event name");
        assertSyntax("foo[[ ]](int x) \"x\"", "no whitespace is allowed between the event name 'foo' and '('");
        assertSyntax("foo[[(int x \"x\"]]", "missing ')' to close the argument list");
        assertSyntax("[[\"more\"]]", "a line cannot start with a string");
        assertSyntax("[[foo \"]]x\"", "expected '(' and an argument list after the event name 'foo'");
    }

    private static void assertSyntax(String marked, String expected) {
        Fixture fx = Fixture.parse(marked);
        TraceEventsFile f = TraceEventsReader.read("t", fx.text() + "\n");
        assertEquals(0, f.events().size());
        Diagnostic d = f.syntaxDiagnostics().get(0);
        assertTrue(d.message().contains(expected), d.message());
        assertTrue(d.message().endsWith("(tracetool fails with AssertionError)"), d.message());
        assertEquals(fx.range(), d.span());
    }

    @Test
    void missingFinalNewlineIsReportedAtTheEnd() {
        TraceEventsFile f = TraceEventsReader.read("dir/x.trace-events", "foo(int x) \"%d\"");
        assertEquals(1, f.events().size());
        Diagnostic d = f.syntaxDiagnostics().get(0);
        assertEquals("dir/x.trace-events does not end with a new line", d.message());
        assertEquals(Span.at(15), d.span());
        assertTrue(TraceEventsReader.read("t", "").syntaxDiagnostics().isEmpty());
    }

    @Test
    void nonBmpCharactersKeepUtf16Offsets() {
        Fixture fx = Fixture.parse("foo(int x) \"😀 [[%d]]\"");
        TraceEvent e = only(fx.text());
        assertEquals(fx.range(), e.format().conversions().get(0).span());
    }

    @Test
    void garbageNeverThrows() {
        for (String s : List.of("(", ")", "\"", "a(", "a()", "a(b", "a(int x) \"\\", "\u0000", "a(,,,)", "%%%",
                "disable", "a(int x)\"", "a(int x) \"%", "a(int x) \"%\" PRI", "((((", "a(int x) \"\" \"\" \"")) {
            TraceEventsFile f = TraceEventsReader.read("t", s + "\n");
            assertNull(null, f.toString());
            TraceEventsChecker.check(f, QemuVersion.CURRENT);
        }
    }
}
