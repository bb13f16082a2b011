package io.tapls.stap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapls.testing.Corpora;
import io.tapls.text.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The parser never fails: mutated tapset files (characters deleted, duplicated or replaced by stap's
 * punctuation, with a fixed seed) always give a model and errors whose ranges lie inside the text.
 */
class StapRobustnessTest {
    private static final String NOISE = "{}()[];,.=+-*/%!?:\"'#$@&|^~<>\n %( %? %: %) %{ %} @define probe if";

    @Test
    void mutatedFilesNeverBreakTheReader() throws IOException {
        Path root = Corpora.require(TapsetPath.DEFAULT_ROOT, "Debian's systemtap-common");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".stp")).sorted().toList();
        }
        Random r = new Random(42);
        Map<String, MacroDef> lib = TapsetPath.libraryMacros(List.of(root), PpConfig.defaults());
        int mutants = 0;
        int withErrors = 0;
        for (int i = 0; i < 400; i++) {
            String text = Files.readString(files.get(r.nextInt(files.size())));
            if (text.length() > 20000) {
                text = text.substring(0, 20000);
            }
            StringBuilder b = new StringBuilder(text);
            int edits = 1 + r.nextInt(6);
            for (int k = 0; k < edits && b.length() > 0; k++) {
                int at = r.nextInt(b.length());
                switch (r.nextInt(3)) {
                    case 0 -> b.delete(at, Math.min(b.length(), at + 1 + r.nextInt(20)));
                    case 1 -> b.insert(at, b.substring(at, Math.min(b.length(), at + 1 + r.nextInt(40))));
                    default -> {
                        String[] pieces = NOISE.split(" ");
                        b.insert(at, pieces[r.nextInt(pieces.length)]);
                    }
                }
            }
            String mutated = b.toString();
            StapFile f = StapReader.read("m" + i + ".stp", mutated, lib, PpConfig.defaults());
            mutants++;
            List<SyntaxError> all = new ArrayList<>(f.errors());
            all.addAll(f.inactiveErrors());
            for (SyntaxError e : all) {
                Span s = e.span();
                assertTrue(s.start() >= 0 && s.end() <= mutated.length(), "range inside the text: " + e);
                assertTrue(!e.message().startsWith("internal error"), e.message() + "\n" + mutated);
            }
            withErrors += f.errors().isEmpty() ? 0 : 1;
        }
        System.out.printf("robustness: %d mutants read, %d with syntax errors, no failure%n", mutants, withErrors);
    }
}
