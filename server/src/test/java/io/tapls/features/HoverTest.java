package io.tapls.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.workspace.Settings;
import io.tapls.workspace.Workspace;
import io.tapls.testing.Fixture;
import io.tapls.workspace.Document;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hover in trace-events files: $0 is the cursor, [[ ]] the range the hover is about. */
class HoverTest {

    private static Optional<HoverResult> hover(String marked) {
        return hover(marked, Settings.defaults());
    }

    private static Optional<HoverResult> hover(String marked, Settings settings) {
        Fixture fx = Fixture.parse(marked);
        Workspace w = new Workspace(List.of(), settings);
        Document d = w.open("file:///t/trace-events", "trace-events", 1, fx.text());
        Optional<HoverResult> h = Hover.hover(w, d, fx.cursor());
        h.ifPresent(r -> {
            if (!fx.ranges().isEmpty()) {
                assertEquals(fx.range(), r.span());
            }
        });
        return h;
    }

    @Test
    void conversionNamesTheArgumentItPrints() {
        assertEquals("`%\" PRIx64` prints argument 2, `addr` (`uint64_t`)",
                hover("foo(int n, uint64_t addr) \"n=%d addr=0x[[%$0\" PRIx64]]\n").get().markdown());
    }

    @Test
    void starWidthsTakeAnArgumentOfTheirOwn() {
        assertEquals("`%0*\" PRIx64` prints argument 2, `v` (`uint64_t`)",
                hover("foo(int w, uint64_t v) \"[[%0$0*\"PRIx64]]\"\n").get().markdown());
    }

    @Test
    void argumentShowsItsConversionAndSystemTapVariable() {
        String md = hover("foo(int n, [[const char *n$0ame]]) \"n=%d name=%s\"\n").get().markdown();
        assertEquals("```c\nconst char *name\n```\nargument 2 of `foo`, `name` (`$arg2`) in SystemTap (a string: read"
                + " it with `user_string_n($arg2, 512)`)\n\nprinted by `%s`", md);
    }

    @Test
    void argumentsAreNamedAsTracetoolBindsThem() {
        // A SystemTap reserved word gets a '_' (tracetool's stap_escape); before QEMU 10.1, a 'vcpu' event's
        // implicit __cpu is $arg1.
        String md = hover("foo([[int n$0ext]]) \"n=%d\"\n").get().markdown();
        assertTrue(md.contains("`next_` (`$arg1`) in SystemTap"), md);
        md = hover("vcpu foo([[int n$0]]) \"n=%d\"\n", Settings.defaults().withQemuVersion(
                io.tapls.traceevents.QemuVersion.parse("7.2"))).get().markdown();
        assertTrue(md.contains("`n` (`$arg2`) in SystemTap"), md);
    }

    @Test
    void aPriMacroSaysWhatItExpandsTo() {
        assertEquals("`PRIx64` (inttypes.h) expands to `\"lx\"` on 64-bit hosts (LP64), `\"llx\"` on 32-bit ones:"
                + " `%\" PRIx64` prints a `uint64_t`", hover("foo(uint64_t a) \"a=%\" [[PRI$0x64]]\n").get().markdown());
        assertTrue(hover("foo(int32_t a) \"a=%\" [[PRId3$02]]\n").get().markdown().contains("prints a `int32_t`"));
    }

    @Test
    void eventNamePreviewsWhatItsLogProbePrints() {
        String md = hover("[[qio_t$0ask_new]](void *task, uint64_t n) \"task=%p n=0x%\" PRIx64\n").get().markdown();
        assertTrue(md.endsWith("Its log probe prints `%d@%d qio_task_new task=%p n=0x%x\\n` (pid, time in ns, then the"
                + " values)"), md);
    }

    @Test
    void eventNameNamesTheRealProbes() {
        String md = hover("[[qio_t$0ask_new]](void *task) \"task=%p\"\n").get().markdown();
        assertTrue(md.contains("SystemTap: `qemu.system.x86_64.qio_task_new`, `qemu.system.x86_64.log.qio_task_new`,"
                + " `qemu.system.x86_64.simpletrace.qio_task_new`"), md);
    }

    @Test
    void eventNameShowsTheDeclaration() {
        String md = hover("disable [[qio_t$0ask_new]](void *task) \"task=%p\"\n").get().markdown();
        assertTrue(md.startsWith("```c\ndisable qio_task_new(void *task)\n```\nformat: `\"task=%p\"`"), md);
        assertTrue(md.contains("disabled"), md);
    }

    @Test
    void nothingOnCommentsAndBlankSpace() {
        assertEquals(Optional.empty(), hover("# a co$0mment\n"));
        assertEquals(Optional.empty(), hover("foo(int x) \"x=%d\"  $0\n\n"));
        assertEquals(Optional.empty(), hover("foo(int x) \"x=%d\"\n$0"));
    }
}
