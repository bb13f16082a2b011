package io.tapls.traceevents;

import io.tapls.diag.Fix;
import io.tapls.diag.TextEdit;
import io.tapls.text.SourceText;
import io.tapls.text.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fixes the trace-events checks attach, where a change that resolves the diagnostic is clear and leaves the
 * line one tracetool reads. Kept apart from the checks, whose verdicts and texts follow tracetool's.
 */
final class TraceEventFixes {
    private TraceEventFixes() {
    }

    // ------------------------------------------------------------------ missing final newline

    /**
     * tracetool's read_events wants every line, the last one included, to end in a newline: add the file's own
     * terminator ("\r\n" in a file whose lines end so; "\n" otherwise).
     */
    static Fix finalNewline(SourceText text) {
        String t = text.text();
        int last = text.lineCount() - 1;
        String eol = "\n";
        if (last > 0) {
            int prevEnd = text.lineStart(last);
            if (prevEnd >= 2 && t.charAt(prevEnd - 1) == '\n' && t.charAt(prevEnd - 2) == '\r') {
                eol = "\r\n";
            }
        }
        return Fix.replace("Add a newline at the end of the file", Span.at(text.length()), eol);
    }

    // ------------------------------------------------------------------ disallowed types

    /**
     * Types tracetool refuses whose allowed equivalent is certain on every host QEMU builds for: QEMU's own
     * fixed-width typedefs (include/exec/hwaddr.h, include/exec/vaddr.h, include/system/dma.h), GLib's
     * (glib/gtypes.h, glibconfig.h) and the Linux kernel's spellings of the fixed-width integers.
     * Deliberately absent: {@code ram_addr_t} (uint64_t or uintptr_t depending on the build), {@code target_ulong}
     * (per target), {@code off_t}, {@code pid_t}, {@code intptr_t} and enums, whose width or signedness is not one
     * answer.
     */
    static final Map<String, String> EQUIVALENT_TYPES = Map.ofEntries(
            Map.entry("hwaddr", "uint64_t"), Map.entry("vaddr", "uint64_t"), Map.entry("dma_addr_t", "uint64_t"),
            Map.entry("gboolean", "int"), Map.entry("gchar", "char"), Map.entry("guchar", "unsigned char"),
            Map.entry("gshort", "short"), Map.entry("gushort", "unsigned short"), Map.entry("gint", "int"),
            Map.entry("guint", "unsigned"), Map.entry("glong", "long"), Map.entry("gulong", "unsigned long"),
            Map.entry("gint8", "int8_t"), Map.entry("guint8", "uint8_t"), Map.entry("gint16", "int16_t"),
            Map.entry("guint16", "uint16_t"), Map.entry("gint32", "int32_t"), Map.entry("guint32", "uint32_t"),
            Map.entry("gint64", "int64_t"), Map.entry("guint64", "uint64_t"), Map.entry("gsize", "size_t"),
            Map.entry("gssize", "ssize_t"), Map.entry("goffset", "int64_t"), Map.entry("guintptr", "uintptr_t"),
            Map.entry("u8", "uint8_t"), Map.entry("u16", "uint16_t"), Map.entry("u32", "uint32_t"),
            Map.entry("u64", "uint64_t"), Map.entry("s8", "int8_t"), Map.entry("s16", "int16_t"),
            Map.entry("s32", "int32_t"), Map.entry("s64", "int64_t"), Map.entry("__u8", "uint8_t"),
            Map.entry("__u16", "uint16_t"), Map.entry("__u32", "uint32_t"), Map.entry("__u64", "uint64_t"),
            Map.entry("__s8", "int8_t"), Map.entry("__s16", "int16_t"), Map.entry("__s32", "int32_t"),
            Map.entry("__s64", "int64_t"), Map.entry("_Bool", "bool"), Map.entry("uint", "unsigned"),
            Map.entry("ushort", "unsigned short"), Map.entry("ulong", "unsigned long"));

