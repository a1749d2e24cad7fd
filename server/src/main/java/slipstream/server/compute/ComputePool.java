package slipstream.server.compute;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import slipstream.server.config.SlipstreamConfig;
import slipstream.server.error.ResourceExhaustedException;

/**
 * The bounded pool where heavy work runs, sized to the cores and separate from the gRPC I/O threads. When
 * every thread is busy and the queue is full, new jobs are refused with RESOURCE_EXHAUSTED instead of
 * piling up.
 */
@Singleton
public class ComputePool {

    private final ThreadPoolExecutor executor;

    public ComputePool(SlipstreamConfig config) {
        int threads = Math.max(1, config.getComputeThreads());
        AtomicInteger ids = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.getComputeQueue())), r -> {
                    Thread t = new Thread(r, "compute-" + ids.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs the job on the pool; the future fails with {@link ResourceExhaustedException} when the pool is full. */
    public <T> CompletableFuture<T> submit(Supplier<T> job) {
        try {
            return CompletableFuture.supplyAsync(job, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new ResourceExhaustedException(
                    "the compute pool is full (" + executor.getMaximumPoolSize() + " running, "
                            + executor.getQueue().size() + " queued); retry shortly", Duration.ofSeconds(2)));
        }
    }

    /** The pool as an executor for kernels that split work (e.g. NUTS chains); tasks must not block on it. */
    public Executor executor() {
        return executor;
    }

    public int threads() {
        return executor.getMaximumPoolSize();
    }

    @PreDestroy
    public void shutdown() {
        executor.shutdownNow();
    }
}
