package io.tapls.stap;

import io.tapls.text.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a .stp/.stpm file into a {@link StapFile}. The file is parsed once with the conditionals
 * evaluated for the configured target (what stap -p1 would do there), then again with other branches
 * taken until every non-empty branch of every conditional has been parsed at least once.
 */
public final class StapReader {
    private static final int MAX_RUNS = Integer.getInteger("tapls.stap.maxRuns", 8);
    /**
     * The tokens the runs after the first (the other branches) may parse in all: each run parses the whole file
     * again, so a huge file (a 14 MB script, 2 million tokens) is parsed once, for its active branches only,
     * instead of eight times (half a minute). The biggest file of the tapset library (aux_syscalls.stp, 150 KB,
     * some 20,000 tokens) could take its eight runs fifty times over; the 2 million this was let a 14 MB script
     * (1.96 million tokens) through to a second parse of the whole file, the better part of a second.
     */
    private static final long COVERAGE_TOKENS = Long.getLong("tapls.stap.coverageTokens", 1_000_000L);
    /**
     * A file longer than this (in characters) is read in one run, whose parse takes the tokens from the scanner
     * as it needs them instead of from a list of all of them: only those the tree keeps stay in memory (a 14 MB
     * script: 2 million tokens, 100 MB, which the collector copied again and again while they lived). Some 8
     * characters make a token in the tapset library, so such a file is over the coverage budget anyway.
     */
    private static final long STREAM_CHARS = Long.getLong("tapls.stap.streamChars", 8_000_000L);

    private StapReader() {
    }

    /** A file read without knowing the script's arguments: $1, @1, $# and @# stay tokens of their own. */
    public static StapFile read(String path, String content, Map<String, MacroDef> libraryMacros, PpConfig config) {
        return read(path, content, libraryMacros, config, null);
    }

    /**
     * A file read with the script's arguments ({@code stap FILE ARG...}): $N and @N are replaced by the
     * arguments' text before anything else sees the tokens, as stap's lexer does (see StapScanner), so errors
     * are stap's for exactly these values ("command line argument out of range [1-N]" at a missing one).
     * {@code arguments} null: not known (the other overload).
     */
    public static StapFile read(String path, String content, Map<String, MacroDef> libraryMacros, PpConfig config,
            List<String> arguments) {
        return read(path, content, libraryMacros, config, arguments, COVERAGE_TOKENS, STREAM_CHARS);
    }

