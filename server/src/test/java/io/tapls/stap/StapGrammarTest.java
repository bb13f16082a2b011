package io.tapls.stap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tapls.testing.Corpora;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ANTLR grammar (grammar/StapParser.g4, SLL then LL) against the hand-written parser and the library: it
 * accepts the whole tapset library and rejects what the hand-written parser rejects for syntax. StapGrammarIT
 * has it accept the examples the real stap accepts.
 */
class StapGrammarTest {
    private static final List<Path> ROOTS = List.of(TapsetPath.DEFAULT_ROOT);

    private static StapGrammar.Result grammar(Path f, String text) {
        PpConfig cfg = PpConfig.defaults().forPath(f.toString());
        return StapGrammar.parse(StapGrammar.preprocess(f.toString(), text, TapsetPath.libraryMacros(ROOTS, cfg), cfg));
    }

    @Test
    void acceptsTheWholeTapsetLibrary() throws IOException {
        Corpora.require(TapsetPath.DEFAULT_ROOT, "Debian's systemtap-common");
        List<Path> files;
        try (Stream<Path> s = Files.walk(TapsetPath.DEFAULT_ROOT)) {
            files = s.filter(p -> p.toString().endsWith(".stp")).sorted().toList();
        }
        List<Path> rejected = new ArrayList<>();
        int ll = 0;
        for (Path f : files) {
            StapGrammar.Result r = grammar(f, Files.readString(f));
            if (!r.accepted()) {
                rejected.add(f);
            }
            ll += r.neededLl() ? 1 : 0;
        }
        System.out.printf("grammar: %d tapset files, %d accepted, %d needed LL after SLL%n", files.size(),
                files.size() - rejected.size(), ll);
        assertEquals(List.of(), rejected);
    }

    @Test
    void agreesWithTheHandWrittenParserOnTheSnippets(@TempDir Path dir) throws IOException {
        int accepted = 0;
        int rejected = 0;
        List<String> disagree = new ArrayList<>();
        for (Map.Entry<String, String> e : StapSnippets.VERDICT.snippets().entrySet()) {
            Path f = dir.resolve(e.getKey() + ".stp");
            PpConfig cfg = PpConfig.defaults();
            StapFile hand = StapReader.read(f.toString(), e.getValue(), TapsetPath.libraryMacros(ROOTS, cfg), cfg);
            boolean handOk = hand.errors().isEmpty();
            boolean grammarOk;
            try {
                grammarOk = grammar(f, e.getValue()).accepted();
            } catch (ParseError pe) {
                grammarOk = false; // the preprocessor rejected it
            }
            if (handOk) {
                accepted++;
                if (!grammarOk) {
                    disagree.add(e.getKey() + " (grammar rejects a valid snippet)");
                }
            } else {
                rejected++;
                if (grammarOk && syntactic(hand.errors().get(0).message())) {
                    disagree.add(e.getKey() + " (grammar accepts: " + hand.errors().get(0).message() + ")");
                }
            }
        }
        System.out.printf("grammar vs hand-written parser: %d valid, %d invalid snippets, %d disagreements%n",
                accepted, rejected, disagree.size());
        assertEquals(List.of(), disagree);
    }

    /** Messages of checks stap makes outside its grammar, which StapParser.g4 does not repeat. */
    private static boolean syntactic(String message) {
        return !List.of("number invalid or out of range", "array size out of range", "duplicate",
                "only scalar globals", "specified priority", "expected literal number", "found 'return'",
                "invalid or missing conversion", "trailing incomplete print", "Combined prologue",
                "alias name cannot be optional", "respecified", "must only be specified in suffix",
                "global versus private", "multiple sort directives", "not more than 1 parameter",
                "expected sort directive", "expected statistical operation", "-> and [ are not accepted",
                "base histogram operator", "unexpected comma-separated").stream().anyMatch(message::startsWith)
                && !message.contains("respecified") && !message.contains("must only be specified");
    }

    @Test
    void rejectsPlainSyntaxErrors() {
        for (String bad : List.of("probe begin { x = = 1 }", "probe begin { if 1 {} }", "probe a * b {}",
                "function f( {}", "global 5", "probe begin { x = (1 }", "probe begin { f(1 2) }")) {
            assertFalse(grammar(Path.of("t.stp"), bad).accepted(), bad);
        }
    }
}
