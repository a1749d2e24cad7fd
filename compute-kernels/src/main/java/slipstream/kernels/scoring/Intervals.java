package slipstream.kernels.scoring;

/** Central predictive intervals, the interval (Winkler) score and probability integral transforms. */
public final class Intervals {

    private Intervals() {}

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

    /** Counts of PIT values in {@code bins} equal-width bins over [0, 1]. */
    public static int[] histogram(double[] pit, int bins) {
        int[] counts = new int[bins];
        for (double u : pit) {
            counts[Math.min(bins - 1, Math.max(0, (int) (u * bins)))]++;
        }
        return counts;
    }
}
