package slipstream.kernels.scoring;

/** Central predictive intervals, the interval (Winkler) score and probability integral transforms. */
public final class Intervals {

    /** The default central-interval levels: 50%, 80% and 95%. */
    public static final double[] DEFAULT_LEVELS = {0.5, 0.8, 0.95};

    private Intervals() {}

    /**
     * Randomised PIT of y under the empirical distribution of an ensemble (any order, not modified):
     * (#{x &lt; y} + v (#{x = y} + 1)) / (m + 1), v ~ U(0, 1) from the caller's counter-based stream. Counting y
     * as one more draw keeps the value strictly inside (0, 1) and exactly uniform when y is exchangeable with the
     * members; the random split of ties makes it uniform for discrete outcomes too.
     */
    public static double ensemblePit(double[] members, int off, int m, double y, double v) {
        int below = 0;
        int equal = 0;
        for (int i = 0; i < m; i++) {
            double x = members[off + i];
            below += x < y ? 1 : 0;
            equal += x == y ? 1 : 0;
        }
        return (below + v * (equal + 1)) / (m + 1);
    }

    /**
     * Batch: observation k has m members at {@code members[k*m .. k*m + m)}, value {@code observations[k]} and
     * uniform {@code uniforms[k]} in [0, 1); writes the randomised PIT into {@code out[k]}, in (0, 1).
     */
    public static void ensemblePitBatch(double[] members, int m, double[] observations, double[] uniforms,
                                        double[] out) {
        for (int k = 0; k < observations.length; k++) {
            out[k] = ensemblePit(members, k * m, m, observations[k], uniforms[k]);
        }
    }

    /**
     * Central-interval coverage counts from PIT values: {@code hits[j]} += the number of {@code pit} values inside
     * the central {@code levels[j]} interval (see {@link #pitCovers}). Divide by the number of values for the
     * coverage rate; a calibrated forecast covers at rate {@code levels[j]}.
     */
    public static void coverageCounts(double[] pit, double[] levels, int[] hits) {
        for (double u : pit) {
            for (int j = 0; j < levels.length; j++) {
                hits[j] += pitCovers(u, levels[j]) ? 1 : 0;
            }
        }
    }

    /**
     * Interval (Winkler) score of the central {@code level} interval of an ensemble, bounds at type-7 sample
     * quantiles of {@code sorted[0 .. m)} (ascending): width + (2 / alpha) * miss, alpha = 1 - level, in the units
     * of the outcome (lower is better).
     */
    public static double winklerFromSorted(double[] sorted, int m, double level, double y) {
        double lo = quantile(sorted, m, (1 - level) / 2);
        double hi = quantile(sorted, m, (1 + level) / 2);
        return winkler(lo, hi, 1 - level, y);
    }

    /** Type-7 (linear interpolation) quantile of {@code sorted[0 .. m)} at probability p in [0, 1]. */
    public static double quantile(double[] sorted, int m, double p) {
        double h = (m - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, m - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Whether y lies in the central {@code level} interval of sorted members (type-7 quantiles). */
    public static boolean covers(double[] sorted, double level, double y) {
        double lo = LogScore.quantile(sorted, (1 - level) / 2);
        double hi = LogScore.quantile(sorted, (1 + level) / 2);
        return y >= lo && y <= hi;
    }

    /**
     * Randomised PIT of an integer outcome y in 1..K under a PMF: F(y - 1) + v p(y), v ~ U(0, 1) given by the
     * caller (from a counter-based stream). Uniform on (0, 1) when the forecast is calibrated.
     */
    public static double randomisedPit(double[] pmf, int off, int y, double v) {
        double below = 0;
        for (int j = 1; j < y; j++) {
            below += pmf[off + j - 1];
        }
        return below + v * pmf[off + y - 1];
    }

    /** Whether a PIT value lies in the central interval of {@code level}: exact coverage for discrete outcomes. */
    public static boolean pitCovers(double pit, double level) {
        double lo = (1 - level) / 2;
        return pit >= lo && pit <= 1 - lo;
    }

    /** Interval score of a central (1 - alpha) interval [lo, hi]: width plus 2/alpha times the miss. */
    public static double winkler(double lo, double hi, double alpha, double y) {
        double score = hi - lo;
        if (y < lo) {
            score += 2 / alpha * (lo - y);
        } else if (y > hi) {
            score += 2 / alpha * (y - hi);
        }
        return score;
    }

    /** Counts of PIT values in {@code bins} equal-width bins over [0, 1] (the last bin includes 1). */
    public static int[] histogram(double[] pit, int bins) {
        int[] counts = new int[bins];
        histogram(pit, counts);
        return counts;
    }

    /** Adds the PIT histogram over {@code counts.length} equal-width bins into caller-owned {@code counts}. */
    public static void histogram(double[] pit, int[] counts) {
        int bins = counts.length;
        for (double u : pit) {
            counts[Math.min(bins - 1, Math.max(0, (int) (u * bins)))]++;
        }
    }
}
