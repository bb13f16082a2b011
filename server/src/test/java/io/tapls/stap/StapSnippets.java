package io.tapls.stap;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.Severity;
import io.tapls.testing.StapAnswers;
import io.tapls.testing.StapOracle;
import io.tapls.text.SourceText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hand-written snippet suites of src/test/resources/stap (a block "=== ID" a snippet), the real stap's
 * answers recorded beside them (SUITE.expected, by src/test/stap/refresh-answers.sh), and how tapls' first
 * error is compared with stap's.
 */
enum StapSnippets {
    /** stap -p1 (parse), compared with tapls check --syntax-only. */
    VERDICT("verdict-snippets", true),
    /** stap -p2 (elaboration, with the whole tapset library), compared with tapls check. */
    PASS2("pass2-snippets", false),
    // The pass-2 corpus, a suite per class of stap's checks (src/test/resources/stap/pass2); recorded with stap's
    // primary error (the cause rather than the "while resolving probe point" line that wraps it), and -u for a
    // script whose first line runs stap -u.
    P2_ELISION("pass2/elision", false),
    P2_TYPES("pass2/types", false),
    P2_ARITY("pass2/arity", false),
    P2_AGGREGATES("pass2/aggregates", false),
    P2_FOREACH("pass2/foreach", false),
    P2_PROBES("pass2/probes", false),
    P2_MISC("pass2/misc", false),
    P2_UNOPTIMIZED("pass2/unoptimized", false),
    P2_GENERATED("pass2/generated", false),
    P2_MUTATED("pass2/mutated", false),
    /** Scripts that need Debian's library (its functions, globals and aliases), not the tests' own. */
    P2_LIBRARY("pass2/library", false);

    /** The suites of the pass-2 corpus that the tests' own tapset library answers as Debian's does. */
    static final List<StapSnippets> CORPUS = List.of(P2_ELISION, P2_TYPES, P2_ARITY, P2_AGGREGATES, P2_FOREACH,
            P2_PROBES, P2_MISC, P2_UNOPTIMIZED, P2_GENERATED, P2_MUTATED);

    /** The suites of the pass-2 corpus that need Debian's library. */
    static final List<StapSnippets> CORPUS_DEBIAN = List.of(P2_LIBRARY);

    /** The whole pass-2 corpus. */
    static List<StapSnippets> corpusAll() {
        List<StapSnippets> all = new ArrayList<>(CORPUS);
        all.addAll(CORPUS_DEBIAN);
        return all;
    }

    /** The suite's name, as its files are named under src/test/resources/stap. */
    String suite() {
        return name;
    }

    /** Whether a snippet's first line runs stap -u (the recording passed -u to stap for it). */
    static boolean unoptimized(String snippet) {
        String first = snippet.lines().findFirst().orElse("");
        return first.startsWith("#!") && first.matches(".*\\s-[a-zA-Z]*u.*");
    }

    private final String name;
    private final boolean stripTrailing;

    StapSnippets(String name, boolean stripTrailing) {
        this.name = name;
        this.stripTrailing = stripTrailing;
    }

