package io.tapls.stap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tapls.testing.Corpora;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The hand-written scanner gives exactly the tokens of the ANTLR lexer generated from StapLexer.g4. */
class StapScannerTest {
    private static String dump(StapLexing.Result r) {
        StringBuilder b = new StringBuilder();
        for (Token t : r.tokens()) {
            b.append(t.kind).append(' ').append(t.start).append('-').append(t.end).append(t.wsBefore ? " ws " : " ")
                    .append(t.text).append(t.junkMessage == null ? "" : " !" + t.junkMessage).append('\n');
        }
        for (StapLexing.Comment c : r.comments()) {
            b.append("comment ").append(c.start()).append('-').append(c.end()).append('\n');
        }
        return b.toString();
    }

    private static void same(String name, String text) {
        SourceUnit u = new SourceUnit(name, text);
        assertEquals(dump(AntlrLexing.lexWithAntlr(u)), dump(StapScanner.scan(u)), name);
    }

    @Test
    void edgeCases() {
        List<String> cases = List.of("$1abc $12 $# @# @1a @12 @ $ $$vars$$ a$a$", "\"a\\\"b\" \"unclosed\n\"x\\",
                "/* unterminated", "%{ unterminated", "%{ a %} %( %? %: %) %= %", "<<<= >>>= <<= -> .= ===",
                "x = \u00e9 \uD83D\uDE00 \u0001", "# c\r\n// d\rx", "12A3 0x1f 08 1.5", "\"a\\\n\"", "'`\\");
        for (int i = 0; i < cases.size(); i++) {
            same("case" + i, cases.get(i));
        }
    }

    @Test
    void wholeTapsetLibraryAndSnippets() throws IOException {
        Path root = Corpora.require(TapsetPath.DEFAULT_ROOT, "Debian's systemtap-common");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> p.toString().endsWith(".stp") || p.toString().endsWith(".stpm")).forEach(files::add);
        }
        for (Path f : files) {
            same(f.toString(), Files.readString(f));
        }
        for (Map.Entry<String, String> e : StapSnippets.VERDICT.snippets().entrySet()) {
            same(e.getKey(), e.getValue());
        }
    }
}
