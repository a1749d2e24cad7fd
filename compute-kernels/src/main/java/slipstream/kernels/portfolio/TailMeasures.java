package slipstream.kernels.portfolio;

/**
 * Tail measures of one row of scenario values (a lineup's points across scenarios).
 *
 * <p><b>Upper-tail CVaR at level alpha</b> is the mean of the best {@code (1 - alpha)} share of scenarios:
 * with {@code m = (1 - alpha) * S}, the sum of the {@code floor(m)} largest values plus {@code m - floor(m)} times
 * the next largest, divided by m. It is computed by an explicit selection of those scenarios (quickselect),
 * never as an optimisation over an auxiliary variable: it equals {@code min over t of t + E[(X - t)+] / (1 - alpha)}
 * (the Rockafellar-Uryasev form for the upper tail, whose minimiser is the alpha-quantile), and the earlier
 * prototype's mistake was to maximise that expression jointly over t and the lineup, which is unbounded as t goes
 * to minus infinity (its slope in t is 1 - 1/(1 - alpha) < 0) so the chosen lineup was arbitrary.
 */
public final class TailMeasures {
    private TailMeasures() {}

    /** Mean of x[off .. off+len). */
    public static double mean(double[] x, int off, int len) {
        double s = 0;
        for (int i = 0; i < len; i++) {
            s += x[off + i];
        }
        return s / len;
    }

