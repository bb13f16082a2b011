package io.tapls.semantics;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.Fix;
import io.tapls.index.TapsetIndex;
import io.tapls.stap.AliasVariables;
import io.tapls.stap.Ast.Expr;
import io.tapls.stap.Ast.Stmt;
import io.tapls.stap.Ast;
import io.tapls.stap.Function;
import io.tapls.stap.Global;
import io.tapls.stap.PrintFormat;
import io.tapls.stap.Probe;
import io.tapls.stap.ProbeAlias;
import io.tapls.stap.ProbeGlob;
import io.tapls.stap.ProbePoint;
import io.tapls.stap.StapFile;
import io.tapls.stap.StapRules;
import io.tapls.stap.Token;
import io.tapls.text.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The pass-2 checks tapls can do without a kernel: print-family argument count and types, unknown
 * functions and arity, probe points under a known alias prefix, never-assigned locals, and '%s' given a
 * char* trace argument. Only what is certain is reported, so that the shipped tapset library is clean.
 */
public final class SemanticChecks {
    /** The first components of stap's built-in probe families (stap --dump-probe-types, plus debuginfo ones). */
    static final Set<String> BUILTIN_FAMILIES = Set.of("begin", "end", "error", "kernel", "kprobe", "module",
            "netfilter", "never", "perf", "process", "procfs", "timer", "tracepoint", "java", "hw_breakpoint");

    /** Components stap accepts after an alias name (alias suffixes). */
    static final Set<String> ALIAS_SUFFIXES = Set.of("return", "call", "maxactive", "exported", "inline",
            "callee", "callees");

    private final StapFile file;
    private final TapsetIndex index;
    private final List<Diagnostic> out = new ArrayList<>();
    private final Map<String, List<Function>> localFunctions = new HashMap<>();
    private final Set<String> globalNames = new HashSet<>();
    private final Map<String, String> globalTypes = new HashMap<>();

    /** A library file's code is elaborated only when a script uses it: its findings are warnings. */
    private final boolean library;
    /** Set while checking code stap elaborates only when used (alias bodies, functions never called here). */
    private boolean latent;
    private final Set<String> calledHere = new HashSet<>();

