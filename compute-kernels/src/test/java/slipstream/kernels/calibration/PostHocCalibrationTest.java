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
}
