package slipstream.kernels.scoring;

import java.util.stream.IntStream;

/**
 * Continuous ranked probability score (lower is better; 0 for a perfect point forecast), in the units of the
 * outcome. For an ensemble x_1..x_m and observation y:
 * <ul>
 *   <li>{@link #ensemble}: the standard (NRG) estimator (1/m) sum|x_i - y| - (1 / (2m^2)) sum_ij |x_i - x_j|,
 *       the CRPS of the empirical distribution;</li>
 *   <li>{@link #ensembleFair}: the fair (PWM) estimator, with 1 / (2m(m-1)) in the second term, unbiased for
 *       the CRPS of the distribution the members are drawn from (needs m &gt;= 2).</li>
 * </ul>
 * The pair sum uses sum_{i<j} |x_i - x_j| = sum_i (2i - m - 1) x_(i) over the sorted members; {@link CrpsKernel}
 * gets it from a bucketed counting sort with an in-bucket correction (no comparison sort of the whole
 * ensemble), scalar and Panama twins. {@link #ensembleSorted} takes members already sorted ({@link CrpsPass}).
 * {@link #gaussian} is the closed form for a normal forecast; {@link #fromPmf} and {@link #rps} score an integer
 * outcome (e.g. a finishing position 1..K) from a probability mass function without any sort.
 */
public final class Crps {

    /** Observations per parallel block of {@link #ensembleBatch(double[], int, double[], boolean, double[])}. */
    public static final int PARALLEL_BLOCK = 1024;

    private Crps() {}

    /** Standard (NRG) estimator of the CRPS of {@code members} (any order, not modified, m &gt;= 1, no NaN) at y. */
    public static double ensemble(double[] members, double observation) {
        return ensemble(members, 0, members.length, observation, false, new CrpsScratch(members.length), new double[2]);
    }

    /** Fair (PWM) estimator of the CRPS of {@code members} (any order, not modified, m &gt;= 2, no NaN) at y. */
    public static double ensembleFair(double[] members, double observation) {
        return ensemble(members, 0, members.length, observation, true, new CrpsScratch(members.length), new double[2]);
    }

    /**
     * CRPS of the ensemble {@code members[off .. off + m)} at y, allocation-free: {@code scratch} holds at
     * least m members, {@code sums} has length &gt;= 2 (both caller-owned, one per thread).
     */
    public static double ensemble(double[] members, int off, int m, double observation, boolean fair,
                                  CrpsScratch scratch, double[] sums) {
        CrpsKernel.get().sums(members, off, m, observation, scratch, sums);
        return combine(sums[0], sums[1], m, fair);
    }

    /** CRPS of already-sorted members {@code sorted[0 .. m)} (ascending) at y. */
    public static double ensembleSorted(double[] sorted, int m, double observation, boolean fair) {
        double[] sums = new double[2];
        CrpsPass.get().sums(sorted, m, observation, sums);
        return combine(sums[0], sums[1], m, fair);
    }

    /**
     * Batch: observation k has its own m members at {@code members[k*m .. k*m + m)} (flat, row per
     * observation) and its value at {@code observations[k]}; writes {@code out[k]} for every k in
     * {@code observations}. Large batches are split into blocks of {@value #PARALLEL_BLOCK} observations on the
     * common fork-join pool (one scratch per block, nothing per observation); each score depends only on its own
     * row, so the output is the same whatever the thread count.
     */
    public static void ensembleBatch(double[] members, int m, double[] observations, boolean fair, double[] out) {
        requireRows(members, m, observations);
        int n = observations.length;
        // A parallel stream runs on the caller and the common pool's workers (cores - 1 of them).
        int blocks = (n + PARALLEL_BLOCK - 1) / PARALLEL_BLOCK;
        if (blocks < 2 || Runtime.getRuntime().availableProcessors() < 2) {
            ensembleBatch(members, m, observations, 0, n, fair, new CrpsScratch(m), out);
            return;
        }
        IntStream.range(0, blocks).parallel().forEach(b -> ensembleBatch(members, m, observations,
                b * PARALLEL_BLOCK, Math.min(n, (b + 1) * PARALLEL_BLOCK), fair, new CrpsScratch(m), out));
    }

    /**
     * Batch over observations {@code from .. to-1} only, allocation-free, so a caller can split a batch across
     * threads (one {@code scratch} per thread). Layout as {@link #ensembleBatch(double[], int, double[], boolean,
     * double[])}; {@code out[k]} is written for k in [from, to). Scores are in the units of the observations.
     */
    public static void ensembleBatch(double[] members, int m, double[] observations, int from, int to, boolean fair,
                                     CrpsScratch scratch, double[] out) {
        requireRows(members, m, observations);
        CrpsKernel kernel = CrpsKernel.get();
        double[] sums = new double[2];
        for (int k = from; k < to; k++) {
            kernel.sums(members, k * m, m, observations[k], scratch, sums);
            out[k] = combine(sums[0], sums[1], m, fair);
        }
    }

    private static void requireRows(double[] members, int m, double[] observations) {
        if ((long) observations.length * m > members.length) {
            throw new IllegalArgumentException("members holds " + members.length + " values, need "
                    + (long) observations.length * m + " (m = " + m + " per observation)");
        }
    }

    private static double combine(double absoluteSum, double giniSum, int m, boolean fair) {
        // sum_ij |x_i - x_j| = 2 giniSum; divided by 2 m^2 (standard) or 2 m (m - 1) (fair).
        return absoluteSum / m - giniSum / ((double) m * (fair ? m - 1 : m));
    }

    /** Closed form for N(mu, sigma^2): sigma (z (2 Phi(z) - 1) + 2 phi(z) - 1 / sqrt(pi)), z = (y - mu) / sigma. */
    public static double gaussian(double y, double mu, double sigma) {
        double z = (y - mu) / sigma;
        return sigma * (z * (2 * Normal.cdf(z) - 1) + 2 * Normal.pdf(z) - 1 / Math.sqrt(Math.PI));
    }

    /** {@code out[k] = gaussian(y[k], mu[k], sigma[k])} for every k in y (sigma &gt; 0). */
    public static void gaussianBatch(double[] y, double[] mu, double[] sigma, double[] out) {
        for (int k = 0; k < y.length; k++) {
            out[k] = gaussian(y[k], mu[k], sigma[k]);
        }
    }

    /**
     * CRPS of an integer outcome y in 1..K from a PMF over 1..K ({@code pmf[off + k - 1]} = P(k)):
     * sum_{k=1}^{K-1} (F(k) - 1{y <= k})^2, in places. The ranked probability score is this divided by K - 1.
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

    /**
     * Batch RPS: observation r has a PMF over 1..K at {@code pmf[r*K .. r*K + K)} and outcome
     * {@code outcomes[r]} in 1..K; writes {@code out[r]} in [0, 1].
     */
    public static void rpsBatch(double[] pmf, int k, int[] outcomes, double[] out) {
        for (int r = 0; r < outcomes.length; r++) {
            out[r] = rps(pmf, r * k, k, outcomes[r]);
        }
    }
}
