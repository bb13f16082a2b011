package io.tapls.stap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.StapAnswers;
import io.tapls.testing.StapOracle;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Settings;
import io.tapls.workspace.Workspace;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "Same verdict as the real stap", without stap: tapls' pass-1 check (in process, as check --syntax-only does it)
 * of every hand-written snippet of verdict-snippets.txt reports a parse error iff stap -p1 did, with stap's
 * first message, as recorded in verdict-snippets.expected (StapVerdictIT asks the live stap).
 */
class StapVerdictTest {
    @Test
    void handWrittenSnippetsHaveStapsRecordedVerdictsAndMessages() {
        Map<String, String> snippets = StapSnippets.VERDICT.snippets();
        Map<String, StapOracle.Verdict> stap = StapSnippets.VERDICT.recorded();
        assertEquals(List.copyOf(snippets.keySet()), List.copyOf(stap.keySet()),
                "one recorded answer a snippet, in order: run " + StapAnswers.REFRESH);
        // Only the test library's macros: the snippets must not depend on Debian's.
        Workspace workspace = new Workspace(List.of(), Settings.defaults().withSyntaxOnly(true)
                .withTapsets(List.of(StapAnswers.tapsetFixture()), false));
        Map<String, String> tapls = new HashMap<>();
        snippets.forEach((id, snippet) -> {
            String text = StapSnippets.VERDICT.fileText(snippet);
            tapls.put(id, StapSnippets.asPassOneError(StapSnippets.FirstError.of(text,
                    workspace.check(id + ".stp", text, FileKind.STAP))));
        });
        StapSnippets.VerdictOutcome o = StapSnippets.compareVerdicts(List.copyOf(snippets.keySet()), stap, tapls);
        assertTrue(o.files() >= 150, "at least 150 snippets");
        assertTrue(o.invalid() >= 100, "at least 100 invalid snippets, have " + o.invalid());
        assertTrue(o.invalid() < o.files(), "valid snippets too");
        assertEquals(List.of(), o.differences());
        assertEquals(o.invalid(), o.sameMessage());
    }
}
