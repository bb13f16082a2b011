package io.tapls.traceevents;

import static io.tapls.traceevents.TraceEventRules.FORMAT_ARGUMENT_COUNT;
import static io.tapls.traceevents.TraceEventRules.FORMAT_INVALID_CONVERSION;
import static io.tapls.traceevents.TraceEventRules.FORMAT_NOT_PORTABLE;
import static io.tapls.traceevents.TraceEventRules.FORMAT_TYPE_MISMATCH;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.Fix;
import io.tapls.diag.Rule;
import io.tapls.text.SourceText;
import io.tapls.text.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * The format string against the arguments, as gcc's -Wformat checks the printf that QEMU's log
 * backend generates (tracetool itself never looks). Host model: LP64 Linux, with 32-bit hosts in mind
 * for portability.
 */
final class FormatChecks {
    private FormatChecks() {
    }

    static void check(SourceText text, TraceEvent event, QemuVersion version, List<Diagnostic> out) {
        FormatString format = event.format();
        if (format.isEmpty()) {
            return;
        }
        for (Argument a : event.arguments()) {
            if (a.text().isEmpty() || a.splitError()) {
                return; // the argument list itself is broken; tracetool's rules say so
            }
        }
        List<Argument> args = new ArrayList<>(event.arguments());
        List<Conversion> conversions = new ArrayList<>(format.conversions());
        if (event.hasProperty("vcpu") && version.acceptsVcpu()) {
            // Legacy tracetool adds 'void *__cpu' and prefixes the format with "cpu=%p ".
            Span at = event.nameSpan();
            args.add(0, new Argument("void *__cpu", "void *", "__cpu", at, at, at, false));
            conversions.add(0, new Conversion(at, "", "", null, "", 'p', null));
        }
        int next = 0;
        for (Conversion c : conversions) {
            if (c.isPercentLiteral() || c.conversion() == 'm') {
                continue;
            }
            if (!c.complete()) {
                String spelled = text.slice(c.span());
                int quote = spelled.lastIndexOf('"');
                boolean endsInMacro = quote >= 0 && !spelled.endsWith("\"");
                if (!endsInMacro || FormatStringParser.isPriMacro(spelled.substring(quote + 1).strip())) {
                    out.add(Diagnostic.of(FORMAT_INVALID_CONVERSION, c.span(), incompleteMessage(text, c)));
                } // else: a macro that is not PRI*, which non-pri-macro reports
                return;
            }
            String forbidden = forbidden(c);
            if (forbidden != null) {
                out.add(Diagnostic.of(FORMAT_INVALID_CONVERSION, c.span(), forbidden));
                return;
            }
            for (String star : new String[] {c.width(), c.precision()}) {
                if (!"*".equals(star)) {
                    continue;
                }
                if (next >= args.size()) {
                    out.add(missing(text, event, c, args.size(), format));
                    return;
                }
                Argument a = args.get(next++);
                CType t = CType.of(a.type());
                if (t != CType.INT && t != CType.UNKNOWN) {
                    out.add(Diagnostic.of(FORMAT_TYPE_MISMATCH, c.span(), "'*' in format '" + c.spelling()
                            + "' expects an argument of type 'int', but argument '" + a.name() + "' has type '"
                            + a.type() + "'"));
                }
            }
            if (next >= args.size()) {
                out.add(missing(text, event, c, args.size(), format));
                return;
            }
            Argument a = args.get(next++);
            checkType(text, c, a, out);
        }
        if (next < args.size() && !format.raw().contains("%m")) {
            Argument unused = args.get(next);
            List<Argument> notPrinted = args.subList(next, args.size()).stream()
                    .filter(event.arguments()::contains).toList();
            out.add(new Diagnostic(FORMAT_ARGUMENT_COUNT, FORMAT_ARGUMENT_COUNT.defaultSeverity(), unused.span(),
                    "too many arguments for format: the format prints " + next + " of the " + args.size()
                    + " arguments and not '" + unused.name() + "'",
                    TraceEventFixes.unusedArguments(text, event, notPrinted)));
        }
    }

    private static Diagnostic missing(SourceText text, TraceEvent event, Conversion c, int argCount,
                                      FormatString format) {
        return new Diagnostic(FORMAT_ARGUMENT_COUNT, FORMAT_ARGUMENT_COUNT.defaultSeverity(), c.span(), "format '"
                + c.spelling() + "' has no argument: the format needs " + format.argumentsConsumed() + " argument"
                + (format.argumentsConsumed() == 1 ? "" : "s") + " but the event has " + argCount,
                TraceEventFixes.missingArgument(text, event, c));
    }