    /**
     * The fixes for a type tracetool's validate_type() refuses: the allowed equivalent when there is one (a
     * whitespace run other than one space made one space, as validate_type splits on ' ' only; the typedefs of
     * {@link #EQUIVALENT_TYPES}), and for a pointer {@code void *}, as tracetool's message says.
     */
    static List<Fix> disallowedType(Argument a) {
        List<Fix> out = new ArrayList<>();
        equivalentType(a.type()).ifPresent(t -> out.add(Fix.replace("Declare it as '" + t + "'", a.typeSpan(), t)));
        if (a.isPointer() && out.stream().noneMatch(f -> f.edits().get(0).newText().equals("void *"))) {
            out.add(Fix.replace("Declare it as 'void *'", a.typeSpan(), "void *"));
        }
        return out;
    }

    static Optional<String> equivalentType(String type) {
        String spaced = type.strip().replaceAll("\\s+", " ");
        StringBuilder out = new StringBuilder();
        for (String bit : spaced.split(" ", -1)) {
            String core = bit.replace("*", "");
            String mapped = EQUIVALENT_TYPES.get(core);
            if (mapped != null && bit.contains(core)) {
                bit = bit.replace(core, mapped);
            }
            out.append(out.length() == 0 ? "" : " ").append(bit);
        }
        String fixed = out.toString();
        return !fixed.equals(type) && TracetoolChecks.typeAllowed(fixed) && CType.of(fixed) != CType.UNKNOWN
                ? Optional.of(fixed) : Optional.empty();
    }

    // ------------------------------------------------------------------ argument count

    /**
     * A conversion with no argument left: remove it from the format (with its {@code name=} label, so the
     * trace_*() calls in C need no change), or declare the argument it would print.
     */
    static List<Fix> missingArgument(SourceText text, TraceEvent event, Conversion c) {
        List<Fix> out = new ArrayList<>();
        Span fmt = event.format().span();
        if (c.span().start() < fmt.start() || c.span().end() > fmt.end() || c.argumentsConsumed() != 1
                || text.slice(c.span()).indexOf('\\') >= 0) {
            return out; // the legacy implicit cpu=%p, a '*' width, or a conversion spelled with escapes
        }
        removeConversion(text, c).ifPresent(out::add);
        String type = typeFor(c);
        if (type != null) {
            Set<String> taken = new HashSet<>();
            event.arguments().forEach(a -> taken.add(a.name()));
            String label = label(text, c);
            String name = label != null && !taken.contains(label) && !C_KEYWORDS.contains(label) ? label : null;
            for (int i = event.arguments().size() + 1; name == null; i++) {
                name = taken.contains("arg" + i) ? null : "arg" + i;
            }
            String declared = type.endsWith("*") ? type + name : type + " " + name;
            out.add(new Fix("Add the argument '" + declared + "'", List.of(appendArgument(text, event, declared))));
        }
        return out;
    }

    /**
     * Arguments no conversion prints: print them (append {@code name=%conv} for each to the format, so the C
     * calls are unchanged), or remove them from the declaration.
     */
    static List<Fix> unusedArguments(SourceText text, TraceEvent event, List<Argument> unused) {
        List<Fix> out = new ArrayList<>();
        if (unused.isEmpty() || unused.stream().anyMatch(a -> a.name().isEmpty() || a.nameSpan().length() == 0)) {
            return out;
        }
        List<String> printed = new ArrayList<>();
        for (Argument a : unused) {
            String conv = conversionFor(a);
            if (conv == null) {
                printed = null;
                break;
            }
            printed.add(a.name() + "=" + conv);
        }
        if (printed != null) {
            String title = "Print " + String.join(", ", unused.stream().map(a -> "'" + a.name() + "'").toList())
                    + " in the format";
            appendToFormat(text, event.format(), String.join(" ", printed), title).ifPresent(out::add);
        }
        List<Argument> all = event.arguments();
        int first = all.indexOf(unused.get(0));
        if (first >= 0 && all.subList(first, all.size()).equals(unused)) {
            Span last = unused.get(unused.size() - 1).span();
            TextEdit edit = first == 0 ? new TextEdit(new Span(all.get(0).span().start(), last.end()), "void")
                    : new TextEdit(new Span(all.get(first - 1).span().end(), last.end()), "");
            List<String> shown = unused.stream().map(a -> "'" + a.text() + "'").toList();
            out.add(new Fix("Remove the argument" + (shown.size() == 1 ? " " : "s ") + String.join(", ", shown),
                    List.of(edit)));
        }
        return out;
    }

