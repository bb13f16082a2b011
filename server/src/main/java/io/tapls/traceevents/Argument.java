package io.tapls.traceevents;

import io.tapls.text.Span;

/**
 * One argument, split the way tracetool splits it (Arguments.build): at the last '*' for pointers,
 * at the last whitespace run otherwise. The type keeps its original spacing ("void*", "char **").
 *
 * @param text     the argument as written, trimmed
 * @param type     tracetool's type, or "" when it could not be split (see {@code splitError})
 * @param name     tracetool's name ("" for "void *")
 * @param span     the trimmed text
 * @param typeSpan the type's text
 * @param nameSpan the name's text (empty span at the end of the type when there is no name)
 * @param splitError true when tracetool fails to split it ("not enough values to unpack")
 */
public record Argument(String text, String type, String name, Span span, Span typeSpan, Span nameSpan,
                       boolean splitError) {

    public Argument shift(int delta) {
        return new Argument(text, type, name, span.shift(delta), typeSpan.shift(delta), nameSpan.shift(delta),
                splitError);
    }

    /** tracetool's backend/simple.py is_string(). */
    public boolean isString() {
        String t = type.stripLeading();
        return (t.startsWith("const char*") || t.startsWith("char*") || t.startsWith("const char *")
                || t.startsWith("char *")) && t.chars().filter(c -> c == '*').count() == 1;
    }

    public boolean isPointer() {
        return type.indexOf('*') >= 0;
    }
}
