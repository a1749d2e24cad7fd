package slipstream.kernels.mcmc;

/** Running mean and (co)variance of the draws of an adaptation window (Welford's algorithm). */
final class WelfordEstimator {

    private final int n;
    private final boolean dense;
    private final double[] mean;
    private final double[] m2;
    private final double[][] c2;
    private long count;

    WelfordEstimator(int dimension, boolean dense) {
        this.n = dimension;
        this.dense = dense;
        this.mean = new double[n];
        this.m2 = new double[n];
        this.c2 = dense ? new double[n][n] : null;
    }

    void restart() {
        count = 0;
        java.util.Arrays.fill(mean, 0);
        java.util.Arrays.fill(m2, 0);
        if (dense) {
            for (double[] row : c2) {
                java.util.Arrays.fill(row, 0);
            }
        }
    }

    void add(double[] q) {
        count++;
        double[] delta = new double[n];
        for (int i = 0; i < n; i++) {
            delta[i] = q[i] - mean[i];
            mean[i] += delta[i] / count;
            m2[i] += delta[i] * (q[i] - mean[i]);
        }
        if (dense) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    c2[i][j] += delta[i] * (q[j] - mean[j]);
                }
            }
        }
    }

    long count() {
        return count;
    }

    /** Sample variance (divisor count - 1). */
    double[] variance() {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = count > 1 ? m2[i] / (count - 1) : 0;
        }
        return v;
    }

    double[][] covariance() {
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                c[i][j] = count > 1 ? c2[i][j] / (count - 1) : 0;
            }
        }
        return c;
    }
}
