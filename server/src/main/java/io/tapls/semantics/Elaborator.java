package io.tapls.semantics;

import io.tapls.index.TapsetIndex;
import io.tapls.semantics.Tree.DerivedProbe;
import io.tapls.semantics.Tree.Expr;
import io.tapls.semantics.Tree.FuncDecl;
import io.tapls.semantics.Tree.Stmt;
import io.tapls.semantics.Tree.Type;
import io.tapls.semantics.Tree.VarDecl;
import io.tapls.stap.Ast;
import io.tapls.stap.Function;
import io.tapls.stap.Global;
import io.tapls.stap.Probe;
import io.tapls.stap.ProbeAlias;
import io.tapls.stap.ProbeGlob;
import io.tapls.stap.ProbePoint;
import io.tapls.stap.StapFile;
import io.tapls.stap.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * stap's pass 2 (semantic_pass, elaborate.cxx) for one script, without a kernel: probe derivation
 * (derive_probes), symbol resolution (semantic_pass_symbols), probe conditions (semantic_pass_conditions), the
 * optimisation passes that elide unused code before types are checked ({@link Optimizer}), type inference
 * ({@link TypeResolver}), regular expressions (gen_dfa_table), the foreach checks (semantic_pass_vars) and the
 * statistics checks (semantic_pass_stats), in stap's order and stopping where stap stops. What would need the
 * probed kernel or binary (whether a kernel function exists, what a $var is) is left unknown, and nothing is
 * said about it.
 */
final class Elaborator {
    final StapFile file;
    final String userPath;
    final LibraryCode lib;
    final boolean unoptimized;
    /** Tokens of code whose meaning depends on debuginfo: errors about them are not reported. */
    final Set<Token> uncertain = TreeBuilder.newTokenSet();

    /** s.functions: the functions used so far, by mangled name (stap iterates them in this order). */
    final TreeMap<String, FuncDecl> functions = new TreeMap<>();
    private final Map<Function, FuncDecl> funcDecls = new IdentityHashMap<>();
    private final Map<String, List<Candidate>> candidates = new HashMap<>();
    /** s.globals, in the order they were first referred to. */
    final List<VarDecl> globals = new ArrayList<>();
    private final Map<Object, VarDecl> globalDecls = new HashMap<>();
    /** s.probes. */
    final List<DerivedProbe> probes = new ArrayList<>();

    /** What stap prints, in its order; duplicates once. */
    final List<SemError> errors = new ArrayList<>();
    final List<SemError> warnings = new ArrayList<>();
    private final Set<String> seenErrors = new HashSet<>();
    private final Set<String> seenWarnings = new HashSet<>();

    /** Some probe's point needs a kernel or a binary to resolve: tapls does not know its probes. */
    boolean kernelProbes;

    private Elaborator(StapFile file, LibraryCode lib, boolean unoptimized) {
        this.file = file;
        this.userPath = file.path();
        this.lib = lib;
        this.unoptimized = unoptimized;
    }

    /**
     * A tapset file, which stap elaborates only as far as a script uses it: here as if a script used all of it
     * (every function called, every alias probed with an empty body), with nothing elided that no probe calls.
     */
    private Elaborator(StapFile file, LibraryCode lib, boolean unoptimized, boolean tapset) {
        this(file, lib, unoptimized);
        this.tapsetMode = tapset;
    }

    private boolean tapsetMode;

    /** The errors (then warnings) stap -p2 would print for the script, as far as tapls can know them. */
    static Elaborator run(StapFile file, LibraryCode lib, boolean unoptimized) {
        return run(file, lib, unoptimized, false);
    }

    static Elaborator run(StapFile file, LibraryCode lib, boolean unoptimized, boolean tapset) {
        Elaborator e = new Elaborator(file, lib, unoptimized, tapset);
        try {
            e.semanticPass();
        } catch (SemError err) {
            e.printError(err);
        } catch (StackOverflowError | RuntimeException bug) {
            // a construct tapls does not follow: better nothing than a wrong answer
            e.errors.clear();
            if (Boolean.getBoolean("tapls.pass2.debug")) {
                bug.printStackTrace();
            }
        }
        return e;
    }

    int numErrors() {
        return errors.size();
    }

    /** While set, errors go here instead (see {@link #unresolvableProbe}). */
    private List<SemError> sink;

    void printError(SemError e) {
        if (sink != null) {
            sink.add(e);
            return;
        }
        String key = key(e);
        if (seenErrors.add(key)) {
            errors.add(e);
        }
    }

    void printWarning(SemError e) {
        String key = key(e);
        if (seenWarnings.add(key)) {
            warnings.add(e);
        }
    }

    private static String key(SemError e) {
        StringBuilder b = new StringBuilder();
        for (SemError x = e; x != null; x = x.chain) {
            b.append(x.msg).append('@').append(x.tok == null ? "-" : x.tok.unit.path + ":" + x.tok.start).append('|');
        }
        return b.toString();
    }

    boolean isUser(Token t) {
        Token w = t == null ? null : t.site != null ? t.site : t;
        return w != null && w.unit == file.unit();
    }

    // ------------------------------------------------------------------ semantic_pass

    private void semanticPass() {
        int rc = semanticPassSymbols();
        if (tapsetMode) {
            // what a tapset's types are depends on the script that calls it: only what resolving its names
            // finds holds whoever uses it
            return;
        }
        if (rc == 0) {
            rc = semanticPassConditions();
        }
        Optimizer opt = new Optimizer(this);
        TypeResolver types = new TypeResolver(this, false);
        if (rc == 0) {
            rc = opt.optimize1(types);
        }
        if (rc == 0) {
            rc = types.semanticPassTypes();
        }
        if (rc == 0) {
            rc = genDfaTable();
        }
        if (rc == 0) {
            rc = addGlobalVarDisplay();
        }
        if (rc == 0) {
            rc = new IterationChecks(this).run();
        }
        if (rc == 0) {
            rc = new IterationChecks(this).stats();
        }
        if (numErrors() == 0 && probes.isEmpty() && !kernelProbes && !tapsetMode) {
            printError(new SemError("no probes found", null));
        }
    }

    // ------------------------------------------------------------------ probe derivation

    /** How a derived probe's body is made: the script's own body, wrapped in the bodies of the aliases it names. */
    private sealed interface Plan permits UserPlan, AliasPlan, DerivedAliasPlan {
    }

    private record UserPlan(Ast.Block body) implements Plan {
    }

    private record AliasPlan(ProbeAlias alias, String file, Plan use) implements Plan {
    }

    private record DerivedAliasPlan(TapsetIndex.AliasEntry entry, Token tok, Plan use) implements Plan {
    }

