package io.tapls.generate;

import static io.tapls.generate.Fixtures.HEADER;
import static io.tapls.generate.Fixtures.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tapls.traceevents.QemuVersion;
import org.junit.jupiter.api.Test;

/** format/log_stap.py: prints each event as the log backend would, pid@timestamp name formatted-arguments. */
class LogStapFormatTest {
    @Test
    void readsStringsFromUserSpaceAndConvertsTheFormat() {
        String out = LogStapFormat.generate(events("""
                open(const char *path, int function, char **argv, uint64_t size) "%s f=%d argv=%p size=0x%" PRIx64
                disable hidden(int x) "x %d"
                """), Fixtures.qemu());
        assertEquals(HEADER + """
                probe qemu.system.x86_64.log.open = qemu.system.x86_64.open ?
                {
                    try {
                        argpath_str = path ? user_string_n(path, 512) : "<null>"
                    } catch {}
                    printf("%d@%d open %s f=%d argv=%p size=0x%x\\n", pid(), gettimeofday_ns(), argpath_str, function_, argv, size)
                }

                """, out);
    }

    @Test
    void anEventWithoutFormatStillPassesItsArguments() {
        String out = LogStapFormat.generate(events("a(int x)\nb(void)\n"), Fixtures.qemu());
        assertEquals(HEADER + """
                probe qemu.system.x86_64.log.a = qemu.system.x86_64.a ?
                {
                    printf("%d@%d a \\n", pid(), gettimeofday_ns(), x)
                }
                probe qemu.system.x86_64.log.b = qemu.system.x86_64.b ?
                {
                    printf("%d@%d b \\n", pid(), gettimeofday_ns())
                }

                """, out);
    }

    @Test
    void legacyVcpuPrefixesTheFormat() {
        String out = LogStapFormat.generate(events("vcpu sys(uint64_t num) \"num=0x%\"PRIx64\n"),
                new GenerateOptions(QemuVersion.LEGACY, null, "qemu.system.x86_64"));
        assertEquals(Fixtures.LEGACY_HEADER + """
                probe qemu.system.x86_64.log.sys = qemu.system.x86_64.sys ?
                {
                    printf("%d@%d sys cpu=%p num=0x%x\\n", pid(), gettimeofday_ns(), __cpu, num)
                }

                """, out);
    }

    @Test
    void aFormatTracetoolCannotConvertNamesTheEvent() {
        var events = events("ok(int x) \"%d\"\nbad(int x) \"%d\" FOO\n");
        var e = assertThrows(GenerationException.class, () -> LogStapFormat.generate(events, Fixtures.qemu()));
        assertEquals("Unhandled macro 'FOO'", e.getMessage());
        assertSame(events.get(1), e.event());
    }

    @Test
    void needsAPrefix() {
        assertThrows(GenerationException.class,
                () -> LogStapFormat.generate(events("a(int x)\n"), GenerateOptions.of("/usr/bin/x", null)));
    }
}
