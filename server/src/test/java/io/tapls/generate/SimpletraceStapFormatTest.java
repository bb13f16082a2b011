package io.tapls.generate;

import static io.tapls.generate.Fixtures.HEADER;
import static io.tapls.generate.Fixtures.events;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** format/simpletrace_stap.py: writes simpletrace records; the id counts every event given, disabled ones too. */
class SimpletraceStapFormatTest {
    @Test
    void recordLayoutAndIdsOverAllInputsIncludingDisabledEvents() {
        String out = SimpletraceStapFormat.generate(events("""
                disable first(int x) "%d"
                second(void)
                """, """
                third(const char *name, uint32_t self) "%s %u"
                """), Fixtures.qemu());
        assertEquals(HEADER + """
                probe qemu.system.x86_64.simpletrace.second = qemu.system.x86_64.second ?
                {
                    printf("%8b%8b%8b%4b%4b", 1, 1, gettimeofday_ns(), 24, pid())
                }
                probe qemu.system.x86_64.simpletrace.third = qemu.system.x86_64.third ?
                {
                    try {
                        argname_str = name ? user_string_n(name, 512) : "<null>"
                    } catch {}
                    argname_len = strlen(argname_str)
                    printf("%8b%8b%8b%4b%4b%4b%.*s%8b", 1, 2, gettimeofday_ns(), 24 + 4 + argname_len + 8, pid(), argname_len, argname_len, argname_str, self_)
                }

                """, out);
    }
}
