package io.tapls.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Which tests run when: *Test classes are unit tests (surefire, `mvn test`, before the jar exists) and start no
 * process; *IT classes are integration tests (failsafe, `mvn verify`, after package): those that start the jar,
 * the launcher or a real tool. A class with tests named otherwise would never run.
 */
class TestPhasesTest {
    /** What starts a process: the jar (Cli, LspClient), the real stap (StapOracle), an editor, any other program. */
    private static final Pattern STARTS_A_PROCESS = Pattern.compile(
            "\\bCli\\.(run|runIn|jar)\\(|\\bLspClient\\.start\\(|\\bStapOracle\\.(p1|p2|p2WithLibrary|raw|dumpP1|script)\\("
                    + "|\\bnew ProcessBuilder\\(|\\bRuntime\\.getRuntime\\(\\)\\.exec|\\bEditorRun\\.");
    private static final Pattern HAS_TESTS = Pattern.compile("@(Test|ParameterizedTest|TestFactory|RepeatedTest|ArchTest|Property|Example)\\b");

    private static List<Path> testSources() throws IOException {
        Path root = Corpora.repo().resolve("server/src/test/java");
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void unitTestsStartNoProcess() throws IOException {
        List<String> offenders = new ArrayList<>();
        int unit = 0;
        for (Path f : testSources()) {
            if (f.getFileName().toString().endsWith("Test.java")) {
                unit++;
                var m = STARTS_A_PROCESS.matcher(Files.readString(f));
                if (m.find()) {
                    offenders.add(f.getFileName() + ": " + m.group() + " (rename it to …IT, or move that test to an IT)");
                }
            }
        }
        assertTrue(unit >= 30, "unit test classes found: " + unit);
        assertEquals(List.of(), offenders);
    }

    @Test
    void everyClassWithTestsIsNamedForAPhase() throws IOException {
        List<String> neither = new ArrayList<>();
        int its = 0;
        for (Path f : testSources()) {
            String name = f.getFileName().toString();
            its += name.endsWith("IT.java") ? 1 : 0;
            if (!name.endsWith("Test.java") && !name.endsWith("IT.java") && HAS_TESTS.matcher(Files.readString(f)).find()) {
                neither.add(name);
            }
        }
        assertTrue(its >= 15, "integration test classes found: " + its);
        assertEquals(List.of(), neither, "surefire runs *Test, failsafe *IT: these would never run");
    }
}
