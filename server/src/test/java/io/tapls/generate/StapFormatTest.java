package io.tapls.generate;

import static io.tapls.generate.Fixtures.HEADER;
import static io.tapls.generate.Fixtures.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tapls.traceevents.QemuVersion;
import org.junit.jupiter.api.Test;

/** format/stap.py: one alias per enabled event, binding the SDT marker's arguments to named variables. */
class StapFormatTest {
    @Test
    void bindsEveryArgumentAndEscapesStapKeywords() {
        String out = StapFormat.generate(events("""
                # comment lines and blank lines are not events

                dma_read(uint64_t addr, int limit, const char *next) "addr 0x%" PRIx64 " limit %d next %s"
                disable hidden(int x) "x %d"
                tick(void)
                unnamed(void *) "p=%p"
                """), Fixtures.qemu());
        assertEquals(HEADER + """
                probe qemu.system.x86_64.dma_read = process("/usr/bin/qemu-system-x86_64").mark("dma_read")
                {
                  addr = $arg1;
                  limit_ = $arg2;
                  next_ = $arg3;
                }
                probe qemu.system.x86_64.tick = process("/usr/bin/qemu-system-x86_64").mark("tick")
                {
                }
                probe qemu.system.x86_64.unnamed = process("/usr/bin/qemu-system-x86_64").mark("unnamed")
                {
                   = $arg1;
                }

                """, out);
    }

    @Test
    void noEnabledEventsGivesTheHeaderAndAnEmptyLine() {
        String out = StapFormat.generate(events("disable a(int x) \"%d\"\n"), Fixtures.qemu());
        assertEquals(HEADER + "\n", out);
        assertEquals(110, out.length());
    }

    @Test
    void needsBinaryAndPrefix() {
        var events = events("a(int x) \"%d\"\n");
        assertThrows(GenerationException.class, () -> StapFormat.generate(events, GenerateOptions.of(null, "p")));
        assertThrows(GenerationException.class, () -> StapFormat.generate(events, GenerateOptions.of("/b", null)));
    }

    @Test
    void legacyVcpuEventsGetTheImplicitCpuArgument() {
        String out = StapFormat.generate(events("vcpu guest_cpu_enter(void)\nvcpu sys(uint64_t num) \"num=%d\"\n"),
                new GenerateOptions(QemuVersion.LEGACY, "/usr/bin/qemu-system-x86_64", "qemu.system.x86_64"));
        assertEquals(Fixtures.LEGACY_HEADER + """
                probe qemu.system.x86_64.guest_cpu_enter = process("/usr/bin/qemu-system-x86_64").mark("guest_cpu_enter")
                {
                  __cpu = $arg1;
                }
                probe qemu.system.x86_64.sys = process("/usr/bin/qemu-system-x86_64").mark("sys")
                {
                  __cpu = $arg1;
                  num = $arg2;
                }

                """, out);
    }
}