    /** The probe being expanded: its body plan and the aliases it came through (for recursion). */
    private record Use(Plan plan, List<Object> aliases) {
    }

    /** A derived probe before its body is built. */
    private record Recipe(Plan plan, List<ProbePoint.Component> point, String family, Ast.Expr condition) {
    }

    /** A node of the pattern tree: the built-in node and the alias names under the same path. */
    private record PNode(ProbeTypes.Node builtin, String aliasPath) {
    }

    private boolean parentOptional;

    /** s.files: the script, then the library files it pulls in, in the order it pulls them in. */
    private final List<String> files = new ArrayList<>();

    /** A library file the script uses (a function, a global or an alias of it): stap then derives its probes too. */
    void pull(String libraryFile) {
        if (libraryFile != null && !files.contains(libraryFile)) {
            files.add(libraryFile);
        }
    }

    /**
     * semantic_pass_symbols: for each file (the script's first), its probes are derived and resolved, then every
     * function used so far is resolved. stap walks its map of functions in name order while resolving adds to it:
     * a function added with a name before the one being resolved is left for the next file's round, and a
     * function no round reaches stays unresolved, which stap reports only as an internal error later. tapls walks
     * the same way.
     */
    private int semanticPassSymbols() {
        files.add(userPath);
        for (int fi = 0; fi < files.size(); fi++) {
            StapFile f = fi == 0 ? file : lib.parsed(files.get(fi));
            if (f == null) {
                continue;
            }
            for (Probe p : f.probes()) {
                if (!LibraryCode.active(f, p.guard())) {
                    continue;
                }
                List<Recipe> recipes = new ArrayList<>();
                int before = numErrors();
                deriveProbes(new Use(new UserPlan(p.body()), List.of()), p.points(), false, false, recipes);
                if (fi == 0 && recipes.isEmpty() && numErrors() > before) {
                    unresolvableProbe(p);
                }
                if (probes.size() + recipes.size() > MAX_DERIVED_PROBES) {
                    throw new TooBig();
                }
                for (Recipe r : recipes) {
                    DerivedProbe dp = build(r, p);
                    dp.user = fi == 0;
                    probes.add(dp);
                    Resolver sym = new Resolver();
                    try {
                        sym.currentProbe = dp;
                        sym.stmt(dp.body);
                        sym.currentProbe = null;
                        if (dp.condition != null) {
                            sym.expr(dp.condition);
                        }
                    } catch (SemError e) {
                        printError(e);
                    }
                }
            }
            if (fi == 0 && tapsetMode) {
                tapsetRoots();
            }
            // Pass 3: the functions, in map order, as the map grows
            String key = functions.isEmpty() ? null : functions.firstKey();
            while (key != null) {
                FuncDecl fd = functions.get(key);
                Resolver sym = new Resolver();
                sym.currentFunction = fd;
                try {
                    sym.stmt(fd.body);
                } catch (SemError e) {
                    printError(e);
                }
                key = functions.higherKey(key);
            }
        }
        return numErrors();
    }

    /**
     * A script's probe whose point does not resolve: stap stops at that error and never looks at the body. tapls
     * adds what the body's calls would give whatever the point (unresolved functions, wrong argument counts),
     * after stap's error; nothing that depends on what the point would provide.
     */
    private void unresolvableProbe(Probe p) {
        DerivedProbe dp = new DerivedProbe();
        dp.tok = p.tok();
        dp.display = p.points().isEmpty() ? "?" : p.points().get(0).text();
        dp.kernel = true;
        dp.hasContext = true;
        dp.body = new TreeBuilder(TreeBuilder.Context.KERNEL, null, uncertain).stmt(p.body());
        List<SemError> found = new ArrayList<>();
        sink = found;
        try {
            Resolver sym = new Resolver();
            sym.currentProbe = dp;
            sym.stmt(dp.body);
        } catch (SemError e) {
            found.add(e);
        } finally {
            sink = null;
        }
        for (SemError e : found) {
            if (e.msg.startsWith("unresolved function ") || e.msg.startsWith("arity mismatch found")) {
                printError(e);
            }
        }
    }

    boolean tapsetMode() {
        return tapsetMode;
    }

    /** A tapset's functions as if called, its aliases as if probed with an empty body. */
    private void tapsetRoots() {
        for (Function f : file.functions()) {
            if (LibraryCode.active(file, f.guard())) {
                for (Candidate c : candidates(f.name())) {
                    if (c.fn() == f) {
                        FuncDecl fd = declFor(c);
                        functions.putIfAbsent(mangled(fd), fd);
                    }
                }
            }
        }
        for (ProbeAlias a : file.aliases()) {
            if (!LibraryCode.active(file, a.guard())) {
                continue;
            }
            // the alias's own bodies, as a probe on it would run them (where its points lead is not followed)
            DerivedProbe dp = new DerivedProbe();
            dp.tok = a.tok();
            dp.display = a.names().isEmpty() ? "?" : a.names().get(0).text();
            dp.kernel = true;
            dp.hasContext = true;
            dp.synthetic = true;
            TreeBuilder b = new TreeBuilder(TreeBuilder.Context.KERNEL, Set.of(), uncertain);
            List<Stmt> parts = new ArrayList<>();
            parts.add(b.stmt(a.body()));
            if (a.epilogueBody() != null) {
                parts.add(b.stmt(a.epilogueBody()));
            }
            dp.body = new Tree.Block(a.tok(), parts);
            probes.add(dp);
            Resolver sym = new Resolver();
            sym.currentProbe = dp;
            try {
                sym.stmt(dp.body);
            } catch (SemError e) {
                printError(e);
            }
        }
    }

    private DerivedProbe build(Recipe r, Probe user) {
        DerivedProbe dp = new DerivedProbe();
        dp.user = true;
        dp.tok = user.tok();
        dp.display = user.points().isEmpty() ? "?" : user.points().get(0).text();
        List<String> comps = new ArrayList<>();
        r.point().forEach(c -> comps.add(c.functor()));
        boolean plain = r.family() != null && ProbeTypes.plain(r.family(), comps);
        dp.kernel = !plain;
        dp.hasContext = !plain;
        dp.returnProbe = comps.contains("return");
        if (dp.kernel) {
            kernelProbes = true;
        }
        TreeBuilder.Context ctx = plain ? TreeBuilder.Context.PLAIN : TreeBuilder.Context.KERNEL;
        dp.body = buildPlan(r.plan(), ctx);
        if (r.condition() != null) {
            dp.condition = new TreeBuilder(ctx, null, uncertain).expr(r.condition());
        }
        return dp;
    }