    /** The conversion that prints an argument of this type, as it stands inside a format's string literal. */
    static String conversionFor(Argument a) {
        CType t = CType.of(a.type());
        boolean unsigned = isUnsigned(a.type());
        char v = unsigned ? 'u' : 'd';
        return switch (t) {
            case POINTER -> "%p";
            case CHAR_POINTER -> "%s";
            case SIZE -> unsigned ? "%zu" : "%zd";
            case INTPTR -> "%\" PRIuPTR \"";
            case UNKNOWN -> null;
            default -> t.conversion(v);
        };
    }

    private static boolean isUnsigned(String type) {
        for (String w : type.replace('*', ' ').trim().split("\\s+")) {
            if (w.equals("unsigned") || w.startsWith("uint") || w.equals("size_t")) {
                return true;
            }
        }
        return false;
    }

    /** The type of the argument a conversion reads, spelled as tracetool allows it; null when none is clear. */
    static String typeFor(Conversion c) {
        char v = c.conversion();
        boolean unsigned = "ouxX".indexOf(v) >= 0;
        if (v == 's') {
            return c.length().isEmpty() && c.priMacro() == null ? "const char *" : null;
        }
        if (v == 'p') {
            return c.length().isEmpty() && c.priMacro() == null ? "void *" : null;
        }
        if ("diouxXc".indexOf(v) < 0) {
            return null;
        }
        String size = c.priSize();
        if (size != null) {
            return switch (size) {
                case "8", "16", "32", "64" -> (unsigned ? "uint" : "int") + size + "_t";
                case "PTR" -> unsigned ? "uintptr_t" : null;
                default -> null;
            };
        }
        return switch (c.length()) {
            case "" -> v == 'c' ? "int" : unsigned ? "unsigned" : "int";
            case "hh" -> unsigned ? "uint8_t" : "int8_t";
            case "h" -> unsigned ? "uint16_t" : "int16_t";
            case "l" -> unsigned ? "unsigned long" : "long";
            case "ll", "q" -> unsigned ? "unsigned long long" : "long long";
            case "z", "Z" -> unsigned ? "size_t" : "ssize_t";
            case "t" -> "ptrdiff_t";
            default -> null;
        };
    }

    private static final Set<String> C_KEYWORDS = Set.of("auto", "break", "case", "char", "const", "continue",
            "default", "do", "double", "else", "enum", "extern", "float", "for", "goto", "if", "inline", "int",
            "long", "register", "restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch",
            "typedef", "union", "unsigned", "void", "volatile", "while", "bool", "true", "false");

    /** The {@code name} of a {@code name=%d} or {@code name=0x%x} right before the conversion, or null. */
    private static String label(SourceText text, Conversion c) {
        int i = labelStart(text, c);
        int eq = c.span().start() - (hexPrefixBefore(text, c.span().start()) ? 2 : 0) - 1;
        return i < eq ? text.text().substring(i, eq) : null;
    }

    private static boolean hexPrefixBefore(SourceText text, int at) {
        return at >= 2 && text.text().startsWith("0x", at - 2);
    }