    /**
     * Upper-tail CVaR of x[off .. off+len) at level alpha in (0, 1).
     *
     * @param scratch length >= len, overwritten
     * @param rows    the twin that filters the row ({@link LineupScorer#copyAtOrAbove}): any gives the same bits
     */
    public static double cvarUpper(double[] x, int off, int len, double alpha, double[] scratch, LineupScorer rows) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        double m = (1 - alpha) * len;
        int full = (int) Math.floor(m);
        double frac = m - full;
        // Put the full+1 largest values at the end (their order is not needed, only membership).
        int need = Math.min(len, full + 1);
        int candidates = largestAtEnd(x, off, len, need, scratch, rows);
        double sum = 0;
        double next = Double.POSITIVE_INFINITY;
        for (int i = candidates - need; i < candidates; i++) {
            sum += scratch[i];
            next = Math.min(next, scratch[i]);
        }
        if (need == full + 1) {
            // The smallest of the need largest is the (full+1)-th largest: it carries weight frac, not 1.
            sum -= next;
            sum += frac * next;
        }
        return sum / m;
    }

    private static final int PIVOT_SAMPLE = 256;

    /**
     * Copies to scratch[0..n) values of x[off..off+len) that hold its k largest, with those k at scratch[n-k..n)
     * (in no particular order, no smaller value among them), and returns n.
     */
    static int largestAtEnd(double[] x, int off, int len, int k, double[] scratch, LineupScorer rows) {
        int n = keepAtLeastLargest(x, off, len, k, scratch, rows);
        selectRank(scratch, 0, n, n - k);
        return n;
    }

    /**
     * Copies to scratch[0..n) a set of values of x[off..off+len) that holds its k largest, and returns n. For a
     * small tail of a long row only the values at or above a pivot are kept: the pivot is selected from an
     * evenly spaced sample, 3 sd below where the k-th largest is expected, so the quickselect that follows sees a
     * tenth of the row; when fewer than k values reach it (rare) the whole row is copied.
     */
    private static int keepAtLeastLargest(double[] x, int off, int len, int k, double[] scratch, LineupScorer rows) {
        if (len >= 16 * PIVOT_SAMPLE && k <= len / 8) {
            for (int i = 0; i < PIVOT_SAMPLE; i++) {
                scratch[i] = x[off + (int) ((long) i * len / PIVOT_SAMPLE)];
            }
            double f = (double) k / len;
            double expected = PIVOT_SAMPLE * f;
            int rankFromTop = (int) Math.min(PIVOT_SAMPLE, Math.ceil(expected + 3 * Math.sqrt(expected * (1 - f)) + 1));
            selectRank(scratch, 0, PIVOT_SAMPLE, PIVOT_SAMPLE - rankFromTop);
            double pivot = scratch[PIVOT_SAMPLE - rankFromTop];
            int n = rows.copyAtOrAbove(x, off, len, pivot, scratch);
            if (n >= k) {
                return n;
            }
        }
        System.arraycopy(x, off, scratch, 0, len);
        return len;
    }

    /** Quantile p of an ascending array (R type 7), or of one {@link #orderForTails} ordered for p. */
    public static double sortedQuantile(double[] sorted, int len, double p) {
        double h = (len - 1) * p;
        int lo = quantileLowerRank(len, p);
        int hi = Math.min(len - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The lower of the two ranks {@link #sortedQuantile} reads (the other is the next, within the array). */
    private static int quantileLowerRank(int len, double p) {
        return (int) Math.floor((len - 1) * p);
    }

    /**
     * Upper-tail CVaR at alpha of an ascending array: the same selection as {@link #cvarUpper}, summed from the
     * largest down (so it can differ from it in the last bits). For rows that are sorted anyway, e.g. for quantiles,
     * or ordered for this level by {@link #orderForTails}.
     */
    public static double sortedCvarUpper(double[] sorted, int len, double alpha) {
        double m = (1 - alpha) * len;
        int full = cvarFullCount(len, alpha);
        double sum = 0;
        for (int i = 0; i < full; i++) {
            sum += sorted[len - 1 - i];
        }
        if (full < len) {
            sum += (m - full) * sorted[len - 1 - full];
        }
        return sum / m;
    }

    /** How many of the largest values count whole in the CVaR at alpha; the next one counts in part. */
    private static int cvarFullCount(int len, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        return (int) Math.floor((1 - alpha) * len);
    }

    /**
     * Writes x[off .. off + len) to {@code ordered} so that {@link #sortedQuantile} at each probability and
     * {@link #sortedCvarUpper} at each level read there exactly what they read in the sorted row: only those ranks
     * are sorted ({@link BucketSort#sortRanksInto}), a quarter of the cost of a whole sort for 10,000 scenarios.
     *
     * @param counts len + 1 ints
     */
    public static void orderForTails(double[] x, int off, int len, double[] probabilities, double[] cvarLevels,
                                     double[] ordered, int[] counts) {
        if (len == 0) {
            return;
        }
        int fromRank = len;
        for (double alpha : cvarLevels) {
            fromRank = Math.min(fromRank, len - 1 - cvarFullCount(len, alpha));
        }
        int[] ranks = new int[2 * probabilities.length];
        for (int k = 0; k < probabilities.length; k++) {
            ranks[2 * k] = quantileLowerRank(len, probabilities[k]);
            ranks[2 * k + 1] = Math.min(len - 1, ranks[2 * k] + 1);
        }
        BucketSort.sortRanksInto(x, off, len, ordered, counts, fromRank, ranks);
    }

    /**
     * Rearranges a[from..to) so that a[k] holds the value of rank k (ascending, in {@link Double#compare} order),
     * with no larger value before it and no smaller one after (Hoare quickselect, deterministic pivots).
     */
    static void selectRank(double[] a, int from, int to, int k) {
        int lo = from;
        int hi = to - 1;
        while (lo < hi) {
            double pivot = totalOrderMedian3(a[lo], a[(lo + hi) >>> 1], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (Double.compare(a[i], pivot) < 0) {
                    i++;
                }
                while (Double.compare(a[j], pivot) > 0) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            // a[lo..j] <= pivot, a[i..hi] >= pivot, a[j+1..i-1] == pivot
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    /** Median of three in {@link Double#compare} order (unlike Math.min/max, NaN sorts last). */
    private static double totalOrderMedian3(double a, double b, double c) {
        if (Double.compare(a, b) > 0) {
            double t = a;
            a = b;
            b = t;
        }
        // now a <= b: the median is b unless c is below it
        return Double.compare(c, b) >= 0 ? b : (Double.compare(c, a) >= 0 ? c : a);
    }
}
