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
 * milliseconds over 40 MB live, while nobody waits) and the heap shrinks to within 30% of what is live.
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
                shrinkingGc();
                committedAfterTrim = committed();
            }
        } catch (RuntimeException | Error e) {
            // Best effort: never let the timer die on a monitoring hiccup.
        }
    }

    /** The free share a trim shrinks the heap to (and below which it grows during it), in percent. */
    static final int TRIM_MIN_FREE = 20;
    static final int TRIM_MAX_FREE = 30;

    /**
     * One full collection that shrinks the heap to within {@link #TRIM_MAX_FREE}% of what is live. The JVM's own
     * ratios (40%/70%) stay in force while the user types, where tighter ones made full collections frequent
     * (bench/lsp-features.sh: republish p99 108-126 ms against 43 ms); both are manageable flags, so only this
     * collection runs with the tight ones (a user's own tighter settings are kept).
     */
    private void shrinkingGc() {
        com.sun.management.HotSpotDiagnosticMXBean hotspot = null;
        String min = null;
        String max = null;
        try {
            hotspot = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            min = hotspot.getVMOption("MinHeapFreeRatio").getValue();
            max = hotspot.getVMOption("MaxHeapFreeRatio").getValue();
            hotspot.setVMOption("MinHeapFreeRatio", String.valueOf(Math.min(TRIM_MIN_FREE, Integer.parseInt(min))));
            hotspot.setVMOption("MaxHeapFreeRatio", String.valueOf(Math.min(TRIM_MAX_FREE, Integer.parseInt(max))));
        } catch (RuntimeException e) {
            // not manageable in this JVM: the collection shrinks to the JVM's own share
        }
        try {
            System.gc();
        } finally {
            if (hotspot != null && min != null && max != null) {
                try {
                    hotspot.setVMOption("MaxHeapFreeRatio", max);
                    hotspot.setVMOption("MinHeapFreeRatio", min);
                } catch (RuntimeException e) {
                    // best effort, as above
                }
            }
        }
    }

    private long committed() {
        return memory.getHeapMemoryUsage().getCommitted();
    }
}
