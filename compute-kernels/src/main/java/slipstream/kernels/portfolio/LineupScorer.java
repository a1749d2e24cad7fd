package slipstream.kernels.portfolio;

/**
 * Points of lineups across scenarios: {@code out[(l - lFrom) * (sTo - sFrom) + (s - sFrom)] = sum over the
 * lineup's drivers d, in the order stored, of points[d * S + s]}. Points are laid out one row per driver across
 * scenarios. The summation order is fixed (drivers in stored order) so every implementation gives identical bits.
 *
 * <p>This is the seam for the project's SIMD lineup evaluator in {@code slipstream.kernels.dfs}: adapt it here
 * with a lambda. {@link #scalar()} is the plain twin used until then.
 */
@FunctionalInterface
public interface LineupScorer {
    void score(double[] points, int scenarios, int sFrom, int sTo, int[] lineups, int roster, int lFrom, int lTo,
               double[] out);

    /** All scenarios of lineups 0..count-1 into out (length >= count * scenarios). */
    default void scoreAll(double[] points, int scenarios, int[] lineups, int roster, int count, double[] out) {
        score(points, scenarios, 0, scenarios, lineups, roster, 0, count, out);
    }

    /**
     * Sets bit i % 64 of bits[at + i / 64] for each i < len where values[off + i] > threshold[i], or-ing into the
     * words (bits already set stay set). Strict: a tie is no hit. Every implementation sets the same bits.
     *
     * <p>This plain twin gathers each word in a register and stores it once: or-ing each bit into memory chained
     * every scenario to the previous one's store.
     */
    default void markAbove(double[] values, int off, int len, double[] threshold, long[] bits, int at) {
        for (int w = at, from = 0; from < len; w++, from += 64) {
            int to = Math.min(len, from + 64);
            long word = 0;
            for (int i = from; i < to; i++) {
                word |= (values[off + i] > threshold[i] ? 1L : 0L) << i;
            }
            bits[w] |= word;
        }
    }

    /** Plain loops; the inner loop over scenarios is contiguous, which the JIT auto-vectorises. */
    static LineupScorer scalar() {
        return (points, scenarios, sFrom, sTo, lineups, roster, lFrom, lTo, out) -> {
            int width = sTo - sFrom;
            for (int l = lFrom; l < lTo; l++) {
                int o = (l - lFrom) * width;
                int d0 = lineups[l * roster] * scenarios;
                for (int s = sFrom; s < sTo; s++) {
                    out[o + s - sFrom] = points[d0 + s];
                }
                for (int k = 1; k < roster; k++) {
                    int d = lineups[l * roster + k] * scenarios;
                    for (int s = sFrom; s < sTo; s++) {
                        out[o + s - sFrom] += points[d + s];
                    }
                }
            }
        };
    }
}