    /** {@link #read}, with the budgets given (tests: a streamed parse against a listed one on every file). */
    static StapFile read(String path, String content, Map<String, MacroDef> libraryMacros, PpConfig config,
            List<String> arguments, long coverageTokens, long streamChars) {
        SourceUnit unit = new SourceUnit(path, content);
        // with known arguments the tokens are mapped back from the pasted text once all are lexed: a list then
        StapScanner.Stream stream = arguments == null && content.length() > streamChars
                ? new StapScanner.Stream(unit, null) : null;
        StapLexing.Result listed = stream == null ? StapLexing.lex(unit, arguments) : null;
        boolean stpm = path.endsWith(".stpm");

        Map<Integer, Set<Boolean>> covered = new HashMap<>();
        Map<Integer, Preprocessor.CondInfo> allConds = new LinkedHashMap<>();
        List<SyntaxError> errors = new ArrayList<>();
        List<SyntaxError> inactive = new ArrayList<>();
        List<SyntaxError> warnings = new ArrayList<>();
        Set<String> seenDecl = new HashSet<>();
        List<Probe> probes = new ArrayList<>();
        List<ProbeAlias> aliases = new ArrayList<>();
        List<Function> functions = new ArrayList<>();
        List<Global> globals = new ArrayList<>();
        List<Macro> macros = new ArrayList<>();
        List<Token> embedded = new ArrayList<>();
        Set<String> errorKeys = new HashSet<>();
        String emptiness = null;
        int runs = 0;
        int coveredBefore = -1;
        for (int run = 0; run < MAX_RUNS; run++) {
            if (run > 0 && (stream != null || (long) run * listed.tokens().size() > coverageTokens)) {
                break;
            }
            Preprocessor.Policy policy;
            if (run == 0) {
                policy = Preprocessor.EVALUATE;
            } else {
                // Take each uncovered non-empty branch, and the branches of the enclosing conditionals that
                // lead to it.
                Map<Integer, Boolean> choice = new HashMap<>();
                boolean any = false;
                for (Preprocessor.CondInfo c : allConds.values()) {
                    Set<Boolean> cov = covered.getOrDefault(c.open.start, Set.of());
                    Boolean want = null;
                    if (!cov.contains(true) && c.thenTokens > 0) {
                        want = true;
                    } else if (!cov.contains(false) && c.elseTokens > 0) {
                        want = false;
                    }
                    if (want == null || choice.containsKey(c.open.start)) {
                        continue;
                    }
                    any = true;
                    choice.put(c.open.start, want);
                    for (Preprocessor.CondInfo p = c; p.parentStart >= 0; ) {
                        Preprocessor.CondInfo parent = allConds.get(p.parentStart);
                        choice.putIfAbsent(p.parentStart, p.parentBranch);
                        if (parent == null) {
                            break;
                        }
                        p = parent;
                    }
                }
                if (!any) {
                    break;
                }
                policy = (open, evaluated) -> choice.getOrDefault(open.start, evaluated);
            }
            runs++;
            Preprocessor.Policy runPolicy = policy;
            Parsed parsed = Parser.onDeepStack(() -> {
                Preprocessor p = stream != null
                        ? new Preprocessor(unit, stream, libraryMacros, config, runPolicy)
                        : new Preprocessor(unit, listed.tokens(), libraryMacros, config, runPolicy);
                Parser r = new Parser(p);
                r.parse();
                return new Parsed(p, r);
            });
            if (stream != null) {
                while (stream.next() != null) {
                    // the rest of the file after an error: its comments (doc comments) and argument flags
                }
            }
            Preprocessor pp = parsed.pp();
            Parser parser = parsed.parser();
            int before = allConds.size();
            for (Preprocessor.CondInfo c : pp.conditionals.values()) {
                covered.computeIfAbsent(c.open.start, k -> new HashSet<>()).add(c.taken);
                Preprocessor.CondInfo old = allConds.get(c.open.start);
                if (old == null) {
                    allConds.put(c.open.start, c);
                } else {
                    old.thenTokens = Math.max(old.thenTokens, c.thenTokens);
                    old.elseTokens = Math.max(old.elseTokens, c.elseTokens);
                    old.hasElse |= c.hasElse;
                }
            }
            for (ParseError e : parser.errors) {
                SyntaxError se = convert(e, unit, false);
                String key = se.span().start() + ":" + se.message();
                if (run == 0) {
                    errors.add(se);
                    errorKeys.add(key);
                } else if (errorKeys.add(key)) {
                    inactive.add(se);
                }
            }
            if (run == 0 && parser.errors.isEmpty() && pp.emitted == 0) {
                emptiness = (stream != null ? stream.count == 0 : listed.tokens().isEmpty()) ? "empty"
                        : "empty after preprocessing";
            }
            if (run == 0) {
                for (ParseError w : pp.warnings) {
                    warnings.add(convert(w, unit, true));
                }
            }
            for (Probe p : parser.probes) {
                if (seenDecl.add("p" + key(p.tok()))) {
                    probes.add(p);
                }
            }
            for (ProbeAlias a : parser.aliases) {
                if (seenDecl.add("a" + key(a.tok()))) {
                    aliases.add(a);
                }
            }
            for (Function f : parser.functions) {
                if (seenDecl.add("f" + key(f.nameTok()))) {
                    functions.add(f);
                }
            }
            for (Global g : parser.globals) {
                if (seenDecl.add("g" + key(g.tok()))) {
                    globals.add(g);
                }
            }
            for (Token t : parser.embedded) {
                if (seenDecl.add("e" + key(t))) {
                    embedded.add(t);
                }
            }
            for (MacroDef m : pp.fileMacros().values()) {
                if (seenDecl.add("m" + key(m.nameToken()))) {
                    macros.add(new Macro(m.name(), m.params(), m.guard(), null, m.nameToken(), m.body()));
                }
            }
            int coveredNow = covered.values().stream().mapToInt(Set::size).sum() + allConds.size();
            if (allConds.isEmpty() || allCovered(allConds, covered) || coveredNow == coveredBefore) {
                break;
            }
            coveredBefore = coveredNow;
        }
        StapLexing.Result lexed = stream != null ? stream.result(null) : listed;
        // Doc comments
        List<DocComment> docs = new ArrayList<>();
        for (StapLexing.Comment c : lexed.comments()) {
            if (c.text().startsWith("/**") && !c.text().startsWith("/***")) {
                DocComment d = DocComment.parse(c.text(), c.start(), c.end());
                if (d != null) {
                    docs.add(d);
                }
            }
        }
        DocIndex di = new DocIndex(docs, content);
        List<ProbeAlias> documentedAliases = new ArrayList<>(aliases.size());
        for (ProbeAlias a : aliases) {
            DocComment d = di.find(a.tok().start, "probe", a.names().get(0).name());
            documentedAliases.add(new ProbeAlias(a.names(), a.points(), a.epilogue(), a.body(), a.epilogueBody(),
                    AliasVariables.infer(a), a.guard(), d, a.tok()));
        }
        List<Function> documentedFunctions = new ArrayList<>(functions.size());
        for (Function f : functions) {
            DocComment d = di.find(f.nameTok().start, "sfunction", f.name());
            documentedFunctions.add(new Function(f.name(), f.returnType(), f.params(), f.priority(), f.embedded(),
                    f.isPrivate(), f.body(), f.embeddedCode(), f.guard(), d, f.nameTok()));
        }
        List<Macro> documentedMacros = new ArrayList<>(macros.size());
        for (Macro m : macros) {
            DocComment d = di.find(m.tok().start, "smacro", m.name());
            documentedMacros.add(new Macro(m.name(), m.params(), m.guard(), d, m.tok(), m.body()));
        }
        return new StapFile(path, unit, probes, documentedAliases, documentedFunctions, globals, documentedMacros,
                embedded, docs, errors, inactive, warnings, List.copyOf(allConds.values()), runs,
                lexed.takesArguments(), arguments == null ? null : List.copyOf(arguments), lexed.usedArguments(),
                emptiness);
    }

