package io.tapls.semantics;

import io.tapls.stap.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in probe types (probe-types.txt, what the real stap lists: BuiltinProbesIT): points are judged by shape. */
class BuiltinProbesTest {
    private static ProbePoint point(String text) {
        StapFile f = StapReader.read("t.stp", "probe " + text + " {}", Map.of(), PpConfig.defaults());
        assertEquals(List.of(), f.errors(), text);
        return f.probes().get(0).points().get(0);
    }

    @Test
    void pointsAreJudgedByShape() {
        for (String ok : List.of("begin", "begin(-5)", "timer.ms(100)", "process(\"/bin/ls\").mark(\"x\")",
                "process.begin", "process(123).function(\"main\").return", "kernel.function(\"vfs_*\").call",
                "kernel.function(\"f\").return.maxactive(10)", "module(\"ext4\").function(\"*\")",
                "kernel.*(\"x\")", "procfs(\"x\").read", "perf.type(0).config(1).sample(100)")) {
            assertTrue(BuiltinProbes.matches(point(ok)), ok);
        }
        for (String bad : List.of("kernel.functoin(\"x\")", "timer.ms(\"x\")", "kernel.function", "begin(\"x\")",
                "process(\"x\").mark", "timer.ms(1).return")) {
            assertFalse(BuiltinProbes.matches(point(bad)), bad);
        }
        assertEquals("kernel.function(string)", BuiltinProbes.similar(point("kernel.functoin(\"x\")")).get(0));
    }
}
