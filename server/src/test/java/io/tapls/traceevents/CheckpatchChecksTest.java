package io.tapls.traceevents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tapls.diag.Diagnostic;
import io.tapls.testing.Corpora;
import io.tapls.testing.Fixture;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** checkpatch.pl's trace-events rules, with its messages and its exemption for hex groups. */
class CheckpatchChecksTest {

    private static List<Diagnostic> checkpatch(String text) {
        return TraceEventsChecker.check(TraceEventsReader.read("t", text), QemuVersion.CURRENT).stream()
                .filter(d -> d.rule().origin().equals("checkpatch")).toList();
    }

    /** Line -> message, for every line checkpatch.pl flagged in cases.patch (cases.trace-events). */
    @Test
    void agreesWithCheckpatchOnItsOwnCases() throws IOException {
        String cases = Files.readString(Corpora.qemuCorpus().resolve("checkpatch/cases.trace-events"));
        List<String> out = Files.readAllLines(Corpora.qemuCorpus().resolve("checkpatch/cases.checkpatch.out"));
        Map<Integer, String> expected = new TreeMap<>();
        Pattern where = Pattern.compile("^#\\d+: FILE: hw/foo/trace-events:(\\d+):$");
        for (int i = 0; i + 1 < out.size(); i++) {
            Matcher m = where.matcher(out.get(i + 1));
            if (out.get(i).startsWith("ERROR: ") && m.matches()) {
                expected.put(Integer.parseInt(m.group(1)), out.get(i).substring("ERROR: ".length()));
            }
        }
        Map<Integer, String> actual = new TreeMap<>();
        io.tapls.text.SourceText text = new io.tapls.text.SourceText(cases);
        for (Diagnostic d : checkpatch(cases)) {
            actual.put(text.lineOf(d.span().start()) + 1, d.message());
        }
        assertEquals(expected, actual);
    }

    @Test
    void hexWithoutPrefix() {
        assertFlags("foo(int x) \"x=[[%x]]\"", TraceEventRules.CHECKPATCH_HEX_PREFIX);
        assertFlags("foo(uint64_t x) \"x=[[%\" PRIx64]]", TraceEventRules.CHECKPATCH_HEX_PREFIX);
        assertFlags("foo(long x) \"x=[[%08lx]]\"", TraceEventRules.CHECKPATCH_HEX_PREFIX);
        assertFlags("foo(int x) \"x=[[%0#]]x\"", TraceEventRules.CHECKPATCH_HASH_FLAG);
    }

    @Test
    void groupsAndPrefixesAreExempt() {
        for (String ok : List.of("foo(int x) \"x=0x%x\"", "foo(int a, int b, int c) \"%02x:%02x.%x\"",
                "foo(int a, int b) \"%x/%x\"", "foo(uint64_t x) \"0x%\" PRIx64", "foo(int a, int b) \"%x %x\"")) {
            assertEquals(List.of(), checkpatch(ok + "\n"), ok);
        }
    }

    @Test
    void whitespaceRules() {
        assertFlags("foo(int a) \"a=%d\"[[  ]]", TraceEventRules.CHECKPATCH_TRAILING_WHITESPACE);
        List<Diagnostic> crlf = checkpatch("foo(int a) \"a=%d\"\r\n");
        assertEquals(TraceEventRules.CHECKPATCH_DOS_LINE_ENDINGS, crlf.get(0).rule());
        assertEquals("DOS line endings", crlf.get(0).message());
    }

    private static void assertFlags(String marked, io.tapls.diag.Rule rule) {
        Fixture fx = Fixture.parse(marked);
        List<Diagnostic> ds = checkpatch(fx.text() + "\n");
        assertEquals(1, ds.size(), ds.toString());
        assertEquals(rule, ds.get(0).rule());
        assertEquals(fx.range(), ds.get(0).span());
    }

    /** Applying a fix's edits (right to left) to a text. */
    private static String apply(String text, io.tapls.diag.Fix fix) {
        List<io.tapls.diag.TextEdit> edits = new java.util.ArrayList<>(fix.edits());
        edits.sort((a, b) -> Integer.compare(b.span().start(), a.span().start()));
        StringBuilder b = new StringBuilder(text);
        for (var e : edits) {
            b.replace(e.span().start(), e.span().end(), e.newText());
        }
        return b.toString();
    }

    @Test
    void theHexFixesLeaveNothingForCheckpatchToSay() {
        for (String line : List.of("foo(int x) \"x=%x\"\n", "foo(uint64_t x) \"x=%\" PRIx64\n",
                "foo(int x) \"x=%#x\"\n", "foo(int x) \"x=%#08x\"\n")) {
            List<Diagnostic> ds = checkpatch(line);
            assertEquals(1, ds.size(), line);
            assertEquals(1, ds.get(0).fixes().size(), line);
            String fixed = apply(line, ds.get(0).fixes().get(0));
            assertEquals(List.of(), checkpatch(fixed), fixed);
            assertEquals(true, fixed.contains("0x%"), fixed);
        }
    }
}
