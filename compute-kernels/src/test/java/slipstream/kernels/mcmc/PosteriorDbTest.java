package slipstream.kernels.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * NUTS against posteriordb reference posteriors (stan-dev/posteriordb, BSD-3): every reference mean within
 * 4 sqrt(mcse^2 + mcse_ref^2), R-hat < 1.01 and no divergences; the centred eight schools reports its
 * divergences honestly. Log densities and gradients are written here from each model.stan, and their
 * gradients are checked against central finite differences.
 */
class PosteriorDbTest {

    private static final double LOG_2 = Math.log(2);

    static double[] array(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(json);
        assertTrue(m.find(), name);
        return Arrays.stream(m.group(1).split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
    }

    static String resource(String path) throws IOException {
        try (InputStream in = PosteriorDbTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Map<String, double[]> reference(String posterior) throws IOException {
        Map<String, double[]> out = new LinkedHashMap<>();
        List<String> lines = resource("mcmc/posteriordb/" + posterior + "/reference_summary.csv").lines().toList();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            out.put(c[0], new double[] {Double.parseDouble(c[1]), Double.parseDouble(c[7])});
        }
        return out;
    }

    /** Eight schools, non-centred: q = (mu, log tau, theta_tilde[8]); tau ~ half-Cauchy(0, 5), mu ~ N(0, 5). */
    static LogDensity eightSchoolsNoncentered(double[] y, double[] sigma) {
        return new LogDensity() {
            public int dimension() {
                return 10;
            }

            public double logDensity(double[] q, double[] g) {
                double mu = q[0];
                double tau = Math.exp(q[1]);
                double lp = -0.5 * mu * mu / 25 - Math.log1p(tau * tau / 25) + q[1];
                g[0] = -mu / 25;
                g[1] = -2 * tau * tau / 25 / (1 + tau * tau / 25) + 1;
                for (int j = 0; j < 8; j++) {
                    double t = q[2 + j];
                    double theta = mu + tau * t;
                    double r = (y[j] - theta) / (sigma[j] * sigma[j]);
                    lp += -0.5 * t * t - 0.5 * (y[j] - theta) * (y[j] - theta) / (sigma[j] * sigma[j]);
                    g[0] += r;
                    g[1] += r * tau * t;
                    g[2 + j] = -t + r * tau;
                }
                return lp;
            }
        };
    }

    /** Eight schools, centred: q = (mu, log tau, theta[8]). */
    static LogDensity eightSchoolsCentered(double[] y, double[] sigma) {
        return new LogDensity() {
            public int dimension() {
                return 10;
            }

            public double logDensity(double[] q, double[] g) {
                double mu = q[0];
                double tau = Math.exp(q[1]);
                double lp = -0.5 * mu * mu / 25 - Math.log1p(tau * tau / 25) + q[1] - 8 * q[1];
                g[0] = -mu / 25;
                g[1] = -2 * tau * tau / 25 / (1 + tau * tau / 25) + 1 - 8;
                for (int j = 0; j < 8; j++) {
                    double theta = q[2 + j];
                    double z = (theta - mu) / tau;
                    lp += -0.5 * z * z - 0.5 * (y[j] - theta) * (y[j] - theta) / (sigma[j] * sigma[j]);
                    g[0] += z / tau;
                    g[1] += z * z;
                    g[2 + j] = -z / tau + (y[j] - theta) / (sigma[j] * sigma[j]);
                }
                return lp;
            }
        };
    }

    /** kidiq kidscore_momiq: q = (beta1, beta2, log sigma); flat betas, sigma ~ half-Cauchy(0, 2.5). */
    static LogDensity kidiq(double[] score, double[] iq) {
        return new LogDensity() {
            public int dimension() {
                return 3;
            }

            public double logDensity(double[] q, double[] g) {
                double sigma = Math.exp(q[2]);
                double lp = -Math.log1p(sigma * sigma / 6.25) + q[2] - score.length * q[2];
                g[0] = 0;
                g[1] = 0;
                g[2] = -2 * sigma * sigma / 6.25 / (1 + sigma * sigma / 6.25) + 1 - score.length;
                double inv = 1 / (sigma * sigma);
                for (int i = 0; i < score.length; i++) {
                    double r = score[i] - q[0] - q[1] * iq[i];
                    lp -= 0.5 * r * r * inv;
                    g[0] += r * inv;
                    g[1] += r * iq[i] * inv;
                    g[2] += r * r * inv;
                }
                return lp;
            }
        };
    }

    /** Rows of a nested JSON number matrix. */
    static double[][] matrix(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\\[\\s*(\\[.*?\\])\\s*\\]", Pattern.DOTALL).matcher(json);
        assertTrue(m.find(), name);
        Matcher row = Pattern.compile("\\[([^\\[\\]]*)\\]").matcher(m.group(1));
        java.util.List<double[]> rows = new java.util.ArrayList<>();
        while (row.find()) {
            rows.add(Arrays.stream(row.group(1).split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray());
        }
        return rows.toArray(double[][]::new);
    }

    /** sblrc-blr: q = (beta[D], log sigma); beta ~ N(0, 10), sigma ~ half-N(0, 10), y ~ N(X beta, sigma). */
    static LogDensity blr(double[][] x, double[] y) {
        int d = x[0].length;
        return new LogDensity() {
            public int dimension() {
                return d + 1;
            }

            public double logDensity(double[] q, double[] g) {
                double sigma = Math.exp(q[d]);
                double lp = q[d] - 0.5 * sigma * sigma / 100 - y.length * q[d];
                g[d] = 1 - sigma * sigma / 100 - y.length;
                for (int j = 0; j < d; j++) {
                    lp -= 0.5 * q[j] * q[j] / 100;
                    g[j] = -q[j] / 100;
                }
                double inv = 1 / (sigma * sigma);
                for (int i = 0; i < y.length; i++) {
                    double r = y[i];
                    for (int j = 0; j < d; j++) {
                        r -= x[i][j] * q[j];
                    }
                    lp -= 0.5 * r * r * inv;
                    for (int j = 0; j < d; j++) {
                        g[j] += r * x[i][j] * inv;
                    }
                    g[d] += r * r * inv;
                }
                return lp;
            }
        };
    }

    /**
     * low_dim_gauss_mix: q = (mu1, log(mu2 - mu1), log sigma1, log sigma2, logit theta); mu ~ N(0, 2) (ordered),
     * sigma ~ half-N(0, 2), theta ~ Beta(5, 5), y ~ theta N(mu1, sigma1) + (1 - theta) N(mu2, sigma2), with the
     * Jacobians of the log, log-difference and logit transforms.
     */
    static LogDensity gaussMix(double[] y) {
        return new LogDensity() {
            public int dimension() {
                return 5;
            }

            public double logDensity(double[] q, double[] g) {
                double mu1 = q[0];
                double gap = Math.exp(q[1]);
                double mu2 = mu1 + gap;
                double s1 = Math.exp(q[2]);
                double s2 = Math.exp(q[3]);
                double theta = 1 / (1 + Math.exp(-q[4]));
                double lp = -mu1 * mu1 / 8 - mu2 * mu2 / 8 - s1 * s1 / 8 - s2 * s2 / 8 + q[1] + q[2] + q[3]
                        + 5 * Math.log(theta) + 5 * Math.log1p(-theta)
                        + Math.log(theta) + Math.log1p(-theta); // Jacobian of the logit transform
                double dMu1 = -mu1 / 4;
                double dMu2 = -mu2 / 4;
                double dS1 = -s1 / 4;
                double dS2 = -s2 / 4;
                double dTheta = 5 / theta - 5 / (1 - theta);
                for (double v : y) {
                    double z1 = (v - mu1) / s1;
                    double z2 = (v - mu2) / s2;
                    double a = Math.log(theta) - 0.5 * z1 * z1 - Math.log(s1);
                    double b = Math.log1p(-theta) - 0.5 * z2 * z2 - Math.log(s2);
                    double max = Math.max(a, b);
                    double lse = max + Math.log(Math.exp(a - max) + Math.exp(b - max));
                    lp += lse;
                    double w1 = Math.exp(a - lse);
                    double w2 = 1 - w1;
                    dMu1 += w1 * z1 / s1;
                    dMu2 += w2 * z2 / s2;
                    dS1 += w1 * (z1 * z1 - 1) / s1;
                    dS2 += w2 * (z2 * z2 - 1) / s2;
                    dTheta += w1 / theta - w2 / (1 - theta);
                }
                g[0] = dMu1 + dMu2;
                g[1] = dMu2 * gap + 1;
                g[2] = dS1 * s1 + 1;
                g[3] = dS2 * s2 + 1;
                g[4] = (dTheta - 5 / theta + 5 / (1 - theta)) * theta * (1 - theta) + 6 * (1 - theta) - 6 * theta;
                return lp;
            }
        };
    }

    static void checkGradient(LogDensity d, long seed) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        double[] q = new double[d.dimension()];
        for (int i = 0; i < q.length; i++) {
            q[i] = rnd.nextDouble(-1, 1);
        }
        double[] g = new double[q.length];
        d.logDensity(q, g);
        double[] scratch = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            double h = 1e-5;
            double[] a = q.clone();
            double[] b = q.clone();
            a[i] += h;
            b[i] -= h;
            double fd = (d.logDensity(a, scratch) - d.logDensity(b, scratch)) / (2 * h);
            assertEquals(fd, g[i], 1e-5 * Math.max(1, Math.abs(fd)), "gradient " + i);
        }
    }

    /** Runs NUTS and applies the posteriordb pass rule to each named derived quantity. */
    static void passes(LogDensity density, NutsConfig config, Map<String, double[]> reference,
                       Map<String, Function<double[], Double>> quantities) {
        NutsResult result = Nuts.sample(density, config);
        assertEquals(0, result.divergences(), "divergences");
        for (var e : quantities.entrySet()) {
            double[][] draws = new double[config.chains()][config.draws()];
            for (int c = 0; c < config.chains(); c++) {
                for (int i = 0; i < config.draws(); i++) {
                    draws[c][i] = e.getValue().apply(result.draws()[c][i]);
                }
            }
            double mean = Arrays.stream(Diagnostics.flatten(draws)).average().orElseThrow();
            double mcse = Diagnostics.mcseMean(draws);
            double[] ref = reference.get(e.getKey());
            double bound = 4 * Math.sqrt(mcse * mcse + ref[1] * ref[1]);
            assertTrue(Math.abs(mean - ref[0]) <= bound, e.getKey() + ": mean " + mean + " vs " + ref[0] + " bound " + bound);
            assertTrue(Diagnostics.rhat(draws) < 1.01, e.getKey() + " rhat " + Diagnostics.rhat(draws));
        }
    }

    @Test
    void eightSchoolsNoncenteredMatchesTheReference() throws IOException {
        String json = resource("mcmc/posteriordb/eight_schools-eight_schools_noncentered/data.json");
        LogDensity d = eightSchoolsNoncentered(array(json, "y"), array(json, "sigma"));
        checkGradient(d, 1);
        Map<String, Function<double[], Double>> q = new LinkedHashMap<>();
        q.put("mu", x -> x[0]);
        q.put("tau", x -> Math.exp(x[1]));
        for (int j = 0; j < 8; j++) {
            int jj = j;
            q.put("theta[" + (j + 1) + "]", x -> x[0] + Math.exp(x[1]) * x[2 + jj]);
        }
        // Target 0.9: at 0.8 an occasional divergence (1 in 4000 here) appears in the neck, as in Stan.
        passes(d, new NutsConfig(4, 1000, 1000, 11, 0.9, 10), reference("eight_schools-eight_schools_noncentered"), q);
    }

    @Test
    void kidiqMatchesTheReference() throws IOException {
        String json = resource("mcmc/posteriordb/kidiq-kidscore_momiq/data.json");
        LogDensity d = kidiq(array(json, "kid_score"), array(json, "mom_iq"));
        checkGradient(d, 2);
        Map<String, Function<double[], Double>> q = new LinkedHashMap<>();
        q.put("beta[1]", x -> x[0]);
        q.put("beta[2]", x -> x[1]);
        q.put("sigma", x -> Math.exp(x[2]));
        passes(d, new NutsConfig(4, 1000, 1000, 12, 0.8, 10), reference("kidiq-kidscore_momiq"), q);
    }

    @Test
    void sblrcBlrMatchesTheReference() throws IOException {
        String json = resource("mcmc/posteriordb/sblrc-blr/data.json");
        LogDensity d = blr(matrix(json, "X"), array(json, "y"));
        checkGradient(d, 4);
        Map<String, Function<double[], Double>> q = new LinkedHashMap<>();
        for (int j = 0; j < 5; j++) {
            int jj = j;
            q.put("beta[" + (j + 1) + "]", x -> x[jj]);
        }
        q.put("sigma", x -> Math.exp(x[5]));
        passes(d, new NutsConfig(4, 1000, 1000, 14, 0.8, 10), reference("sblrc-blr"), q);
    }

    @Test
    void lowDimGaussMixMatchesTheReference() throws IOException {
        String json = resource("mcmc/posteriordb/low_dim_gauss_mix-low_dim_gauss_mix/data.json");
        LogDensity d = gaussMix(array(json, "y"));
        checkGradient(d, 5);
        Map<String, Function<double[], Double>> q = new LinkedHashMap<>();
        q.put("mu[1]", x -> x[0]);
        q.put("mu[2]", x -> x[0] + Math.exp(x[1]));
        q.put("sigma[1]", x -> Math.exp(x[2]));
        q.put("sigma[2]", x -> Math.exp(x[3]));
        q.put("theta", x -> 1 / (1 + Math.exp(-x[4])));
        passes(d, new NutsConfig(4, 1000, 1000, 15, 0.8, 10), reference("low_dim_gauss_mix-low_dim_gauss_mix"), q);
    }

    /** The centred parameterisation has a funnel: an honest sampler reports divergences there. */
    @Test
    void eightSchoolsCenteredReportsDivergences() throws IOException {
        String json = resource("mcmc/posteriordb/eight_schools-eight_schools_centered/data.json");
        LogDensity d = eightSchoolsCentered(array(json, "y"), array(json, "sigma"));
        checkGradient(d, 3);
        NutsResult result = Nuts.sample(d, new NutsConfig(4, 1000, 1000, 13, 0.8, 10));
        assertTrue(result.divergences() > 0, "the funnel must produce divergences");
        double[][] logTau = result.parameter(1);
        double meanTau = Arrays.stream(Diagnostics.flatten(logTau)).map(Math::exp).average().orElseThrow();
        System.out.printf("eight_schools_centered: %d divergences, E[tau] %.3f (reference 3.602), rhat(log tau) %.3f%n",
                result.divergences(), meanTau, Diagnostics.rhat(logTau));
    }

    @Test
    void resultsDependOnlyOnSeedAndChainNotOnThreads() throws Exception {
        String json = resource("mcmc/posteriordb/eight_schools-eight_schools_noncentered/data.json");
        double[] y = array(json, "y");
        double[] sigma = array(json, "sigma");
        NutsConfig config = new NutsConfig(3, 150, 100, 5, 0.8, 10);
        NutsResult sequential = Nuts.sample(eightSchoolsNoncentered(y, sigma), config);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            NutsResult parallel = Nuts.sample(() -> eightSchoolsNoncentered(y, sigma), config, pool, NutsListener.NONE,
                    () -> false, false);
            assertTrue(Arrays.deepEquals(sequential.draws(), parallel.draws()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cancellationStopsSampling() {
        int[] calls = {0};
        LogDensity normal = new LogDensity() {
            public int dimension() {
                return 2;
            }

            public double logDensity(double[] q, double[] g) {
                calls[0]++;
                g[0] = -q[0];
                g[1] = -q[1];
                return -0.5 * (q[0] * q[0] + q[1] * q[1]);
            }
        };
        int[] iterations = {0};
        org.junit.jupiter.api.Assertions.assertThrows(SamplingCancelledException.class, () -> Nuts.sample(() -> normal,
                new NutsConfig(1, 1000, 1000, 1, 0.8, 10), Runnable::run,
                (phase, chain, it, total, div, eps) -> iterations[0] = it, () -> iterations[0] >= 20, false));
        assertEquals(20, iterations[0], "stopped at the first check after the flag turned true");
    }
}
