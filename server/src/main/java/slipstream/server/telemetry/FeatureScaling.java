package slipstream.server.telemetry;

/**
 * Means and standard deviations of each feature over a dataset's rows (population sd; a constant feature
 * gets sd 1 so it standardises to 0). Fit it on the TRAINING rows and apply the same scaling to held-out
 * and upcoming races, so no statistic of later races enters earlier ones.
 */
public record FeatureScaling(double[] means, double[] sds) {

    static FeatureScaling of(java.util.List<double[]> rows, int width) {
        double[] mean = new double[width];
        double[] sd = new double[width];
        int n = rows.size();
        for (double[] r : rows) {
            for (int j = 0; j < width; j++) {
                mean[j] += r[j];
            }
        }
        for (int j = 0; j < width; j++) {
            mean[j] = n == 0 ? 0 : mean[j] / n;
        }
        for (double[] r : rows) {
            for (int j = 0; j < width; j++) {
                double d = r[j] - mean[j];
                sd[j] += d * d;
            }
        }
        for (int j = 0; j < width; j++) {
            double s = n == 0 ? 0 : Math.sqrt(sd[j] / n);
            sd[j] = s > 1e-12 ? s : 1.0;
        }
        return new FeatureScaling(mean, sd);
    }

    /** (raw - mean) / sd, into a new array. */
    public double[] standardise(double[] raw) {
        double[] out = new double[raw.length];
        for (int j = 0; j < raw.length; j++) {
            out[j] = (raw[j] - means[j]) / sds[j];
        }
        return out;
    }
}
