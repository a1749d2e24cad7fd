package slipstream.kernels.scoring;

/** Scalar twin of {@link CrpsPass}. */
public final class ScalarCrpsPass implements CrpsPass {

    @Override
    public void sums(double[] sorted, int len, double y, double[] out) {
        double absolute = 0;
        double spread = 0;
        for (int i = 0; i < len; i++) {
            absolute += Math.abs(sorted[i] - y);
            spread += (2.0 * i + 1 - len) * sorted[i];
        }
        out[0] = absolute;
        out[1] = spread;
    }
}
