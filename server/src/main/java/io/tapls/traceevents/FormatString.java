package io.tapls.traceevents;

import io.tapls.text.Span;
import java.util.List;

/**
 * The format of an event: the raw C token sequence ("a=0x%" PRIx64 " b=%u") as tracetool keeps it,
 * its tokens and its conversions.
 *
 * @param raw         exactly tracetool's fmt group, quotes included, trailing spaces kept
 * @param pieces      the tokens, in order
 * @param conversions the printf conversions, '%%' included
 */
public record FormatString(String raw, Span span, List<FormatPiece> pieces, List<Conversion> conversions) {
    public FormatString {
        pieces = List.copyOf(pieces);
        conversions = List.copyOf(conversions);
    }

    public static FormatString empty(int offset) {
        return new FormatString("", Span.at(offset), List.of(), List.of());
    }

    public FormatString shift(int delta) {
        FormatPiece[] ps = new FormatPiece[pieces.size()];
        for (int i = 0; i < ps.length; i++) {
            ps[i] = pieces.get(i).shift(delta);
        }
        Conversion[] cs = new Conversion[conversions.size()];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = conversions.get(i).shift(delta);
        }
        return new FormatString(raw, span.shift(delta), List.of(ps), List.of(cs));
    }

    public boolean isEmpty() {
        return raw.isEmpty();
    }

    public int argumentsConsumed() {
        return conversions.stream().mapToInt(Conversion::argumentsConsumed).sum();
    }
}
