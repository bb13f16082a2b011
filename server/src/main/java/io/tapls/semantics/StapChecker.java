package io.tapls.semantics;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.Fix;
import io.tapls.index.TapsetIndex;
import io.tapls.stap.PpConfig;
import io.tapls.stap.PrintFormat;
import io.tapls.stap.StapFile;
import io.tapls.stap.StapReader;
import io.tapls.stap.StapRules;
import io.tapls.stap.SyntaxError;
import io.tapls.stap.TapsetPath;
import io.tapls.text.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The checks of one .stp/.stpm file: stap's pass-1 errors, then (unless --syntax-only) pass-2 checks. */
public final class StapChecker {
    private StapChecker() {
    }

    /**
     * The diagnostics of a file.
     *
     * @param roots  the tapset search path (the library's macros apply, and a file under a root is checked as a
     *               tapset: no "empty script", no unused-variable warnings)
     * @param target the configured stap target, whose preprocessor branches are the active ones
     * @param scriptArguments the values of $1, @1, ... ({@code stap FILE ARG...}); empty when none are configured,
     *               and then a script that uses them has its parse errors reported as warnings
     * @param index  what the file may use; null for pass 1 only (stap -p1)
     */
    public static List<Diagnostic> check(String path, String content, List<Path> roots, PpConfig target,
            List<String> scriptArguments, TapsetIndex index) {
        return check(path, content, roots, target, scriptArguments, index, false);
    }

    /**
     * The diagnostics of a file; {@code unoptimized}: elaborate as {@code stap -u} does (no elision of unused code
     * before types are checked), as a script whose first line runs {@code stap -u...} is always elaborated.
     */
    public static List<Diagnostic> check(String path, String content, List<Path> roots, PpConfig target,
            List<String> scriptArguments, TapsetIndex index, boolean unoptimized) {
        PpConfig config = target.forPath(Path.of(path).toAbsolutePath().toString());
        Path abs = Path.of(path).toAbsolutePath().normalize();
        List<String> args = scriptArguments.isEmpty() ? null : scriptArguments;
        StapFile file = index == null ? null : index.file(abs.toString(), content);
        if (file != null && args != null && file.takesArguments()) {
            file = null; // the index read it without the arguments
        }
        if (file == null) {
            file = StapReader.read(path, content, TapsetPath.libraryMacros(roots, config), config, args);
        }
        List<Diagnostic> out = new ArrayList<>(syntax(file));
        // a file in a directory named tapset is one by stap's convention (stap -I DIR/tapset), as are .stpm files
        boolean library = path.endsWith(".stpm")
                || roots.stream().anyMatch(r -> abs.startsWith(r.toAbsolutePath().normalize()))
                || abs.getParent() != null && abs.getParent().getFileName() != null
                        && abs.getParent().getFileName().toString().equals("tapset");
        if (file.emptiness() != null && !library) {
            out.add(Diagnostic.of(StapRules.EMPTY_SCRIPT, new Span(0, 0),
                    "Input file '" + path + "' is " + file.emptiness() + "."));
        }
        if (index == null) {
            out.removeIf(d -> !StapRules.syntax(d.rule()));
        } else {
            out.addAll(unusedArguments(file));
            if (library) {
                if (file.errors().isEmpty()) {
                    out.addAll(Pass2.checkTapset(file, index, roots, config));
                }
            } else if (file.errors().isEmpty()) {
                // stap stops after pass 1 when the script does not parse
                out.addAll(Pass2.check(file, index, roots, config, unoptimized));
            }
        }
        return out;
    }

    /**
     * stap's pass-2 warning for each argument the script never substitutes (the lexer records each $N/@N it
     * pastes in session.used_args, parse.cxx; a use in a skipped %( %) branch counts): "unused command line
     * option $2/@2". Only for a script that uses arguments at all, since the setting applies to every
     * script of the workspace, and not after a parse error (stap stops after pass 1 then).
     */
    private static List<Diagnostic> unusedArguments(StapFile file) {
        List<Diagnostic> out = new ArrayList<>();
        if (file.arguments() == null || !file.takesArguments() || !file.errors().isEmpty()) {
            return out;
        }
        for (int i = 1; i <= file.arguments().size(); i++) {
            if (!file.usedArguments().contains(i)) {
                out.add(Diagnostic.of(StapRules.UNUSED_ARGUMENT, new Span(0, 0),
                        "unused command line option $" + i + "/@" + i));
            }
        }
        return out;
    }

    /** The pass-1 diagnostics of a parsed file. */
    public static List<Diagnostic> syntax(StapFile file) {
        List<Diagnostic> out = new ArrayList<>();
        for (SyntaxError e : file.errors()) {
            out.add(toDiagnostic(file, e, false));
        }
        for (SyntaxError e : file.inactiveErrors()) {
            if (e.message().startsWith("attempt to redefine macro") || e.message().startsWith("duplicate global")
                    || e.message().startsWith("global versus private")) {
                continue; // two branches that exclude each other, both taken by the coverage parse
            }
            out.add(toDiagnostic(file, e, true));
        }
        for (SyntaxError w : file.warnings()) {
            out.add(Diagnostic.of(StapRules.MACRO_REDEFINES_BUILTIN, w.span(), w.message()));
        }
        return out;
    }

    private static Diagnostic toDiagnostic(StapFile file, SyntaxError e, boolean inactive) {
        String msg = oneLine(e.message());
        boolean format = msg.equals("invalid or missing conversion specifier")
                || msg.equals("trailing incomplete print format conversion");
        if (inactive) {
            return Diagnostic.of(StapRules.INACTIVE_PARSE_ERROR, e.span(),
                    msg + " (only in a preprocessor branch not taken for the configured target)");
        }
        if (format) {
            String text = file.unit().content;
            Span s = e.span();
            if (s.length() >= 2 && text.charAt(s.start()) == '"' && text.charAt(s.end() - 1) == '"') {
                String raw = text.substring(s.start() + 1, s.end() - 1);
                String fixed = PrintFormat.cToStap(raw);
                if (fixed != null) {
                    return Diagnostic.of(StapRules.PRINTF_FORMAT, s, msg,
                            Fix.replace("Use stap's conversions: \"" + fixed + "\"", s, "\"" + fixed + "\""));
                }
            }
            return Diagnostic.of(StapRules.PRINTF_FORMAT, s, msg);
        }
        if (file.takesArguments() && file.arguments() == null) {
            // stap pastes $1/@1 in as text before parsing; without their values this may be a false alarm
            return new Diagnostic(StapRules.PARSE_ERROR, io.tapls.diag.Severity.WARNING, e.span(),
                    msg + " (the script takes arguments: $1/@1 are pasted in as text before parsing)", List.of());
        }
        return Diagnostic.of(StapRules.PARSE_ERROR, e.span(), msg);
    }

    static String oneLine(String message) {
        return message.replaceAll("\\s*\\n\\s*", " ");
    }
}
