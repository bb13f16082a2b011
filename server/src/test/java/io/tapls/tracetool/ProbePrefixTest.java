package io.tapls.tracetool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Meson's probe prefixes (spec/tracetool.md B.0), and qemu-trace-stap's wrong ones for comparison (C). */
class ProbePrefixTest {
    @ParameterizedTest(name = "{0} -> {1} (qemu-trace-stap: {2})")
    @CsvSource(delimiter = '|', textBlock = """
            qemu-system-x86_64                 | qemu.system.x86_64   | qemu.system.x86_64
            /usr/bin/qemu-system-aarch64       | qemu.system.aarch64  | qemu.system.aarch64
            qemu-x86_64                        | qemu.user.x86_64     | qemu.x86_64
            /opt/q/bin/qemu-aarch64_be         | qemu.user.aarch64_be | qemu.aarch64_be
            qemu-img                           | qemu.img             | qemu.img
            qemu-io                            | qemu.io              | qemu.io
            qemu-nbd                           | qemu.nbd             | qemu.nbd
            qemu-storage-daemon                | qemu.storage_daemon  | qemu.storage.daemon
            qemu-pr-helper                     | qemu.pr_helper       | qemu.pr.helper
            """)
    void mesonRules(String binary, String meson, String qemuTraceStap) {
        assertEquals(Optional.of(meson), ProbePrefix.forBinary(binary));
        assertEquals(qemuTraceStap, ProbePrefix.qemuTraceStap(binary));
    }

    @ParameterizedTest
    @CsvSource({"myapp", "/usr/bin/qemu-", "qemu"})
    void notAQemuBinary(String binary) {
        assertEquals(Optional.empty(), ProbePrefix.forBinary(binary));
    }
}
