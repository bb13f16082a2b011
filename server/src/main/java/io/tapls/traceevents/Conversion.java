package io.tapls.traceevents;

import io.tapls.text.Span;

/**
 * One printf conversion of a format string, as the C compiler sees it after string concatenation and
 * PRI macro expansion: {@code %-08.3lx} or {@code %016" PRIx64}.
 *
 * @param span       from the '%' to the conversion character or the end of the PRI macro
 * @param flags      any of "-+ #0'"
 * @param width      "", digits or "*"
 * @param precision  null when absent, else "", digits or "*"
 * @param length     "", "hh", "h", "l", "ll", "L", "q", "j", "z", "Z", "t"; "" when a PRI macro supplies it
 * @param conversion the conversion character, or 0 when the conversion is incomplete
 * @param priMacro   the PRI macro that ends the conversion ("PRIx64"), or null
 */
public record Conversion(Span span, String flags, String width, String precision, String length,
                         char conversion, String priMacro) {

    public Conversion shift(int delta) {
        return new Conversion(span.shift(delta), flags, width, precision, length, conversion, priMacro);
    }

    public boolean isPercentLiteral() {
        return conversion == '%';
    }

    public boolean complete() {
        return conversion != 0;
    }

    /** Arguments this conversion consumes: one per '*' plus one for the value. */
    public int argumentsConsumed() {
        if (conversion == '%' || conversion == 0 || conversion == 'm') {
            return 0;
        }
        int n = 1;
        if ("*".equals(width)) {
            n++;
        }
        if ("*".equals(precision)) {
            n++;
        }
        return n;
    }

    /** The size suffix of the PRI macro: "8", "16", "32", "64", "PTR", "MAX", or null. */
    public String priSize() {
        return priMacro == null ? null : priMacro.substring(4);
    }

    /** How the conversion reads in C, with the PRI macro spelled out: %016" PRIx64. */
    public String spelling() {
        StringBuilder sb = new StringBuilder("%").append(flags).append(width);
        if (precision != null) {
            sb.append('.').append(precision);
        }
        if (priMacro != null) {
            return sb.append("\" ").append(priMacro).toString();
        }
        sb.append(length);
        if (conversion != 0) {
            sb.append(conversion);
        }
        return sb.toString();
    }
}
