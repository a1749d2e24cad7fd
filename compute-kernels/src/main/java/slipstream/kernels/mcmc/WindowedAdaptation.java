package slipstream.kernels.mcmc;

/**
 * Stan's warmup schedule for the metric: an initial buffer (75 iterations, step size only), slow windows of
 * 25, 50, 100, ... iterations collecting draws for the metric (the last one stretched to reach the terminal
 * buffer), and a terminal buffer of 50 (step size only). When 75 + 25 + 50 exceeds the warmup, the buffers
 * become 15% / 75% / 10%; below 20 warmup iterations the metric is not adapted at all.
 */
final class WindowedAdaptation {

    private final int warmup;
    private int initBuffer = 75;
    private int termBuffer = 50;
    private int baseWindow = 25;
    private int counter;
    private int windowSize;
    private int nextWindow;

    WindowedAdaptation(int warmup) {
        this.warmup = warmup;
        if (warmup >= 20 && initBuffer + baseWindow + termBuffer > warmup) {
            initBuffer = (int) (0.15 * warmup);
            termBuffer = (int) (0.1 * warmup);
            baseWindow = warmup - (initBuffer + termBuffer);
        }
        windowSize = baseWindow;
        nextWindow = initBuffer + windowSize - 1;
    }

    int initBuffer() {
        return initBuffer;
    }

    int termBuffer() {
        return termBuffer;
    }

    int baseWindow() {
        return baseWindow;
    }

    /** Whether the current warmup iteration's draw feeds the metric estimate. */
    boolean inWindow() {
        return warmup >= 20 && counter >= initBuffer && counter < warmup - termBuffer && counter != warmup;
    }

    /** Whether the current iteration closes a slow window (the metric is then updated). */
    boolean endOfWindow() {
        return warmup >= 20 && counter == nextWindow && counter != warmup;
    }

    /** Moves to the next iteration; call after {@link #endOfWindow()} handling. */
    void advance(boolean windowEnded) {
        if (windowEnded) {
            computeNextWindow();
        }
        counter++;
    }

    private void computeNextWindow() {
        if (nextWindow == warmup - termBuffer - 1) {
            return;
        }
        windowSize *= 2;
        nextWindow = counter + windowSize;
        if (nextWindow != warmup - termBuffer - 1) {
            int nextBoundary = nextWindow + 2 * windowSize;
            if (nextBoundary >= warmup - termBuffer) {
                nextWindow = warmup - termBuffer - 1;
            }
        }
    }
}