    /** Where a {@code name=} label before the conversion starts; the conversion's own start when there is none. */
    private static int labelStart(SourceText text, Conversion c) {
        String t = text.text();
        int at = c.span().start();
        int eq = at - (hexPrefixBefore(text, at) ? 2 : 0) - 1;
        if (eq < 1 || t.charAt(eq) != '=') {
            return at;
        }
        int i = eq;
        while (i > 0 && (Character.isLetterOrDigit(t.charAt(i - 1)) || t.charAt(i - 1) == '_')) {
            i--;
        }
        boolean identifier = i < eq && !Character.isDigit(t.charAt(i));
        boolean delimited = t.charAt(i - 1) == ' ' || t.charAt(i - 1) == '"';
        return identifier && delimited ? i : at;
    }

    private static Optional<Fix> removeConversion(SourceText text, Conversion c) {
        String t = text.text();
        int start = labelStart(text, c);
        if (start == c.span().start() && hexPrefixBefore(text, start) && start - 3 >= 0
                && (t.charAt(start - 3) == ' ' || t.charAt(start - 3) == '"')) {
            start -= 2; // a bare 0x%x: the prefix goes with it
        }
        int end = c.span().end();
        String replacement = "";
        if (c.priMacro() != null) {
            // %" PRIx64 closes a literal: join the next literal to this one, or close this one.
            int k = end;
            while (k < t.length() && (t.charAt(k) == ' ' || t.charAt(k) == '\t')) {
                k++;
            }
            if (k < t.length() && t.charAt(k) == '"') {
                end = k + 1;
            } else {
                replacement = "\"";
            }
        }
        // one separating space goes too: the one before, or after when the conversion opens its literal
        if (start > 0 && t.charAt(start - 1) == ' ') {
            start--;
        } else if (replacement.isEmpty() && end < t.length() && t.charAt(end) == ' ') {
            end++;
        }
        String removed = t.substring(start, c.span().end()).strip();
        return Optional.of(Fix.replace("Remove '" + removed.replace("\\", "") + "' from the format",
                new Span(start, end), replacement));
    }

    private static TextEdit appendArgument(SourceText text, TraceEvent event, String declared) {
        List<Argument> args = event.arguments();
        if (!args.isEmpty()) {
            return new TextEdit(Span.at(args.get(args.size() - 1).span().end()), ", " + declared);
        }
        Span all = event.argumentsSpan();
        String inside = text.slice(all);
        int v = inside.indexOf("void");
        if (v >= 0) {
            return new TextEdit(new Span(all.start() + v, all.start() + v + 4), declared);
        }
        return new TextEdit(new Span(all.start(), all.end()), declared);
    }

    /**
     * Appends {@code more} (text as it stands inside a literal, PRI macros closed and reopened) to the end of the
     * format: inside its last literal, or as a new literal after a trailing macro.
     */
    private static Optional<Fix> appendToFormat(SourceText text, FormatString format, String more, String title) {
        List<FormatPiece> pieces = format.pieces();
        FormatPiece last = null;
        for (FormatPiece p : pieces) {
            if (p.kind() == FormatPiece.Kind.OTHER || p.kind() == FormatPiece.Kind.UNTERMINATED_STRING) {
                return Optional.empty();
            }
            if (p.kind() != FormatPiece.Kind.WHITESPACE) {
                last = p;
            }
        }
        if (last == null) {
            return Optional.empty();
        }
        if (last.kind() == FormatPiece.Kind.STRING) {
            String body = last.text().substring(1, last.text().length() - 1);
            String sep = body.isEmpty() || body.endsWith(" ") ? "" : " ";
            String inserted = sep + more + "\"";
            int at = last.span().end() - 1;
            if (inserted.endsWith(" \"\"")) {
                inserted = inserted.substring(0, inserted.length() - 3); // a PRI macro last: no empty literal
            }
            return Optional.of(Fix.replace(title, new Span(at, at + 1), inserted));
        }
        String inserted = " \" " + more + "\"";
        if (inserted.endsWith(" \"\"")) {
            inserted = inserted.substring(0, inserted.length() - 3);
        }
        return Optional.of(Fix.replace(title, Span.at(last.span().end()), inserted));
    }
}
