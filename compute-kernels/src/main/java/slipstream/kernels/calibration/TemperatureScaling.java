package slipstream.kernels.calibration;

/**
 * Temperature scaling of categorical and Plackett-Luce forecasts given as log-strengths eta. The calibrated
 * forecast uses beta * eta, i.e. a power beta on the strengths exp(eta) (temperature T = 1 / beta): beta &lt; 1
 * flattens an over-confident model, beta &gt; 1 sharpens an under-confident one.
 *
 * <p>Fitted by minimising the negative log-likelihood (natural log) of what was observed. Every choice "c out of
 * the set S" contributes -beta eta_c + log sum_{j in S} exp(beta eta_j), which is convex in beta (its second
 * derivative is the variance of eta under the choice probabilities), so the NLL has one minimum. It is found by
 * Newton's method on beta, safeguarded by a bracket [0, {@link #MAX_POWER}] that shrinks with the sign of the
 * derivative, falling back to bisection whenever the Newton step leaves the bracket.
 *
 * <p>Data layout (flat, shared by all entry points): race r has entrants {@code raceStart[r] .. raceStart[r+1]-1}
 * of {@code logStrengths}; {@code order[raceStart[r] + k]} is the entrant (0-based within the race) that took
 * place k + 1, for k &lt; {@code ranked[r]}; entrants not ranked (e.g. DNFs) stay in every choice set, tied at
 * the back. For the finishers-only likelihood pass only the finishers' log-strengths. A categorical forecast
 * (e.g. the winner) is the case ranked = 1.
 */
public final class TemperatureScaling {

    /** Upper end of the search bracket for beta (T = 1/50). */
    public static final double MAX_POWER = 50;

    private final double power;

    private TemperatureScaling(double power) {
        this.power = power;
    }

    /** A fixed scaling, e.g. restored from a stored calibration. */
    public static TemperatureScaling ofPower(double power) {
        return new TemperatureScaling(power);
    }

    /** The power beta on the strengths (scale on the log-strengths), &gt;= 0. */
    public double power() {
        return power;
    }

    /** T = 1 / beta (infinite when beta = 0: a uniform forecast). */
    public double temperature() {
        return 1 / power;
    }

    /** Fits beta on Plackett-Luce orders (layout in the class comment). */
    public static TemperatureScaling fitPlackettLuce(double[] logStrengths, int[] raceStart, int[] order, int[] ranked) {
        double[] gh = new double[3];
        double lo = 0;
        double hi = MAX_POWER;
        double beta = 1;
        for (int iter = 0; iter < 200; iter++) {
            nllPlackettLuce(logStrengths, raceStart, order, ranked, beta, gh);
            double g = gh[1];
            double h = gh[2];
            if (g > 0) {
                hi = beta;
            } else {
                lo = beta;
            }
            double next = beta - g / h;
            if (!(h > 0) || !(next > lo && next < hi)) {
                next = 0.5 * (lo + hi); // Newton left the bracket (or flat curvature): bisect
            }
            if (Math.abs(next - beta) <= 1e-12 * (1 + beta) || hi - lo <= 1e-12 * (1 + beta)) {
                beta = next;
                break;
            }
            beta = next;
        }
        return new TemperatureScaling(beta);
    }

    /** Fits beta on observed categories: {@code observed[r]} is the index within race r of the category seen. */
    public static TemperatureScaling fitCategorical(double[] logits, int[] raceStart, int[] observed) {
        int[] order = new int[logits.length];
        int[] ranked = new int[observed.length];
        for (int r = 0; r < observed.length; r++) {
            order[raceStart[r]] = observed[r];
            ranked[r] = 1;
        }
        return fitPlackettLuce(logits, raceStart, order, ranked);
    }

    /**
     * @param logits   per race, the log-strengths of its entrants ([race][entrant])
     * @param observed per race, the index of the observed category (e.g. the winner)
     */
    public static TemperatureScaling fit(double[][] logits, int[] observed) {
        int[] raceStart = new int[logits.length + 1];
        for (int r = 0; r < logits.length; r++) {
            raceStart[r + 1] = raceStart[r] + logits[r].length;
        }
        double[] flat = new double[raceStart[logits.length]];
        for (int r = 0; r < logits.length; r++) {
            System.arraycopy(logits[r], 0, flat, raceStart[r], logits[r].length);
        }
        return fitCategorical(flat, raceStart, observed);
    }

    /**
     * NLL of the observed Plackett-Luce orders under log-strengths beta * eta, with its first and second
     * derivatives in beta: {@code out = {nll, d nll / d beta, d2 nll / d beta2}}. O(entrants) per race: the
     * choice sets are built from the back (unranked entrants, then the ranked ones in reverse).
     */
    public static void nllPlackettLuce(double[] logStrengths, int[] raceStart, int[] order, int[] ranked,
                                       double beta, double[] out) {
        double nll = 0;
        double grad = 0;
        double curvature = 0;
        int races = raceStart.length - 1;
        for (int r = 0; r < races; r++) {
            int start = raceStart[r];
            int n = raceStart[r + 1] - start;
            int k = ranked[r];
            double shift = Double.NEGATIVE_INFINITY; // max beta*eta keeps exp() in range
            for (int j = 0; j < n; j++) {
                shift = Math.max(shift, beta * logStrengths[start + j]);
            }
            // Sums over the current choice set of w = exp(beta eta - shift), w eta, w eta^2.
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            if (k < n) {
                boolean[] placed = new boolean[n];
                for (int p = 0; p < k; p++) {
                    placed[order[start + p]] = true;
                }
                for (int j = 0; j < n; j++) {
                    if (!placed[j]) {
                        double eta = logStrengths[start + j];
                        double w = Math.exp(beta * eta - shift);
                        s0 += w;
                        s1 += w * eta;
                        s2 += w * eta * eta;
                    }
                }
            }
            for (int p = k - 1; p >= 0; p--) {
                double eta = logStrengths[start + order[start + p]];
                double w = Math.exp(beta * eta - shift);
                s0 += w;
                s1 += w * eta;
                s2 += w * eta * eta;
                double mean = s1 / s0;
                nll += -beta * eta + shift + Math.log(s0);
                grad += mean - eta;
                curvature += Math.max(0, s2 / s0 - mean * mean);
            }
        }
        out[0] = nll;
        out[1] = grad;
        out[2] = curvature;
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

    /** Calibrated log-strengths {@code out[i] = beta * eta[i]} (feed them to the Plackett-Luce simulator). */
    public void scaleLogStrengths(double[] eta, double[] out) {
        for (int i = 0; i < eta.length; i++) {
            out[i] = power * eta[i];
        }
    }

    /** Calibrated probabilities softmax(beta * logits) into {@code out}. */
    public void apply(double[] logits, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v * power);
        }
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            out[i] = Math.exp(logits[i] * power - max);
            sum += out[i];
        }
        for (int i = 0; i < logits.length; i++) {
            out[i] /= sum;
        }
    }
}
