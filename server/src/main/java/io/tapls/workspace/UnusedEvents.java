package io.tapls.workspace;

import io.tapls.diag.Diagnostic;
import io.tapls.diag.Fix;
import io.tapls.text.SourceText;
import io.tapls.text.Span;
import io.tapls.traceevents.TraceEvent;
import io.tapls.traceevents.TraceEventRules;
import io.tapls.traceevents.TraceEventsFile;
import io.tapls.tracetool.CSpelling;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The events QEMU's {@code scripts/cleanup-trace-events.pl} would delete from a trace-events file, with a fix
 * that deletes the line. The script, run on {@code DIR/trace-events}, takes each line matching
 * {@code /^(disable |(tcg) |(vcpu) )*([a-z_0-9]+)\(/i} and keeps it when {@code git grep -lw trace_NAME}
 * ({@code trace_NAME_tcg} for a tcg event) from DIR with {@code --max-depth 1} (no limit for a vcpu event)
 * finds a file other than {@code trace-events}. Here the same lines, the same directories, but:
 * <ul>
 * <li>only C files count, and only code in them: a mention in a comment or a string does not keep an event
 *     (git grep sees text; a comment does not fire an event);</li>
 * <li>every name tracetool gives the event counts ({@link CSpelling}: {@code trace_foo}, {@code TRACE_FOO}
 *     given to {@code trace_event_get_state_backends()}, the dtrace backend's {@code QEMU_FOO()}, ...), not
 *     only the word {@code trace_foo}: the script would delete an event that code uses only as
 *     {@code QEMU_FOO()}, and the build would break.</li>
 * </ul>
 * Nothing is reported for a file whose scope holds no C file (a lone trace-events file, a corpus), for
 * {@code trace-events-all} (events of the whole tree in one file) and for QAPI's generated files (their
 * callers are generated too).
 */
public final class UnusedEvents {
    /** cleanup-trace-events.pl's event line. */
    private static final Pattern SCRIPT_EVENT = Pattern.compile("^(disable |(tcg) |(vcpu) )*([a-z_0-9]+)\\(",
            Pattern.CASE_INSENSITIVE);

    private UnusedEvents() {
    }

    /** The file's unused events; {@code path} is where the file is (its directory is what counts), or null. */
    /**
     * Whether {@link #check} can report anything for a file at this path: not for trace-events-all, nor where
     * neither of its scopes (the directory and the one below it; the whole subtree, for vcpu events) holds a
     * C file.
     */
    public static boolean mayApply(Path path, CallSites sites) {
        if (path == null || path.getFileName() == null || path.getFileName().toString().equals("trace-events-all")) {
            return false;
        }
        Path dir = path.toAbsolutePath().normalize().getParent();
        return dir != null && (!sites.names(dir, CallSites.Scope.DIRECTORY).files().isEmpty()
                || !sites.names(dir, CallSites.Scope.SUBTREE).files().isEmpty());
    }

    public static List<Diagnostic> check(TraceEventsFile file, Path path, CallSites sites) {
        if (path == null || path.getFileName() == null || path.getFileName().toString().equals("trace-events-all")
                || file.events().isEmpty() || generatedByQapi(file.text())) {
            return List.of();
        }
        Path dir = path.toAbsolutePath().normalize().getParent();
        if (dir == null) {
            return List.of();
        }
        List<Diagnostic> out = new ArrayList<>();
        CallSites.Names directory = null;
        CallSites.Names subtree = null;
        SourceText text = file.text();
        for (TraceEvent e : file.events()) {
            if (!SCRIPT_EVENT.matcher(text.lineContent(e.line())).find()) {
                continue; // the script keeps what it does not understand ("unintelligible line")
            }
            CallSites.Names names;
            if (e.hasProperty("vcpu")) {
                names = subtree = subtree != null ? subtree : sites.names(dir, CallSites.Scope.SUBTREE);
            } else {
                names = directory = directory != null ? directory : sites.names(dir, CallSites.Scope.DIRECTORY);
            }
            if (names.files().isEmpty() || used(e, names)) {
                continue;
            }
            int start = text.lineStart(e.line());
            int end = e.line() + 1 < text.lineCount() ? text.lineStart(e.line() + 1) : text.length();
            String where = e.hasProperty("vcpu") ? "this directory or below it"
                    : "this directory or the directories just below it";
            out.add(Diagnostic.of(TraceEventRules.UNUSED_EVENT, e.nameSpan(), "event '" + e.name()
                    + "' is not used: no C file in " + where + " calls " + CSpelling.CALL.of(e.name())
                    + "() or uses another of its names; scripts/cleanup-trace-events.pl would delete it",
                    new Fix("Delete the unused event '" + e.name() + "'", List.of(
                            new io.tapls.diag.TextEdit(new Span(start, end), "")))));
        }
        return out;
    }

    private static boolean used(TraceEvent e, CallSites.Names names) {
        for (String spelling : CSpelling.of(e.name(), e.hasProperty("tcg")).keySet()) {
            if (names.names().contains(spelling)) {
                return true;
            }
        }
        return false;
    }

    /** QAPI's generated trace-events (qapi-gen.py's header; 7.2 wrote it without "by qapi-gen.py"). */
    private static boolean generatedByQapi(SourceText text) {
        return text.text().startsWith("# AUTOMATICALLY GENERATED");
    }
}
