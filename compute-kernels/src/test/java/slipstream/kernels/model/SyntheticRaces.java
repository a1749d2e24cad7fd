package slipstream.kernels.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Simulates race data from known parameters, exactly as the model describes it (test-only randomness). */
final class SyntheticRaces {
    private SyntheticRaces() {}

    /**
     * @param beta  [4][F]
     * @param alpha [4]
     * @param gamma [G]
     * @param kappa [4]
     * @param lapsEvery every how many races carry laps-led data (1 = all)
     */
    static RaceModelData simulate(SplittableRandom rnd, int races, int minField, int maxField, double[][] beta,
            double[] alpha, double[] gamma, double[] kappa, int laps, int lapsEvery, int lanes) {
        return simulate(rnd, races, minField, maxField, beta, alpha, gamma, kappa, laps, lapsEvery, lanes, true,
                null, 0);
    }

    /**
     * @param lambda    [4] top-tier scales, or null for plain Plackett-Luce orders (then topPlaces only sets the
     *                  data's layout)
     * @param topPlaces places drawn at the top-tier scale
     */
    static RaceModelData simulate(SplittableRandom rnd, int races, int minField, int maxField, double[][] beta,
            double[] alpha, double[] gamma, double[] kappa, int laps, int lapsEvery, int lanes,
            boolean dnfsInDenominator, double[] lambda, int topPlaces) {
        int nF = beta[0].length;
        int nG = gamma.length;
        RaceModelData.Builder builder = RaceModelData.builder(nF, nG).dnfsInDenominator(dnfsInDenominator)
                .topPlaces(topPlaces);
        if (lanes > 0) {
            builder.lanes(lanes);
        }
        for (int r = 0; r < races; r++) {
            int a = r % Archetype.COUNT;
            int n = minField + rnd.nextInt(maxField - minField + 1);
            double[][] x = new double[n][nF];
            double[][] w = new double[n][nG];
            double[] eta = new double[n];
            boolean[] dnf = new boolean[n];
            double[] key = new double[n];
            for (int i = 0; i < n; i++) {
                for (int f = 0; f < nF; f++) {
                    x[i][f] = gaussian(rnd);
                    eta[i] += x[i][f] * beta[a][f];
                }
                double logit = alpha[a];
                for (int g = 0; g < nG; g++) {
                    w[i][g] = gaussian(rnd);
                    logit += w[i][g] * gamma[g];
                }
                dnf[i] = rnd.nextDouble() < 1.0 / (1.0 + Math.exp(-logit));
                // Gumbel-max: sorting eta + Gumbel noise descending is a Plackett-Luce draw; DNFs go last.
                key[i] = (dnf[i] ? -1e9 : 0.0) + eta[i] - Math.log(-Math.log(rnd.nextDouble()));
            }
            if (lambda != null) {
                promoteTopTier(rnd, eta, dnf, key, lambda[a], topPlaces);
            }
            int[] lapsLed = null;
            if (r % lapsEvery == 0) {
                lapsLed = new int[n];
                double[] weight = new double[n];
                double total = 0;
                for (int i = 0; i < n; i++) {
                    weight[i] = Math.exp(kappa[a] * eta[i]);
                    total += weight[i];
                }
                for (int lap = 0; lap < laps; lap++) {
                    double u = rnd.nextDouble() * total;
                    int i = 0;
                    while (i < n - 1 && (u -= weight[i]) > 0) {
                        i++;
                    }
                    lapsLed[i]++;
                }
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (p, q) -> Double.compare(key[q], key[p]));
            double[][] xs = new double[n][];
            double[][] ws = new double[n][];
            boolean[] ds = new boolean[n];
            int[] ls = lapsLed == null ? null : new int[n];
            for (int k = 0; k < n; k++) {
                xs[k] = x[order[k]];
                ws[k] = w[order[k]];
                ds[k] = dnf[order[k]];
                if (ls != null) {
                    ls[k] = lapsLed[order[k]];
                }
            }
            builder.addRace(a, xs, ws, ds, ls);
        }
        return builder.build();
    }

    /**
     * Two-tier order: the top places are the first finishers of a Plackett-Luce draw at scale lambda (Gumbel-top-k
     * on lambda eta, fresh noise); their keys are lifted above every other finisher's, whose keys stay a plain
     * Plackett-Luce draw among themselves.
     */
    private static void promoteTopTier(SplittableRandom rnd, double[] eta, boolean[] dnf, double[] key,
            double lambda, int topPlaces) {
        int n = eta.length;
        double[] topKey = new double[n];
        for (int i = 0; i < n; i++) {
            topKey[i] = dnf[i] ? Double.NEGATIVE_INFINITY : lambda * eta[i] - Math.log(-Math.log(rnd.nextDouble()));
        }
        for (int t = 0; t < topPlaces; t++) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (topKey[i] > Double.NEGATIVE_INFINITY && (best < 0 || topKey[i] > topKey[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                return;
            }
            key[best] = 1e9 * (topPlaces - t);
            topKey[best] = Double.NEGATIVE_INFINITY;
        }
    }

    /** A small data set with all archetypes, DNFs and laps led on some races, from moderate parameters. */
    static RaceModelData small(long seed, int races, int lanes) {
        return small(seed, races, lanes, true);
    }

    /** As {@link #small(long, int, int)}; top tier of 3 places, so races have both tiers and some only the top. */
    static RaceModelData small(long seed, int races, int lanes, boolean dnfsInDenominator) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] beta = {{0.8, -0.3, 0.2}, {0.6, -0.1, 0.4}, {1.0, -0.5, 0.0}, {0.4, 0.2, 0.3}};
        return simulate(rnd, races, 5, 12, beta, new double[] {-1.0, -1.5, -0.8, -1.2},
                new double[] {0.5, -0.3}, new double[] {1.5, 1.0, 2.0, 0.7}, 30, 2, lanes, dnfsInDenominator,
                new double[] {1.8, 2.2, 1.4, 2.6}, 3);
    }

    static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u)) * Math.cos(2.0 * Math.PI * v);
    }

    static double[] randomPoint(SplittableRandom rnd, int dim, double half) {
        double[] p = new double[dim];
        for (int i = 0; i < dim; i++) {
            p[i] = (2.0 * rnd.nextDouble() - 1.0) * half;
        }
        return p;
    }
}
