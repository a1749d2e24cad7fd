package slipstream.kernels.scoring;

/** Logarithmic score (natural log; higher is better). */
public final class LogScore {

    private LogScore() {}

    /**
     * From counts of a simulated discrete distribution over K outcomes with S samples, with Jeffreys smoothing
     * (count + 1/2) / (S + K/2), so an outcome never simulated still has a finite score.
     */
    public static double fromCounts(int[] counts, int off, int k, int samples, int outcome) {
        return Math.log((counts[off + outcome - 1] + 0.5) / (samples + 0.5 * k));
    }

    /** From a PMF over 1..K, floored at {@code 1e-12} so the score stays finite. */
    public static double fromPmf(double[] pmf, int off, int outcome) {
        return Math.log(Math.max(1e-12, pmf[off + outcome - 1]));
    }

    /**
     * From an ensemble by a Gaussian kernel density with Silverman's rule-of-thumb bandwidth
     * h = 0.9 min(sd, IQR / 1.34) m^(-1/5) (sd alone when the IQR is 0).
     */
    public static double kde(double[] members, double y) {
        int m = members.length;
        double[] sorted = members.clone();
        java.util.Arrays.sort(sorted);
        double mean = 0;
        for (double x : members) {
            mean += x;
        }
        mean /= m;
        double var = 0;
        for (double x : members) {
            var += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(var / (m - 1));
        double iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
        double spread = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
        double h = 0.9 * spread * Math.pow(m, -0.2);
        double density = 0;
        for (double x : members) {
            density += Normal.pdf((y - x) / h);
        }
        return Math.log(density / (m * h));
    }

    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
