package io.tapls.stap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Corpora;
import io.tapls.testing.StapOracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The ANTLR grammar (grammar/StapParser.g4) accepts every example script the real stap -p1 accepts. */
class StapGrammarIT {
    private static final List<Path> ROOTS = List.of(TapsetPath.DEFAULT_ROOT);

    private static StapGrammar.Result grammar(Path f, String text) {
        PpConfig cfg = PpConfig.defaults().forPath(f.toString());
        return StapGrammar.parse(StapGrammar.preprocess(f.toString(), text, TapsetPath.libraryMacros(ROOTS, cfg), cfg));
    }

    @Test
    void acceptsTheExamplesStapAccepts() throws IOException {
        Path root = Corpora.require(Path.of("/usr/share/systemtap/examples"), "Debian's systemtap-doc");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".stp")).sorted().toList();
        }
        Map<Path, StapOracle.Verdict> stap = StapOracle.p1(files);
        List<Path> rejected = new ArrayList<>();
        int n = 0;
        for (Path f : files) {
            if (stap.get(f).pass()) {
                n++;
                if (!grammar(f, Files.readString(f)).accepted()) {
                    rejected.add(f);
                }
            }
        }
        assertTrue(n >= 170);
        assertEquals(List.of(), rejected);
    }
}
