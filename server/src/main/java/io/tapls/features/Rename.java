package io.tapls.features;

import io.tapls.text.Span;
import io.tapls.workspace.Document;
import io.tapls.workspace.Workspace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rename of a local, a global or a function across the workspace's scripts. Probe points and events are not
 * renamed here: an event's name lives in C code too.
 */
public final class Rename {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final java.util.Set<String> KEYWORDS = java.util.Set.copyOf(Completion.KEYWORDS);

    /** What can be renamed at an offset: its range and current name. */
    public record Renameable(Span span, String name) {
    }

    /** One replacement in some file. */
    public record FileEdit(Location range, String newText) {
    }

    /** The edits of a rename: path → edits in that file (paths as documents and files have them). */
    public record Edits(Map<String, List<FileEdit>> byPath) {
    }

    private Rename() {
    }

    public static Optional<Renameable> prepare(Workspace workspace, Document document, int offset) {
        Occurrences.Target t = Occurrences.target(workspace, document, offset);
        if (t == null || t.kind() == Occurrences.Kind.EVENT || t.kind() == Occurrences.Kind.ALIAS) {
            return Optional.empty();
        }
        return Optional.of(new Renameable(t.at(), t.name()));
    }

    /** The edits, or an explanation of why the rename cannot be made. */
    public static Edits rename(Workspace workspace, Document document, int offset, String newName) {
        if (!IDENTIFIER.matcher(newName).matches() || KEYWORDS.contains(newName)) {
            throw new IllegalArgumentException("'" + newName + "' is not a SystemTap identifier");
        }
        Occurrences.Target t = Occurrences.target(workspace, document, offset);
        if (t == null || t.kind() == Occurrences.Kind.EVENT || t.kind() == Occurrences.Kind.ALIAS) {
            throw new IllegalArgumentException("only locals, globals and functions can be renamed");
        }
        Map<String, List<FileEdit>> out = new LinkedHashMap<>();
        for (Occurrences.Occurrence o : Occurrences.find(workspace, t)) {
            out.computeIfAbsent(o.path(), k -> new ArrayList<>()).add(new FileEdit(o.location(), newName));
        }
        return new Edits(out);
    }
}
