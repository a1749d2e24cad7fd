package slipstream.server.grpc;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import slipstream.server.error.StatusMapping;

/**
 * The server side of a long, server-streaming job (Calibrate, Optimize): progress with flow control, one
 * final message, and cancellation.
 *
 * <p>Progress is coalesced: at most one progress message waits for the transport, and a newer one replaces
 * it, so a slow client never makes the server buffer without bound (grpc-java's manual flow control via
 * {@code isReady}/{@code onReady}). The final message is always delivered after any pending progress is
 * dropped. {@link #cancelled()} turns true as soon as the client cancels or its deadline passes; jobs poll it.
 */
public final class JobStream<T> {

    private final ServerCallStreamObserver<T> call;
    private final Context context = Context.current();
    private volatile boolean cancelled;
    private volatile long cancelledAtNanos;
    private T pending;
    private boolean finished;

    public JobStream(StreamObserver<T> observer) {
        this.call = (ServerCallStreamObserver<T>) observer;
        call.setOnCancelHandler(() -> {
            cancelledAtNanos = System.nanoTime();
            cancelled = true;
        });
        call.setOnReadyHandler(this::flush);
    }

    /** True once the client cancelled or its deadline passed. */
    public boolean cancelled() {
        return cancelled || call.isCancelled() || context.isCancelled();
    }

    /** A check for kernels to poll. */
    public BooleanSupplier cancellation() {
        return this::cancelled;
    }

    /** Throws {@link CancellationException} when the client is gone; call between units of work. */
    public void throwIfCancelled() {
        if (cancelled()) {
            throw new CancellationException(context.getDeadline() != null && context.getDeadline().isExpired()
                    ? "deadline exceeded" : "cancelled by the client");
        }
    }

    /** Queues a progress message, replacing any that the transport has not taken yet. */
    public synchronized void progress(T message) {
        if (finished || cancelled()) {
            return;
        }
        pending = message;
        flush();
    }

    private synchronized void flush() {
        if (pending != null && !finished && call.isReady() && !cancelled()) {
            T next = pending;
            pending = null;
            call.onNext(next);
        }
    }

    /** Sends the final message and completes the call. */
    public synchronized void finish(T result) {
        if (finished || cancelled()) {
            finished = true;
            return;
        }
        finished = true;
        pending = null;
        call.onNext(result);
        call.onCompleted();
    }

    /** Milliseconds since the client cancelled (or its deadline passed), or -1 when it has not. */
    public double millisSinceCancel() {
        long at = cancelledAtNanos;
        return at == 0 ? -1 : (System.nanoTime() - at) / 1e6;
    }

    /** Ends the call with the mapped status of {@code failure} (CANCELLED when the client is gone). */
    public synchronized void fail(Throwable failure) {
        if (finished) {
            return;
        }
        finished = true;
        pending = null;
        if (cancelled()) {
            return; // the call is already closed by the transport; nothing can reach the client
        }
        call.onError(failure instanceof CancellationException
                ? Status.CANCELLED.withDescription(failure.getMessage()).asRuntimeException()
                : StatusMapping.toStatus(failure));
    }
}
