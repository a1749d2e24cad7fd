package slipstream.kernels.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PostHocCalibrationTest {

    /** Exact L2 isotonic fit by brute force: best monotone fit over all partitions into constant blocks. */
    static double bruteForceSse(double[] y) {
        int n = y.length;
        double best = Double.POSITIVE_INFINITY;
        for (int mask = 0; mask < 1 << (n - 1); mask++) {
            double sse = 0;
            double previous = Double.NEGATIVE_INFINITY;
            boolean monotone = true;
            int start = 0;
            for (int i = 0; i < n; i++) {
                boolean end = i == n - 1 || (mask >> i & 1) == 1;
                if (end) {
                    double mean = 0;
                    for (int k = start; k <= i; k++) {
                        mean += y[k];
                    }
                    mean /= i - start + 1;
                    if (mean < previous - 1e-12) {
                        monotone = false;
                    }
                    for (int k = start; k <= i; k++) {
                        sse += (y[k] - mean) * (y[k] - mean);
                    }
                    previous = mean;
                    start = i + 1;
                }
            }
            if (monotone) {
                best = Math.min(best, sse);
            }
        }
        return best;
    }

    @Test
    void isotonicIsMonotoneAndEqualsBruteForce() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int trial = 0; trial < 100; trial++) {
            int n = 2 + rnd.nextInt(9);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = i;
                y[i] = rnd.nextInt(2) == 0 ? rnd.nextDouble() : rnd.nextInt(2);
            }
            IsotonicRegression fit = IsotonicRegression.fit(x, y);
            double sse = 0;
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    assertTrue(fit.apply(x[i]) >= fit.apply(x[i - 1]) - 1e-15);
                }
                sse += (y[i] - fit.apply(x[i])) * (y[i] - fit.apply(x[i]));
            }
            assertEquals(bruteForceSse(y), sse, 1e-12, "trial " + trial);
        }
    }

    @Test
    void plattRecoversKnownParameters() {
        SplittableRandom rnd = new SplittableRandom(6);
        int n = 200_000;
        double[] p = new double[n];
        boolean[] o = new boolean[n];
        for (int i = 0; i < n; i++) {
            p[i] = 0.02 + 0.96 * rnd.nextDouble();
            double truth = PlattScaling.sigmoid(0.6 * PlattScaling.logit(p[i]) - 0.4);
            o[i] = rnd.nextDouble() < truth;
        }
        PlattScaling fit = PlattScaling.fit(p, o);
        assertEquals(0.6, fit.a(), 0.02);
        assertEquals(-0.4, fit.b(), 0.02);
    }

    @Test
    void temperatureRecoversAKnownScale() {
        SplittableRandom rnd = new SplittableRandom(8);
        int races = 5000;
        int k = 10;
        double t = 1.7;
        double[][] logits = new double[races][k];
        int[] winner = new int[races];
        for (int r = 0; r < races; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                logits[r][j] = rnd.nextGaussian() * 2;
                // Gumbel-max with the true temperature: argmax(eta / T + Gumbel) ~ softmax(eta / T).
                double key = logits[r][j] / t - Math.log(-Math.log(rnd.nextDouble()));
                if (key > max) {
                    max = key;
                    winner[r] = j;
                }
            }
        }
        assertEquals(t, TemperatureScaling.fit(logits, winner).temperature(), 0.1);
    }

    /**
     * Brute force with tied forecasts: points sorted by x, tied x forced into one block; the best SSE over every
     * partition into consecutive blocks of distinct-x groups whose means are non-decreasing.
     */
    static double bruteForceSseWithTies(double[] xs, double[] ys) {
        int n = xs.length;
        java.util.List<double[]> groups = new java.util.ArrayList<>(); // {x, sum y, count, sum y^2}
        for (int i = 0; i < n; i++) {
            double[] last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (last != null && last[0] == xs[i]) {
                last[1] += ys[i];
                last[2]++;
                last[3] += ys[i] * ys[i];
            } else {
                groups.add(new double[] {xs[i], ys[i], 1, ys[i] * ys[i]});
            }
        }
        int g = groups.size();
        double best = Double.POSITIVE_INFINITY;
        for (int mask = 0; mask < 1 << (g - 1); mask++) {
            double sse = 0;
            double previous = Double.NEGATIVE_INFINITY;
            boolean monotone = true;
            double sum = 0;
            double count = 0;
            double squares = 0;
            for (int i = 0; i < g; i++) {
                sum += groups.get(i)[1];
                count += groups.get(i)[2];
                squares += groups.get(i)[3];
                if (i == g - 1 || (mask >> i & 1) == 1) {
                    double mean = sum / count;
                    monotone &= mean >= previous - 1e-12;
                    sse += squares - sum * sum / count;
                    previous = mean;
                    sum = 0;
                    count = 0;
                    squares = 0;
                }
            }
            if (monotone) {
                best = Math.min(best, sse);
            }
        }
        return best;
    }

    @Test
    void isotonicPoolsTiedForecastsAndEqualsBruteForce() {
        SplittableRandom rnd = new SplittableRandom(12);
        for (int trial = 0; trial < 100; trial++) {
            int n = 2 + rnd.nextInt(11);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rnd.nextInt(5) / 4.0; // many ties
                y[i] = rnd.nextInt(2);
            }
            IsotonicRegression fit = IsotonicRegression.fit(x, y);
            double[] fitted = new double[n];
            fit.apply(x, fitted);
            double sse = 0;
            for (int i = 0; i < n; i++) {
                sse += (y[i] - fitted[i]) * (y[i] - fitted[i]);
            }
            Integer[] idx = new Integer[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            java.util.Arrays.sort(idx, (a, b) -> Double.compare(x[a], x[b]));
            double[] xs = new double[n];
            double[] ys = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = x[idx[i]];
                ys[i] = y[idx[i]];
            }
            assertEquals(bruteForceSseWithTies(xs, ys), sse, 1e-12, "trial " + trial);
            for (double q = -0.1; q <= 1.1; q += 0.05) {
                assertTrue(fit.apply(q + 0.05) >= fit.apply(q), "monotone on new forecasts");
            }
        }
    }

    @Test
    void plattStaysFiniteOnSeparableData() {
        double[] p = {0.1, 0.2, 0.3, 0.7, 0.8, 0.9};
        boolean[] o = {false, false, false, true, true, true};
        PlattScaling fit = PlattScaling.fit(p, o);
        assertTrue(Double.isFinite(fit.a()) && Double.isFinite(fit.b()) && fit.a() > 0);
        // Smoothed targets cap the fit: the calibrated extreme cannot pass (N+ + 1) / (N+ + 2) by much.
        assertTrue(fit.apply(0.9) < 0.9 && fit.apply(0.9) > 0.5, "p(0.9) = " + fit.apply(0.9));
        double[] out = new double[p.length];
        fit.apply(p, out);
        assertEquals(fit.apply(0.3), out[2], 0);
    }

    /** Full Plackett-Luce orders by Gumbel-max on power * eta; the first `ranked` places kept. */
    static TemperatureScaling fitOnSimulatedOrders(double power, int ranked, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int races = 1500;
        int n = 40;
        double[] eta = new double[races * n];
        int[] raceStart = new int[races + 1];
        int[] order = new int[races * n];
        int[] rankedPerRace = new int[races];
        double[] key = new double[n];
        for (int r = 0; r < races; r++) {
            raceStart[r + 1] = raceStart[r] + n;
            Integer[] idx = new Integer[n];
            for (int j = 0; j < n; j++) {
                eta[r * n + j] = rnd.nextGaussian();
                key[j] = power * eta[r * n + j] - Math.log(-Math.log(rnd.nextDouble()));
                idx[j] = j;
            }
            java.util.Arrays.sort(idx, (a, b) -> Double.compare(key[b], key[a]));
            for (int j = 0; j < n; j++) {
                order[r * n + j] = idx[j];
            }
            rankedPerRace[r] = ranked;
        }
        return TemperatureScaling.fitPlackettLuce(eta, raceStart, order, rankedPerRace);
    }

    @Test
    void plackettLucePowerIsRecoveredFromFullAndPartialOrders() {
        assertEquals(0.6, fitOnSimulatedOrders(0.6, 40, 21).power(), 0.03);
        assertEquals(1.8, fitOnSimulatedOrders(1.8, 10, 22).power(), 0.08);
        assertEquals(1.0, fitOnSimulatedOrders(1.0, 1, 23).power(), 0.1);
    }

    @Test
    void nllDerivativesMatchFiniteDifferences() {
        SplittableRandom rnd = new SplittableRandom(30);
        double[] eta = new double[12];
        for (int i = 0; i < eta.length; i++) {
            eta[i] = rnd.nextGaussian();
        }
        int[] raceStart = {0, 5, 12};
        int[] order = {2, 0, 4, 1, 3, 6, 1, 0, 2, 3, 4, 5};
        int[] ranked = {3, 7};
        double beta = 0.8;
        double h = 1e-5;
        double[] at = new double[3];
        double[] up = new double[3];
        double[] down = new double[3];
        TemperatureScaling.nllPlackettLuce(eta, raceStart, order, ranked, beta, at);
        TemperatureScaling.nllPlackettLuce(eta, raceStart, order, ranked, beta + h, up);
        TemperatureScaling.nllPlackettLuce(eta, raceStart, order, ranked, beta - h, down);
        assertEquals((up[0] - down[0]) / (2 * h), at[1], 1e-7);
        assertEquals((up[1] - down[1]) / (2 * h), at[2], 1e-7);
        // Race 0 by hand: places 1..3 from sets {all 5}, {all but 2}, {1, 3, 4}.
        double nll = 0;
        int[][] sets = {{0, 1, 2, 3, 4}, {0, 1, 3, 4}, {1, 3, 4}};
        int[] chosen = {2, 0, 4};
        for (int p = 0; p < 3; p++) {
            double sum = 0;
            for (int j : sets[p]) {
                sum += Math.exp(beta * eta[j]);
            }
            nll -= beta * eta[chosen[p]] - Math.log(sum);
        }
        double[] race0 = new double[3];
        TemperatureScaling.nllPlackettLuce(eta, new int[] {0, 5}, order, new int[] {3}, beta, race0);
        assertEquals(nll, race0[0], 1e-12);
    }
}
