package io.tapls.features;

import io.tapls.index.TapsetIndex;
import io.tapls.text.SourceText;
import io.tapls.text.Span;
import io.tapls.workspace.Document;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Workspace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /**
     * A variable to print.
     *
     * @param stapType stap's type of the variable ({@code long}, {@code string})
     * @param cType    the C type of the event argument it holds, or "" when it holds none
     */
    public record Variable(String name, String stapType, String cType) {
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
        Map<String, Variable> vars = new LinkedHashMap<>();
        for (String p : cx.block.points()) {
            for (String alias : p.contains("*") ? index.matching(p) : List.of(p)) {
                Map<String, String> cTypes = Completion.eventCTypes(workspace, alias);
                index.variables(alias).forEach((name, type) ->
                        vars.putIfAbsent(name, new Variable(name, type, cTypes.getOrDefault(name, ""))));
                break; // a wildcard's matches bind the same names; the first says which
            }
        }
        String statement = printf(point.substring(point.lastIndexOf('.') + 1), List.copyOf(vars.values()));
        if (statement == null) {
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
        return Optional.of(new Action("Insert a printf of all variables", Action.Kind.REFACTOR,
                List.of(new Action.Edit(document.path(), Location.of(document.path(), source,
                        new Span(lineEnd, lineEnd)), "\n" + indent + statement))));
    }

    /**
     * {@code printf("LABEL v1=%d v2=%s\n", v1, user_string_n(v2, 512))}: every variable with the conversion the
     * log probe uses for it (format/log_stap.py): a C string (tracetool's is_string) read with
     * {@code user_string_n}, another pointer {@code %p}, a number {@code %d}, a stap string {@code %s}. Null when
     * there is nothing to print.
     */
    public static String printf(String label, List<Variable> vars) {
        if (vars.isEmpty()) {
            return null;
        }
        StringBuilder format = new StringBuilder(label);
        List<String> values = new ArrayList<>();
        for (Variable v : vars) {
            format.append(' ').append(v.name()).append('=');
            String c = v.cType();
            if (v.stapType().equals("string")) {
                format.append("%s");
                values.add(v.name());
            } else if (isCString(c)) {
                format.append("%s");
                values.add("user_string_n(" + v.name() + ", 512)");
            } else if (c.contains("*")) {
                format.append("%p");
                values.add(v.name());
            } else {
                format.append("%d");
                values.add(v.name());
            }
        }
        return "printf(\"" + format + "\\n\", " + String.join(", ", values) + ")";
    }

    /** tracetool's is_string() (backend/simple.py): {@code char *} or {@code const char *}, one star. */
    private static boolean isCString(String cType) {
        String t = cType.stripLeading();
        return (t.startsWith("const char*") || t.startsWith("char*") || t.startsWith("const char *")
                || t.startsWith("char *")) && t.chars().filter(ch -> ch == '*').count() == 1;
    }
}
