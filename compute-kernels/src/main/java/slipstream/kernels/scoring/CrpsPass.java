package slipstream.kernels.scoring;

import slipstream.kernels.vector.VectorSupport;

/**
 * The O(m) pass of the sorted CRPS: {@code sum |x_i - y|} and {@code sum (2i - m - 1) x_(i)} (i = 1..m) over sorted
 * members. Scalar and Panama twins, chosen by {@link VectorSupport}.
 */
public interface CrpsPass {

    /** Returns {absolute sum, weighted spread sum} into {@code out[0..1]}. */
    void sums(double[] sorted, int len, double y, double[] out);

    static CrpsPass get() {
        return Holder.INSTANCE;
    }

    /** The twin chosen once per JVM. */
    final class Holder {
        static final CrpsPass INSTANCE = VectorSupport.select(ScalarCrpsPass::new, PanamaCrpsPass::new);

        private Holder() {}
    }
}
