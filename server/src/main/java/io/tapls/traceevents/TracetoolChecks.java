package io.tapls.traceevents;

import static io.tapls.traceevents.TraceEventRules.ARGUMENT_WITHOUT_NAME;
import static io.tapls.traceevents.TraceEventRules.DISALLOWED_TYPE;
import static io.tapls.traceevents.TraceEventRules.EMPTY_ARGUMENT;
import static io.tapls.traceevents.TraceEventRules.FORMAT_EMBEDDED_NEWLINE;
import static io.tapls.traceevents.TraceEventRules.FORMAT_PERCENT_M;
import static io.tapls.traceevents.TraceEventRules.FORMAT_TRAILING_NEWLINE;
import static io.tapls.traceevents.TraceEventRules.TOO_MANY_ARGUMENTS;
import static io.tapls.traceevents.TraceEventRules.UNKNOWN_PROPERTY;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.Fix;
import io.tapls.text.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** tracetool's own rules for one event (Event.build, Arguments.build, validate_type), with its texts. */
final class TracetoolChecks {
    static final Set<String> ALLOWED_TYPES = Set.of("int", "long", "short", "char", "bool", "unsigned", "signed",
            "int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t", "uint32_t", "int64_t", "uint64_t", "void",
            "size_t", "ssize_t", "uintptr_t", "ptrdiff_t");
    static final int MAX_ARGUMENTS = 10;

    private TracetoolChecks() {
    }

    static void check(TraceEvent event, QemuVersion version, List<Diagnostic> out) {
        FormatString fmt = event.format();
        String raw = fmt.raw();
        int at = raw.indexOf("%m");
        if (at >= 0) {
            out.add(Diagnostic.of(FORMAT_PERCENT_M, sub(fmt, at, at + 2),
                    "Event format '%m' is forbidden, pass the error as an explicit trace argument"));
        }
        if (raw.endsWith("\\n\"")) {
            int s = raw.length() - 3;
            out.add(Diagnostic.of(FORMAT_TRAILING_NEWLINE, sub(fmt, s, s + 2),
                    "Event format must not end with a newline character",
                    Fix.replace("Remove the trailing \\n", sub(fmt, s, s + 2), "")));
        } else if (raw.contains("\\n") && version.rejectsEmbeddedNewline()) {
            int s = raw.indexOf("\\n");
            out.add(Diagnostic.of(FORMAT_EMBEDDED_NEWLINE, sub(fmt, s, s + 2),
                    "Event format must not use new line character"));
        }
        int count = 0;
        for (Argument a : event.arguments()) {
            count++;
            if (a.text().isEmpty()) {
                out.add(Diagnostic.of(EMPTY_ARGUMENT, a.span(), "Empty argument (did you forget to use 'void'?)"));
                continue;
            }
            if (a.splitError()) {
                out.add(Diagnostic.of(ARGUMENT_WITHOUT_NAME, a.span(), "argument '" + a.text() + "' has a type but"
                        + " no name: write '" + a.text() + " name' (tracetool fails with \"not enough values to"
                        + " unpack\")"));
                continue;
            }
            if (!typeAllowed(a.type())) {
                String message = "Argument type '" + a.type() + "' is not allowed. Only standard C types and fixed"
                        + " size integer types should be used. struct, union, and other complex pointer types should"
                        + " be declared as 'void *'";
                out.add(new Diagnostic(DISALLOWED_TYPE, DISALLOWED_TYPE.defaultSeverity(), a.typeSpan(), message,
                        TraceEventFixes.disallowedType(a)));
            }
        }
        if (count > MAX_ARGUMENTS) {
            out.add(Diagnostic.of(TOO_MANY_ARGUMENTS, event.argumentsSpan(),
                    "Event '" + event.name() + "' has more than maximum permitted argument count"));
        }
        List<Property> unknown = new ArrayList<>();
        for (Property p : event.properties()) {
            boolean known = p.name().equals("disable") || p.name().equals("vcpu") && version.acceptsVcpu()
                    || p.name().equals("tcg") && version.acceptsTcg();
            if (!known) {
                unknown.add(p);
            }
        }
        if (!unknown.isEmpty()) {
            Span span = unknown.get(0).span().union(unknown.get(unknown.size() - 1).span());
            out.add(Diagnostic.of(UNKNOWN_PROPERTY, span, "Unknown properties: "
                    + String.join(", ", unknown.stream().map(Property::name).toList())));
        }
    }

    /** validate_type(): every space-separated word, '*' removed, must be 'const' or an allowed type. */
    static boolean typeAllowed(String type) {
        for (String bit : type.split(" ", -1)) {
            String b = bit.replace("*", "");
            if (!b.isEmpty() && !b.equals("const") && !ALLOWED_TYPES.contains(b)) {
                return false;
            }
        }
        return true;
    }

    private static Span sub(FormatString fmt, int start, int end) {
        return new Span(fmt.span().start() + start, fmt.span().start() + end);
    }
}
