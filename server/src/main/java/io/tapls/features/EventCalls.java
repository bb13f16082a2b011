package io.tapls.features;

import io.tapls.csource.CScanner;
import io.tapls.text.Position;
import io.tapls.tracetool.CSpelling;
import io.tapls.workspace.CallSites;
import io.tapls.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the C files under the workspace's roots use an event, under any of the names tracetool gives it
 * ({@link CSpelling}): what references list, hover counts and rename rewrites. An identifier that is also a
 * more direct name of another event of the workspace is that event's: {@code trace_foo_enabled} calls the event
 * {@code foo_enabled} when there is one, rather than asking whether {@code foo} is enabled.
 */
final class EventCalls {
    /** One use: the file, the identifier, and which of the event's names it is. */
    record Use(Path file, CScanner.Ident ident, CSpelling spelling) {
        Location location() {
            return new Location(file.toString(), new Position(ident.line(), ident.column()),
                    new Position(ident.endLine(), ident.endColumn()));
        }
    }

    private EventCalls() {
    }

    /** The event's uses in C, by file then position (waits for the C index). */
    static List<Use> of(Workspace workspace, String event) {
        boolean tcg = workspace.event(event).map(s -> s.event().hasProperty("tcg")).orElse(false);
        Map<String, CSpelling> wanted = new LinkedHashMap<>();
        CSpelling.of(event, tcg).forEach((identifier, spelling) -> {
            if (!ownedByAnother(workspace, identifier, spelling, event)) {
                wanted.put(identifier, spelling);
            }
        });
        List<Use> out = new ArrayList<>();
        workspace.callSites().find(wanted).forEach((spelling, sites) -> {
            for (CallSites.Site site : sites) {
                out.add(new Use(site.file(), site.ident(), spelling));
            }
        });
        out.sort(Comparator.comparing((Use u) -> u.file().toString()).thenComparingInt(u -> u.ident().start()));
        return out;
    }

    private static boolean ownedByAnother(Workspace workspace, String identifier, CSpelling mine, String event) {
        for (CSpelling other : CSpelling.values()) {
            if (other.ordinal() >= mine.ordinal()) {
                return false;
            }
            String name = other.eventOf(identifier);
            if (name != null && !name.equals(event) && workspace.event(name).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static final int LISTED = 5;

    /**
     * What hover says of an event's C uses: how many call sites (uses that fire it) and where, then the other
     * uses (state checks); null when there is no C file under the roots to look in.
     */
    static String summary(Workspace workspace, String event) {
        if (workspace.callSites().index().files().isEmpty()) {
            return null;
        }
        List<Use> uses = of(workspace, event);
        List<Use> calls = uses.stream().filter(u -> u.spelling().fires()).toList();
        List<Use> others = uses.stream().filter(u -> !u.spelling().fires()).toList();
        StringBuilder md = new StringBuilder();
        if (calls.isEmpty()) {
            md.append("No call site in the workspace's C files");
        } else {
            md.append(calls.size()).append(calls.size() == 1 ? " call site" : " call sites").append(" in C: ");
            list(workspace, calls, md);
        }
        if (!others.isEmpty()) {
            md.append("; ").append(others.size()).append(others.size() == 1 ? " other use" : " other uses")
                    .append(" (").append(String.join(", ", others.stream().map(u -> "`" + u.ident().name() + "`")
                            .distinct().toList())).append("): ");
            list(workspace, others, md);
        }
        return md.toString();
    }

    private static void list(Workspace workspace, List<Use> uses, StringBuilder md) {
        for (int i = 0; i < Math.min(LISTED, uses.size()); i++) {
            Use u = uses.get(i);
            md.append(i > 0 ? ", " : "").append('`').append(shown(workspace, u.file())).append(':')
                    .append(u.ident().line() + 1).append('`');
        }
        if (uses.size() > LISTED) {
            md.append(" and ").append(uses.size() - LISTED).append(" more");
        }
    }

    /** A file as the user knows it: relative to the workspace folder that holds it. */
    static String shown(Workspace workspace, Path file) {
        for (Path root : workspace.roots()) {
            if (file.startsWith(root) && !file.equals(root)) {
                return root.relativize(file).toString();
            }
        }
        return file.toString();
    }
}
