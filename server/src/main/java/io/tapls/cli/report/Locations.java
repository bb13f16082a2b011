package io.tapls.cli.report;

import com.google.gson.JsonObject;
import io.tapls.text.Position;
import io.tapls.text.SourceText;
import io.tapls.text.Span;

/** Ranges as the machine-readable formats write them. */
final class Locations {
    private Locations() {
    }

    /** 1-based line, 1-based code-point column, 0-based UTF-16 offset in the file. */
    static JsonObject point(SourceText text, int offset) {
        JsonObject o = new JsonObject();
        o.addProperty("line", text.lineOf(offset) + 1);
        o.addProperty("column", text.displayColumn(offset));
        o.addProperty("offset", offset);
        return o;
    }

    static JsonObject range(SourceText text, Span span) {
        JsonObject o = new JsonObject();
        o.add("start", point(text, span.start()));
        o.add("end", point(text, span.end()));
        return o;
    }

    /** SARIF region: 1-based lines, 1-based UTF-16 columns, end exclusive. */
    static JsonObject sarifRegion(SourceText text, Span span) {
        Position s = text.position(span.start());
        Position e = text.position(span.end());
        JsonObject o = new JsonObject();
        o.addProperty("startLine", s.line() + 1);
        o.addProperty("startColumn", s.character() + 1);
        o.addProperty("endLine", e.line() + 1);
        o.addProperty("endColumn", e.character() + 1);
        return o;
    }
}