    private static String incompleteMessage(SourceText text, Conversion c) {
        String spelled = text.slice(c.span());
        if (spelled.equals("%") || spelled.endsWith("\"") && spelled.length() <= 2) {
            return "spurious trailing '%' in format";
        }
        if (c.priMacro() == null && spelled.contains("PRI")) {
            return "a length modifier before a PRI macro in '" + spelled + "': the macro supplies its own";
        }
        char last = spelled.charAt(spelled.length() - 1);
        if (Character.isLetter(last) && spelled.length() > 1) {
            return "unknown conversion type character '" + last + "' in format";
        }
        return "conversion lacks type at end of format";
    }

    private static String forbidden(Conversion c) {
        char v = c.conversion();
        if ("eEfFgGaA".indexOf(v) >= 0) {
            return "format '%" + v + "' is for floating point, but trace arguments cannot be float or double"
                    + " (SystemTap does not support them)";
        }
        if (v == 'n') {
            return "'%n' is not allowed in a trace format";
        }
        if (v == 'S' || v == 'C' || (v == 's' || v == 'c') && c.length().equals("l")) {
            return "wide-character conversion '" + c.spelling() + "' is not supported in a trace format";
        }
        return null;
    }

    private static void checkType(SourceText text, Conversion c, Argument a, List<Diagnostic> out) {
        CType t = CType.of(a.type());
        if (t == CType.UNKNOWN) {
            return;
        }
        char v = c.conversion();
        String argDesc = "argument '" + a.name() + "' has type '" + a.type() + "'";
        if (v == 's') {
            if (t != CType.CHAR_POINTER) {
                Fix fix = t == CType.POINTER ? replace(text, c, "", 'p', null) : replace(text, c, t, integerChar(t));
                out.add(diag(FORMAT_TYPE_MISMATCH, c, "format '%s' expects a string ('const char *'), but " + argDesc,
                        fix));
            }
            return;
        }
        if (v == 'p') {
            if (!(t == CType.POINTER || t == CType.CHAR_POINTER)) {
                out.add(diag(FORMAT_TYPE_MISMATCH, c, "format '%p' expects a pointer, but " + argDesc,
                        replace(text, c, t, 'x')));
            }
            return;
        }
        // An integer conversion: d i o u x X c.
        if (!t.isInteger()) {
            Fix fix = replace(text, c, "", t == CType.CHAR_POINTER ? 's' : 'p', null);
            out.add(diag(FORMAT_TYPE_MISMATCH, c, "format '" + c.spelling() + "' expects an integer, but " + argDesc
                    + "; use '%" + (t == CType.CHAR_POINTER ? 's' : 'p') + "'", fix));
            return;
        }
        if (v == 'c' && (t != CType.INT || !c.length().isEmpty())) {
            out.add(diag(FORMAT_TYPE_MISMATCH, c, "format '%c' expects a character ('int'), but " + argDesc, null));
            return;
        }
        Match m = match(c, t);
        if (m == Match.OK) {
            return;
        }
        char keep = v == 'c' ? 'd' : v;
        String expected = describe(c);
        String use = spell(t, signedness(a, keep)); // the preferred fix's conversion: %zu for a size_t
        List<Fix> fixes = new ArrayList<>();
        for (Fix f : new Fix[] {replace(text, c, t, signedness(a, keep)), replace(text, c, t, keep)}) {
            if (f != null && !fixes.contains(f)) {
                fixes.add(f);
            }
        }
        if (m == Match.NOT_PORTABLE) {
            out.add(new Diagnostic(FORMAT_NOT_PORTABLE, FORMAT_NOT_PORTABLE.defaultSeverity(), c.span(), "format '"
                    + c.spelling() + "' expects '" + expected + "', which is " + "'" + a.type() + "' only on 64-bit"
                    + " hosts; use '" + use + "' for argument '" + a.name() + "'", fixes));
        } else {
            out.add(new Diagnostic(FORMAT_TYPE_MISMATCH, FORMAT_TYPE_MISMATCH.defaultSeverity(), c.span(), "format '"
                    + c.spelling() + "' expects '" + expected + "', but " + argDesc + "; use '" + use + "'", fixes));
        }
    }

    /**
     * The decimal conversion that matches a size type's signedness, preferred in the fix: {@code %zu} for a
     * {@code size_t} printed with {@code %d}, {@code %zd} for an {@code ssize_t} printed with {@code %u} (the
     * message names it too; the conversion character written, which also compiles, is the second fix). Hex and
     * octal stay as written.
     */
    private static char signedness(Argument a, char v) {
        if (CType.of(a.type()) != CType.SIZE) {
            return v;
        }
        boolean unsigned = !a.type().contains("ssize_t");
        if (unsigned && (v == 'd' || v == 'i')) {
            return 'u';
        }
        return !unsigned && v == 'u' ? 'd' : v;
    }

