package io.tapls.lsp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When the server gives memory back: only after the client has been quiet, and only if the heap grew. */
class IdleHeapTrimTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final IdleHeapTrim trim = new IdleHeapTrim(now::get);
    private final long committed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();

    @Test
    void notWhileTheClientIsActive() {
        now.addAndGet(IdleHeapTrim.IDLE_MS - 1);
        assertFalse(trim.due(committed + 2 * IdleHeapTrim.GROWTH_BYTES));
        now.addAndGet(1);
        assertTrue(trim.due(committed + 2 * IdleHeapTrim.GROWTH_BYTES));
        trim.touch();
        assertFalse(trim.due(committed + 2 * IdleHeapTrim.GROWTH_BYTES), "a message restarts the quiet period");
    }

    @Test
    void notWhenTheHeapHasNotGrown() {
        now.addAndGet(10 * IdleHeapTrim.IDLE_MS);
        assertFalse(trim.due(committed + IdleHeapTrim.GROWTH_BYTES / 2));
    }
}