    /** The snippets by id, in the order of the file. */
    Map<String, String> snippets() {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = StapSnippets.class.getResourceAsStream("/stap/" + name + ".txt")) {
            String id = null;
            StringBuilder body = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (line.startsWith("=== ")) {
                    if (id != null) {
                        out.put(id, body.toString());
                    }
                    id = line.substring(4).strip();
                    body.setLength(0);
                } else if (id != null) {
                    body.append(line).append('\n');
                }
            }
            if (id != null) {
                out.put(id, body.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** What ID.stp holds: what the tests check and what refresh-answers.sh gave stap. */
    String fileText(String snippet) {
        return stripTrailing ? snippet.stripTrailing() + "\n" : snippet;
    }

    /** Writes every snippet to DIR/ID.stp; the files by id, in the order of the suite. */
    Map<String, Path> write(Path dir) {
        Map<String, Path> out = new LinkedHashMap<>();
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> e : snippets().entrySet()) {
                Path f = dir.resolve(e.getKey() + ".stp");
                Files.writeString(f, fileText(e.getValue()));
                out.put(e.getKey(), f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** stap's recorded answers by id. */
    Map<String, StapOracle.Verdict> recorded() {
        return StapAnswers.verdicts("/stap/" + name + ".expected");
    }

    /** stap's answer as it would be recorded: files in DIR named by their file name alone, as stap was given them. */
    static StapOracle.Verdict relativeTo(Path dir, StapOracle.Verdict v) {
        return new StapOracle.Verdict(v.pass(), v.firstError().replace(dir + "/", ""));
    }

    /** The ids whose recorded answer is not stap's live one, with both; empty when the recording is up to date. */
    List<String> outOfDate(Map<String, StapOracle.Verdict> live) {
        Map<String, StapOracle.Verdict> recorded = recorded();
        List<String> out = new ArrayList<>();
        for (String id : live.keySet()) {
            if (!live.get(id).equals(recorded.get(id))) {
                out.add(id + ": recorded " + recorded.get(id) + ", stap now " + live.get(id));
            }
        }
        recorded.keySet().stream().filter(id -> !live.containsKey(id)).forEach(id -> out.add(id + ": no such snippet"));
        return out;
    }

    String file() {
        return "server/src/test/resources/stap/" + name + ".expected";
    }

    // ------------------------------------------------------------------ tapls' first error and stap's

    /** tapls' first error: its message and 1-based line and column; null when it reports no error. */
    record FirstError(String message, int line, int column) {
        static FirstError of(String content, List<Diagnostic> diagnostics) {
            SourceText text = new SourceText(content);
            return diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).findFirst()
                    .map(d -> new FirstError(d.message(), text.lineOf(d.span().start()) + 1,
                            text.displayColumn(d.span().start())))
                    .orElse(null);
        }
    }

    record VerdictOutcome(int files, int sameVerdict, int invalid, int sameMessage, List<String> differences) {
    }

    /**
     * Pass 1: tapls reports an error iff stap does, and for files stap rejects, stap's first line is how tapls'
     * message starts (stap prints a multi-line message's first line; tapls joins the lines).
     */
    static <K> VerdictOutcome compareVerdicts(List<K> files, Map<K, StapOracle.Verdict> stap, Map<K, String> tapls) {
        int same = 0;
        int invalid = 0;
        int sameMessage = 0;
        List<String> diffs = new ArrayList<>();
        for (K f : files) {
            StapOracle.Verdict v = stap.get(f);
            String mine = tapls.getOrDefault(f, "?");
            boolean taplsFails = !mine.isEmpty();
            if (v.pass() != taplsFails) {
                same++;
            } else {
                diffs.add(f + ": stap " + (v.pass() ? "PASS" : "FAIL " + v.firstError()) + " / tapls "
                        + (taplsFails ? mine : "PASS"));
            }
            if (!v.pass()) {
                invalid++;
                if (taplsFails && mine.startsWith(v.firstError().strip())) {
                    sameMessage++;
                } else if (taplsFails) {
                    diffs.add(f + ": message: stap '" + v.firstError() + "' / tapls '" + mine + "'");
                }
            }
        }
        return new VerdictOutcome(files.size(), same, invalid, sameMessage, diffs);
    }

    /** tapls' first error as stap -p1 prints it: "parse error: ..." or "Input file ... is empty"; "" when clean. */
    static String asPassOneError(FirstError e) {
        if (e == null) {
            return "";
        }
        return e.message().startsWith("Input file") ? e.message() : "parse error: " + e.message();
    }

    record Pass2Outcome(int files, int sameVerdict, int failing, int sameMessage, List<String> differences) {
    }

    /**
     * tapls' message as stap's first line would start: without what tapls adds in parentheses (stap's "similar:"
     * lists, which depend on what stap pulled in; where a type or an arity was first inferred, which stap prints on
     * a line of its own; the format's conversions; the char* hint).
     */
    static String tapsMessage(String message) {
        return message.replaceFirst(" \\((similar|the format|type was first|type of index|arity \\d|the array"
                + "|at |read the string|no alias).*", "");
    }

    /**
     * Pass 2: tapls reports an error iff stap -p2 fails, and for each failure with stap's message and
     * line:column. stap's "similar:" lists are left aside (they depend on which tapset files stap pulled in),
     * and so are errors in resolving a probe point, whose first line names only the point.
     */
    static <K> Pass2Outcome comparePass2(List<K> files, Map<K, StapOracle.Verdict> stap, Map<K, FirstError> tapls) {
        List<String> diffs = new ArrayList<>();
        int sameVerdict = 0;
        int failing = 0;
        int sameMessage = 0;
        for (K f : files) {
            StapOracle.Verdict v = stap.get(f);
            FirstError mine = tapls.get(f);
            if (v.pass() != (mine == null)) {
                diffs.add(f + ": stap " + (v.pass() ? "PASS" : v.firstError()) + " / tapls "
                        + (mine == null ? "no error" : mine.message()));
                continue;
            }
            sameVerdict++;
            if (v.pass() || v.firstError().contains("while resolving probe point")) {
                continue;
            }
            failing++;
            String msg = tapsMessage(mine.message());
            String where = ":" + mine.line() + ":" + mine.column();
            boolean parse = v.firstError().startsWith("parse error: ");
            // an error about no token ("no probes found") has no position to compare
            boolean located = v.firstError().matches(".* at \\S*:\\d+:\\d+$");
            // stap omits the file name when it is the one printed last ("at :1:23")
            if (parse ? v.firstError().equals("parse error: " + msg)
                    : v.firstError().startsWith("semantic error: " + msg)
                            && (!located || v.firstError().endsWith(where))) {
                sameMessage++;
            } else {
                diffs.add(f + ": stap '" + v.firstError() + "' / tapls '" + msg + "' at " + where);
            }
        }
        return new Pass2Outcome(files.size(), sameVerdict, failing, sameMessage, diffs);
    }
}
