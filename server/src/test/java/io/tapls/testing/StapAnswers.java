package io.tapls.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real stap's answers recorded next to the test inputs by {@code server/src/test/stap/refresh-answers.sh}
 * (from ../shared/tools/stap-oracle), so that unit tests compare tapls with stap without stap installed. The
 * integration tests ask the live stap again and fail when a recording is out of date.
 */
public final class StapAnswers {
    private StapAnswers() {
    }

    /** The command that refreshes every recording, for failure messages. */
    public static final String REFRESH = "server/src/test/stap/refresh-answers.sh";

    /** A verdict file (ID TAB PASS|FAIL TAB first error line) as a map from ID, in the order of the file. */
    public static Map<String, StapOracle.Verdict> verdicts(String resource) {
        Map<String, StapOracle.Verdict> out = new LinkedHashMap<>();
        for (String line : lines(resource)) {
            String[] f = line.split("\t", -1);
            if (f.length != 3 || !(f[1].equals("PASS") || f[1].equals("FAIL"))) {
                throw new IllegalStateException(resource + ": not ID<TAB>PASS|FAIL<TAB>message: " + line);
            }
            out.put(f[0], new StapOracle.Verdict(f[1].equals("PASS"), f[2]));
        }
        return out;
    }

    /** A file of sections, each started by a line "## stap ARGS", as a map from "stap ARGS" to its lines. */
    public static Map<String, List<String>> sections(String resource) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : lines(resource)) {
            if (line.startsWith("## ")) {
                current = new ArrayList<>();
                out.put(line.substring(3), current);
            } else if (current != null) {
                current.add(line);
            } else {
                throw new IllegalStateException(resource + ": a line before the first '## stap ...' section: " + line);
            }
        }
        return out;
    }

    /** The lines of a recording, without its '# ' comment lines. */
    private static List<String> lines(String resource) {
        try (InputStream in = StapAnswers.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no recording " + resource + " on the class path: run " + REFRESH);
            }
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("# ") && !line.equals("#") && !line.isEmpty()) {
                    out.add(line);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tests' own small tapset library, src/test/resources/tapsets (see its README.md). */
    public static Path tapsetFixture() {
        try {
            return Path.of(StapAnswers.class.getResource("/tapsets").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
