package slipstream.kernels.mcmc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Simulation-based calibration (Talts et al. 2018) on a small hierarchical model: draw parameters from the prior,
 * data from the model, sample the posterior with NUTS, and rank the true value among thinned posterior draws.
 * If the sampler is right the ranks are uniform; a chi-square test over 10 bins must give p > 0.01.
 *
 * <p>Model (non-centred): mu ~ N(0, 1), tau ~ HalfNormal(1) sampled as log tau, z_j ~ N(0, 1),
 * y_j ~ N(mu + tau z_j, 1), j = 1..4.
 */
class SimulationBasedCalibrationTest {

    private static final int GROUPS = 4;

    static LogDensity model(double[] y) {
        return new LogDensity() {
            public int dimension() {
                return 2 + GROUPS;
            }

            public double logDensity(double[] q, double[] g) {
                double mu = q[0];
                double tau = Math.exp(q[1]);
                double lp = -0.5 * mu * mu - 0.5 * tau * tau + q[1];
                g[0] = -mu;
                g[1] = -tau * tau + 1;
                for (int j = 0; j < GROUPS; j++) {
                    double z = q[2 + j];
                    double r = y[j] - mu - tau * z;
                    lp += -0.5 * z * z - 0.5 * r * r;
                    g[0] += r;
                    g[1] += r * z * tau;
                    g[2 + j] = -z + r * tau;
                }
                return lp;
            }
        };
    }

    @Test
    void ranksOfTheTruthAreUniform() {
        int replications = 200;
        int thin = 4;
        int kept = 99; // ranks 0..99, 10 bins of 10
        int[] binsMu = new int[10];
        int[] binsTau = new int[10];
        SplittableRandom rnd = new SplittableRandom(2024);
        for (int rep = 0; rep < replications; rep++) {
            double mu = rnd.nextGaussian();
            double tau = Math.abs(rnd.nextGaussian());
            double[] y = new double[GROUPS];
            for (int j = 0; j < GROUPS; j++) {
                y[j] = mu + tau * rnd.nextGaussian() + rnd.nextGaussian();
            }
            NutsResult r = Nuts.sample(model(y), new NutsConfig(1, 300, kept * thin, 1000 + rep, 0.9, 10));
            double[][] draws = r.draws()[0];
            int rankMu = 0;
            int rankTau = 0;
            for (int i = thin - 1; i < draws.length; i += thin) {
                rankMu += draws[i][0] < mu ? 1 : 0;
                rankTau += Math.exp(draws[i][1]) < tau ? 1 : 0;
            }
            binsMu[Math.min(9, rankMu / 10)]++;
            binsTau[Math.min(9, rankTau / 10)]++;
        }
        assertTrue(chiSquarePValue(binsMu) > 0.01, () -> "mu ranks not uniform: " + java.util.Arrays.toString(binsMu));
        assertTrue(chiSquarePValue(binsTau) > 0.01, () -> "tau ranks not uniform: " + java.util.Arrays.toString(binsTau));
    }

    @Test
    void chiSquareTailMatchesTables() {
        // chi-square with 9 degrees of freedom: P(X > 16.919) = 0.05, P(X > 21.666) = 0.01 (standard tables).
        org.junit.jupiter.api.Assertions.assertEquals(0.05, 1 - SpecialFunctions.regularizedGammaP(4.5, 16.919 / 2), 1e-4);
        org.junit.jupiter.api.Assertions.assertEquals(0.01, 1 - SpecialFunctions.regularizedGammaP(4.5, 21.666 / 2), 1e-4);
    }

    /** Upper-tail p-value of the chi-square statistic of equal expected counts (9 degrees of freedom for 10 bins). */
    static double chiSquarePValue(int[] counts) {
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        double expected = total / (double) counts.length;
        double stat = 0;
        for (int c : counts) {
            stat += (c - expected) * (c - expected) / expected;
        }
        // P(X > stat) for chi-square with k = 9: 1 - regularised lower gamma P(k/2, stat/2).
        return 1 - SpecialFunctions.regularizedGammaP(4.5, stat / 2);
    }
}
