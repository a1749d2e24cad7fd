package slipstream.kernels.mcmc;

/** Diagonal M^-1 (Stan's diag_e), the default. Regularised as Stan does: n/(n+5) var + 1e-3 * 5/(n+5). */
final class DiagonalMetric implements Metric {

    private final double[] inverse;

    DiagonalMetric(int dimension) {
        inverse = new double[dimension];
        java.util.Arrays.fill(inverse, 1.0);
    }

    double[] inverse() {
        return inverse;
    }

    @Override
    public double kineticEnergy(double[] p) {
        double k = 0;
        for (int i = 0; i < p.length; i++) {
            k += inverse[i] * p[i] * p[i];
        }
        return 0.5 * k;
    }

    @Override
    public void velocity(double[] p, double[] out) {
        for (int i = 0; i < p.length; i++) {
            out[i] = inverse[i] * p[i];
        }
    }

    @Override
    public void sampleMomentum(ChainRandom random, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = random.normal() / Math.sqrt(inverse[i]);
        }
    }

    @Override
    public void update(WelfordEstimator estimator) {
        double n = estimator.count();
        double[] variance = estimator.variance();
        for (int i = 0; i < inverse.length; i++) {
            inverse[i] = (n / (n + 5.0)) * variance[i] + 1e-3 * (5.0 / (n + 5.0));
        }
    }
}
