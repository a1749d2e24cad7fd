package slipstream.kernels.race;

/**
 * {@link WeightedPick} by a binary search without branches, so the JIT can use conditional moves: which half
 * holds a random draw is a coin flip for the branch predictor.
 */
public final class ScalarWeightedPick implements WeightedPick {

    @Override
    public int firstAbove(double[] cum, double x, int running) {
        int base = 0;
        int len = running;
        while (len > 1) {
            int half = len >>> 1;
            base = cum[base + half] <= x ? base + half : base;
            len -= half;
        }
        return Math.min(base + (cum[base] <= x ? 1 : 0), running - 1);
    }
}
