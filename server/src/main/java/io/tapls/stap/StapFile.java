package io.tapls.stap;

import java.util.List;
import java.util.Set;

/**
 * Everything tapls knows about one .stp/.stpm file: its declarations from every preprocessor branch
 * (each with the conditions that guard it), doc comments, and the syntax errors of the branch that is
 * active for the configured target ({@code errors}) and of the others ({@code inactiveErrors}).
 * {@code takesArguments}: the script uses $1/@1..., whose text stap pastes in before parsing.
 * {@code arguments}: the script arguments it was read with (substituted as stap does), or null when they
 * were not known; {@code usedArguments}: which of them (from 1) the file substitutes.
 * {@code emptiness}: "empty" (no tokens) or "empty after preprocessing" (none left for the parser in the
 * active branches), which stap rejects for a script; null otherwise.
 */
public record StapFile(String path, SourceUnit unit, List<Probe> probes, List<ProbeAlias> aliases,
        List<Function> functions, List<Global> globals, List<Macro> macros, List<Token> embedded,
        List<DocComment> docs, List<SyntaxError> errors, List<SyntaxError> inactiveErrors,
        List<SyntaxError> warnings, List<Preprocessor.CondInfo> conditionals, int runs,
        boolean takesArguments, List<String> arguments, Set<Integer> usedArguments, String emptiness) {
}
