package io.tapls.stap;

import static io.tapls.diag.Severity.ERROR;
import static io.tapls.diag.Severity.INFO;
import static io.tapls.diag.Severity.WARNING;

import io.tapls.diag.Rule;
import java.util.List;

/** Every check on SystemTap scripts and tapsets (.stp, .stpm), with its stable id. */
public final class StapRules {
    private StapRules() {
    }

    // What stap's pass 1 (parse) reports; --syntax-only runs exactly these.
    public static final Rule PARSE_ERROR = new Rule("stap-parse-error", ERROR, "stap pass 1",
            "a parse error, with stap's message, in the preprocessor branches taken for the configured target");
    public static final Rule PRINTF_FORMAT = new Rule("stap-printf-format", ERROR, "stap pass 1",
            "a printf/sprintf format stap rejects (%lld, %zu, %hd, %f, two flags, a lone %), with the stap fix");
    public static final Rule EMPTY_SCRIPT = new Rule("stap-empty-script", ERROR, "stap pass 1",
            "a script (not a tapset) with no tokens, or none left after preprocessing for the configured target");
    public static final Rule INACTIVE_PARSE_ERROR = new Rule("stap-parse-error-inactive-branch", INFO, "tapls",
            "a parse error only in a %( %? %: %) branch that is not taken for the configured target");
    public static final Rule MACRO_REDEFINES_BUILTIN = new Rule("stap-macro-redefines-builtin", WARNING,
            "stap pass 1", "an @define redefines a built-in @-operator such as @cast");

    // What stap's pass 2 (elaboration) reports, where tapls can know it without a kernel.
    public static final Rule UNUSED_ARGUMENT = new Rule("stap-unused-argument", WARNING, "stap pass 2",
            "a configured script argument ($N/@N) that a script using arguments never uses");
    public static final Rule PRINTF_ARGS = new Rule("stap-printf-arg-count", ERROR, "stap pass 2",
            "a print-family call has more or fewer arguments than its format's conversions");
    public static final Rule PRINTF_TYPE = new Rule("stap-printf-arg-type", ERROR, "stap pass 2",
            "a printf argument's type (long/string) does not match its conversion");
    public static final Rule UNKNOWN_FUNCTION = new Rule("stap-unknown-function", ERROR, "stap pass 2",
            "a call to a function that neither the file nor the tapset library defines");
    public static final Rule FUNCTION_ARITY = new Rule("stap-function-arity", ERROR, "stap pass 2",
            "a call with a number of arguments no definition of the function takes");
    public static final Rule UNKNOWN_PROBE_POINT = new Rule("stap-unknown-probe-point", ERROR, "stap pass 2",
            "a probe point under a known alias prefix that no alias defines (unless marked '?' or '!')");
    public static final Rule WILDCARD_NO_MATCH = new Rule("stap-wildcard-no-match", ERROR, "stap pass 2",
            "a wildcard probe point under a known alias prefix that matches no indexed alias");
    public static final Rule NEVER_ASSIGNED = new Rule("stap-never-assigned-local", WARNING, "stap pass 2",
            "a local variable that is read but never assigned");
    public static final Rule TYPE_MISMATCH = new Rule("stap-type-mismatch", ERROR, "stap pass 2",
            "a local used with two types (long and string), e.g. assigned a string and printed with %d");
    public static final Rule UNRESOLVED_TYPE = new Rule("stap-unresolved-type", ERROR, "stap pass 2",
            "a never-assigned local whose type nothing determines");
    public static final Rule UNDECLARED_ARRAY = new Rule("stap-undeclared-array", ERROR, "stap pass 2",
            "an array that is not declared global (stap has no local arrays)");
    public static final Rule STRING_FROM_POINTER = new Rule("stap-string-from-pointer", ERROR, "stap pass 2",
            "'%s' given a long that holds a char* trace argument (stap: type mismatch): read the string with "
                    + "user_string_n()");

    public static final Rule INCONSISTENT_ARITY = new Rule("stap-inconsistent-arity", ERROR, "stap pass 2",
            "an array used with different numbers of indexes, or a scalar used as an array (or the other way round)");
    public static final Rule AGGREGATE = new Rule("stap-aggregate", ERROR, "stap pass 2",
            "a statistic (<<<, @count, @hist_*) misused: a local aggregate, an aggregate used as a value or a value "
                    + "as an aggregate, two histogram types on one statistic");
    public static final Rule FOREACH_MODIFIED = new Rule("stap-foreach-modified", ERROR, "stap pass 2",
            "an array modified while a foreach iterates it, directly or by a function the loop calls");
    public static final Rule REGEX = new Rule("stap-regex", ERROR, "stap pass 2",
            "a regular expression after =~ or !~ that stap cannot compile");
    public static final Rule PROBE_CONDITION = new Rule("stap-probe-condition", ERROR, "stap pass 2",
            "a probe point's 'if (cond)' that writes a variable, calls a function or names a local");
    public static final Rule NO_PROBES = new Rule("stap-no-probes", ERROR, "stap pass 2",
            "no probe is left once stap has removed those whose bodies do nothing");
    public static final Rule PROBE_ELIDED = new Rule("stap-probe-elided", WARNING, "stap pass 2",
            "a probe whose body has no effect, which stap removes");
    public static final Rule SEMANTIC_ERROR = new Rule("stap-semantic-error", ERROR, "stap pass 2",
            "another error of stap's pass 2 that needs no kernel ($var in a probe without context variables, "
                    + "@entry outside a return probe, an unknown probe-point suffix...)");

    public static final List<Rule> ALL = List.of(PARSE_ERROR, PRINTF_FORMAT, EMPTY_SCRIPT, INACTIVE_PARSE_ERROR,
            MACRO_REDEFINES_BUILTIN, UNUSED_ARGUMENT, PRINTF_ARGS, PRINTF_TYPE, UNKNOWN_FUNCTION, FUNCTION_ARITY, UNKNOWN_PROBE_POINT,
            WILDCARD_NO_MATCH, NEVER_ASSIGNED, TYPE_MISMATCH, UNRESOLVED_TYPE, UNDECLARED_ARRAY, STRING_FROM_POINTER,
            INCONSISTENT_ARITY, AGGREGATE, FOREACH_MODIFIED, REGEX, PROBE_CONDITION, NO_PROBES, PROBE_ELIDED,
            SEMANTIC_ERROR);

    /** The rules stap's pass 1 corresponds to: what --syntax-only reports. */
    public static boolean syntax(Rule r) {
        return r == PARSE_ERROR || r == PRINTF_FORMAT || r == EMPTY_SCRIPT;
    }
}
