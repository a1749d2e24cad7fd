package slipstream.kernels.scoring;

/**
 * Scores of probability forecasts of binary events: Brier score, expected and maximum calibration error over
 * 15 equal-width bins (Guo et al. 2017: ECE = sum_b (n_b / N) |acc_b - conf_b|), and reliability-curve data.
 * Bin b holds forecasts in [b/15, (b+1)/15); the last bin includes 1.
 */
public final class BinaryScores {

    public static final int BINS = 15;

    private BinaryScores() {}

    /** One reliability bin: mean forecast, observed frequency and count. */
    public record Bin(double meanForecast, double observedFrequency, int count) {}

    public static double brier(double[] p, boolean[] outcome) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double d = p[i] - (outcome[i] ? 1 : 0);
            s += d * d;
        }
        return s / Math.max(1, p.length);
    }

    public static double ece(double[] p, boolean[] outcome) {
        double e = 0;
        for (Bin b : reliability(p, outcome)) {
            e += (double) b.count() / p.length * Math.abs(b.observedFrequency() - b.meanForecast());
        }
        return e;
    }

    public static double mce(double[] p, boolean[] outcome) {
        double m = 0;
        for (Bin b : reliability(p, outcome)) {
            m = Math.max(m, Math.abs(b.observedFrequency() - b.meanForecast()));
        }
        return m;
    }

    /**
     * Reliability-curve data into caller-owned arrays of length {@link #BINS}: for bin b, the mean forecast, the
     * observed frequency (both NaN when the bin is empty) and the count. Forecasts are probabilities in [0, 1].
     */
    public static void reliability(double[] p, boolean[] outcome, double[] meanForecast, double[] observedFrequency,
                                   int[] count) {
        java.util.Arrays.fill(meanForecast, 0);
        java.util.Arrays.fill(observedFrequency, 0);
        java.util.Arrays.fill(count, 0);
        for (int i = 0; i < p.length; i++) {
            int b = Math.min(BINS - 1, Math.max(0, (int) (p[i] * BINS)));
            meanForecast[b] += p[i];
            observedFrequency[b] += outcome[i] ? 1 : 0;
            count[b]++;
        }
        for (int b = 0; b < BINS; b++) {
            meanForecast[b] /= count[b];
            observedFrequency[b] /= count[b];
        }
    }

    /** Non-empty bins in order. */
    public static java.util.List<Bin> reliability(double[] p, boolean[] outcome) {
        double[] sumP = new double[BINS];
        double[] sumY = new double[BINS];
        int[] count = new int[BINS];
        for (int i = 0; i < p.length; i++) {
            int b = Math.min(BINS - 1, Math.max(0, (int) (p[i] * BINS)));
            sumP[b] += p[i];
            sumY[b] += outcome[i] ? 1 : 0;
            count[b]++;
        }
        java.util.List<Bin> out = new java.util.ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            if (count[b] > 0) {
                out.add(new Bin(sumP[b] / count[b], sumY[b] / count[b], count[b]));
            }
        }
        return out;
    }
}
