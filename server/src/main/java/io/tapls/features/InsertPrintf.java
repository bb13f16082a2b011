package io.tapls.features;

import io.tapls.index.TapsetIndex;
import io.tapls.text.SourceText;
import io.tapls.text.Span;
import io.tapls.workspace.Document;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Insert a printf of all variables" in a probe body: one {@code printf} of every variable its points bind, with
 * stap's conversions, as tracetool's log probes print them: {@code %s} with {@code user_string_n(v, 512)} for
 * a C string argument, {@code %p} for another pointer, {@code %d} for a number, {@code %s} for a stap string.
 */
public final class InsertPrintf {
    private InsertPrintf() {
    }

    public static Optional<Action> action(Workspace workspace, Document document, int offset) {
        if (document.kind() != FileKind.STAP) {
            return Optional.empty();
        }
        String text = document.text().text();
        int at = Math.max(0, Math.min(offset, text.length()));
        ScriptContext cx = ScriptContext.at(document, at);
        if (cx.where != ScriptContext.Where.BODY || cx.block.function()) {
            return Optional.empty();
        }
        TapsetIndex index = workspace.index();
        String point = cx.block.points().isEmpty() ? "" : cx.block.points().get(cx.block.points().size() - 1);
        StringBuilder format = new StringBuilder(point.substring(point.lastIndexOf('.') + 1));
        List<String> values = new ArrayList<>();
        for (String p : cx.block.points()) {
            for (String alias : p.contains("*") ? index.matching(p) : List.of(p)) {
                Map<String, String> cTypes = Completion.eventCTypes(workspace, alias);
                index.variables(alias).forEach((name, type) -> {
                    if (values.contains(name) || values.stream().anyMatch(v -> v.contains("(" + name + ","))) {
                        return;
                    }
                    String c = cTypes.getOrDefault(name, "");
                    format.append(' ').append(name).append('=');
                    if (type.equals("string")) {
                        format.append("%s");
                        values.add(name);
                    } else if (c.startsWith("const char *") || c.startsWith("char *")) {
                        format.append("%s");
                        values.add("user_string_n(" + name + ", 512)");
                    } else if (c.contains("*")) {
                        format.append("%p");
                        values.add(name);
                    } else {
                        format.append("%d");
                        values.add(name);
                    }
                });
                break; // a wildcard's matches bind the same names; the first says which
            }
        }
        if (values.isEmpty()) {
            return Optional.empty();
        }
        SourceText source = document.text();
        int line = source.lineOf(at);
        int lineStart = source.offset(new io.tapls.text.Position(line, 0));
        int lineEnd = line + 1 < source.lineCount() ? source.offset(new io.tapls.text.Position(line + 1, 0)) - 1
                : text.length();
        String indent = text.substring(lineStart, lineEnd).replaceFirst("^([ \\t]*).*$", "$1");
        if (text.substring(lineStart, lineEnd).trim().startsWith("probe")) {
            indent = indent + "  ";
        }
        String statement = "\n" + indent + "printf(\"" + format + "\\n\", " + String.join(", ", values) + ")";
        return Optional.of(new Action("Insert a printf of all variables", Action.Kind.REFACTOR,
                List.of(new Action.Edit(document.path(), Location.of(document.path(), source,
                        new Span(lineEnd, lineEnd)), statement))));
    }
}
