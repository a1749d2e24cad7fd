package slipstream.kernels.model;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import slipstream.kernels.optim.Lbfgs;

/**
 * Per-archetype maximum-likelihood estimates of beta_top_a (the strength coefficients on the sampled, top-tier
 * scale, see {@link TopTierScale}) and alpha_a with no pooling (a weak N(0, 3^2) ridge keeps
 * archetypes without races finite), and their marginal standard errors from the inverse of the observed
 * information (central differences of the analytic gradient). It says how strongly the data alone pin each coefficient, which
 * is what {@link Parameterisation#choose} needs; it is not a model estimate.
 *
 * @param beta    [A * F], beta_top[a * F + f]
 * @param betaSe  [A * F]
 * @param alpha   [A]
 * @param alphaSe [A]
 */
public record UnpooledFit(double[] beta, double[] betaSe, double[] alpha, double[] alphaSe) {
    private static final double RIDGE_SD = 3.0;
    private static final double STEP = 1e-4;

    public static UnpooledFit of(RaceModelData data) {
        int a4 = Archetype.COUNT;
        int nF = data.features;
        int nG = data.dnfFeatures;
        RaceLikelihood likelihood = RaceLikelihood.of(data);
        // x = [beta_top (A*F) | alpha (A) | gamma (G) | log kappa_top (A) | log lambda (A)], the density's scales
        int dim = a4 * nF + a4 + nG + 2 * a4;
        int logKappaAt = a4 * nF + a4 + nG;
        int logLambdaAt = logKappaAt + a4;
        double[] betaTop = new double[a4 * nF];
        double[] beta = new double[a4 * nF];
        double[] kappaTop = new double[a4];
        double[] alpha = new double[a4];
        double[] gamma = new double[nG];
        double[] kappa = new double[a4];
        double[] lambda = new double[a4];
        double[] gBeta = new double[a4 * nF];
        double[] gAlpha = new double[a4];
        double[] gGamma = new double[nG];
        double[] gKappa = new double[a4];
        double[] gLambda = new double[a4];
        Lbfgs.Objective objective = (x, g) -> {
            System.arraycopy(x, 0, betaTop, 0, betaTop.length);
            System.arraycopy(x, beta.length, alpha, 0, a4);
            System.arraycopy(x, beta.length + a4, gamma, 0, nG);
            for (int a = 0; a < a4; a++) {
                kappaTop[a] = Math.exp(x[logKappaAt + a]);
                lambda[a] = Math.exp(x[logLambdaAt + a]);
            }
            TopTierScale.toLikelihoodScale(betaTop, kappaTop, lambda, nF, beta, kappa);
            double lp = likelihood.evaluate(beta, alpha, gamma, kappa, lambda, gBeta, gAlpha, gGamma, gKappa, gLambda);
            TopTierScale.toSampledGradient(beta, kappa, lambda, nF, gBeta, gKappa, gLambda);
            System.arraycopy(gBeta, 0, g, 0, beta.length);
            System.arraycopy(gAlpha, 0, g, beta.length, a4);
            System.arraycopy(gGamma, 0, g, beta.length + a4, nG);
            for (int a = 0; a < a4; a++) {
                g[logKappaAt + a] = gKappa[a];
                g[logLambdaAt + a] = gLambda[a];
            }
            for (int i = 0; i < dim; i++) {
                lp -= 0.5 * x[i] * x[i] / (RIDGE_SD * RIDGE_SD);
                g[i] -= x[i] / (RIDGE_SD * RIDGE_SD);
            }
            return lp;
        };
        double[] start = new double[dim];
        for (int a = 0; a < a4; a++) {
            start[beta.length + a] = -2.0; // DNF intercepts near a 12% rate, as the prior
        }
        double[] x = new Lbfgs(10, 500, 1e-8).maximise(objective, start).x();

        // Observed information by central differences of the analytic gradient, then the marginal standard
        // errors from its inverse (the diagonal alone would give conditional ones, too small when, as here, laps
        // led tie beta to kappa).
        DMatrixRMaj information = new DMatrixRMaj(dim, dim);
        double[] up = new double[dim];
        double[] down = new double[dim];
        for (int j = 0; j < dim; j++) {
            double keep = x[j];
            x[j] = keep + STEP;
            objective.value(x, up);
            x[j] = keep - STEP;
            objective.value(x, down);
            x[j] = keep;
            for (int i = 0; i < dim; i++) {
                information.add(i, j, -0.5 * (up[i] - down[i]) / (2 * STEP));
                information.add(j, i, -0.5 * (up[i] - down[i]) / (2 * STEP));
            }
        }
        DMatrixRMaj covariance = new DMatrixRMaj(dim, dim);
        boolean inverted = CommonOps_DDRM.invert(information, covariance);
        double[] se = new double[beta.length + a4];
        for (int i = 0; i < se.length; i++) {
            double v = covariance.get(i, i);
            se[i] = inverted && v > 0 ? Math.sqrt(v) : RIDGE_SD;
        }
        double[] fittedBeta = java.util.Arrays.copyOf(x, beta.length);
        double[] fittedAlpha = java.util.Arrays.copyOfRange(x, beta.length, beta.length + a4);
        return new UnpooledFit(fittedBeta, java.util.Arrays.copyOf(se, beta.length), fittedAlpha,
                java.util.Arrays.copyOfRange(se, beta.length, beta.length + a4));
    }
}