    private static boolean allCovered(Map<Integer, Preprocessor.CondInfo> conds, Map<Integer, Set<Boolean>> covered) {
        for (Preprocessor.CondInfo c : conds.values()) {
            Set<Boolean> cov = covered.getOrDefault(c.open.start, Set.of());
            if (c.thenTokens > 0 && !cov.contains(true) || c.elseTokens > 0 && !cov.contains(false)) {
                return false;
            }
        }
        return true;
    }

    private record Parsed(Preprocessor pp, Parser parser) {
    }

    private static String key(Token t) {
        return (t.site != null ? t.site.start + "/" : "") + t.unit.path.hashCode() + ":" + t.start;
    }

    static SyntaxError convert(ParseError e, SourceUnit unit, boolean warning) {
        Token t = e.token;
        Span span;
        String desc;
        if (t == null) {
            int len = unit.content.length();
            span = new Span(len, len);
            desc = unit.path + " EOF";
        } else {
            Token where = t.site != null ? t.site : t;
            if (where.unit != unit) {
                span = new Span(0, 0);
            } else {
                span = new Span(where.start, Math.max(where.start, where.end));
            }
            desc = t.describe();
        }
        return new SyntaxError(e.getMessage(), span, (e.saw ? "saw: " : "at: ") + desc, warning);
    }

    private static final java.util.regex.Pattern GAP =
            java.util.regex.Pattern.compile("\\s*(private\\s+)?(function\\s+|probe\\s+|@define\\s+)?");

    /** Finds the doc comment of a declaration: the one right before it, or one naming it. */
    private static final class DocIndex {
        private final List<DocComment> docs;
        private final String text;
        private final Map<String, DocComment> byName = new HashMap<>();

        DocIndex(List<DocComment> docs, String text) {
            this.docs = docs;
            this.text = text;
            for (DocComment d : docs) {
                byName.putIfAbsent(d.kind() + " " + d.name(), d);
            }
        }

        DocComment find(int declStart, String kind, String name) {
            // the last doc comment ending before the declaration (docs are in file order): a binary search and a
            // match of the text between in place, where a scan from the end and a copy of that text made a big
            // file quadratic (a 14 MB script: minutes)
            int lo = 0;
            int hi = docs.size() - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (docs.get(mid).end() <= declStart) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            if (found >= 0) {
                DocComment d = docs.get(found);
                if (GAP.matcher(text).region(d.end(), declStart).matches()) {
                    return d;
                }
            }
            return byName.get(kind + " " + name);
        }
    }
}
