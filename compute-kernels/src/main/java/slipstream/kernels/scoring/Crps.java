package slipstream.kernels.scoring;

/**
 * Continuous ranked probability score (lower is better), in the units of the outcome.
 * <ul>
 *   <li>{@link #ensemble}: the standard (NRG) estimator mean|X - y| - (1 / 2m^2) sum_ij |X_i - X_j|;</li>
 *   <li>{@link #ensembleFair}: the fair (PWM) estimator, with 1 / (2m(m-1)) in the second term;</li>
 * </ul>
 * both in sorted form, using sum_ij |X_i - X_j| = 2 sum_i (2i - m - 1) X_(i): {@code Arrays.sort} then one pass
 * ({@link CrpsPass}, vectorised). On JDK 22+ with AVX-512, {@code Arrays.sort} of doubles is itself a SIMD sort
 * intrinsic; an LSD radix sort and a bucket sort we wrote were both slower than it here (see bench/RESULTS.md). {@link #gaussian} is the closed form for a normal forecast; {@link #fromPmf}
 * scores an integer outcome from a probability mass function without any sort.
 */
public final class Crps {

    private Crps() {}

    public static double ensemble(double[] members, double observation) {
        double[] sorted = members.clone();
        java.util.Arrays.sort(sorted);
        return ensembleSorted(sorted, members.length, observation, false);
    }

    public static double ensembleFair(double[] members, double observation) {
        double[] sorted = members.clone();
        java.util.Arrays.sort(sorted);
        return ensembleSorted(sorted, members.length, observation, true);
    }

    /** CRPS of already-sorted members (ascending). */
    public static double ensembleSorted(double[] sorted, int m, double observation, boolean fair) {
        double[] sums = new double[2];
        CrpsPass.get().sums(sorted, m, observation, sums);
        double pairs = 2 * sums[1];
        return sums[0] / m - pairs / (2.0 * m * (fair ? m - 1 : m));
    }

    /**
     * Batch: observation k has members {@code members[k*m .. k*m + m)}; writes {@code out[k]}. One sorted buffer
     * serves every observation (no allocation per observation).
     */
    public static void ensembleBatch(double[] members, int m, double[] observations, boolean fair, double[] out) {
        double[] sorted = new double[m];
        double[] sums = new double[2];
        CrpsPass pass = CrpsPass.get();
        for (int k = 0; k < observations.length; k++) {
            System.arraycopy(members, k * m, sorted, 0, m);
            java.util.Arrays.sort(sorted);
            pass.sums(sorted, m, observations[k], sums);
            out[k] = sums[0] / m - 2 * sums[1] / (2.0 * m * (fair ? m - 1 : m));
        }
    }

    /** Closed form for N(mu, sigma^2): sigma (z (2 Phi(z) - 1) + 2 phi(z) - 1 / sqrt(pi)), z = (y - mu) / sigma. */
    public static double gaussian(double y, double mu, double sigma) {
        double z = (y - mu) / sigma;
        return sigma * (z * (2 * Normal.cdf(z) - 1) + 2 * Normal.pdf(z) - 1 / Math.sqrt(Math.PI));
    }

    /**
     * CRPS of an integer outcome y in 1..K from a PMF over 1..K ({@code pmf[off + k - 1]} = P(k)):
     * sum_{k=1}^{K-1} (F(k) - 1{y <= k})^2. The ranked probability score is this divided by K - 1.
     */
    public static double fromPmf(double[] pmf, int off, int k, int y) {
        double cdf = 0;
        double sum = 0;
        for (int j = 1; j < k; j++) {
            cdf += pmf[off + j - 1];
            double step = y <= j ? 1 : 0;
            sum += (cdf - step) * (cdf - step);
        }
        return sum;
    }

    /** Ranked probability score in [0, 1]: {@link #fromPmf} / (K - 1). */
    public static double rps(double[] pmf, int off, int k, int y) {
        return fromPmf(pmf, off, k, y) / (k - 1);
    }
}
