package slipstream.kernels.race;

/** Scalar twin of {@link LineupEvaluator}: per scenario, drivers summed in stored order. */
public final class ScalarLineupEvaluator implements LineupEvaluator {

    @Override
    public void score(double[] points, int scenarios, int sFrom, int sTo, int[] lineups, int roster, int lFrom,
                      int lTo, double[] out) {
        LineupEvaluator.checkScore(points, scenarios, sFrom, sTo, lineups, roster, lFrom, lTo, out);
        int width = sTo - sFrom;
        for (int l = lFrom; l < lTo; l++) {
            int o = (l - lFrom) * width - sFrom;
            int first = l * roster;
            for (int s = sFrom; s < sTo; s++) {
                double acc = points[lineups[first] * scenarios + s];
                for (int k = 1; k < roster; k++) {
                    acc += points[lineups[first + k] * scenarios + s];
                }
                out[o + s] = acc;
            }
        }
    }

    @Override
    public double mean(double[] values, int off, int len) {
        double sum = 0;
        for (int i = 0; i < len; i++) {
            sum += values[off + i];
        }
        return sum / len;
    }
}
