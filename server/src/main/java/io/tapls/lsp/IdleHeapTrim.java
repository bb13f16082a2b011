package io.tapls.lsp;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Gives memory back to the system once the server has been idle for a while. Building the tapset index and
 * analysing a big file the first time allocate far more than the server keeps (about 40 MB live for QEMU's
 * corpus, 7.2's trace-events-all and Debian's library, against 150 to 250 MB of heap grown to hold the
 * transient garbage). The serial collector the launcher chooses only shrinks the heap in a full collection,
 * which a steady editing session never triggers: so when the client has sent nothing for {@link #IDLE_MS} and
 * the heap has grown by more than {@link #GROWTH_BYTES} since the last trim, one full collection runs (tens of
 * milliseconds over 40 MB live, while nobody waits) and the heap shrinks to -XX:MaxHeapFreeRatio's share.
 * This is what IDEs do between bursts of work; nothing here runs while the user types.
 */
final class IdleHeapTrim {
    static final long IDLE_MS = 2_000;
    static final long GROWTH_BYTES = 16L << 20;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final LongSupplier clock;
    private volatile long lastActivity;
    private long committedAfterTrim;

    IdleHeapTrim(LongSupplier clock) {
        this.clock = clock;
        this.lastActivity = clock.getAsLong();
        this.committedAfterTrim = committed();
    }

    /** Starts the daemon that checks once a second; the returned executor dies with the process. */
    static IdleHeapTrim start() {
        IdleHeapTrim trim = new IdleHeapTrim(() -> System.nanoTime() / 1_000_000);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tapls-idle-heap-trim");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        timer.scheduleWithFixedDelay(trim::maybeTrim, 1, 1, TimeUnit.SECONDS);
        return trim;
    }

    /** Every message from the client counts as activity. */
    void touch() {
        lastActivity = clock.getAsLong();
    }

    /** Whether a trim is due now: idle long enough, and the heap grew since the last one. */
    boolean due(long committedNow) {
        return clock.getAsLong() - lastActivity >= IDLE_MS && committedNow - committedAfterTrim > GROWTH_BYTES;
    }

    void maybeTrim() {
        try {
            if (due(committed())) {
                System.gc();
                committedAfterTrim = committed();
            }
        } catch (RuntimeException | Error e) {
            // Best effort: never let the timer die on a monitoring hiccup.
        }
    }

    private long committed() {
        return memory.getHeapMemoryUsage().getCommitted();
    }
}
