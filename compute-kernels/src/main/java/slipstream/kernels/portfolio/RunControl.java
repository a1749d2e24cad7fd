package slipstream.kernels.portfolio;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * Cancellation and progress for long kernels. Every long loop calls {@link #poll()} often (each call is a counter
 * increment; the supplier is consulted every {@code stride} calls, sized so that a poll happens at least every
 * few milliseconds of work) and throws {@link CancellationException} once the supplier says stop, so the server
 * can stop a run within 100 ms. Not thread-safe: one instance per running job and thread.
 */
public final class RunControl {
    private static final RunControl NONE = new RunControl(() -> false, f -> {});

    private final BooleanSupplier cancelled;
    private final DoubleConsumer progress;
    private int ticks;

    /**
     * @param cancelled returns true once the caller wants the work to stop (client cancel, deadline)
     * @param progress  receives the fraction done of the current kernel call, 0..1, non-decreasing within a call
     */
    public RunControl(BooleanSupplier cancelled, DoubleConsumer progress) {
        this.cancelled = cancelled;
        this.progress = progress;
    }

    /** A control that never cancels and ignores progress (tests, benchmarks). */
    public static RunControl none() {
        return NONE;
    }

    /**
     * A control for one worker thread of a parallel loop: the same cancellation, its own poll counter, and no
     * progress (the loop reports progress itself).
     */
    public RunControl forWorker() {
        return new RunControl(cancelled, f -> { });
    }

    /** Cheap poll for inner loops: consults the supplier every 256 calls. */
    public void poll() {
        if ((++ticks & 255) == 0) {
            check();
        }
    }

    /** Consults the supplier now; throws when cancelled. */
    public void check() {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled by the caller");
        }
    }

    /** Reports progress and polls cancellation. */
    public void progress(double fractionDone) {
        check();
        progress.accept(Math.max(0, Math.min(1, fractionDone)));
    }
}
