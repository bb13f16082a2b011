package io.tapls.semantics;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.Fix;
import io.tapls.diag.Rule;
import io.tapls.diag.Severity;
import io.tapls.index.TapsetIndex;
import io.tapls.stap.Ast;
import io.tapls.stap.PpConfig;
import io.tapls.stap.PrintFormat;
import io.tapls.stap.Probe;
import io.tapls.stap.ProbePoint;
import io.tapls.stap.StapFile;
import io.tapls.stap.StapRules;
import io.tapls.stap.Token;
import io.tapls.text.SourceText;
import io.tapls.text.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A script's pass-2 diagnostics: what {@link Elaborator} finds, as stap prints it (its message, at the token it
 * names), each under the rule of its kind, with the fixes tapls knows for some (the printf conversion that fits,
 * the literal of the parameter's type, user_string_n for a char* trace argument).
 */
final class Pass2 {
    private Pass2() {
    }

    /** Whether a script's first line asks stap for unoptimised elaboration ({@code #! stap -u...}, stap -u). */
    static boolean unoptimizedByShebang(String content) {
        if (!content.startsWith("#!")) {
            return false;
        }
        int nl = content.indexOf('\n');
        String line = nl < 0 ? content : content.substring(0, nl);
        String[] words = line.substring(2).trim().split("\\s+");
        boolean stap = false;
        for (String w : words) {
            if (!stap) {
                stap = w.equals("stap") || w.endsWith("/stap");
                continue;
            }
            if (!w.startsWith("-") || w.startsWith("--")) {
                continue;
            }
            for (int i = 1; i < w.length(); i++) {
                char c = w.charAt(i);
                if (c == 'u') {
                    return true;
                }
                // options that take an argument: the rest of the word is it
                if ("pIDRrmocxesaBSGdTF".indexOf(c) >= 0) {
                    break;
                }
            }
        }
        return false;
    }

    static List<Diagnostic> check(StapFile file, TapsetIndex index, List<Path> roots, PpConfig config,
            boolean unoptimized) {
        LibraryCode lib = new LibraryCode(index, roots, config);
        lib.checking(file);
        Elaborator e = Elaborator.run(file, lib, unoptimized || unoptimizedByShebang(file.unit().content));
        List<Diagnostic> out = new Converter(file, index).convert(e);
        if (!file.conditionals().isEmpty()) {
            // which probes a script has depends then on the target's kernel: not an error tapls can be sure of
            out = out.stream().map(d -> d.rule() == StapRules.NO_PROBES ? d.withSeverity(Severity.WARNING) : d)
                    .toList();
        }
        return out;
    }

    /**
     * A tapset file: stap elaborates its code only when a script uses it, so what tapls finds there (as if a
     * script used all of it) are warnings.
     */
    static List<Diagnostic> checkTapset(StapFile file, TapsetIndex index, List<Path> roots, PpConfig config) {
        LibraryCode lib = new LibraryCode(index, roots, config);
        lib.checking(file);
        Elaborator e = Elaborator.run(file, lib, false, true);
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : new Converter(file, index).convert(e)) {
            if (d.severity() == Severity.ERROR) {
                out.add(new Diagnostic(d.rule(), Severity.WARNING, d.span(),
                        d.message() + " (stap reports it only when a script uses this code)", d.fixes()));
            } else if (d.rule() != StapRules.PROBE_ELIDED) {
                out.add(d);
            }
        }
        return out;
    }

    private static final class Converter {
        private final StapFile file;
        private final TapsetIndex index;
        private final SourceText text;
        /** Print-family arguments: the call and the conversion that takes each. */
        private final Map<Token, Object[]> printArgs = new IdentityHashMap<>();
        /** Literal arguments of function calls. */
        private final Set<Token> callLiterals = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        /** Variables holding a char* trace argument, by the tokens that read them. */
        private final Set<Token> pointerReads = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

        Converter(StapFile file, TapsetIndex index) {
            this.file = file;
            this.index = index;
            this.text = file.unit().text();
            for (Probe p : file.probes()) {
                Set<String> pointers = new HashSet<>();
                for (ProbePoint pt : p.points()) {
                    pointers.addAll(index.charPointers(pt.name()));
                }
                scan(p.body(), pointers);
            }
            for (io.tapls.stap.Function f : file.functions()) {
                scan(f.body(), Set.of());
            }
        }

        private void scan(Ast.Stmt body, Set<String> pointers) {
            AstWalk.walkStmt(body, e -> {
                if (e instanceof Ast.PrintFormat p && p.format() != null) {
                    List<PrintFormat.Conversion> convs = PrintFormat.conversions(p.format());
                    if (convs != null) {
                        int i = 0;
                        for (PrintFormat.Conversion c : convs) {
                            for (int k = 0; k < c.argTypes().size(); k++) {
                                if (i < p.args().size()) {
                                    Ast.Expr a = p.args().get(i);
                                    printArgs.put(a.tok(), new Object[] {p, c});
                                    if (a instanceof Ast.Sym s && pointers.contains(s.name())
                                            && c.argTypes().get(k).equals("string")) {
                                        pointerReads.add(a.tok());
                                    }
                                }
                                i++;
                            }
                        }
                    }
                } else if (e instanceof Ast.Call c) {
                    for (Ast.Expr a : c.args()) {
                        if (a instanceof Ast.NumLit || a instanceof Ast.StrLit) {
                            callLiterals.add(a.tok());
                        }
                    }
                }
            }, s -> {
            });
        }

        List<Diagnostic> convert(Elaborator e) {
            List<Diagnostic> out = new ArrayList<>();
            for (SemError err : e.errors) {
                Diagnostic d = error(e, err);
                if (d != null) {
                    out.add(d);
                }
            }
            for (SemError w : e.warnings) {
                Rule rule = w.msg.startsWith("never-assigned") ? StapRules.NEVER_ASSIGNED
                        : w.msg.startsWith("Probe '") ? StapRules.PROBE_ELIDED : null;
                Span s = span(w.tok);
                if (rule != null && s != null) {
                    out.add(new Diagnostic(rule, Severity.WARNING, s, w.msg.strip(), List.of()));
                }
            }
            return out;
        }

        private Diagnostic error(Elaborator e, SemError err) {
            // stap's wrappers: the error that caused them is the one to show
            while ((err.msg.startsWith("while processing ") || err.msg.equals("while resolving probe point"))
                    && err.chain != null) {
                SemError cause = err.chain;
                if (cause.tok == null && err.tok != null) {
                    String note = cause.note;
                    cause = new SemError(cause.msg, err.tok, cause.chain);
                    cause.note = note;
                }
                err = cause;
            }
            String msg = err.msg.strip();
            if (msg.isEmpty()) {
                return null;
            }
            Rule rule = rule(msg);
            Span span;
            String extra = "";
            if (err.tok == null) {
                span = new Span(0, 0);
            } else {
                span = span(err.tok);
                if (span == null) {
                    // in the library: shown where the script's part of it is, if anywhere
                    if (err.chain != null && err.chain.tok != null && span(err.chain.tok) != null) {
                        span = span(err.chain.tok);
                        extra = " (at " + where(err.tok) + "; " + err.chain.msg + ")";
                        if (printArgs.containsKey(err.chain.tok)) {
                            rule = StapRules.PRINTF_TYPE;
                        }
                        return new Diagnostic(rule, Severity.ERROR, span, msg + extra, List.of());
                    }
                    return null;
                }
            }
            if (err.chain != null && err.chain.tok != null && !err.chain.msg.isEmpty()) {
                extra = " (" + err.chain.msg + " at " + where(err.chain.tok) + ")";
            }
            if (err.note != null) {
                extra += " (" + err.note + ")";
            }
            List<Fix> fixes = List.of();
            Token at = err.tok == null ? null : err.tok.site != null ? err.tok.site : err.tok;
            if (at != null && msg.startsWith("type mismatch")) {
                if (pointerReads.contains(err.tok)) {
                    Span s = span;
                    String name = file.unit().content.substring(s.start(), s.end());
                    return new Diagnostic(StapRules.STRING_FROM_POINTER, StapRules.STRING_FROM_POINTER
                            .defaultSeverity(), s, msg + extra + " (read the string of the char* trace argument '"
                                    + name + "' with user_string_n())",
                            List.of(Fix.replace("Read the string: user_string_n(" + name + ", 512)", s,
                                    "user_string_n(" + name + ", 512)")));
                }
                Object[] pa = printArgs.get(err.tok);
                if (pa != null) {
                    rule = StapRules.PRINTF_TYPE;
                    String have = msg.endsWith("found string") ? "string" : msg.endsWith("found long") ? "long"
                            : msg.startsWith("type mismatch (long)") ? "string"
                            : msg.startsWith("type mismatch (string)") ? "long" : null;
                    if (have != null) {
                        fixes = StapFixes.conversionFor(file.unit().content, formatSpan((Ast.PrintFormat) pa[0]),
                                (PrintFormat.Conversion) pa[1], have);
                    }
                } else if (callLiterals.contains(err.tok) && msg.startsWith("type mismatch: expected ")) {
                    // against a declared parameter stap words it the other way round: "expected" is what the
                    // argument is, "found" what the parameter is
                    String want = msg.endsWith("found string") ? "string" : "long";
                    fixes = StapFixes.literalFor(file.unit().content, span, want);
                }
            }
            return new Diagnostic(rule, rule.defaultSeverity(), span, msg + extra, fixes);
        }

        private static Rule rule(String msg) {
            if (msg.startsWith("Wrong number of args to formatted print")) {
                return StapRules.PRINTF_ARGS;
            }
            if (msg.startsWith("type mismatch") || msg.startsWith("index ")) {
                return StapRules.TYPE_MISMATCH;
            }
            if (msg.startsWith("unresolved function")) {
                return StapRules.UNKNOWN_FUNCTION;
            }
            if (msg.startsWith("arity mismatch found")) {
                return StapRules.FUNCTION_ARITY;
            }
            if (msg.startsWith("probe point mismatch: didn't find any wildcard")) {
                return StapRules.WILDCARD_NO_MATCH;
            }
            if (msg.startsWith("probe point") || msg.startsWith("invalid suffix") || msg.equals("no match")
                    || msg.startsWith("recursive loop")) {
                return StapRules.UNKNOWN_PROBE_POINT;
            }
            if (msg.startsWith("unresolved type")) {
                return StapRules.UNRESOLVED_TYPE;
            }
            if (msg.startsWith("unresolved arity-") || msg.startsWith("array locals")
                    || msg.startsWith("unresolved array")) {
                return StapRules.UNDECLARED_ARRAY;
            }
            if (msg.startsWith("inconsistent arity")) {
                return StapRules.INCONSISTENT_ARITY;
            }
            if (msg.startsWith("stat locals") || msg.startsWith("invalid type stats")
                    || msg.startsWith("multiple histogram") || msg.startsWith("bit shift")
                    || msg.startsWith("conflicting bit") || msg.startsWith("unable to infer statistic")
                    || msg.startsWith("Aggregates not available")) {
                return StapRules.AGGREGATE;
            }
            if (msg.contains("during 'foreach' iteration")) {
                return StapRules.FOREACH_MODIFIED;
            }
            if (msg.startsWith("regex compilation error")) {
                return StapRules.REGEX;
            }
            if (msg.startsWith("probe condition")) {
                return StapRules.PROBE_CONDITION;
            }
            if (msg.equals("no probes found")) {
                return StapRules.NO_PROBES;
            }
            return StapRules.SEMANTIC_ERROR;
        }

        /** The format literal's span when it is one literal written here, else null. */
        private Span formatSpan(Ast.PrintFormat p) {
            Token f = p.formatTok();
            if (f == null || f.site != null || f.unit != file.unit() || !f.text.equals(p.format())) {
                return null;
            }
            return new Span(f.start, f.end);
        }

        private Span span(Token t) {
            if (t == null) {
                return null;
            }
            Token w = t.site != null ? t.site : t;
            if (w.unit != file.unit()) {
                return null;
            }
            return new Span(w.start, w.end);
        }

        /** line:column in this file, file:line:column elsewhere. */
        private String where(Token t) {
            Token w = t.site != null ? t.site : t;
            SourceText st = w.unit == file.unit() ? text : w.unit.text();
            int line = st.lineOf(w.start);
            String lc = (line + 1) + ":" + (w.start - st.lineStart(line) + 1);
            if (w.unit == file.unit()) {
                return lc;
            }
            String p = w.unit.path;
            return p.substring(p.lastIndexOf('/') + 1) + ":" + lc;
        }
    }
}
