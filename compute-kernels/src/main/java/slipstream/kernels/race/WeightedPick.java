package slipstream.kernels.race;

import slipstream.kernels.vector.VectorSupport;

/**
 * Where a draw lands among cumulative weights: the race kernel draws each stint's leader and fastest-lap holder
 * this way, a few hundred times per scenario.
 *
 * <p>{@link #firstAbove} is the first position whose cumulative weight exceeds x among the first {@code running}
 * (the last of them if none does). Weights are non-negative, so the cumulative array never decreases and that
 * position is also the count of cumulative weights at or below x: both twins give the same position for every
 * input, compiled or interpreted (comparisons only, no arithmetic).
 *
 * <p>Twins: {@link ScalarWeightedPick} (a branch-free binary search) and {@link PanamaWeightedPick} (a scan of
 * one vector of weights per step from the front, where the finish-order weights put most draws); obtain one with
 * {@link #get()}.
 */
public interface WeightedPick {

    /** The twin chosen once per JVM by {@link VectorSupport}. */
    static WeightedPick get() {
        return Holder.INSTANCE;
    }

    /**
     * @param cum     non-decreasing cumulative weights; only cum[0 .. running) is read
     * @param running how many positions may be drawn, at least 1
     */
    int firstAbove(double[] cum, double x, int running);

    /** Lazily initialised holder of the chosen twin. */
    final class Holder {
        private Holder() {}

        static final WeightedPick INSTANCE = VectorSupport.select(ScalarWeightedPick::new, PanamaWeightedPick::new);
    }
}
