package io.tapls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One --qemu-version for everything derived from a trace-events file: the tapsets generate writes, and the
 * aliases check resolves a script's probes against (the index takes the version from the settings). QEMU
 * 7.2's tracetool gives a {@code vcpu} event a first argument {@code __cpu}; 10.2's rejects the property.
 */
class QemuVersionEndToEndIT {
    @TempDir
    Path dir;

    @BeforeEach
    void vcpuEventAndAScriptReadingItsCpu() throws IOException {
        Files.writeString(dir.resolve("trace-events"), "vcpu foo(int x) \"x=%d\"\n");
        Files.writeString(dir.resolve("uses-cpu.stp"), "probe qemu.system.x86_64.foo { println(__cpu, x) }\n");
    }

    @Test
    void generateFor72BindsTheCpuToTheFirstArgument() {
        Cli.Result r = Cli.runIn(dir, "generate", "--qemu-version", "7.2", "--format", "stap", "--binary",
                "/usr/bin/qemu-system-x86_64", "trace-events");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("probe qemu.system.x86_64.foo = process(\"/usr/bin/qemu-system-x86_64\")"
                + ".mark(\"foo\")\n{\n  __cpu = $arg1;\n  x = $arg2;\n}\n"), r.stdout());
    }

    @Test
    void checkFor72KnowsTheAliasAssignsTheCpu() {
        Cli.Result r = Cli.runIn(dir, "check", "--qemu-version", "7.2", "--no-default-tapsets", ".");
        assertFalse(r.stdout().contains("never-assigned local variable '__cpu'"), r.stdout());
        assertEquals("", r.stdout());
        assertEquals(0, r.exitCode(), r.stderr());
    }

    @Test
    void checkFor102RejectsTheVcpuProperty() {
        Cli.Result r = Cli.runIn(dir, "check", "--no-default-tapsets", ".");
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("./trace-events:1:1: error: Unknown properties: vcpu [unknown-property]"),
                r.stdout());
        // and the alias 10.2 would generate (if it generated any) has no __cpu
        assertTrue(r.stdout().contains("never-assigned local variable '__cpu'"), r.stdout());
        Cli.Result gen = Cli.runIn(dir, "generate", "--format", "stap", "--binary", "/usr/bin/qemu-system-x86_64",
                "trace-events");
        assertEquals(1, gen.exitCode());
        assertTrue(gen.stderr().contains("Unknown properties: vcpu"), gen.stderr());
        assertTrue(gen.stderr().endsWith("tapls: nothing written\n"), gen.stderr());
    }
}
