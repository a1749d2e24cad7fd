package slipstream.kernels.scoring;

import slipstream.kernels.vector.VectorSupport;

/**
 * The two sums behind the ensemble CRPS of m members x_1..x_m and an observation y:
 * {@code out[0] = sum_i |x_i - y|} and the Gini sum {@code out[1] = sum_{i<j} |x_i - x_j|}.
 *
 * <p>Why no full sort: with the members in any order, sum_p (2p - m + 1) x_p (p = 0..m-1) equals the Gini sum
 * minus twice the total (x_p - x_q) over inverted pairs p &lt; q, x_p &gt; x_q. A counting sort into about 3m/4
 * equal-width buckets over [min, max] leaves inversions only inside buckets (a few members each), so the Gini
 * sum is one weighted pass plus a small in-bucket correction: O(m) expected for the smooth ensembles forecasts
 * produce. If the data are too lumpy (a bucket above {@link #CROWDED} members, e.g. heavy tails) or the range is
 * not finite, the kernel falls back to {@code Arrays.sort} and the sorted pass: O(m log m), exact either way.
 * Members must not be NaN.
 *
 * <p>Scalar and Panama twins, chosen by {@link VectorSupport}; they agree to rounding (sums in another order).
 */
public interface CrpsKernel {

    /** Above this many members in one bucket the kernel sorts instead (the in-bucket correction is quadratic). */
    int CROWDED = 48;

    /**
     * @param members ensemble values, read from {@code members[off .. off + m)}; not modified
     * @param m       ensemble size, 1 &lt;= m &lt;= {@code scratch.capacity()}
     * @param y       the observation, same units as the members
     * @param out     receives {@code out[0] = sum |x_i - y|}, {@code out[1] = sum_{i<j} |x_i - x_j|}
     */
    void sums(double[] members, int off, int m, double y, CrpsScratch scratch, double[] out);

    static CrpsKernel get() {
        return Holder.INSTANCE;
    }

    /** The twin chosen once per JVM. */
    final class Holder {
        static final CrpsKernel INSTANCE = VectorSupport.select(ScalarCrpsKernel::new, PanamaCrpsKernel::new);

        private Holder() {}
    }
}
