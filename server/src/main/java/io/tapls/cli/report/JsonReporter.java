package io.tapls.cli.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.tapls.diag.FileReport;
import io.tapls.diag.Diagnostic;
import io.tapls.diag.Fix;
import io.tapls.diag.Severity;
import io.tapls.diag.TextEdit;
import java.io.PrintStream;
import java.util.List;

/** `--format json`: one document, described in the README. */
public final class JsonReporter implements Reporter {
    @Override
    public void report(List<FileReport> reports, PrintStream out) {
        JsonObject root = new JsonObject();
        root.addProperty("tool", "tapls");
        root.addProperty("formatVersion", 1);
        JsonArray files = new JsonArray();
        long errors = 0;
        long warnings = 0;
        for (FileReport r : reports) {
            JsonObject f = new JsonObject();
            f.addProperty("path", r.path());
            JsonArray diags = new JsonArray();
            for (Diagnostic d : r.diagnostics()) {
                JsonObject o = new JsonObject();
                o.addProperty("rule", d.rule().id());
                o.addProperty("origin", d.rule().origin());
                o.addProperty("severity", d.severity().label());
                o.addProperty("message", d.message());
                o.add("range", Locations.range(r.text(), d.span()));
                JsonArray fixes = new JsonArray();
                for (Fix fix : d.fixes()) {
                    JsonObject fo = new JsonObject();
                    fo.addProperty("title", fix.title());
                    JsonArray edits = new JsonArray();
                    for (TextEdit e : fix.edits()) {
                        JsonObject eo = new JsonObject();
                        eo.add("range", Locations.range(r.text(), e.span()));
                        eo.addProperty("newText", e.newText());
                        edits.add(eo);
                    }
                    fo.add("edits", edits);
                    fixes.add(fo);
                }
                o.add("fixes", fixes);
                diags.add(o);
            }
            f.add("diagnostics", diags);
            files.add(f);
            errors += r.count(Severity.ERROR);
            warnings += r.count(Severity.WARNING);
        }
        root.add("files", files);
        JsonObject summary = new JsonObject();
        summary.addProperty("files", reports.size());
        summary.addProperty("errors", errors);
        summary.addProperty("warnings", warnings);
        root.add("summary", summary);
        out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root));
    }
}
