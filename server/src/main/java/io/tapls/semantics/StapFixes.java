package io.tapls.semantics;

import io.tapls.diag.Fix;
import io.tapls.stap.PrintFormat;
import io.tapls.text.Span;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fixes for stap's pass-2 type mismatches where the one that fits is clear: the printf conversion that takes
 * the argument's type ({@code %d} ↔ {@code %s}), and a literal argument of a function written as the literal of
 * the parameter's type. The verdicts and texts stay stap's (Elaborator, Pass2).
 */
final class StapFixes {
    private StapFixes() {
    }

    /** stap's conversion grammar (print_format::string_to_components): one flag, width, precision, one 'l'. */
    private static final Pattern CONVERSION = Pattern.compile("%([-+ #0]?)(\\d*)(\\.\\d*)?(l?)([a-zA-Z])");

    /**
     * The conversion rewritten for an argument of type {@code have}: {@code %s} for a string (keeping a '-' flag
     * and the width), {@code %d} for a long (likewise). None when the format is not a literal of this file, or the
     * conversion takes a '*' argument (its argument count would change).
     *
     * @param content the file's text
     * @param format  where the format's literal is in the file, quotes included; null when it is not one literal
     */
    static List<Fix> conversionFor(String content, Span format, PrintFormat.Conversion c, String have) {
        if (format == null || c.text().contains("*")) {
            return List.of();
        }
        int start = format.start() + 1 + c.start();
        int end = format.start() + 1 + c.end();
        if (end > format.end() - 1 || !content.substring(start, end).equals(c.text())) {
            return List.of();
        }
        Matcher m = CONVERSION.matcher(c.text());
        if (!m.matches()) {
            return List.of();
        }
        String flag = m.group(1).equals("-") ? "-" : "";
        String replacement = "%" + flag + m.group(2) + (have.equals("string") ? "s" : "d");
        if (replacement.equals(c.text())) {
            return List.of();
        }
        return List.of(Fix.replace("Use '" + replacement + "'", new Span(start, end), replacement));
    }

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+");

    /**
     * A literal passed where the function's parameter is of the other type: a decimal number quoted for a string
     * parameter, a string holding a decimal number unquoted for a long one. Other literals have no one answer.
     *
     * @param want the parameter's type
     */
    static List<Fix> literalFor(String content, Span literal, String want) {
        if (literal == null || literal.end() > content.length()) {
            return List.of();
        }
        String text = content.substring(literal.start(), literal.end());
        if (want.equals("string") && DECIMAL.matcher(text).matches()) {
            return List.of(Fix.replace("Pass the string \"" + text + "\"", literal, "\"" + text + "\""));
        }
        if (want.equals("long") && text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                && DECIMAL.matcher(text.substring(1, text.length() - 1)).matches()) {
            String number = text.substring(1, text.length() - 1);
            return List.of(Fix.replace("Pass the number " + number, literal, number));
        }
        return List.of();
    }
}
