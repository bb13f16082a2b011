package io.tapls.lsp;

import io.tapls.workspace.Document;
import io.tapls.workspace.FileKind;
import io.tapls.workspace.Workspace;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Publishes diagnostics: at once when a document opens, after a short pause while it is being typed
 * in (a newer change cancels the pending run), never for a version that is no longer current. A script
 * whose index is still being built waits for it without holding up any other document: its run is
 * scheduled again when the index is ready.
 */
final class DiagnosticScheduler {
    /**
     * The pause after a change before its diagnostics are computed: long enough to absorb the changes an editor
     * sends together (one per cursor of a multi-cursor edit, a paste in pieces), short enough that a keystroke's
     * diagnostics arrive well under 50 ms after it, garbage collection and all (a trace-events re-analysis costs
     * 2-3 ms even in QEMU's 6,000-line file, pass 2 of Debian's largest tapset file 5-7 ms; with 25 ms the p99 of
     * bench/lsp-features.sh's script was 49-50 ms).
     */
    static final long DEBOUNCE_MS = 15;

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tapls-diagnostics");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final Workspace workspace;
    private final Consumer<Document> publish;

    DiagnosticScheduler(Workspace workspace, Consumer<Document> publish) {
        this.workspace = workspace;
        this.publish = publish;
    }

    void now(Document d) {
        schedule(d, 0);
    }

    void soon(Document d) {
        schedule(d, DEBOUNCE_MS);
    }

    /**
     * After something another document holds changed (a trace-events file being typed in, for the open
     * scripts): later than the edited document's own diagnostics, so that re-checking every open script does
     * not delay those of the document being typed in.
     */
    void afterOthers(Document d) {
        schedule(d, DEPENDENTS_DELAY_MS);
    }

    static final long DEPENDENTS_DELAY_MS = 300;

    private void schedule(Document d, long delayMs) {
        if (executor.isShutdown()) {
            return;
        }
        ScheduledFuture<?> previous = pending.put(d.uri(), executor.schedule(() -> run(d), delayMs,
                TimeUnit.MILLISECONDS));
        if (previous != null) {
            previous.cancel(false);
        }
    }

    private void run(Document d) {
        Document now = workspace.document(d.uri());
        if (now == null || now.version() != d.version()) {
            return; // closed, or edited again since: that version's run will publish
        }
        if (now.kind() == FileKind.STAP && !workspace.indexReady()) {
            workspace.libraryIndex().whenComplete((ix, e) -> schedule(now, 0));
            return;
        }
        try {
            publish.accept(now);
        } catch (RuntimeException e) {
            System.err.println("tapls: diagnostics for " + d.uri() + " failed: " + e);
        }
    }

    void cancel(String uri) {
        ScheduledFuture<?> previous = pending.remove(uri);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    void shutdown() {
        executor.shutdownNow();
    }
}
