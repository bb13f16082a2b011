package io.tapls.lsp;

import java.util.Optional;

/** Exits the server when the editor that started it dies without saying goodbye. */
final class ParentProcessWatcher {
    private ParentProcessWatcher() {
    }

    static void watch(long pid, Runnable onDeath) {
        Optional<ProcessHandle> parent = ProcessHandle.of(pid);
        if (parent.isEmpty()) {
            return; // not visible from here (another PID namespace): nothing to watch
        }
        parent.get().onExit().thenRun(onDeath);
    }
}
