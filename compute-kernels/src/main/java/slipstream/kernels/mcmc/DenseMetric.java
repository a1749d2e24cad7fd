package slipstream.kernels.mcmc;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;

/**
 * Dense M^-1 (Stan's dense_e), optional. With M^-1 = L L' (EJML Cholesky), momentum p = L^-T z has covariance
 * L^-T L^-1 = M. Regularised as Stan does: n/(n+5) cov + 1e-3 * 5/(n+5) I.
 */
final class DenseMetric implements Metric {

    private final int n;
    private final DMatrixRMaj inverse;
    private final DMatrixRMaj lower;
    private final DMatrixRMaj z;
    private final DMatrixRMaj p;

    DenseMetric(int dimension) {
        n = dimension;
        inverse = CommonOps_DDRM.identity(n);
        lower = CommonOps_DDRM.identity(n);
        z = new DMatrixRMaj(n, 1);
        p = new DMatrixRMaj(n, 1);
    }

    @Override
    public double kineticEnergy(double[] momentum) {
        double k = 0;
        for (int i = 0; i < n; i++) {
            double row = 0;
            for (int j = 0; j < n; j++) {
                row += inverse.get(i, j) * momentum[j];
            }
            k += momentum[i] * row;
        }
        return 0.5 * k;
    }

    @Override
    public void velocity(double[] momentum, double[] out) {
        for (int i = 0; i < n; i++) {
            double row = 0;
            for (int j = 0; j < n; j++) {
                row += inverse.get(i, j) * momentum[j];
            }
            out[i] = row;
        }
    }

    @Override
    public void sampleMomentum(ChainRandom random, double[] out) {
        for (int i = 0; i < n; i++) {
            z.set(i, 0, random.normal());
        }
        // Solve L' p = z by back substitution.
        for (int i = n - 1; i >= 0; i--) {
            double s = z.get(i, 0);
            for (int j = i + 1; j < n; j++) {
                s -= lower.get(j, i) * p.get(j, 0);
            }
            p.set(i, 0, s / lower.get(i, i));
        }
        for (int i = 0; i < n; i++) {
            out[i] = p.get(i, 0);
        }
    }

    @Override
    public void update(WelfordEstimator estimator) {
        double count = estimator.count();
        double[][] cov = estimator.covariance();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = (count / (count + 5.0)) * cov[i][j] + (i == j ? 1e-3 * (5.0 / (count + 5.0)) : 0);
                inverse.set(i, j, v);
            }
        }
        CholeskyDecompositionInner_DDRM chol = new CholeskyDecompositionInner_DDRM(true);
        DMatrixRMaj copy = inverse.copy();
        if (!chol.decompose(copy)) {
            throw new IllegalStateException("metric estimate is not positive definite");
        }
        lower.setTo(chol.getT(null));
    }
}
