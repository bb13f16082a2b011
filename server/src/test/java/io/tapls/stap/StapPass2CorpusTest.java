package io.tapls.stap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Corpora;
import io.tapls.testing.StapAnswers;
import io.tapls.testing.StapOracle;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Settings;
import io.tapls.workspace.Workspace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pass-2 corpus without stap (src/test/resources/stap/pass2, a suite per class of stap's checks): tapls check
 * (in process, over the tests' own tapset library, which TapsetFixtureIT shows gives these scripts stap's answers
 * too) reports an error for a script iff stap -p2 rejected it, and for those with stap's message at stap's line and
 * column, as recorded in CLASS.expected. StapPass2CorpusIT asks the live stap.
 */
class StapPass2CorpusTest {
    private static Workspace workspace;

    @BeforeAll
    static void library() {
        workspace = new Workspace(List.of(), Settings.defaults().withTapsets(List.of(StapAnswers.tapsetFixture()),
                false));
    }

    @AfterAll
    static void shutdown() {
        workspace.shutdown();
    }

    static List<StapSnippets> suites() {
        return StapSnippets.CORPUS;
    }

    static List<StapSnippets> debianSuites() {
        return StapSnippets.CORPUS_DEBIAN;
    }

    /** tapls' first error for each snippet of a suite, checked as ID.stp (the name stap was given). */
    static Map<String, StapSnippets.FirstError> tapls(StapSnippets suite, Workspace ws) {
        Map<String, StapSnippets.FirstError> out = new HashMap<>();
        suite.snippets().forEach((id, snippet) -> {
            String text = suite.fileText(snippet);
            StapSnippets.FirstError e = StapSnippets.FirstError.of(text, ws.check(id + ".stp", text, FileKind.STAP));
            if (e != null) {
                out.put(id, e);
            }
        });
        return out;
    }

    @ParameterizedTest
    @MethodSource("suites")
    void sameVerdictMessageAndPositionAsStapsRecordedAnswers(StapSnippets suite) {
        compare(suite, workspace);
    }

    /** The suites about Debian's library, checked against it (skipped visibly without systemtap-common). */
    @ParameterizedTest
    @MethodSource("debianSuites")
    void withDebiansLibrarySameVerdictMessageAndPosition(StapSnippets suite) {
        Corpora.require(TapsetPath.DEFAULT_ROOT, "Debian's systemtap-common");
        Workspace debian = new Workspace(List.of(), Settings.defaults());
        try {
            compare(suite, debian);
        } finally {
            debian.shutdown();
        }
    }

    private static void compare(StapSnippets suite, Workspace workspace) {
        Map<String, String> snippets = suite.snippets();
        Map<String, StapOracle.Verdict> stap = suite.recorded();
        assertEquals(List.copyOf(snippets.keySet()), List.copyOf(stap.keySet()),
                "one recorded answer a snippet, in order: run " + StapAnswers.REFRESH);
        StapSnippets.Pass2Outcome o = StapSnippets.comparePass2(List.copyOf(snippets.keySet()), stap,
                tapls(suite, workspace));
        System.out.printf("%s: %d scripts, %d accepted by stap, %d rejected; %d same verdict, %d/%d with stap's"
                + " message and position%n", suite.suite(), o.files(),
                stap.values().stream().filter(StapOracle.Verdict::pass).count(),
                stap.values().stream().filter(v -> !v.pass()).count(), o.sameVerdict(), o.sameMessage(), o.failing());
        List<String> falseErrors = new ArrayList<>();
        for (String d : o.differences()) {
            String id = d.substring(0, d.indexOf(':'));
            if (stap.get(id).pass()) {
                falseErrors.add(d);
            }
        }
        assertEquals(List.of(), falseErrors, "no script stap accepts gets an error");
        assertTrue(o.sameMessage() * 100 >= o.failing() * 95, "stap's message and position on 95% of those it "
                + "rejects: " + o.differences());
        assertEquals(List.of(), o.differences());
    }
}
