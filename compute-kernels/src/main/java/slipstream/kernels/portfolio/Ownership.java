package slipstream.kernels.portfolio;

/** Opponent ownership projections: the share of opponent lineups expected to hold each driver. */
public final class Ownership {
    /** No driver is projected above this share by the default. */
    public static final double MAX_DEFAULT_OWNERSHIP = 0.9;

    private Ownership() {}

    /**
     * The documented default when the request gives no ownership: the field chases projection and value.
     * Weight {@code w_i = exp(1.5 z(mean_i) + 0.75 z(mean_i / salary_i))} with z the standard score over the
     * eligible drivers, scaled so the shares sum to the roster size (each opponent lineup holds {@code roster}
     * drivers), then capped at {@value #MAX_DEFAULT_OWNERSHIP} with the excess spread over the others in
     * proportion to their shares. Ineligible drivers get 0. Coefficients are a judgement about how public
     * ownership concentrates on chalk, not fitted: pass real projections when you have them.
     *
     * @param meanPoints projected mean points per driver
     * @param salary     salary per driver
     * @param eligible   drivers opponents may use (bit mask)
     * @param roster     drivers per lineup
     * @return ownership per driver in [0, 0.9], summing to roster (when enough drivers are eligible)
     */
    public static double[] defaultFrom(double[] meanPoints, int[] salary, long eligible, int roster) {
        int n = meanPoints.length;
        double[] value = new double[n];
        double mMean = 0;
        double vMean = 0;
        int count = Long.bitCount(eligible);
        for (int i = 0; i < n; i++) {
            if ((eligible >>> i & 1) != 0) {
                value[i] = meanPoints[i] / Math.max(1, salary[i]) * 1000;
                mMean += meanPoints[i] / count;
                vMean += value[i] / count;
            }
        }
        double mVar = 0;
        double vVar = 0;
        for (int i = 0; i < n; i++) {
            if ((eligible >>> i & 1) != 0) {
                mVar += (meanPoints[i] - mMean) * (meanPoints[i] - mMean) / count;
                vVar += (value[i] - vMean) * (value[i] - vMean) / count;
            }
        }
        double mSd = Math.sqrt(mVar) > 0 ? Math.sqrt(mVar) : 1;
        double vSd = Math.sqrt(vVar) > 0 ? Math.sqrt(vVar) : 1;
        double[] own = new double[n];
        for (int i = 0; i < n; i++) {
            if ((eligible >>> i & 1) != 0) {
                own[i] = Math.exp(1.5 * (meanPoints[i] - mMean) / mSd + 0.75 * (value[i] - vMean) / vSd);
            }
        }
        return scaleAndCap(own, roster, MAX_DEFAULT_OWNERSHIP);
    }

    /** Scales weights to sum to {@code total}, capping each at {@code cap} and re-spreading the excess (water-filling). */
    static double[] scaleAndCap(double[] w, double total, double cap) {
        double[] out = w.clone();
        boolean[] capped = new boolean[w.length];
        for (int round = 0; round < w.length; round++) {
            double free = total;
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                if (capped[i]) {
                    free -= cap;
                } else {
                    sum += w[i];
                }
            }
            boolean changed = false;
            for (int i = 0; i < w.length; i++) {
                if (!capped[i]) {
                    out[i] = sum > 0 ? w[i] / sum * free : 0;
                    if (out[i] > cap) {
                        capped[i] = true;
                        changed = true;
                    }
                } else {
                    out[i] = cap;
                }
            }
            if (!changed) {
                break;
            }
        }
        return out;
    }
}