    private SemanticChecks(StapFile file, TapsetIndex index, boolean library) {
        this.file = file;
        this.index = index;
        this.library = library;
        for (Probe p : file.probes()) {
            walkStmt(p.body(), e -> {
                if (e instanceof Ast.Call c) {
                    calledHere.add(c.name());
                }
            }, x -> {
            });
        }
        for (Function f : file.functions()) {
            walkStmt(f.body(), e -> {
                if (e instanceof Ast.Call c) {
                    calledHere.add(c.name());
                }
            }, x -> {
            });
        }
        for (Function f : file.functions()) {
            localFunctions.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f);
        }
        for (Global g : file.globals()) {
            globalNames.add(g.name());
            if (g.size() == null && !g.wrap()) {
                fileGlobals.add(g.name());
            }
            fileArrays.add(g.name());
            if (g.init() != null) {
                globalTypes.put(g.name(), AliasVariables.typeOf(g.init(), Map.of()));
            }
        }
        globalNames.addAll(index.globals().keySet());
        for (ProbeAlias a : file.aliases()) {
            for (ProbePoint n : a.names()) {
                String name = n.name();
                if (ownAliases.computeIfAbsent(name, k -> new ArrayList<>()).add(a)
                        && ownAliases.get(name).size() == 1) {
                    ownNamesByFirst.computeIfAbsent(n.components().get(0).functor(), k -> new ArrayList<>())
                            .add(name);
                }
            }
        }
    }

    /**
     * The file's own aliases by name, in file order, and their names by first component: looked up for every
     * probe point, where a scan of all aliases made a big file (a library of 20,000 aliases) quadratic.
     */
    private final Map<String, List<ProbeAlias>> ownAliases = new HashMap<>();
    private final Map<String, List<String>> ownNamesByFirst = new HashMap<>();

    public static List<Diagnostic> check(StapFile file, TapsetIndex index, boolean library) {
        SemanticChecks c = new SemanticChecks(file, index, library);
        c.run();
        return c.out;
    }

    private void run() {
        for (Probe p : file.probes()) {
            Map<String, String> implicit = new LinkedHashMap<>();
            Set<String> pointers = new HashSet<>();
            boolean known = true;
            for (ProbePoint pt : p.points()) {
                known &= checkPoint(pt, implicit, pointers);
            }
            body(p.body(), implicit, pointers, known, List.of());
        }
        latent = true;
        for (ProbeAlias a : file.aliases()) {
            Map<String, String> implicit = new LinkedHashMap<>();
            Set<String> pointers = new HashSet<>();
            boolean known = true;
            for (ProbePoint pt : a.points()) {
                known &= checkPoint(pt, implicit, pointers);
            }
            // epilogue-style aliases run after the probe body: its variables are visible too
            body(a.body(), implicit, pointers, known && !a.epilogue(), List.of());
            if (a.epilogueBody() != null) {
                body(a.epilogueBody(), implicit, pointers, false, List.of());
            }
        }
        for (Function f : file.functions()) {
            latent = !calledHere.contains(f.name());
            returnType = f.returnType();
            if (f.body() != null) {
                Map<String, String> params = new LinkedHashMap<>();
                for (Function.Param p : f.params()) {
                    params.put(p.name(), p.type() == null ? "unknown" : p.type());
                }
                body(f.body(), params, Set.of(), true, List.of());
            }
        }
        returnType = null;
        latent = false;
        checkGlobalTypes();
    }

    // ---------------------------------------------------------------- probe points

    /** Checks one point; adds the variables it provides; false when tapls cannot know what it provides. */
    private boolean checkPoint(ProbePoint pt, Map<String, String> implicit, Set<String> pointers) {
        List<ProbePoint.Component> cs = pt.components();
        String first = cs.get(0).functor();
        String name = pt.name();
        boolean builtin = BUILTIN_FAMILIES.contains(first);
        if (first.indexOf('*') >= 0) {
            return false;
        }
        if (!index.aliasPrefixes().contains(first) && !ownAlias(first)) {
            return builtin && checkBuiltin(pt);
        }
        if (pt.hasWildcard()) {
            List<String> matches = new ArrayList<>(index.matching(name));
            // (the first component has no wildcard here: only names with the same one can match)
            for (String n : ownNamesByFirst.getOrDefault(first, List.of())) {
                for (int k = ownAliases.get(n).size(); k > 0; k--) {
                    if (ProbeGlob.matches(name, n)) {
                        matches.add(n); // once per alias of that name, as the scan of every alias did
                    }
                }
            }
            if (matches.isEmpty()) {
                if (builtin) {
                    return true;
                }
                if (!pt.optional()) {
                    report(StapRules.WILDCARD_NO_MATCH, pt.start(),
                            "probe point mismatch: didn't find any wildcard matches for '" + name + "'"
                                    + similar(name));
                }
                return false;
            }
            for (String m : matches) {
                collectVariables(m, implicit, pointers, new HashSet<>(), 0);
            }
            return true;
        }
        String resolved = resolveAlias(cs);
        if (resolved == null) {
            if (builtin) {
                return checkBuiltin(pt);
            }
            if (!pt.optional()) {
                report(StapRules.UNKNOWN_PROBE_POINT, pt.start(),
                        "probe point mismatch: no alias '" + name + "'" + similar(name));
            }
            return false;
        }
        collectVariables(resolved, implicit, pointers, new HashSet<>(), 0);
        return true;
    }

    /** A point of a built-in family must have the shape of one of stap's probe types. */
    private boolean checkBuiltin(ProbePoint pt) {
        String first = pt.components().get(0).functor();
        if (!BuiltinProbes.knownFamily(first) || BuiltinProbes.matches(pt)) {
            return true;
        }
        if (!pt.optional()) {
            List<String> sims = BuiltinProbes.similar(pt);
            report(StapRules.UNKNOWN_PROBE_POINT, pt.start(), "probe point mismatch: '" + pt.text()
                    + "' is not a built-in probe point" + (sims.isEmpty() ? "" : " (similar: "
                    + String.join(", ", sims) + ")"));
        }
        return false;
    }

    /** The variables an alias provides: its body's, and those of the aliases its points name. */
    private void collectVariables(String name, Map<String, String> vars, Set<String> pointers, Set<String> seen,
            int depth) {
        if (depth > 8 || !seen.add(name)) {
            return;
        }
        for (ProbeAlias a : ownAliases.getOrDefault(name, List.of())) {
            for (ProbePoint n : a.names()) {
                if (n.name().equals(name)) {
                    a.variables().forEach(vars::putIfAbsent);
                    for (ProbePoint p : a.points()) {
                        if (p.hasWildcard()) {
                            for (String m : index.matching(p.name())) {
                                collectVariables(m, vars, pointers, seen, depth + 1);
                            }
                        } else {
                            String r = resolveAlias(p.components());
                            if (r != null) {
                                collectVariables(r, vars, pointers, seen, depth + 1);
                            }
                        }
                    }
                }
            }
        }
        index.variables(name).forEach((k, v) -> {
            if (!vars.containsKey(k) || "unknown".equals(vars.get(k))) {
                vars.put(k, v);
            }
        });
        pointers.addAll(index.charPointers(name));
    }

    private boolean ownAlias(String first) {
        return ownNamesByFirst.containsKey(first);
    }

    /** The alias a point names, allowing alias suffixes (.return, .maxactive(N)...); null if none. */
    private String resolveAlias(List<ProbePoint.Component> cs) {
        for (int n = cs.size(); n >= 1; n--) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    b.append('.');
                }
                b.append(cs.get(i).functor());
            }
            String name = b.toString();
            boolean rest = true;
            for (int i = n; i < cs.size(); i++) {
                rest &= ALIAS_SUFFIXES.contains(cs.get(i).functor()) || BuiltinProbes.suffix(cs.get(i).functor());
            }
            if (!rest) {
                continue;
            }
            if (!index.alias(name).isEmpty() || ownAliases.containsKey(name)) {
                return name;
            }
        }
        return null;
    }

    private String similar(String name) {
        List<String> sims = closest(name, index.namesNear(name), 5);
        return sims.isEmpty() ? "" : " (similar: " + String.join(", ", sims) + ")";
    }

    // ---------------------------------------------------------------- bodies

    private void body(Stmt body, Map<String, String> implicit, Set<String> pointers, boolean checkLocals,
            List<String> unused) {
        if (body == null) {
            return;
        }
        Map<String, String> assigned = new HashMap<>(implicit);
        Set<String> arrays = new HashSet<>();
        Set<String> assignedHere = new HashSet<>();
        // What the body assigns, anywhere (stap's check is flow-insensitive).
        walkStmt(body, e -> {
            if (e instanceof Ast.Binary b && b.kind() == Ast.BinKind.ASSIGN && b.left() instanceof Ast.Sym s) {
                assignedHere.add(s.name());
                String t = b.op().equals("=") ? AliasVariables.typeOf(b.right(), assigned)
                        : b.op().equals(".=") ? "string" : b.op().equals("<<<") ? "stats" : "long";
                if (!assigned.containsKey(s.name()) || "unknown".equals(assigned.get(s.name()))) {
                    assigned.put(s.name(), t);
                }
            } else if (e instanceof Ast.Crement c && c.operand() instanceof Ast.Sym s) {
                assigned.putIfAbsent(s.name(), "long");
            } else if (e instanceof Ast.Index i && i.base() instanceof Ast.Sym s) {
                arrays.add(s.name());
            } else if (e instanceof Ast.ArrayIn a && a.base() instanceof Ast.Sym s) {
                arrays.add(s.name());
            }
        }, s -> {
            if (s instanceof Ast.Foreach f) {
                if (f.value() != null) {
                    assigned.putIfAbsent(f.value().name(), "unknown");
                }
                f.keys().forEach(k -> assigned.putIfAbsent(k.name(), "unknown"));
                if (f.base() instanceof Ast.Sym b) {
                    arrays.add(b.name());
                }
            } else if (s instanceof Ast.Try t && t.catchVar() != null) {
                assigned.putIfAbsent(t.catchVar().text, "string");
            } else if (s instanceof Ast.Delete d && d.target() instanceof Ast.Sym sym) {
                arrays.add(sym.name());
            }
        });
        // Types of locals (stap's pass-2 inference where it is certain)
        LocalTypes types = new LocalTypes(this::paramTypes, this::declaredReturn, arrayTypes());
        types.stmt(body);
        Set<String> notLocal = new HashSet<>(implicit.keySet());
        notLocal.addAll(globalNames);
        for (LocalTypes.Use[] c : types.conflicts(notLocal)) {
            report(StapRules.TYPE_MISMATCH, c[0].tok(), "type mismatch (" + c[0].type() + ") (type was first inferred as "
                    + c[1].type() + " at " + position(c[1].tok()) + ")");
        }
        for (LocalTypes.Use l : types.literalConflicts) {
            String other = l.type().equals("long") ? "string" : "long";
            report(StapRules.TYPE_MISMATCH, l.tok(), l.name().equals("call")
                    ? "type mismatch: expected " + other + " but found " + l.type()
                    : "type mismatch: expected " + l.type() + " but found " + other,
                    l.name().equals("call") ? StapFixes.literalFor(file.unit().content, span(l.tok()), l.type())
                            : List.of());
        }
        for (LocalTypes.Use u : types.uses) {
            if (fileGlobals.contains(u.name()) && !implicit.containsKey(u.name())) {
                globalUses.add(u);
            }
        }
        if (returnType != null) {
            walkStmt(body, e -> {
            }, st -> {
                if (st instanceof Ast.Return r && r.value() != null) {
                    String t = types.typeOf(r.value());
                    if (t == null && r.value() instanceof Ast.Sym sym) {
                        t = implicit.get(sym.name());
                    }
                    if (("long".equals(t) || "string".equals(t)) && !t.equals(returnType)) {
                        report(StapRules.TYPE_MISMATCH, r.value().tok(), "type mismatch: expected " + returnType
                                + " but found " + t);
                    }
                }
            });
        }
        // Arrays must be global
        walkStmt(body, e -> {
            if (e instanceof Ast.Index i && i.base() instanceof Ast.Sym a) {
                undeclaredArray(a, i.indexes().size());
            } else if (e instanceof Ast.ArrayIn in && in.base() instanceof Ast.Sym a) {
                undeclaredArray(a, in.indexes().size());
            }
        }, st -> {
            if (st instanceof Ast.Foreach f && f.base() instanceof Ast.Sym a) {
                undeclaredArray(a, f.keys().size());
            }
        });
        Set<String> reported = new HashSet<>();
        walkStmt(body, e -> {
            if (e instanceof Ast.Call c) {
                call(c);
            } else if (e instanceof Ast.PrintFormat p) {
                // the type of an alias variable the body does not assign is certain
                Map<String, String> certain = new HashMap<>();
                implicit.forEach((k, v) -> {
                    if (!assignedHere.contains(k) && !globalNames.contains(k)) {
                        certain.put(k, v);
                    }
                });
                print(p, assigned, pointers, certain);
            } else if (checkLocals && e instanceof Ast.Sym s && !s.name().startsWith("$")
                    && !assigned.containsKey(s.name()) && !globalNames.contains(s.name())
                    && !arrays.contains(s.name()) && !s.name().equals("*") && reported.add(s.name())) {
                List<String> sims = closest(s.name(), assigned.keySet(), 5);
                report(StapRules.NEVER_ASSIGNED, s.tok(), "never-assigned local variable '" + s.name() + "'"
                        + (sims.isEmpty() ? "" : " (similar: " + String.join(", ", sims) + ")"));
                if (!types.typed(s.name())) {
                    report(StapRules.UNRESOLVED_TYPE, s.tok(), "unresolved type");
                }
            }
        }, s -> {
        });
    }

    private final Set<String> reportedArrays = new HashSet<>();
    private Map<String, String> arrayTypes;

    /** Index and value types of the file's global arrays, from every body of the file. */
    private Map<String, String> arrayTypes() {
        if (arrayTypes == null) {
            List<Stmt> bodies = new ArrayList<>();
            file.probes().forEach(p -> bodies.add(p.body()));
            file.aliases().forEach(a -> {
                bodies.add(a.body());
                if (a.epilogueBody() != null) {
                    bodies.add(a.epilogueBody());
                }
            });
            file.functions().forEach(f -> {
                if (f.body() != null) {
                    bodies.add(f.body());
                }
            });
            Map<String, String> all = LocalTypes.arrayTypes(bodies, this::declaredReturn);
            // only arrays this file declares: others may be typed by files tapls does not see together
            all.keySet().removeIf(k -> !fileArrays.contains(k.contains("#") ? k.substring(0, k.indexOf('#')) : k));
            arrayTypes = all;
        }
        return arrayTypes;
    }
    /** Scalar globals declared in this file, and the places that fix their types across all bodies. */
    private final Set<String> fileGlobals = new HashSet<>();
    private final Set<String> fileArrays = new HashSet<>();
    private final List<LocalTypes.Use> globalUses = new ArrayList<>();
    /** The declared return type of the function being checked, or null. */
    private String returnType;

    private void checkGlobalTypes() {
        Set<String> inits = new HashSet<>();
        for (Global g : file.globals()) {
            if (g.init() != null && fileGlobals.contains(g.name())) {
                String t = AliasVariables.typeOf(g.init(), Map.of());
                if (t.equals("long") || t.equals("string")) {
                    globalUses.add(new LocalTypes.Use(g.name(), g.tok(), t));
                    inits.add(g.name());
                }
            }
        }
        for (LocalTypes.Use[] c : LocalTypes.conflicts(globalUses, Set.of(), fileGlobals)) {
            if (inits.contains(c[1].name()) && c[1].tok() == globalTok(c[1].name())) {
                report(StapRules.TYPE_MISMATCH, c[0].tok(), "type mismatch: expected " + c[0].type() + " but found "
                        + c[1].type());
            } else {
                report(StapRules.TYPE_MISMATCH, c[0].tok(), "type mismatch (" + c[0].type()
                        + ") (type was first inferred as " + c[1].type() + " at " + position(c[1].tok()) + ")");
            }
        }
    }

    private Token globalTok(String name) {
        for (Global g : file.globals()) {
            if (g.name().equals(name)) {
                return g.tok();
            }
        }
        return null;
    }

    private void undeclaredArray(Ast.Sym a, int arity) {
        if (!globalNames.contains(a.name()) && reportedArrays.add(a.name())) {
            report(StapRules.UNDECLARED_ARRAY, a.tok(), "unresolved arity-" + arity + " global array " + a.name()
                    + ", missing global declaration?");
        }
    }

    /** Declared parameter types of the function a call resolves to, when all its definitions agree. */
    private List<String> paramTypes(Ast.Call c) {
        List<String> types = null;
        List<Function> defs = new ArrayList<>(localFunctions.getOrDefault(c.name(), List.of()));
        index.function(c.name()).forEach(e -> defs.add(e.function()));
        for (Function f : defs) {
            if (f.params().size() != c.args().size()) {
                continue;
            }
            List<String> t = f.params().stream().map(Function.Param::type).toList();
            if (types == null) {
                types = t;
            } else if (!types.equals(t)) {
                return null;
            }
        }
        return types == null || types.contains(null) ? sanitize(types) : types;
    }

    private static List<String> sanitize(List<String> types) {
        return types == null ? null : types.stream().map(t -> t == null ? (String) null : t).toList();
    }

    /** The declared return type of a call's function when all its definitions agree. */
    private String declaredReturn(Ast.Call c) {
        String t = null;
        for (Function f : localFunctions.getOrDefault(c.name(), List.of())) {
            t = merge(t, f.returnType());
        }
        for (TapsetIndex.FunctionEntry f : index.function(c.name())) {
            t = merge(t, f.function().returnType());
        }
        return "?".equals(t) ? null : t;
    }

    private String position(Token t) {
        Span s = span(t);
        if (s == null) {
            return "?";
        }
        io.tapls.text.SourceText text = file.unit().text();
        return (text.lineOf(s.start()) + 1) + ":" + (s.start() - text.lineStart(text.lineOf(s.start())) + 1);
    }

    private void call(Ast.Call c) {
        List<Function> local = localFunctions.getOrDefault(c.name(), List.of());
        List<TapsetIndex.FunctionEntry> lib = index.function(c.name());
        if (local.isEmpty() && lib.isEmpty()) {
            if (!file.errors().isEmpty()) {
                return; // a declaration may have been lost in the parse error's recovery
            }
            Set<String> names = new HashSet<>(index.functions().keySet());
            names.addAll(localFunctions.keySet());
            List<String> sims = closest(c.name(), names, 5);
            report(StapRules.UNKNOWN_FUNCTION, c.tok(), "unresolved function " + c.name()
                    + (sims.isEmpty() ? "" : " (similar: " + String.join(", ", sims) + ")"));
            return;
        }
        int n = c.args().size();
        Set<Integer> arities = new java.util.TreeSet<>();
        local.forEach(f -> arities.add(f.params().size()));
        lib.forEach(e -> arities.add(e.function().params().size()));
        if (!arities.contains(n)) {
            report(StapRules.FUNCTION_ARITY, c.tok(), "arity mismatch found (function '" + c.name() + "' takes "
                    + arities.stream().map(String::valueOf).reduce((a, b) -> a + " or " + b).orElse("?") + " args)");
        }
    }

    private void print(Ast.PrintFormat p, Map<String, String> vars, Set<String> pointers,
            Map<String, String> certainVars) {
        if (p.format() == null) {
            return;
        }
        List<PrintFormat.Conversion> convs = PrintFormat.conversions(p.format());
        if (convs == null) {
            return;
        }
        List<String> expected = new ArrayList<>();
        List<PrintFormat.Conversion> owner = new ArrayList<>();
        for (PrintFormat.Conversion c : convs) {
            for (String t : c.argTypes()) {
                expected.add(t);
                owner.add(c);
            }
        }
        if (expected.size() != p.args().size()) {
            report(StapRules.PRINTF_ARGS, p.tok(), "Wrong number of args to formatted print operator (the format "
                    + "takes " + expected.size() + ", given " + p.args().size() + ")");
            return;
        }
        for (int i = 0; i < expected.size(); i++) {
            Expr a = p.args().get(i);
            String want = expected.get(i);
            if (want.equals("string") && a instanceof Ast.Sym s && pointers.contains(s.name())
                    && "long".equals(vars.getOrDefault(s.name(), "long"))) {
                Span sp = span(s.tok());
                if (sp == null) {
                    continue;
                }
                Diagnostic d = new Diagnostic(StapRules.STRING_FROM_POINTER, StapRules.STRING_FROM_POINTER
                        .defaultSeverity(), sp, "'" + owner.get(i).text() + "' given '" + s.name()
                        + "', a long holding a char* trace argument; read the string with user_string_n()",
                        List.of(Fix.replace("Read the string: user_string_n(" + s.name() + ", 512)", sp,
                                "user_string_n(" + s.name() + ", 512)")));
                out.add(d);
                continue;
            }
            if (a instanceof Ast.Index idx && idx.base() instanceof Ast.Sym arr) {
                String t = arrayTypes().get(arr.name());
                if (t != null && !t.equals(want)) {
                    report(StapRules.TYPE_MISMATCH, idx.tok(), "type mismatch (" + want + ") (the array's values are "
                            + t + ")");
                }
                continue;
            }
            String have = certainType(a);
            if (have == null && a instanceof Ast.Sym sym) {
                String t = certainVars.get(sym.name());
                have = "long".equals(t) || "string".equals(t) ? t : null;
            }
            if (have != null && !have.equals(want)) {
                report(StapRules.PRINTF_TYPE, a.tok(), "type mismatch: expected " + want + " but found " + have,
                        StapFixes.conversionFor(file.unit().content, formatSpan(p), owner.get(i), have));
            }
        }
    }

    /** A type tapls is sure of: literals, concatenation, arithmetic, declared function types. */
    private String certainType(Expr e) {
        if (e instanceof Ast.NumLit) {
            return "long";
        }
        if (e instanceof Ast.StrLit) {
            return "string";
        }
        if (e instanceof Ast.Binary b) {
            if (b.kind() == Ast.BinKind.CONCAT) {
                return "string";
            }
            if (b.kind() == Ast.BinKind.COMPARISON || b.kind() == Ast.BinKind.LOGICAL
                    || b.kind() == Ast.BinKind.SHIFT || b.kind() == Ast.BinKind.BITWISE
                    || b.kind() == Ast.BinKind.ARITH && !b.op().equals("+")) {
                return "long";
            }
        }
        if (e instanceof Ast.Call c) {
            String t = null;
            for (Function f : localFunctions.getOrDefault(c.name(), List.of())) {
                t = merge(t, f.returnType());
            }
            for (TapsetIndex.FunctionEntry f : index.function(c.name())) {
                t = merge(t, f.function().returnType());
            }
            return "?".equals(t) ? null : t;
        }
        return null;
    }

    private static String merge(String a, String b) {
        if (b == null) {
            return "?";
        }
        return a == null ? b : a.equals(b) ? a : "?";
    }

    // ---------------------------------------------------------------- helpers

    private Span span(Token t) {
        if (t == null) {
            return null;
        }
        Token where = t.site != null ? t.site : t;
        if (where.unit != file.unit()) {
            return null;
        }
        return new Span(where.start, where.end);
    }

    private void report(io.tapls.diag.Rule rule, Token t, String message) {
        report(rule, t, message, List.of());
    }

    private void report(io.tapls.diag.Rule rule, Token t, String message, List<Fix> fixes) {
        Span s = span(t);
        if (s != null) {
            Diagnostic d = new Diagnostic(rule, rule.defaultSeverity(), s, message, fixes);
            if ((library || latent) && d.severity() == io.tapls.diag.Severity.ERROR) {
                d = new Diagnostic(rule, io.tapls.diag.Severity.WARNING, s,
                        message + " (stap reports it only when a script uses this code)", fixes);
            }
            out.add(d);
        }
    }

    /**
     * Where a print call's format literal is in this file, when it is one literal written here (not pasted from
     * a macro, not several literals joined), so that offsets in the format are offsets in the file; else null.
     */
    private Span formatSpan(Ast.PrintFormat p) {
        Token f = p.formatTok();
        if (f == null || f.site != null || f.unit != file.unit() || !f.text.equals(p.format())) {
            return null;
        }
        return new Span(f.start, f.end);
    }

    static List<String> closest(String name, java.util.Collection<String> candidates, int max) {
        // like stap's levenshtein_suggest: the closest few, however far
        int limit = Math.max(name.length(), 8);
        record Scored(String s, int d) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String c : candidates) {
            if (Math.abs(c.length() - name.length()) > limit) {
                continue;
            }
            int d = levenshtein(name, c, limit);
            if (d <= limit) {
                scored.add(new Scored(c, d));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::d).thenComparing(Scored::s));
        return scored.stream().limit(max).map(Scored::s).toList();
    }

    static int levenshtein(String a, String b, int limit) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int best = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
                best = Math.min(best, cur[j]);
            }
            if (best > limit) {
                return limit + 1;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    // ---------------------------------------------------------------- tree walking

    static void walkStmt(Stmt s, Consumer<Expr> onExpr, Consumer<Stmt> onStmt) {
        if (s == null) {
            return;
        }
        onStmt.accept(s);
        if (s instanceof Ast.Block b) {
            b.stmts().forEach(x -> walkStmt(x, onExpr, onStmt));
        } else if (s instanceof Ast.ExprStmt e) {
            walkExpr(e.expr(), onExpr);
        } else if (s instanceof Ast.If i) {
            walkExpr(i.cond(), onExpr);
            walkStmt(i.then(), onExpr, onStmt);
            walkStmt(i.otherwise(), onExpr, onStmt);
        } else if (s instanceof Ast.For f) {
            walkStmt(f.init(), onExpr, onStmt);
            walkExpr(f.cond(), onExpr);
            walkStmt(f.incr(), onExpr, onStmt);
            walkStmt(f.body(), onExpr, onStmt);
        } else if (s instanceof Ast.Foreach f) {
            if (!(f.base() instanceof Ast.Sym)) {
                walkExpr(f.base(), onExpr);
            }
            f.slice().forEach(x -> walkExpr(x, onExpr));
            walkExpr(f.limit(), onExpr);
            walkStmt(f.body(), onExpr, onStmt);
        } else if (s instanceof Ast.While w) {
            walkExpr(w.cond(), onExpr);
            walkStmt(w.body(), onExpr, onStmt);
        } else if (s instanceof Ast.Return r) {
            walkExpr(r.value(), onExpr);
        } else if (s instanceof Ast.Delete d) {
            if (!(d.target() instanceof Ast.Sym)) {
                walkExpr(d.target(), onExpr);
            }
        } else if (s instanceof Ast.Try t) {
            walkStmt(t.body(), onExpr, onStmt);
            walkStmt(t.handler(), onExpr, onStmt);
        }
    }

    static void walkExpr(Expr e, Consumer<Expr> f) {
        if (e == null) {
            return;
        }
        f.accept(e);
        if (e instanceof Ast.Binary b) {
            walkExpr(b.left(), f);
            walkExpr(b.right(), f);
        } else if (e instanceof Ast.Unary u) {
            walkExpr(u.operand(), f);
        } else if (e instanceof Ast.Crement c) {
            walkExpr(c.operand(), f);
        } else if (e instanceof Ast.Ternary t) {
            walkExpr(t.cond(), f);
            walkExpr(t.whenTrue(), f);
            walkExpr(t.whenFalse(), f);
        } else if (e instanceof Ast.ArrayIn a) {
            a.indexes().forEach(x -> walkExpr(x, f));
            if (!(a.base() instanceof Ast.Sym)) {
                walkExpr(a.base(), f);
            }
        } else if (e instanceof Ast.Regex r) {
            walkExpr(r.left(), f);
        } else if (e instanceof Ast.Index i) {
            if (!(i.base() instanceof Ast.Sym)) {
                walkExpr(i.base(), f);
            }
            i.indexes().forEach(x -> walkExpr(x, f));
        } else if (e instanceof Ast.Call c) {
            c.args().forEach(x -> walkExpr(x, f));
        } else if (e instanceof Ast.PrintFormat p) {
            p.args().forEach(x -> walkExpr(x, f));
            if (p.hist() != null) {
                walkExpr(p.hist(), f);
            }
        } else if (e instanceof Ast.StatOp s) {
            if (!(s.stat() instanceof Ast.Sym)) {
                walkExpr(s.stat(), f);
            }
        } else if (e instanceof Ast.HistOp h) {
            if (!(h.stat() instanceof Ast.Sym)) {
                walkExpr(h.stat(), f);
            }
        } else if (e instanceof Ast.Target t) {
            walkExpr(t.operand(), f);
            t.components().forEach(c -> walkExpr(c.index(), f));
        } else if (e instanceof Ast.AtOp a) {
            if (!a.op().equals("@defined") && !a.op().equals("@probewrite")) {
                a.args().forEach(x -> walkExpr(x, f));
            }
        }
    }
}
