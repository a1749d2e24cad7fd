package slipstream.kernels.scoring;

/**
 * Co-hit validation of a pair of events (e.g. top-5 and no DNF). For each entity i the predicted co-hit
 * probability p_i is the share of scenarios in which both events happen (events laid out [i * S + s]); the
 * observed co-hit o_i is whether both happened. Reported: mean predicted, observed frequency, the absolute gap,
 * and the binomial z-score (sum o - sum p) / sqrt(sum p (1 - p)) (independent Bernoulli trials under the model).
 */
public final class JointEvents {

    private JointEvents() {}

    public record Check(double predicted, double observed, double absoluteGap, double zScore, int observations) {}

    /** Predicted co-hit probability of entity i from scenario event matrices. */
    public static double coHit(boolean[] a, boolean[] b, int scenarios, int entity) {
        int both = 0;
        int off = entity * scenarios;
        for (int s = 0; s < scenarios; s++) {
            both += a[off + s] && b[off + s] ? 1 : 0;
        }
        return both / (double) scenarios;
    }

    /**
     * Predicted co-hit probabilities for many pairs from byte event matrices (1 = the event happened, 0 = not;
     * layout {@code [entity * scenarios + s]}): pair j asks "event A for entity {@code entityA[j]} and event B for
     * entity {@code entityB[j]}" (the same entity for e.g. top-5 AND no DNF; two teammates for both top-10).
     * Writes the share of scenarios with both into {@code out[j]}, in [0, 1].
     */
    public static void coHit(byte[] a, int[] entityA, byte[] b, int[] entityB, int scenarios, double[] out) {
        for (int j = 0; j < entityA.length; j++) {
            int offA = entityA[j] * scenarios;
            int offB = entityB[j] * scenarios;
            int both = 0;
            for (int s = 0; s < scenarios; s++) {
                both += a[offA + s] & b[offB + s];
            }
            out[j] = both / (double) scenarios;
        }
    }

    /**
     * Compares predicted co-hit probabilities with what happened, over independent trials (one per race and
     * pair): mean predicted, observed frequency, |observed - predicted| (both as frequencies) and the binomial
     * z-score (sum o - sum p) / sqrt(sum p (1 - p)), 0 when every p is 0 or 1.
     */
    public static Check compare(double[] predicted, boolean[] observed) {
        double p = 0;
        double o = 0;
        double v = 0;
        for (int i = 0; i < predicted.length; i++) {
            p += predicted[i];
            o += observed[i] ? 1 : 0;
            v += predicted[i] * (1 - predicted[i]);
        }
        int n = predicted.length;
        return new Check(p / n, o / n, Math.abs(o - p) / n, v > 0 ? (o - p) / Math.sqrt(v) : 0, n);
    }
}
