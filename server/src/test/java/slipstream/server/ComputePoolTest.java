package slipstream.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import slipstream.server.compute.ComputePool;
import slipstream.server.config.SlipstreamConfig;
import slipstream.server.error.ResourceExhaustedException;
import slipstream.server.error.StatusMapping;

class ComputePoolTest {

    @Test
    void fullPoolRefusesWithResourceExhausted() throws Exception {
        SlipstreamConfig config = new SlipstreamConfig();
        config.setComputeThreads(1);
        config.setComputeQueue(1);
        ComputePool pool = new ComputePool(config);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        var first = pool.submit(() -> {
            running.countDown();
            await(release);
            return 1;
        });
        running.await();
        var queued = pool.submit(() -> 2);
        var refused = pool.submit(() -> 3);

        CompletionException failure = assertThrows(CompletionException.class, refused::join);
        assertInstanceOf(ResourceExhaustedException.class, failure.getCause());
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, StatusMapping.toStatus(failure).getStatus().getCode());

        release.countDown();
        assertEquals(1, first.get());
        assertEquals(2, queued.get());
        pool.shutdown();
    }

    @Test
    void unexpectedFailuresBecomeInternalWithoutInternals() {
        var mapped = StatusMapping.toStatus(new NullPointerException("secret detail at Foo.java:12"));
        assertEquals(Status.Code.INTERNAL, mapped.getStatus().getCode());
        assertEquals(false, mapped.getStatus().getDescription().contains("secret"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
