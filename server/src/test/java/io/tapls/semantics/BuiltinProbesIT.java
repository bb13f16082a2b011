package io.tapls.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tapls.testing.StapOracle;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in probe types tapls knows (the resource probe-types.txt) are those the real stap lists. */
class BuiltinProbesIT {
    @Test
    void resourceIsWhatStapDumps() {
        String stap = StapOracle.raw("--raw", "--dump-probe-types");
        assertEquals(List.of(stap.strip().split("\n")), BuiltinProbes.types());
    }
}