    private Stmt buildPlan(Plan plan, TreeBuilder.Context ctx) {
        if (plan instanceof UserPlan u) {
            return new TreeBuilder(ctx, null, uncertain).stmt(u.body());
        }
        if (plan instanceof AliasPlan a) {
            Set<String> writes = new HashSet<>();
            collectWrites(a.use(), writes);
            TreeBuilder b = new TreeBuilder(ctx, writes, uncertain);
            Stmt use = buildPlan(a.use(), ctx);
            ProbeAlias al = a.alias();
            List<Stmt> parts = new ArrayList<>();
            if (al.epilogue()) {
                parts.add(use);
                parts.add(b.stmt(al.body()));
            } else {
                parts.add(b.stmt(al.body()));
                parts.add(use);
                if (al.epilogueBody() != null) {
                    parts.add(b.stmt(al.epilogueBody()));
                }
            }
            return new Tree.Block(al.tok(), parts);
        }
        DerivedAliasPlan d = (DerivedAliasPlan) plan;
        List<Stmt> parts = new ArrayList<>();
        for (Map.Entry<String, String> v : d.entry().variables().entrySet()) {
            Type t = Type.of(v.getValue());
            Tree.ArgValue value = new Tree.ArgValue(d.tok(), t);
            value.kernel = t == Type.UNKNOWN;
            Tree.Symbol s = new Tree.Symbol(d.tok(), v.getKey());
            parts.add(new Tree.ExprStatement(d.tok(), new Tree.Assignment(d.tok(), "=", s, value)));
        }
        // the generated body prints (a log alias) or reads the marker's arguments: not elided
        parts.add(new Tree.ExprStatement(d.tok(), new Tree.EmbeddedExpr(d.tok(), "/* tracetool alias */")));
        parts.add(buildPlan(d.use(), ctx));
        return new Tree.Block(d.tok(), parts);
    }

    /** The names a body writes (symuse_collecting_visitor's written_names), for @probewrite. */
    private static void collectWrites(Plan plan, Set<String> out) {
        Ast.Block b = plan instanceof UserPlan u ? u.body() : plan instanceof AliasPlan a ? a.alias().body() : null;
        if (plan instanceof AliasPlan a) {
            collectWrites(a.use(), out);
        } else if (plan instanceof DerivedAliasPlan d) {
            collectWrites(d.use(), out);
            out.addAll(d.entry().variables().keySet());
        }
        if (b == null) {
            return;
        }
        AstWalk.walkStmt(b, e -> {
            if (e instanceof Ast.Binary x && x.kind() == Ast.BinKind.ASSIGN) {
                Ast.Expr l = x.left();
                if (l instanceof Ast.Index i) {
                    l = i.base();
                }
                if (l instanceof Ast.Sym s) {
                    out.add(s.name());
                } else if (l instanceof Ast.Target t && t.name() != null) {
                    out.add(t.name());
                }
            } else if (e instanceof Ast.Crement c) {
                Ast.Expr l = c.operand() instanceof Ast.Index i ? i.base() : c.operand();
                if (l instanceof Ast.Sym s) {
                    out.add(s.name());
                } else if (l instanceof Ast.Target t && t.name() != null) {
                    out.add(t.name());
                }
            }
        }, s -> {
            if (s instanceof Ast.Foreach f) {
                f.keys().forEach(k -> out.add(k.name()));
                if (f.value() != null) {
                    out.add(f.value().name());
                }
            } else if (s instanceof Ast.Try t && t.catchVar() != null) {
                out.add(t.catchVar().text);
            }
        });
    }

    /** derive_probes (elaborate.cxx). */
    private void deriveProbes(Use use, List<ProbePoint> locations, boolean optional, boolean rethrow,
            List<Recipe> results) {
        boolean undo = false;
        if (optional && !parentOptional) {
            parentOptional = true;
            undo = true;
        }
        List<SemError> optionalErrs = new ArrayList<>();
        for (ProbePoint loc : locations) {
            try {
                int before = results.size();
                try {
                    findAndBuild(use, loc, loc.components(), 0, new PNode(ProbeTypes.ROOT, ""), results, 0);
                } catch (SemError e) {
                    if (!loc.optional() && !parentOptional) {
                        throw e;
                    }
                    optionalErrs.add(new SemError("while resolving probe point", loc.components().get(0).tok(), e));
                    continue;
                }
                if (!(loc.optional() || parentOptional) && before == results.size()) {
                    throw new SemError("no match", null);
                }
                if (loc.sufficient() && results.size() > before) {
                    break;
                }
            } catch (SemError e) {
                if (rethrow) {
                    throw e;
                }
                printError(new SemError("while resolving probe point", loc.components().get(0).tok(), e));
                optionalErrs.forEach(this::printError);
            }
        }
        if (undo) {
            parentOptional = false;
        }
    }

    /** recursive_expansion_error: not tolerated even for optional points. */
    private static final class Recursion extends SemError {
        Recursion(String msg) {
            super(msg, null);
        }
    }

    /**
     * How much derivation a check may do. A wildcard over the library (`probe *`, `probe **`, `probe syscall.*.*`)
     * derives thousands of probes, each elaborated with its aliases' bodies, and a few `**` components make the
     * matching itself exponential: seconds to minutes of work on every keystroke in the editor (found by the
     * differential fuzzer). stap stops at the first kernel point it cannot resolve without a kernel; tapls,
     * which judges no kernel point, stops here and says nothing about the script's pass 2 rather than guess.
     */
    static final int MAX_DERIVED_PROBES = 1_000;
    static final int MAX_MATCH_STEPS = 50_000;
    private int matchSteps;

    /** The derivation went over {@link #MAX_DERIVED_PROBES} or {@link #MAX_MATCH_STEPS}. */
    static final class TooBig extends RuntimeException {
        TooBig() {
            super("derivation too big", null, false, false);
        }
    }

