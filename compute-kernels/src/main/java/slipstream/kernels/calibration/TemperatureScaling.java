package slipstream.kernels.calibration;

/**
 * Temperature scaling of categorical forecasts given as log-strengths (for Plackett-Luce: the winner is category
 * k with probability softmax(eta / T)_k). T is fitted by minimising the negative log-likelihood of the observed
 * categories with golden-section search on log T in [log 0.05, log 20] (the NLL is unimodal in T for a fixed
 * set of logits), so a sharper (T < 1) or flatter (T > 1) forecast is chosen by data.
 */
public final class TemperatureScaling {

    private final double temperature;

    private TemperatureScaling(double temperature) {
        this.temperature = temperature;
    }

    public double temperature() {
        return temperature;
    }

    /**
     * @param logits   per race, the log-strengths of its entrants ([race][entrant])
     * @param observed per race, the index of the observed category (e.g. the winner)
     */
    public static TemperatureScaling fit(double[][] logits, int[] observed) {
        double lo = Math.log(0.05);
        double hi = Math.log(20);
        double g = (Math.sqrt(5) - 1) / 2;
        double x1 = hi - g * (hi - lo);
        double x2 = lo + g * (hi - lo);
        double f1 = nll(logits, observed, Math.exp(x1));
        double f2 = nll(logits, observed, Math.exp(x2));
        for (int i = 0; i < 200 && hi - lo > 1e-10; i++) {
            if (f1 < f2) {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - g * (hi - lo);
                f1 = nll(logits, observed, Math.exp(x1));
            } else {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + g * (hi - lo);
                f2 = nll(logits, observed, Math.exp(x2));
            }
        }
        return new TemperatureScaling(Math.exp(0.5 * (lo + hi)));
    }

    /** Negative log-likelihood of the observed categories under softmax(logits / T). */
    public static double nll(double[][] logits, int[] observed, double temperature) {
        double total = 0;
        for (int r = 0; r < logits.length; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : logits[r]) {
                max = Math.max(max, v / temperature);
            }
            double sum = 0;
            for (double v : logits[r]) {
                sum += Math.exp(v / temperature - max);
            }
            total -= logits[r][observed[r]] / temperature - max - Math.log(sum);
        }
        return total;
    }

    /** Calibrated probabilities softmax(logits / T) into {@code out}. */
    public void apply(double[] logits, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v / temperature);
        }
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            out[i] = Math.exp(logits[i] / temperature - max);
            sum += out[i];
        }
        for (int i = 0; i < logits.length; i++) {
            out[i] /= sum;
        }
    }
}