    private enum Match { OK, NOT_PORTABLE, WRONG }

    /** Which integer class a conversion's length (or PRI macro) reads. */
    private static CType reads(Conversion c) {
        String size = c.priSize();
        if (size != null) {
            return switch (size) {
                case "64" -> CType.INT64;
                case "PTR" -> CType.INTPTR;
                case "MAX" -> CType.LONG; // intmax_t is long on LP64
                default -> CType.INT;
            };
        }
        return switch (c.length()) {
            case "", "h", "hh" -> CType.INT;
            case "l" -> CType.LONG;
            case "ll", "q", "L" -> CType.LONG_LONG;
            case "z", "Z" -> CType.SIZE;
            case "t" -> CType.PTRDIFF;
            case "j" -> CType.LONG;
            default -> CType.UNKNOWN;
        };
    }

    private static Match match(Conversion c, CType arg) {
        CType expected = reads(c);
        if (expected == arg) {
            return Match.OK;
        }
        // On LP64 Linux these are all 'long': they compile there, but not on 32-bit hosts.
        boolean longOnLp64 = isLongOnLp64(expected) && isLongOnLp64(arg);
        return longOnLp64 ? Match.NOT_PORTABLE : Match.WRONG;
    }

    private static boolean isLongOnLp64(CType t) {
        return t == CType.LONG || t == CType.INT64 || t == CType.SIZE || t == CType.INTPTR || t == CType.PTRDIFF;
    }

    private static String describe(Conversion c) {
        boolean unsigned = "ouxX".indexOf(c.conversion()) >= 0;
        String size = c.priSize();
        if (size != null) {
            return switch (size) {
                case "64" -> unsigned ? "uint64_t" : "int64_t";
                case "PTR" -> unsigned ? "uintptr_t" : "intptr_t";
                case "MAX" -> unsigned ? "uintmax_t" : "intmax_t";
                default -> (unsigned ? "uint" : "int") + size + "_t";
            };
        }
        return switch (c.length()) {
            case "l" -> unsigned ? "unsigned long" : "long";
            case "ll", "q", "L" -> unsigned ? "unsigned long long" : "long long";
            case "z", "Z" -> unsigned ? "size_t" : "ssize_t";
            case "t" -> "ptrdiff_t";
            case "j" -> unsigned ? "uintmax_t" : "intmax_t";
            case "h" -> unsigned ? "unsigned short" : "short";
            case "hh" -> unsigned ? "unsigned char" : "signed char";
            default -> unsigned ? "unsigned int" : "int";
        };
    }

    /** The conversion a type wants, written the portable way. */
    private static String spell(CType t, char v) {
        return t.conversion(v);
    }

    private static char integerChar(CType t) {
        return 'd';
    }

    private static Fix replace(SourceText text, Conversion c, CType t, char v) {
        return switch (t) {
            case INT64 -> replace(text, c, "", v, "PRI" + v + "64");
            case INTPTR -> replace(text, c, "", v, "PRI" + v + "PTR");
            case LONG -> replace(text, c, "l", v, null);
            case LONG_LONG -> replace(text, c, "ll", v, null);
            case SIZE -> replace(text, c, "z", v, null);
            case PTRDIFF -> replace(text, c, "t", v, null);
            default -> replace(text, c, "", v, null);
        };
    }

    /**
     * Rewrites a conversion in place, keeping flags, width and precision. The source form of a PRI
     * conversion closes its string before the macro ({@code %08" PRIx32}), so replacements keep that shape.
     */
    private static Fix replace(SourceText text, Conversion c, String length, char v, String pri) {
        String prefix = "%" + c.flags() + c.width() + (c.precision() == null ? "" : "." + c.precision());
        Span span = c.span();
        String spelled = text.slice(span);
        if (spelled.indexOf('\\') >= 0) {
            return null; // the conversion is spelled with escapes: leave it to the user
        }
        String replacement;
        if (c.priMacro() != null) {
            replacement = pri != null ? prefix + "\" " + pri : prefix + length + v + "\"";
        } else if (pri != null) {
            boolean closesAfter = span.end() < text.length() && text.text().charAt(span.end()) == '"';
            if (closesAfter) {
                span = new Span(span.start(), span.end() + 1);
                replacement = prefix + "\" " + pri;
            } else {
                replacement = prefix + "\" " + pri + " \"";
            }
        } else {
            replacement = prefix + length + v;
        }
        String shown = replacement.replace("\\", "");
        return Fix.replace("Use '" + shown + "'", span, replacement);
    }

    private static Diagnostic diag(Rule rule, Conversion c, String message, Fix fix) {
        return fix == null ? Diagnostic.of(rule, c.span(), message) : Diagnostic.of(rule, c.span(), message, fix);
    }
}