    /** match_node::find_and_build over the built-in pattern tree and the alias names. */
    private void findAndBuild(Use use, ProbePoint loc, List<ProbePoint.Component> comps, int pos, PNode node,
            List<Recipe> results, int depth) {
        if (++matchSteps > MAX_MATCH_STEPS || results.size() > MAX_DERIVED_PROBES) {
            throw new TooBig();
        }
        if (pos == 0 && comps.stream().anyMatch(c -> c.functor().indexOf('$') >= 0 || c.functor().indexOf('@') >= 0)) {
            // a point pasted from a script argument tapls was not given: what it resolves to is not known
            results.add(new Recipe(use.plan(), List.copyOf(comps), null, loc.condition()));
            return;
        }
        if (depth > 64) {
            throw new SemError("probe point mismatch", comps.get(Math.min(pos, comps.size() - 1)).tok());
        }
        if (pos == comps.size()) {
            List<Object> ends = ends(node);
            if (ends.isEmpty()) {
                StringBuilder alt = new StringBuilder();
                for (ProbeTypes.Key k : children(node).keySet()) {
                    alt.append(' ').append(k.str());
                }
                throw new SemError("probe point truncated (follow: " + alt + ")", comps.get(comps.size() - 1).tok());
            }
            for (Object b : ends) {
                build(b, use, loc, comps, List.of(), results);
            }
            return;
        }
        ProbePoint.Component comp = comps.get(pos);
        String functor = comp.functor();
        if (functor.contains("**")) {
            int before = results.size();
            int g = functor.indexOf("**");
            int ge = g;
            while (ge < functor.length() && functor.charAt(ge) == '*') {
                ge++;
            }
            String prefix = functor.substring(0, g);
            String suffix = functor.substring(ge);
            List<ProbePoint.Component> simple = new ArrayList<>(comps);
            simple.set(pos, new ProbePoint.Component(prefix + "*" + suffix, comp.arg(), comp.tok()));
            try {
                findAndBuild(use, loc, simple, pos, node, results, depth + 1);
            } catch (Recursion r) {
                throw r;
            } catch (SemError e) {
                // ignored, as stap ignores errors while expanding wildcards
            }
            List<ProbePoint.Component> expanded = new ArrayList<>(comps);
            expanded.set(pos, new ProbePoint.Component(prefix + "*", null, comp.tok()));
            expanded.add(pos + 1, new ProbePoint.Component("**" + suffix, comp.arg(), comp.tok()));
            try {
                findAndBuild(use, loc, expanded, pos, node, results, depth + 1);
            } catch (Recursion r) {
                throw r;
            } catch (SemError e) {
                // ignored
            }
            if (before == results.size()) {
                trySuffixExpansion(use, loc, comps, pos, node, results);
            }
            if (!loc.optional() && before == results.size()) {
                throw noted(new SemError("probe point mismatch: didn't find any wildcard matches"
                        + similar(functor, node), comp.tok()), comps, node);
            }
            return;
        }
        if (functor.indexOf('*') >= 0) {
            int before = results.size();
            for (Map.Entry<ProbeTypes.Key, PNode> c : children(node).entrySet()) {
                if (!paramMatches(comp, c.getKey()) || !ProbeGlob.matches(functor, c.getKey().name())) {
                    continue;
                }
                List<ProbePoint.Component> concrete = new ArrayList<>(comps);
                concrete.set(pos, new ProbePoint.Component(c.getKey().name(), comp.arg(), comp.tok()));
                try {
                    findAndBuild(use, loc, concrete, pos + 1, c.getValue(), results, depth + 1);
                } catch (Recursion r) {
                    throw r;
                } catch (SemError e) {
                    // ignored while expanding wildcards
                }
            }
            if (before == results.size()) {
                trySuffixExpansion(use, loc, comps, pos, node, results);
            }
            if (!loc.optional() && before == results.size()) {
                throw noted(new SemError("probe point mismatch: didn't find any wildcard matches"
                        + similar(functor, node), comp.tok()), comps, node);
            }
            return;
        }
        TreeMap<ProbeTypes.Key, PNode> children = children(node);
        for (Map.Entry<ProbeTypes.Key, PNode> c : children.entrySet()) {
            if (c.getKey().name().equals(functor) && paramMatches(comp, c.getKey())) {
                findAndBuild(use, loc, comps, pos + 1, c.getValue(), results, depth + 1);
                return;
            }
        }
        int before = results.size();
        trySuffixExpansion(use, loc, comps, pos, node, results);
        if (!loc.optional() && before == results.size()) {
            throw noted(new SemError("probe point mismatch" + similar(functor, node), comp.tok()), comps, node);
        }
    }

