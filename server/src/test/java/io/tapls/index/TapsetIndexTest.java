package io.tapls.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.stap.DocComment;
import io.tapls.stap.Global;
import io.tapls.stap.Macro;
import io.tapls.stap.PpConfig;
import io.tapls.testing.StapAnswers;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The index of the tests' own tapset library (src/test/resources/tapsets, in the shapes of Debian's) against what
 * the real stap lists of it, recorded in tapset-fixture.expected: aliases, functions with their types, alias
 * variables with theirs; and the doc comments, globals and macros the files declare.
 */
class TapsetIndexTest {
    private static TapsetIndex index;
    private static Map<String, List<String>> stap;

    @BeforeAll
    static void build() {
        index = TapsetIndex.build(List.of(StapAnswers.tapsetFixture()), PpConfig.defaults());
        stap = StapAnswers.sections("/stap/tapset-fixture.expected");
    }

    @Test
    void aliasesAreThoseStapDumps() {
        assertEquals(stap.get("stap --dump-probe-aliases"), index.dumpAliases());
    }

    /** stap also marks script-language functions it finds safe "unprivileged"; tapls only reads embedded C's. */
    @Test
    void functionsAndTheirTypesAreThoseStapDumps() {
        List<String> expected = stap.get("stap --dump-functions");
        List<String> mine = index.dumpFunctions();
        assertEquals(expected.stream().map(TapsetIndexTest::withoutMarker).toList(),
                mine.stream().map(TapsetIndexTest::withoutMarker).toList());
        for (String line : mine) {
            String name = line.substring(0, line.indexOf(':'));
            if (index.function(name).get(0).function().embedded()) {
                assertTrue(expected.contains(line), line + " is not among stap's " + expected);
            }
        }
    }

    private static String withoutMarker(String dumpLine) {
        return dumpLine.replaceFirst(" /\\* [a-z-]+ \\*/$", "");
    }

    /** Through aliases of aliases (syscall.open = dw_syscall.open !, nd_syscall.open ?) and macros in their bodies. */
    @Test
    void aliasVariablesAndTheirTypesAreThoseStapLists() {
        Map<String, TreeSet<String>> expected = new TreeMap<>();
        for (String line : stap.get("stap -L *syscall.open**")) {
            String[] words = line.split(" ");
            if (!words[0].contains("(")) { // stap lists the resolved kprobe points too
                expected.put(words[0], new TreeSet<>(List.of(words).subList(1, words.length)));
            }
        }
        assertEquals(4, expected.size(), expected.toString());
        Map<String, TreeSet<String>> mine = new TreeMap<>();
        for (String alias : expected.keySet()) {
            TreeSet<String> vars = new TreeSet<>();
            index.variables(alias).forEach((name, type) -> vars.add(name + ":" + type));
            mine.put(alias, vars);
        }
        assertEquals(expected, mine);
    }

    @Test
    void docCommentsAttachToAliasesFunctionsAndMacros() {
        DocComment open = index.alias("syscall.open").get(0).doc();
        assertNotNull(open);
        assertEquals("Open a file", open.summary());
        assertEquals("The file to open", open.vars().get("filename"));
        assertEquals("The process opening the file.", open.sections().get("Context"));
        assertEquals("Returns the name of the process the probe fired in",
                index.function("execname").get(0).function().doc().summary());
        assertEquals(2, index.function("user_string").size(), "overloaded by arity");
        Macro m = index.macros().get("SYSC_RETVALSTR");
        assertEquals(List.of("retvalue"), m.params());
        assertEquals("Sets retval and retstr from a return value", m.doc().summary());
    }

    @Test
    void privateGlobalsOfTheLibraryAreIndexed() {
        List<Global> g = index.globals().get("__scheduler_switches");
        assertNotNull(g, index.globals().keySet().toString());
        assertTrue(g.get(0).isPrivate());
    }
}
