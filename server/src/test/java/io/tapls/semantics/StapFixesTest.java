package io.tapls.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.Fix;
import io.tapls.diag.Rule;
import io.tapls.diag.TextEdit;
import io.tapls.index.TapsetIndex;
import io.tapls.stap.PpConfig;
import io.tapls.stap.StapFile;
import io.tapls.stap.StapReader;
import io.tapls.stap.StapRules;
import io.tapls.stap.TapsetPath;
import io.tapls.testing.StapAnswers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fixes for stap's type mismatches: the script before, the rule, and each fix's title and the script it
 * leaves; the fixed script has no such finding left. (That stap -p2 accepts them is QuickFixesIT's business.)
 */
class StapFixesTest {
    private static final Path LIBRARY = StapAnswers.tapsetFixture();
    private static TapsetIndex index;

    @BeforeAll
    static void buildIndex() {
        index = TapsetIndex.build(List.of(LIBRARY), PpConfig.defaults());
    }

    static Stream<Arguments> fixes() {
        return Stream.of(
                Arguments.of("probe begin { printf(\"%d\\n\", \"x\") }", StapRules.PRINTF_TYPE,
                        List.of("Use '%s'", "probe begin { printf(\"%s\\n\", \"x\") }")),
                Arguments.of("probe begin { printf(\"[%-8x]\\n\", execname()) }", StapRules.PRINTF_TYPE,
                        List.of("Use '%-8s'", "probe begin { printf(\"[%-8s]\\n\", execname()) }")),
                Arguments.of("probe begin { printf(\"%s %.3s\\n\", \"a\", pid()) }", StapRules.PRINTF_TYPE,
                        List.of("Use '%d'", "probe begin { printf(\"%s %d\\n\", \"a\", pid()) }")),
                Arguments.of("probe begin { printf(\"%5s\\n\", 1 * 2) }", StapRules.PRINTF_TYPE,
                        List.of("Use '%5d'", "probe begin { printf(\"%5d\\n\", 1 * 2) }")),
                Arguments.of("probe begin { printf(\"%*s\\n\", 4, 1 * 2) }", StapRules.PRINTF_TYPE, List.of()),
                Arguments.of("probe begin { printf(\"%\" \"d\\n\", \"x\") }", StapRules.PRINTF_TYPE, List.of()),
                Arguments.of("probe begin { println(strlen(42)) }", StapRules.TYPE_MISMATCH,
                        List.of("Pass the string \"42\"", "probe begin { println(strlen(\"42\")) }")),
                Arguments.of("probe begin { println(strtol(\"10\", \"16\")) }", StapRules.TYPE_MISMATCH,
                        List.of("Pass the number 16", "probe begin { println(strtol(\"10\", 16)) }")),
                Arguments.of("probe begin { println(strtol(\"10\", \"hex\")) }", StapRules.TYPE_MISMATCH,
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixes")
    void offersTheseFixes(String script, Rule rule, List<String> expected) {
        List<Diagnostic> of = check(script).stream().filter(d -> d.rule() == rule).toList();
        assertEquals(1, of.size(), of.toString());
        List<String> actual = new ArrayList<>();
        for (Fix f : of.get(0).fixes()) {
            actual.add(f.title());
            String fixed = apply(script, f);
            actual.add(fixed);
            assertEquals(List.of(), check(fixed).stream().filter(d -> d.rule() == rule).toList(), fixed);
        }
        assertEquals(expected, actual);
    }

    private static List<Diagnostic> check(String script) {
        PpConfig cfg = PpConfig.defaults();
        StapFile f = StapReader.read("t.stp", script, TapsetPath.libraryMacros(List.of(LIBRARY), cfg), cfg);
        assertEquals(List.of(), f.errors(), "the script parses");
        return Pass2.check(f, index, List.of(LIBRARY), cfg, false);
    }

    private static String apply(String text, Fix fix) {
        StringBuilder sb = new StringBuilder(text);
        for (TextEdit e : fix.edits()) {
            sb.replace(e.span().start(), e.span().end(), e.newText());
        }
        return sb.toString();
    }
}
