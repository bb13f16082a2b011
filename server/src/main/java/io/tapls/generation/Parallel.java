package io.tapls.generation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;
import java.util.stream.IntStream;

/**
 * Independent jobs of very different sizes (trace-events files range from 0 to 365 events) on every core:
 * the biggest first, each worker taking the next job when done, the calling thread working too.
 */
final class Parallel {
    private Parallel() {
    }

    /** {@code job(i)} for i in [0, n), in any order and on any thread; results by index. */
    static Object[] map(int n, IntToLongFunction size, IntFunction<Object> job) {
        Object[] results = new Object[n];
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, (a, b) -> Long.compare(size.applyAsLong(b), size.applyAsLong(a)));
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int k = next.getAndIncrement(); k < n; k = next.getAndIncrement()) {
                int i = order[k];
                results[i] = job.apply(i);
            }
        };
        int helpers = Math.min(n, Runtime.getRuntime().availableProcessors()) - 1;
        List<Future<?>> futures = new ArrayList<>();
        for (int h = 0; h < helpers; h++) {
            futures.add(ForkJoinPool.commonPool().submit(worker));
        }
        RuntimeException failure = null;
        try {
            worker.run();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }
}
