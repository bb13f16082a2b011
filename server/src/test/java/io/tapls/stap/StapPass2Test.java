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
 * Pass-2 rules without stap: tapls check (in process) of each script of pass2-snippets.txt reports an error iff
 * stap -p2 failed, with stap's message and line:column, as recorded in pass2-snippets.expected (StapPass2IT asks
 * the live stap, with Debian's library). tapls checks against the tests' own tapset library, which declares the
 * functions the scripts call as Debian's does (TapsetFixtureIT has stap give the same answers with it).
 */
class StapPass2Test {
    @Test
    void sameVerdictMessageAndPositionAsStapsRecordedAnswers() {
        Map<String, String> snippets = StapSnippets.PASS2.snippets();
        Map<String, StapOracle.Verdict> stap = StapSnippets.PASS2.recorded();
        assertEquals(List.copyOf(snippets.keySet()), List.copyOf(stap.keySet()),
                "one recorded answer a snippet, in order: run " + StapAnswers.REFRESH);
        Workspace workspace = new Workspace(List.of(), Settings.defaults()
                .withTapsets(List.of(StapAnswers.tapsetFixture()), false));
        Map<String, StapSnippets.FirstError> tapls = new HashMap<>();
        snippets.forEach((id, snippet) -> {
            String text = StapSnippets.PASS2.fileText(snippet);
            StapSnippets.FirstError e = StapSnippets.FirstError.of(text, workspace.check(id + ".stp", text,
                    FileKind.STAP));
            if (e != null) {
                tapls.put(id, e);
            }
        });
        workspace.shutdown();
        StapSnippets.Pass2Outcome o = StapSnippets.comparePass2(List.copyOf(snippets.keySet()), stap, tapls);
        assertTrue(o.failing() >= 30, "at least 30 scripts stap rejects with a message of its own: " + o.failing());
        assertTrue(o.sameVerdict() > o.failing(), "and scripts it accepts");
        assertEquals(List.of(), o.differences());
    }
}
