package io.tapls.generate;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.Rule;
import io.tapls.diag.Severity;
import io.tapls.traceevents.QemuVersion;
import io.tapls.traceevents.TraceEvent;
import io.tapls.traceevents.TraceEventRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which diagnostics of an input stop generation. tracetool writes whatever it can and leaves a truncated
 * file behind on failure; tapls decides before writing anything.
 */
public final class Refusals {
    /** Which errors stop generation. */
    public enum Policy {
        /** Every error tapls reports: nothing that breaks later (in the C build, in stap) is generated. */
        STRICT,
        /**
         * Only what makes tracetool itself fail (rules whose origin is "tracetool"), for byte-identical
         * output wherever tracetool produces some.
         */
        TRACETOOL
    }

    private Refusals() {
    }

    /**
     * The diagnostics that stop generating these formats. The rules about text in a format that
     * tracetool's log-stap generator crashes on (text-after-format, non-pri-macro) stop log-stap only, under
     * both policies: the other formats never look at the format.
     */
    public static List<Diagnostic> refusing(List<Diagnostic> diagnostics, Policy policy, QemuVersion version,
                                            Collection<TapsetFormat> formats) {
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            if (d.severity() != Severity.ERROR || !d.rule().enabledByDefault()) {
                continue;
            }
            if (logStapOnly(d.rule())) {
                // Under the tracetool policy the log-stap generator itself fails exactly where tracetool's does
                // (CFormatToStap follows c_fmt_to_stap): "PRIx" or "PRI6" it takes, "# x" it does not.
                if (formats.contains(TapsetFormat.LOG_STAP) && policy == Policy.STRICT) {
                    out.add(d);
                }
            } else if (policy == Policy.STRICT || "tracetool".equals(d.rule().origin())) {
                out.add(d);
            }
        }
        return out;
    }

    static boolean logStapOnly(Rule rule) {
        return rule == TraceEventRules.TEXT_AFTER_FORMAT || rule == TraceEventRules.NON_PRI_MACRO;
    }

    /** A generator's failure on one event (tracetool's log-stap exception), as a diagnostic on its format. */
    public static Diagnostic diagnosticFor(GenerationException e, TapsetFormat format) {
        TraceEvent ev = e.event();
        if (e.argument() != null) {
            return Diagnostic.of(TraceEventRules.INVALID_ARGUMENT_NAME, e.argument().nameSpan(),
                    "tracetool's " + format.id() + " generator fails on this argument name: " + e.getMessage());
        }
        Rule rule = e.getMessage().startsWith("Unhandled macro") ? TraceEventRules.NON_PRI_MACRO
                : TraceEventRules.TEXT_AFTER_FORMAT;
        return Diagnostic.of(rule, ev.format().isEmpty() ? ev.nameSpan() : ev.format().span(),
                "tracetool's " + format.id() + " generator fails on this format: " + e.getMessage());
    }
}
