package io.tapls.traceevents;

import static io.tapls.diag.Severity.ERROR;
import static io.tapls.diag.Severity.WARNING;

import io.tapls.diag.Rule;
import java.util.List;

/** Every check on trace-events files, with its stable id. */
public final class TraceEventRules {
    private TraceEventRules() {
    }

    // What QEMU's tracetool rejects (spec/tracetool.md A.1-A.7).
    public static final Rule MISSING_FINAL_NEWLINE = new Rule("missing-final-newline", ERROR, "tracetool",
            "the file's last line has no line terminator");
    public static final Rule EVENT_SYNTAX = new Rule("event-syntax", ERROR, "tracetool",
            "a line is not a comment and not of the form [disable] name(type arg, ...) \"format\"");
    public static final Rule FORMAT_PERCENT_M = new Rule("format-percent-m", ERROR, "tracetool",
            "the format contains '%m'");
    public static final Rule FORMAT_TRAILING_NEWLINE = new Rule("format-trailing-newline", ERROR, "tracetool",
            "the format ends with \\n");
    public static final Rule FORMAT_EMBEDDED_NEWLINE = new Rule("format-embedded-newline", ERROR, "tracetool",
            "the format contains \\n (QEMU 9.1 and later)");
    public static final Rule EMPTY_ARGUMENT = new Rule("empty-argument", ERROR, "tracetool",
            "an argument is empty, as in foo() or foo(int x,)");
    public static final Rule ARGUMENT_WITHOUT_NAME = new Rule("argument-without-name", ERROR, "tracetool",
            "a non-pointer argument has a type but no name");
    public static final Rule DISALLOWED_TYPE = new Rule("disallowed-type", ERROR, "tracetool",
            "an argument type is not a standard C or fixed-size integer type");
    public static final Rule TOO_MANY_ARGUMENTS = new Rule("too-many-arguments", ERROR, "tracetool",
            "an event has more than 10 arguments");
    public static final Rule UNKNOWN_PROPERTY = new Rule("unknown-property", ERROR, "tracetool",
            "a property other than 'disable' (or 'vcpu'/'tcg' in older QEMU)");

    // What tracetool accepts but the generated code or SystemTap would not.
    public static final Rule DUPLICATE_EVENT = new Rule("duplicate-event", ERROR, "build",
            "two events in one file have the same name");
    public static final Rule INVALID_EVENT_NAME = new Rule("invalid-event-name", ERROR, "build",
            "an event name is not a C identifier that stap can parse (e.g. starts with a digit)");
    public static final Rule INVALID_ARGUMENT_NAME = new Rule("invalid-argument-name", ERROR, "build",
            "an argument name is not an ASCII C identifier (the generated trace function would not compile)");
    public static final Rule UNNAMED_ARGUMENT = new Rule("unnamed-argument", ERROR, "build",
            "a pointer argument has no name (tracetool accepts 'void *')");
    public static final Rule CONST_ONLY_TYPE = new Rule("const-only-type", ERROR, "build",
            "an argument type has nothing but 'const'");
    public static final Rule UNTERMINATED_FORMAT = new Rule("unterminated-format", ERROR, "build",
            "a string literal in the format has no closing quote");
    public static final Rule TEXT_AFTER_FORMAT = new Rule("text-after-format", ERROR, "build",
            "text after the format string that is neither a string nor a PRI macro (e.g. a # comment)");
    public static final Rule NON_PRI_MACRO = new Rule("non-pri-macro", ERROR, "build",
            "a macro in the format that is not a PRI* macro of <inttypes.h> (the C does not compile; tracetool's"
                    + " log-stap crashes on one not starting with PRI)");
    public static final Rule IGNORED_TEXT_AFTER_ARGUMENTS = new Rule("ignored-text-after-arguments", WARNING,
            "tracetool", "text after ')' that is not a format string: tracetool drops it and the format with it");

    // The format string against the arguments, as the C compiler checks the log backend's printf.
    public static final Rule FORMAT_ARGUMENT_COUNT = new Rule("format-argument-count", ERROR, "compiler",
            "the number of conversions differs from the number of arguments");
    public static final Rule FORMAT_TYPE_MISMATCH = new Rule("format-type-mismatch", ERROR, "compiler",
            "a conversion does not match its argument's type");
    public static final Rule FORMAT_NOT_PORTABLE = new Rule("format-not-portable", WARNING, "compiler",
            "a conversion matches only on 64-bit hosts, e.g. '%lx' for uint64_t where PRIx64 is portable"
                    + " (off by default: such formats build on 64-bit hosts, and QEMU's own tree has some)",
            false);
    public static final Rule FORMAT_INVALID_CONVERSION = new Rule("format-invalid-conversion", ERROR, "compiler",
            "an unknown, incomplete or forbidden printf conversion");

    // checkpatch.pl (applied to new lines only by checkpatch; reported as warnings here).
    public static final Rule CHECKPATCH_HASH_FLAG = new Rule("checkpatch-hash-flag", WARNING, "checkpatch",
            "the '#' printf flag; use a '0x' prefix");
    public static final Rule CHECKPATCH_HEX_PREFIX = new Rule("checkpatch-hex-prefix", WARNING, "checkpatch",
            "a hex conversion without a '0x' prefix (groups separated by . : / and space are exempt)");
    public static final Rule CHECKPATCH_TRAILING_WHITESPACE = new Rule("checkpatch-trailing-whitespace", WARNING,
            "checkpatch", "whitespace at the end of a line");
    public static final Rule CHECKPATCH_DOS_LINE_ENDINGS = new Rule("checkpatch-dos-line-endings", WARNING,
            "checkpatch", "a line ends in \\r\\n");

    // What QEMU's scripts/cleanup-trace-events.pl would delete (checked against the C files on disk).
    public static final Rule UNUSED_EVENT = new Rule("unused-event", WARNING, "cleanup-trace-events.pl",
            "no C file in the event's directory or the directories just below it uses the event (trace_foo(),"
                    + " TRACE_FOO, QEMU_FOO(), ...): cleanup-trace-events.pl would delete it; checked only where"
                    + " that scope holds C files");

    public static final List<Rule> ALL = List.of(
            MISSING_FINAL_NEWLINE, EVENT_SYNTAX, FORMAT_PERCENT_M, FORMAT_TRAILING_NEWLINE, FORMAT_EMBEDDED_NEWLINE,
            EMPTY_ARGUMENT, ARGUMENT_WITHOUT_NAME, DISALLOWED_TYPE, TOO_MANY_ARGUMENTS, UNKNOWN_PROPERTY,
            DUPLICATE_EVENT, INVALID_EVENT_NAME, INVALID_ARGUMENT_NAME, UNNAMED_ARGUMENT, CONST_ONLY_TYPE, UNTERMINATED_FORMAT,
            TEXT_AFTER_FORMAT, NON_PRI_MACRO, IGNORED_TEXT_AFTER_ARGUMENTS,
            FORMAT_ARGUMENT_COUNT, FORMAT_TYPE_MISMATCH, FORMAT_NOT_PORTABLE, FORMAT_INVALID_CONVERSION,
            CHECKPATCH_HASH_FLAG, CHECKPATCH_HEX_PREFIX, CHECKPATCH_TRAILING_WHITESPACE, CHECKPATCH_DOS_LINE_ENDINGS,
            UNUSED_EVENT);
}
