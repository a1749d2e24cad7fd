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
     */
    public static double cvarUpper(double[] x, int off, int len, double alpha, double[] scratch) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        System.arraycopy(x, off, scratch, 0, len);
        double m = (1 - alpha) * len;
        int full = (int) Math.floor(m);
        double frac = m - full;
        // Put the full+1 largest values at the front (descending order not needed, only membership).
        int need = Math.min(len, full + 1);
        selectLargest(scratch, len, need);
        double sum = 0;
        double next = Double.POSITIVE_INFINITY;
        for (int i = 0; i < need; i++) {
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

    /** Rearranges a[0..len) so that its k largest values occupy a[0..k) (Hoare quickselect, deterministic pivots). */
    static void selectLargest(double[] a, int len, int k) {
        int lo = 0;
        int hi = len - 1;
        while (lo < hi && k > 0 && k < len) {
            double pivot = median3(a[lo], a[(lo + hi) >>> 1], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] > pivot) {
                    i++;
                }
                while (a[j] < pivot) {
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
            // a[lo..j] >= pivot, a[i..hi] <= pivot, a[j+1..i-1] == pivot
            if (k - 1 <= j) {
                hi = j;
            } else if (k - 1 >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private static double median3(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /**
     * Quantile p of x[off .. off+len) with linear interpolation between order statistics (R type 7).
     *
     * @param scratch length >= len, overwritten (sorted)
     */
    public static double quantile(double[] x, int off, int len, double p, double[] scratch) {
        System.arraycopy(x, off, scratch, 0, len);
        java.util.Arrays.sort(scratch, 0, len);
        return sortedQuantile(scratch, len, p);
    }

    /** Quantile p of an ascending array (R type 7). */
    public static double sortedQuantile(double[] sorted, int len, double p) {
        double h = (len - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(len - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * Upper-tail CVaR at alpha of an ascending array: the same selection as {@link #cvarUpper}, summed from the
     * largest down (so it can differ from it in the last bits). For rows that are sorted anyway, e.g. for quantiles.
     */
    public static double sortedCvarUpper(double[] sorted, int len, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        double m = (1 - alpha) * len;
        int full = (int) Math.floor(m);
        double sum = 0;
        for (int i = 0; i < full; i++) {
            sum += sorted[len - 1 - i];
        }
        if (full < len) {
            sum += (m - full) * sorted[len - 1 - full];
        }
        return sum / m;
    }

    /** Share of scenarios s where x[off + s] is strictly above threshold[s]. */
    public static double probabilityAbove(double[] x, int off, int len, double[] threshold) {
        int hits = 0;
        for (int s = 0; s < len; s++) {
            if (x[off + s] > threshold[s]) {
                hits++;
            }
        }
        return (double) hits / len;
    }

    /** Conditional upside: CVaR at alpha minus the mean. */
    public static double conditionalUpside(double[] x, int off, int len, double alpha, double[] scratch) {
        return cvarUpper(x, off, len, alpha, scratch) - mean(x, off, len);
    }
}
