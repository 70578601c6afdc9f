package dev.ftcheck.tests.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Runs n tasks on n threads released together, waits with a bound, rethrows the first failure. */
final class Concurrent {
    private Concurrent() {}

    static <T> List<T> run(int n, IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<T> c = task.apply(i);
                fs.add(pool.submit(() -> {
                    start.await();
                    return c.call();
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : fs) {
                out.add(f.get(240, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
            // Let the threads exit: objects they own that others released are freed when they leave (biased
            // reference counting merges an exiting owner's queue).
            pool.awaitTermination(60, TimeUnit.SECONDS);
        }
    }

    /**
     * Waits (bounded) for the live-object count to return to baseline. Decrefs of objects owned by another thread
     * are queued to that owner and merged when it next detaches or exits, so the count settles shortly after.
     */
    static long awaitLiveObjects(dev.ftcheck.runtime.FtRuntime rt, long baseline) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long live = rt.liveObjects();
        while (live != baseline && System.nanoTime() < deadline) {
            Thread.sleep(20);
            live = rt.liveObjects();
        }
        return live;
    }
}
