package io.tapls.cli.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.tapls.diag.FileReport;
import io.tapls.workspace.RuleCatalog;
import io.tapls.diag.Diagnostic;
import io.tapls.diag.Fix;
import io.tapls.diag.Rule;
import io.tapls.diag.TextEdit;
import io.tapls.text.SourceText;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SARIF 2.1.0, as GitHub code scanning accepts it (relative URIs against %SRCROOT%). */
public final class SarifReporter implements Reporter {
    private final String version;

    public SarifReporter(String version) {
        this.version = version;
    }

    @Override
    public void report(List<FileReport> reports, PrintStream out) {
        JsonObject root = new JsonObject();
        root.addProperty("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.addProperty("version", "2.1.0");
        JsonObject run = new JsonObject();
        JsonObject driver = new JsonObject();
        driver.addProperty("name", "tapls");
        driver.addProperty("semanticVersion", version);
        JsonArray rules = new JsonArray();
        Map<String, Integer> index = new HashMap<>();
        for (Rule rule : RuleCatalog.all()) {
            index.put(rule.id(), rules.size());
            JsonObject r = new JsonObject();
            r.addProperty("id", rule.id());
            r.add("shortDescription", text(rule.summary()));
            JsonObject config = new JsonObject();
            config.addProperty("level", level(rule.defaultSeverity()));
            r.add("defaultConfiguration", config);
            JsonObject props = new JsonObject();
            JsonArray tags = new JsonArray();
            tags.add(rule.origin());
            props.add("tags", tags);
            r.add("properties", props);
            rules.add(r);
        }
        driver.add("rules", rules);
        JsonObject tool = new JsonObject();
        tool.add("driver", driver);
        run.add("tool", tool);
        run.addProperty("columnKind", "utf16CodeUnits");
        JsonArray results = new JsonArray();
        for (FileReport report : reports) {
            for (Diagnostic d : report.diagnostics()) {
                results.add(result(report, d, index));
            }
        }
        run.add("results", results);
        JsonArray runs = new JsonArray();
        runs.add(run);
        root.add("runs", runs);
        out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root));
    }

    private static JsonObject result(FileReport report, Diagnostic d, Map<String, Integer> index) {
        SourceText text = report.text();
        JsonObject r = new JsonObject();
        r.addProperty("ruleId", d.rule().id());
        Integer i = index.get(d.rule().id());
        if (i != null) {
            r.addProperty("ruleIndex", i);
        }
        r.addProperty("level", level(d.severity()));
        r.add("message", text(d.message()));
        JsonArray locations = new JsonArray();
        JsonObject location = new JsonObject();
        JsonObject physical = new JsonObject();
        physical.add("artifactLocation", artifact(report.path()));
        physical.add("region", Locations.sarifRegion(text, d.span()));
        location.add("physicalLocation", physical);
        locations.add(location);
        r.add("locations", locations);
        if (!d.fixes().isEmpty()) {
            JsonArray fixes = new JsonArray();
            for (Fix fix : d.fixes()) {
                JsonObject f = new JsonObject();
                f.add("description", text(fix.title()));
                JsonObject change = new JsonObject();
                change.add("artifactLocation", artifact(report.path()));
                JsonArray replacements = new JsonArray();
                for (TextEdit e : fix.edits()) {
                    JsonObject rep = new JsonObject();
                    rep.add("deletedRegion", Locations.sarifRegion(text, e.span()));
                    JsonObject inserted = new JsonObject();
                    inserted.addProperty("text", e.newText());
                    rep.add("insertedContent", inserted);
                    replacements.add(rep);
                }
                change.add("replacements", replacements);
                JsonArray changes = new JsonArray();
                changes.add(change);
                f.add("artifactChanges", changes);
                fixes.add(f);
            }
            r.add("fixes", fixes);
        }
        return r;
    }

    private static JsonObject artifact(String path) {
        JsonObject a = new JsonObject();
        String uri = path.replace('\\', '/');
        while (uri.startsWith("./")) {
            uri = uri.substring(2);
        }
        try {
            if (uri.startsWith("/")) {
                a.addProperty("uri", new java.net.URI("file", "", uri, null).toASCIIString());
            } else {
                a.addProperty("uri", new java.net.URI(null, null, uri, null).toASCIIString());
                a.addProperty("uriBaseId", "%SRCROOT%");
            }
        } catch (java.net.URISyntaxException e) {
            a.addProperty("uri", uri);
        }
        return a;
    }

    private static JsonObject text(String s) {
        JsonObject o = new JsonObject();
        o.addProperty("text", s);
        return o;
    }

    private static String level(io.tapls.diag.Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            default -> "note";
        };
    }
}