    /** The whole point's name, which stap's message leaves out: "no alias 'syscall.opne'". */
    private static SemError noted(SemError e, List<ProbePoint.Component> comps, PNode node) {
        if (node.aliasPath() != null) {
            StringBuilder b = new StringBuilder();
            for (ProbePoint.Component c : comps) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(c.functor());
            }
            e.note = (b.indexOf("*") >= 0 ? "no alias matches '" : "no alias '") + b + "'";
        }
        return e;
    }

    private static boolean paramMatches(ProbePoint.Component comp, ProbeTypes.Key key) {
        Object arg = comp.arg();
        if (arg == null) {
            return key.param() == ProbeTypes.Key.NONE;
        }
        if (arg instanceof ProbePoint.ArgPlaceholder) {
            return key.param() != ProbeTypes.Key.NONE;
        }
        return arg instanceof String ? key.param() == ProbeTypes.Key.STRING : key.param() == ProbeTypes.Key.NUMBER;
    }

    /** match_node::try_suffix_expansion: an alias with more components after it (PR12210). */
    private void trySuffixExpansion(Use use, ProbePoint loc, List<ProbePoint.Component> comps, int pos, PNode node,
            List<Recipe> results) {
        List<ProbePoint.Component> suffix = comps.subList(pos, comps.size());
        for (Object b : ends(node)) {
            try {
                build(b, use, loc, comps.subList(0, pos), suffix, results);
            } catch (Recursion r) {
                throw r;
            } catch (SemError e) {
                if (!loc.optional()) {
                    SemError again = new SemError(e.msg, comps.get(pos).tok(), e.chain);
                    again.note = e.note;
                    throw again;
                }
            }
        }
    }

    private String similar(String functor, PNode node) {
        int glob = functor.indexOf('*');
        if (glob > 0) {
            functor = functor.substring(0, glob);
        }
        if (functor.isEmpty() || functor.startsWith("*")) {
            return "";
        }
        Set<String> names = new TreeSet<>();
        for (ProbeTypes.Key k : children(node).keySet()) {
            names.add(k.name());
        }
        String s = levenshteinSuggest(functor, names, 5);
        return s.isEmpty() ? "" : " (similar: " + s + ")";
    }

    private final Map<PNode, TreeMap<ProbeTypes.Key, PNode>> childrenCache = new HashMap<>();

    private TreeMap<ProbeTypes.Key, PNode> children(PNode node) {
        TreeMap<ProbeTypes.Key, PNode> cached = childrenCache.get(node);
        if (cached == null) {
            TreeMap<ProbeTypes.Key, PNode> library = LIBRARY_CHILDREN.computeIfAbsent(lib.index(),
                    k -> new java.util.concurrent.ConcurrentHashMap<>()).computeIfAbsent(node,
                            n -> libraryChildren(lib.index(), n));
            cached = ownAliases() ? withOwnAliases(node, library) : library;
            childrenCache.put(node, cached);
        }
        return cached;
    }

    /** The children of a node from the built-in points and the index's aliases: the same for every script. */
    private static final Map<TapsetIndex, Map<PNode, TreeMap<ProbeTypes.Key, PNode>>> LIBRARY_CHILDREN =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private Boolean ownAliases;

    /** Whether the file declares aliases (of its own, not already in the index as a tapset file's are). */
    private boolean ownAliases() {
        if (ownAliases == null) {
            ownAliases = !tapsetMode && file.aliases().stream().anyMatch(a -> LibraryCode.active(file, a.guard()));
        }
        return ownAliases;
    }

    private static TreeMap<ProbeTypes.Key, PNode> libraryChildren(TapsetIndex index, PNode node) {
        TreeMap<ProbeTypes.Key, PNode> out = new TreeMap<>();
        if (node.builtin() != null) {
            for (Map.Entry<ProbeTypes.Key, ProbeTypes.Node> c : node.builtin().sub.entrySet()) {
                String path = node.aliasPath() != null && c.getKey().param() == ProbeTypes.Key.NONE
                        ? join(node.aliasPath(), c.getKey().name()) : null;
                out.put(c.getKey(), new PNode(c.getValue(), path));
            }
        }
        if (node.aliasPath() != null) {
            for (String c : aliasChildren(index, node.aliasPath())) {
                ProbeTypes.Key k = new ProbeTypes.Key(c, ProbeTypes.Key.NONE);
                PNode existing = out.get(k);
                out.put(k, new PNode(existing == null ? null : existing.builtin(), join(node.aliasPath(), c)));
            }
        }
        return out;
    }

    private TreeMap<ProbeTypes.Key, PNode> withOwnAliases(PNode node, TreeMap<ProbeTypes.Key, PNode> library) {
        TreeMap<ProbeTypes.Key, PNode> out = new TreeMap<>(library);
        if (node.aliasPath() != null) {
            String head = node.aliasPath().isEmpty() ? "" : node.aliasPath() + ".";
            for (ProbeAlias a : file.aliases()) {
                if (!LibraryCode.active(file, a.guard())) {
                    continue;
                }
                for (ProbePoint n : a.names()) {
                    String name = n.name();
                    if (name.startsWith(head) && name.length() > head.length()) {
                        String rest = name.substring(head.length());
                        int dot = rest.indexOf('.');
                        String c = dot < 0 ? rest : rest.substring(0, dot);
                        ProbeTypes.Key k = new ProbeTypes.Key(c, ProbeTypes.Key.NONE);
                        PNode existing = out.get(k);
                        out.put(k, new PNode(existing == null ? null : existing.builtin(), join(node.aliasPath(), c)));
                    }
                }
            }
        }
        return out;
    }

    /** The components after an alias path in an index's alias names: computed once per index and path. */
    private static final Map<TapsetIndex, Map<String, Set<String>>> ALIAS_CHILDREN =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private static Set<String> aliasChildren(TapsetIndex index, String path) {
        Map<String, Set<String>> byPath = ALIAS_CHILDREN.computeIfAbsent(index,
                k -> new java.util.concurrent.ConcurrentHashMap<>());
        return byPath.computeIfAbsent(path, p -> Set.copyOf(index.nextComponents(p).keySet()));
    }

    private static String join(String path, String c) {
        return path.isEmpty() ? c : path + "." + c;
    }

    /** The builders bound at a node: aliases of that name (library first, then the script's), then the built-in. */
    private List<Object> ends(PNode node) {
        List<Object> out = new ArrayList<>();
        if (node.aliasPath() != null && !node.aliasPath().isEmpty()) {
            String name = node.aliasPath();
            for (LibraryCode.Found<ProbeAlias> a : lib.aliases(name)) {
                if (!sameFile(a.file(), userPath)) {
                    out.add(a);
                }
            }
            for (TapsetIndex.AliasEntry d : lib.derivedAliases(name)) {
                out.add(d);
            }
            for (ProbeAlias a : file.aliases()) {
                if (!LibraryCode.active(file, a.guard())) {
                    continue;
                }
                for (ProbePoint n : a.names()) {
                    if (n.name().equals(name)) {
                        out.add(new LibraryCode.Found<>(a, userPath));
                        break;
                    }
                }
            }
        }
        if (node.builtin() != null && node.builtin().end) {
            out.add(node.builtin());
        }
        return out;
    }

    /** A builder's build / build_with_suffix. */
    @SuppressWarnings("unchecked")
    private void build(Object builder, Use use, ProbePoint loc, List<ProbePoint.Component> comps,
            List<ProbePoint.Component> suffix, List<Recipe> results) {
        if (builder instanceof ProbeTypes.Node n) {
            if (!suffix.isEmpty()) {
                throw new SemError("invalid suffix for probe", null);
            }
            results.add(new Recipe(use.plan(), List.copyOf(comps), n.family, loc.condition()));
            return;
        }
        Object aliasKey;
        List<ProbePoint> points;
        Plan plan;
        if (builder instanceof TapsetIndex.AliasEntry d) {
            aliasKey = d;
            plan = new DerivedAliasPlan(d, loc.components().get(0).tok(), use.plan());
            points = new ArrayList<>();
            for (String p : d.points()) {
                points.add(parsePoint(p, loc.components().get(0).tok()));
            }
        } else {
            LibraryCode.Found<ProbeAlias> f = (LibraryCode.Found<ProbeAlias>) builder;
            aliasKey = f.decl();
            plan = new AliasPlan(f.decl(), f.file(), use.plan());
            points = f.decl().points();
        }
        if (use.aliases().contains(aliasKey)) {
            Token at = loc.components().get(0).tok();
            throw new Recursion("recursive loop in alias expansion of " + pointText(loc) + " at " + location(at));
        }
        List<Object> chain = new ArrayList<>(use.aliases());
        chain.add(aliasKey);
        List<ProbePoint> located = new ArrayList<>();
        for (ProbePoint p : points) {
            List<ProbePoint.Component> cs = new ArrayList<>(p.components());
            cs.addAll(suffix);
            located.add(new ProbePoint(cs, p.optional(), p.sufficient(), and(p.condition(), loc.condition()),
                    p.start()));
        }
        int before = results.size();
        deriveProbes(new Use(plan, chain), located, loc.optional(), !suffix.isEmpty(), results);
        if (results.size() > before && builder instanceof LibraryCode.Found<?> f && !userPath.equals(f.file())) {
            pull(f.file());
        }
    }

    /** A probe point as stap prints it (probe_point::print): its components, then '?' or '!'. */
    private static String pointText(ProbePoint p) {
        StringBuilder b = new StringBuilder();
        for (ProbePoint.Component c : p.components()) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(c.text());
        }
        return b.append(p.sufficient() ? "!" : p.optional() ? "?" : "").toString();
    }

    /** A token's place as stap prints a source location: file:line:column. */
    private static String location(Token t) {
        Token w = t.site != null ? t.site : t;
        io.tapls.text.SourceText st = w.unit.text();
        int line = st.lineOf(w.start);
        return w.unit.path + ":" + (line + 1) + ":" + (w.start - st.lineStart(line) + 1);
    }

    private static Ast.Expr and(Ast.Expr a, Ast.Expr b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return new Ast.Binary(a.tok(), Ast.BinKind.LOGICAL, "&&", a, b);
    }

    /** A point of an alias derived from trace-events ("process(\"/x\").mark(\"y\")", "prefix.event?"). */
    private static ProbePoint parsePoint(String text, Token tok) {
        boolean optional = text.endsWith("?");
        boolean sufficient = text.endsWith("!");
        String t = optional || sufficient ? text.substring(0, text.length() - 1) : text;
        List<ProbePoint.Component> cs = new ArrayList<>();
        int i = 0;
        while (i < t.length()) {
            int j = i;
            while (j < t.length() && t.charAt(j) != '.' && t.charAt(j) != '(') {
                j++;
            }
            String name = t.substring(i, j);
            Object arg = null;
            if (j < t.length() && t.charAt(j) == '(') {
                int close = j + 1;
                if (close < t.length() && t.charAt(close) == '"') {
                    int end = t.indexOf('"', close + 1);
                    arg = t.substring(close + 1, end);
                    close = end + 1;
                } else {
                    int end = t.indexOf(')', close);
                    try {
                        arg = Long.decode(t.substring(close, end));
                    } catch (NumberFormatException e) {
                        arg = new ProbePoint.ArgPlaceholder(t.substring(close, end));
                    }
                    close = end;
                }
                j = t.indexOf(')', close) + 1;
            }
            cs.add(new ProbePoint.Component(name, arg, tok));
            i = j < t.length() && t.charAt(j) == '.' ? j + 1 : j;
            if (j >= t.length()) {
                break;
            }
        }
        return new ProbePoint(cs, optional, sufficient, null, tok);
    }

    // ------------------------------------------------------------------ symbol resolution

    /** A function of a name: its parsed declaration, its file, where it is, its overload number. */
    private record Candidate(Function fn, String file, boolean user, int overload) {
    }

    private List<Candidate> candidates(String name) {
        return candidates.computeIfAbsent(name, n -> {
            List<Candidate> out = new ArrayList<>();
            int i = 0;
            for (Function f : file.functions()) {
                if (f.name().equals(n) && LibraryCode.active(file, f.guard())) {
                    out.add(new Candidate(f, userPath, true, i++));
                }
            }
            for (LibraryCode.Found<Function> f : lib.functions(n)) {
                if (!sameFile(f.file(), userPath)) {
                    out.add(new Candidate(f.decl(), f.file(), false, i++));
                }
            }
            return out;
        });
    }

    private FuncDecl declFor(Candidate c) {
        FuncDecl fd = funcDecls.get(c.fn());
        if (fd != null) {
            return fd;
        }
        Function f = c.fn();
        fd = new FuncDecl();
        fd.name = f.name();
        fd.tok = f.nameTok();
        fd.file = c.file();
        fd.isPrivate = f.isPrivate();
        fd.priority = f.priority() == null ? 1 : f.priority();
        fd.overload = c.overload();
        fd.user = c.user();
        fd.type = Type.of(f.returnType());
        fd.declaredType = f.returnType() != null;
        fd.declared = fd.type != Type.UNKNOWN;
        for (Function.Param p : f.params()) {
            VarDecl v = new VarDecl();
            v.name = p.name();
            v.tok = p.tok() != null ? p.tok() : f.nameTok();
            v.type = Type.of(p.type());
            v.declared = v.type != Type.UNKNOWN;
            v.setArity(0, v.tok);
            fd.formalArgs.add(v);
        }
        if (f.embedded()) {
            Token code = f.embeddedCode();
            fd.body = new Tree.EmbeddedCode(code != null ? code : f.nameTok(), code != null ? code.text : "");
        } else {
            fd.body = new TreeBuilder(TreeBuilder.Context.FUNCTION, null, uncertain).stmt(f.body());
            if (fd.body == null) {
                fd.body = new Tree.NullStatement(f.nameTok());
            }
        }
        funcDecls.put(f, fd);
        return fd;
    }

    private static boolean sameFile(String a, String b) {
        return a != null && b != null && java.nio.file.Path.of(a).toAbsolutePath().normalize()
                .equals(java.nio.file.Path.of(b).toAbsolutePath().normalize());
    }

    static String mangled(FuncDecl fd) {
        return (fd.isPrivate ? "__private_" + Tree.detox(fd.file) : "__global_") + fd.name + "__overload_"
                + fd.overload;
    }

    /** symresolution_info::find_functions. */
    List<FuncDecl> findFunctions(String name, int arity, Token tok) {
        List<FuncDecl> found = new ArrayList<>();
        Candidate last = null;
        String callFile = fileOf(tok);
        for (Candidate c : candidates(name)) {
            if (c.fn().isPrivate() && !sameFile(c.file(), callFile)) {
                continue;
            }
            if (c.fn().params().size() == arity) {
                found.add(declFor(c));
            } else {
                last = c;
            }
        }
        if (found.isEmpty() && last != null) {
            throw new SemError("arity mismatch found (function '" + name + "' takes " + last.fn().params().size()
                    + " args)", tok, new SemError("", last.fn().nameTok()));
        }
        for (FuncDecl fd : found) {
            functions.putIfAbsent(mangled(fd), fd);
            if (!fd.user) {
                pull(fd.file);
            }
        }
        // function_priority_order, stable
        found.sort((a, b) -> Long.compare(a.priority, b.priority));
        return found;
    }

    private String fileOf(Token tok) {
        Token w = tok == null ? null : tok.site != null ? tok.site : tok;
        return w == null ? null : w.unit.path;
    }

    /** collect_functions: the names stap suggests from. */
    private Set<String> functionNames() {
        Set<String> out = new TreeSet<>();
        for (FuncDecl fd : functions.values()) {
            out.add(fd.name);
        }
        for (Function f : file.functions()) {
            out.add(f.name());
        }
        for (Map.Entry<String, List<TapsetIndex.FunctionEntry>> e : lib.index().functions().entrySet()) {
            for (TapsetIndex.FunctionEntry f : e.getValue()) {
                if (!f.function().isPrivate() && lib.visible(f.file())) {
                    out.add(e.getKey());
                    break;
                }
            }
        }
        return out;
    }

    /** symresolution_info::find_var. */
    VarDecl findVar(String name, int arity, Token tok, FuncDecl currentFunction, DerivedProbe currentProbe) {
        if (currentFunction != null || currentProbe != null) {
            List<VarDecl> locals = currentFunction != null ? currentFunction.locals : currentProbe.locals;
            for (VarDecl v : locals) {
                if (v.name.equals(name)) {
                    v.setArity(arity, tok);
                    return v;
                }
            }
        }
        if (arity == 0 && currentFunction != null) {
            for (VarDecl v : currentFunction.formalArgs) {
                if (v.name.equals(name)) {
                    v.setArity(0, tok);
                    return v;
                }
            }
        }
        String callFile = fileOf(tok);
        for (VarDecl g : globals) {
            if (g.name.equals(name) && (!g.isPrivate || g.file == null || sameFile(g.file, callFile))) {
                g.setArity(arity, tok);
                return g;
            }
        }
        for (Global g : file.globals()) {
            if (g.name().equals(name) && LibraryCode.active(file, g.guard())
                    && (!g.isPrivate() || sameFile(userPath, callFile))) {
                VarDecl v = global(g, userPath);
                v.setArity(arity, tok);
                return v;
            }
        }
        for (LibraryCode.Found<Global> f : lib.globals(name)) {
            Global g = f.decl();
            if (g.isPrivate() && (f.file() == null || !sameFile(f.file(), callFile))) {
                continue;
            }
            VarDecl v = global(g, f.file());
            pull(f.file());
            v.setArity(arity, tok);
            return v;
        }
        return null;
    }

    private VarDecl global(Global g, String declFile) {
        Object key = g.tok() != null ? g : declFile + ":" + g.name();
        VarDecl v = globalDecls.get(key);
        if (v != null) {
            return v;
        }
        v = new VarDecl();
        v.name = g.name();
        v.tok = g.tok();
        v.global = true;
        v.isPrivate = g.isPrivate();
        v.file = declFile;
        v.wrap = g.wrap();
        v.maxsize = g.size();
        v.opaque = g.tok() == null;
        if (g.init() != null) {
            Expr init = new TreeBuilder(TreeBuilder.Context.FUNCTION, null, uncertain).expr(g.init());
            v.init = init;
            v.type = init instanceof Tree.LiteralString ? Type.STRING
                    : init instanceof Tree.LiteralNumber ? Type.LONG : init.type;
            v.declared = v.type != Type.UNKNOWN;
        }
        if (v.maxsize != null) {
            // an array declared with a size: stap gives it arity when it is first indexed
            v.arity = -1;
        }
        globalDecls.put(key, v);
        globals.add(v);
        return v;
    }

    /** symresolution_info: links symbols to declarations and calls to functions. */
    final class Resolver {
        FuncDecl currentFunction;
        DerivedProbe currentProbe;

        void stmt(Stmt s) {
            if (s == null) {
                return;
            }
            if (s instanceof Tree.Block b) {
                for (Stmt x : b.statements) {
                    try {
                        stmt(x);
                    } catch (SemError e) {
                        printError(e);
                    }
                }
            } else if (s instanceof Tree.ExprStatement e) {
                expr(e.value);
            } else if (s instanceof Tree.IfStatement i) {
                expr(i.condition);
                stmt(i.thenblock);
                stmt(i.elseblock);
            } else if (s instanceof Tree.ForLoop f) {
                stmt(f.init);
                expr(f.cond);
                stmt(f.incr);
                stmt(f.block);
            } else if (s instanceof Tree.ForeachLoop f) {
                foreach(f);
            } else if (s instanceof Tree.ReturnStatement r) {
                expr(r.value);
            } else if (s instanceof Tree.DeleteStatement d) {
                delete(d.value);
            } else if (s instanceof Tree.TryBlock t) {
                stmt(t.tryBlock);
                expr(t.catchVar);
                stmt(t.catchBlock);
            } else if (s instanceof Tree.EmbeddedCode c) {
                pragmas(c.code, c.tok, c.readReferents, c.writeReferents, c.resolved);
                c.resolved = true;
            }
        }

        private void foreach(Tree.ForeachLoop e) {
            for (Tree.Symbol k : e.indexes) {
                expr(k);
            }
            for (Expr x : e.slice) {
                if (x != null) {
                    expr(x);
                }
            }
            if (e.base instanceof Tree.Symbol array) {
                if (array.referent == null) {
                    VarDecl d = findVar(array.name, e.indexes.size(), array.tok, currentFunction, currentProbe);
                    if (d != null) {
                        array.referent = d;
                    } else {
                        throw new SemError("unresolved arity-" + e.indexes.size() + " global array " + array.name
                                + ", missing global declaration?", array.tok);
                    }
                }
                if (!e.slice.isEmpty() && e.slice.size() != e.indexes.size()) {
                    // by now the symbol carries its declaration's (mangled) name, which stap prints
                    throw new SemError("unresolved arity-" + e.slice.size() + " global array "
                            + array.referent.mangled() + ", missing global declaration?", array.tok);
                }
            } else {
                expr(e.base);
            }
            expr(e.value);
            expr(e.limit);
            stmt(e.block);
        }

        private void delete(Expr e) {
            if (e instanceof Tree.ArrayIndex i) {
                arrayIndex(i, true);
            } else if (e instanceof Tree.FunctionCall c) {
                expr(c);
            } else if (e instanceof Tree.Symbol s) {
                if (s.referent != null) {
                    return;
                }
                VarDecl d = findVar(s.name, -1, s.tok, currentFunction, currentProbe);
                if (d == null) {
                    throw new SemError("unresolved array in delete statement", s.tok);
                }
                s.referent = d;
            } else {
                expr(e);
            }
        }

        void expr(Expr e) {
            if (e == null) {
                return;
            }
            if (e instanceof Tree.Symbol s) {
                symbol(s);
            } else if (e instanceof Tree.ArrayIndex i) {
                arrayIndex(i, false);
            } else if (e instanceof Tree.ArrayIn a) {
                arrayIndex(a.operand, true);
            } else if (e instanceof Tree.FunctionCall c) {
                call(c);
            } else if (e instanceof Tree.EmbeddedExpr x) {
                pragmas(x.code, x.tok, x.readReferents, x.writeReferents, x.resolved);
                x.resolved = true;
            } else if (e instanceof Tree.BinaryExpr b) {
                expr(b.left);
                expr(b.right);
            } else if (e instanceof Tree.Comparison c) {
                expr(c.left);
                expr(c.right);
            } else if (e instanceof Tree.Concatenation c) {
                expr(c.left);
                expr(c.right);
            } else if (e instanceof Tree.Assignment a) {
                expr(a.left);
                expr(a.right);
            } else if (e instanceof Tree.UnaryExpr u) {
                expr(u.operand);
            } else if (e instanceof Tree.Crement c) {
                expr(c.operand);
            } else if (e instanceof Tree.Ternary t) {
                expr(t.cond);
                expr(t.truevalue);
                expr(t.falsevalue);
            } else if (e instanceof Tree.RegexQuery r) {
                expr(r.left);
            } else if (e instanceof Tree.PrintFormatExpr p) {
                for (Expr x : p.args) {
                    expr(x);
                }
                expr(p.hist);
            } else if (e instanceof Tree.StatOp s) {
                expr(s.stat);
            } else if (e instanceof Tree.HistOp h) {
                expr(h.stat);
            } else if (e instanceof Tree.TargetSymbol t) {
                expr(t.operand);
                for (Expr x : t.componentIndexes) {
                    expr(x);
                }
            } else if (e instanceof Tree.DefinedOp d) {
                expr(d.operand);
            } else if (e instanceof Tree.EntryOp d) {
                expr(d.operand);
            } else if (e instanceof Tree.ContextOp d) {
                expr(d.operand);
            }
        }

        private void symbol(Tree.Symbol e) {
            if (e.referent != null) {
                return;
            }
            VarDecl d = findVar(e.name, 0, e.tok, currentFunction, currentProbe);
            if (d != null) {
                e.referent = d;
                return;
            }
            VarDecl v = new VarDecl();
            v.name = e.name;
            v.tok = e.tok;
            v.setArity(0, e.tok);
            if (currentFunction != null) {
                currentFunction.locals.add(v);
            } else if (currentProbe != null) {
                currentProbe.locals.add(v);
            } else {
                throw new SemError("probe condition must not reference undeclared global", e.tok);
            }
            e.referent = v;
        }

        private void arrayIndex(Tree.ArrayIndex e, boolean wildcardOk) {
            for (Expr x : e.indexes) {
                if (x == null) {
                    if (!wildcardOk) {
                        throw new SemError("wildcard not allowed in array index", e.tok);
                    }
                } else {
                    expr(x);
                }
            }
            if (e.base instanceof Tree.Symbol array) {
                if (array.referent != null) {
                    return;
                }
                VarDecl d = findVar(array.name, e.indexes.size(), array.tok, currentFunction, currentProbe);
                if (d == null) {
                    throw new SemError("unresolved arity-" + e.indexes.size() + " global array " + array.name
                            + ", missing global declaration?", e.tok);
                }
                array.referent = d;
            } else {
                expr(e.base);
            }
        }

        private void call(Tree.FunctionCall e) {
            if (currentFunction == null && currentProbe == null) {
                throw new SemError("probe condition must not reference function", e.tok);
            }
            for (Expr x : e.args) {
                expr(x);
            }
            if (!e.referents.isEmpty()) {
                return;
            }
            List<FuncDecl> fds = findFunctions(e.name, e.args.size(), e.tok);
            if (fds.isEmpty()) {
                String sugs = levenshteinSuggest(e.name, functionNames(), 5);
                throw new SemError("unresolved function " + e.name + (sugs.isEmpty() ? "" : " (similar: " + sugs
                        + ")"), e.tok);
            }
            e.referents.addAll(fds);
        }

        private void pragmas(String code, Token tok, List<VarDecl> reads, List<VarDecl> writes, boolean done) {
            if (done) {
                return;
            }
            for (String kind : List.of("read", "write")) {
                String mark = "/* pragma:" + kind + ":";
                int pos = 0;
                while (true) {
                    pos = code.indexOf(mark, pos);
                    if (pos < 0) {
                        break;
                    }
                    pos += mark.length();
                    int end = code.indexOf(" */", pos);
                    if (end < 0) {
                        break;
                    }
                    String var = code.substring(pos, end);
                    VarDecl vd = findVar(var, -1, tok, currentFunction, currentProbe);
                    if (vd == null) {
                        throw new SemError("unresolved pragma:" + kind + " global " + var, tok);
                    }
                    (kind.equals("read") ? reads : writes).add(vd);
                    pos = end + 3;
                }
            }
        }
    }

    // ------------------------------------------------------------------ semantic_pass_conditions

    private int semanticPassConditions() {
        for (DerivedProbe p : probes) {
            Expr e = p.condition;
            if (e == null) {
                continue;
            }
            VarUse vu = new VarUse();
            vu.expr(e);
            if (!vu.written.isEmpty()) {
                printError(new SemError("probe condition must not modify any variables", e.tok));
            } else if (vu.embeddedSeen) {
                printError(new SemError("probe condition must not include impure embedded-C", e.tok));
            }
            // derived_probe_condition_inline: if (!(cond)) next;
            Tree.IfStatement ifs = new Tree.IfStatement(e.tok, new Tree.UnaryExpr(e.tok, "!", e),
                    new Tree.JumpStatement(e.tok, "next"), null);
            List<Stmt> body = new ArrayList<>();
            body.add(ifs);
            body.add(p.body);
            p.body = new Tree.Block(e.tok, body);
        }
        return numErrors();
    }

    // ------------------------------------------------------------------ add_global_var_display

    /**
     * add_global_var_display: stap looks at what every probe reads and writes (for the globals it will print at
     * the end), which is where embedded C naming a statistic in a pragma is found out. The end probes it adds
     * print values whose types are known by now, so tapls does not make them.
     */
    private int addGlobalVarDisplay() {
        try {
            VarUse vut = new VarUse();
            for (DerivedProbe p : probes) {
                vut.stmt(p.body);
                vut.expr(p.condition);
            }
        } catch (SemError e) {
            printError(e);
        }
        return numErrors();
    }

    // ------------------------------------------------------------------ gen_dfa_table

    private int genDfaTable() {
        for (DerivedProbe p : probes) {
            Set<FuncDecl> seen = VarUse.identitySet();
            try {
                regexes(p.body, seen);
            } catch (SemError e) {
                printError(e);
            }
        }
        return numErrors();
    }

    private void regexes(Stmt body, Set<FuncDecl> seen) {
        List<FuncDecl> calls = new ArrayList<>();
        Walk.stmt(body, e -> {
            if (e instanceof Tree.RegexQuery q) {
                String err = StapRegex.check(q.right.value);
                if (err != null) {
                    throw new SemError(err, q.right.tok);
                }
            } else if (e instanceof Tree.FunctionCall c) {
                for (FuncDecl f : c.referents) {
                    if (seen.add(f)) {
                        regexes(f.body, seen);
                    }
                }
            }
        });
    }

    // ------------------------------------------------------------------ helpers

    static String levenshteinSuggest(String target, Set<String> elems, int max) {
        return Names.suggest(target, elems, max);
    }

    /** The user's names of what a derived probe's body writes, read and never written: for the warnings. */
    static Set<String> names(List<VarDecl> vs) {
        Set<String> out = new LinkedHashSet<>();
        for (VarDecl v : vs) {
            out.add(v.name);
        }
        return out;
    }
}
