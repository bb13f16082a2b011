package io.tapls.traceevents;

import static io.tapls.traceevents.TraceEventRules.CONST_ONLY_TYPE;
import static io.tapls.traceevents.TraceEventRules.DUPLICATE_EVENT;
import static io.tapls.traceevents.TraceEventRules.IGNORED_TEXT_AFTER_ARGUMENTS;
import static io.tapls.traceevents.TraceEventRules.INVALID_ARGUMENT_NAME;
import static io.tapls.traceevents.TraceEventRules.INVALID_EVENT_NAME;
import static io.tapls.traceevents.TraceEventRules.NON_PRI_MACRO;
import static io.tapls.traceevents.TraceEventRules.TEXT_AFTER_FORMAT;
import static io.tapls.traceevents.TraceEventRules.UNNAMED_ARGUMENT;
import static io.tapls.traceevents.TraceEventRules.UNTERMINATED_FORMAT;

import io.tapls.diag.Diagnostic;
import io.tapls.text.SourceText;
import io.tapls.text.Span;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What tracetool accepts silently but breaks later: in the generated C, in stap, or in tracetool's own
 * log-stap generator.
 */
final class BuildChecks {

    private BuildChecks() {
    }

    /**
     * An argument name as C takes it in a parameter list: an ASCII identifier, maybe an array ("buf[6]", which
     * tracetool accepts), maybe after a 'const' ("const char * const p" splits into "const char *" and "const p").
     */
    private static final java.util.regex.Pattern C_PARAMETER_NAME =
            java.util.regex.Pattern.compile("(const\\s+)?[A-Za-z_][A-Za-z0-9_]*(\\[[A-Za-z0-9_ +*]*\\])*");

    static void checkFile(TraceEventsFile file, List<Diagnostic> out) {
        Duplicates d = new Duplicates();
        for (TraceEvent e : file.events()) {
            d.add(e, out);
        }
    }

    /** Events declared twice, seen one event at a time: only each name's first line is kept. */
    static final class Duplicates {
        private final Map<String, Integer> firstLine = new HashMap<>();

        void add(TraceEvent e, List<Diagnostic> out) {
            add(new Named(e.name(), e.line(), e.nameSpan()), out);
        }

        void add(Named e, List<Diagnostic> out) {
            Integer previous = firstLine.putIfAbsent(e.name(), e.line());
            if (previous != null) {
                out.add(Diagnostic.of(DUPLICATE_EVENT, e.nameSpan(), "event '" + e.name() + "' is already declared"
                        + " on line " + (previous + 1) + ": the generated C would define trace_" + e.name()
                        + "() twice"));
            }
        }
    }

    /** What the duplicate check needs of an event. */
    record Named(String name, int line, Span nameSpan) {
    }

    static void check(SourceText text, TraceEvent e, List<Diagnostic> out) {
        String name = e.name();
        if (Character.isDigit(name.charAt(0))) {
            out.add(Diagnostic.of(INVALID_EVENT_NAME, e.nameSpan(), "event name '" + name + "' starts with a digit:"
                    + " it is not a C identifier, and stap cannot parse the probe names generated from it"));
        } else if (!name.chars().allMatch(c -> c < 128)) {
            out.add(Diagnostic.of(INVALID_EVENT_NAME, e.nameSpan(), "event name '" + name + "' has non-ASCII"
                    + " characters: stap cannot parse the probe names generated from it"));
        }
        for (Argument a : e.arguments()) {
            if (a.text().isEmpty() || a.splitError()) {
                continue;
            }
            if (a.name().isEmpty()) {
                out.add(Diagnostic.of(UNNAMED_ARGUMENT, a.span(), "argument '" + a.text() + "' has no name: the"
                        + " generated trace function would have an unnamed parameter"));
            } else if (!C_PARAMETER_NAME.matcher(a.name()).matches()) {
                // tracetool takes anything after the type as the name ("int x%d", "int 1x"): the C does not compile,
                // stap cannot parse the tapsets, and tracetool's stap generator puts the name through Python's %
                out.add(Diagnostic.of(INVALID_ARGUMENT_NAME, a.nameSpan(), "argument name '" + a.name() + "' is not"
                        + " a C identifier: the generated trace function would not compile"));
            }
            if (a.type().replace("const", "").replace("*", "").isBlank()) {
                out.add(Diagnostic.of(CONST_ONLY_TYPE, a.typeSpan(), "argument '" + a.text() + "' has no type"
                        + " besides 'const'" + (a.isPointer() ? "" : ": '" + a.name() + "' would be taken as a type name")));
            }
        }
        if (e.junk() != null) {
            out.add(Diagnostic.of(IGNORED_TEXT_AFTER_ARGUMENTS, e.junk(), "text after ')' is not a format string:"
                    + " tracetool ignores it, and the event has no format"));
        }
        boolean after = false;
        for (FormatPiece p : e.format().pieces()) {
            switch (p.kind()) {
                case UNTERMINATED_STRING -> out.add(Diagnostic.of(UNTERMINATED_FORMAT,
                        new Span(p.span().start(), p.span().end()), "missing terminating '\"' character"));
                case OTHER -> {
                    if (!after) {
                        Span rest = trimmedRest(text, p.span().start(), e.span().end());
                        out.add(Diagnostic.of(TEXT_AFTER_FORMAT, rest, textAfterMessage(text.slice(rest))));
                    }
                    after = true;
                }
                case MACRO -> {
                    if (!after && !FormatStringParser.isPriMacro(p.text())) {
                        // tracetool's c_macro_to_format takes any name starting with "PRI" (its fourth character
                        // is the conversion) and fails on the others
                        out.add(Diagnostic.of(NON_PRI_MACRO, p.span(), "'" + p.text() + "' is not a PRI macro of"
                                + " <inttypes.h>: " + (p.text().startsWith("PRI")
                                ? "the generated C would not compile"
                                : "tracetool's log-stap generator fails on it (Unhandled macro '" + p.text() + "')")));
                    }
                }
                default -> { }
            }
        }
    }

    private static String textAfterMessage(String rest) {
        if (rest.equals("\\")) {
            return "a trailing '\\' does not continue the line: every event is one line";
        }
        if (rest.startsWith("#")) {
            return "comments must be on a line of their own: tracetool keeps '" + rest + "' in the format, and its"
                    + " log-stap generator fails on it (Unhandled macro '#')";
        }
        int c = rest.codePointAt(0);
        // an invisible character (a no-break space, a control character) is named, not printed
        String shown = c > ' ' && c < 0x7f || Character.isLetterOrDigit(c) ? "'" + Character.toString(c) + "'"
                : String.format("U+%04X", c);
        return "unexpected " + shown + " after the format string: only string literals and PRI macros may follow";
    }

    private static Span trimmedRest(SourceText text, int start, int end) {
        // only what separates the format's tokens (a space, a tab): a trailing no-break space is text too
        while (end > start && (text.text().charAt(end - 1) == ' ' || text.text().charAt(end - 1) == '\t')) {
            end--;
        }
        return new Span(start, end);
    }
}
