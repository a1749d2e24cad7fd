package slipstream.kernels.calibration;

import java.util.Arrays;

/**
 * Isotonic (monotone non-decreasing) regression by pool-adjacent-violators: the weighted least-squares monotone
 * fit of outcomes y (for event calibration, 0/1) on forecasts x. Equal forecasts are pooled first (they must get
 * one value). {@link #fit} returns an immutable step function; {@link #apply} maps a new forecast to the value
 * of the last fitted block starting at or below it (the first block's value below the smallest fitted x), so
 * fit on one set, apply to another.
 */
public final class IsotonicRegression {

    private final double[] starts;
    private final double[] values;

    private IsotonicRegression(double[] starts, double[] values) {
        this.starts = starts;
        this.values = values;
    }

    /** Fits y on x with unit weights. */
    public static IsotonicRegression fit(double[] x, double[] y) {
        double[] w = new double[x.length];
        Arrays.fill(w, 1);
        return fit(x, y, w);
    }

    /** Fits y on x with weights w &gt; 0 (all arrays the same length, at least one point, no NaN). */
    public static IsotonicRegression fit(double[] x, double[] y, double[] w) {
        int n = x.length;
        if (n == 0 || y.length != n || w.length != n) {
            throw new IllegalArgumentException("x, y and w need the same non-zero length: " + n + ", " + y.length
                    + ", " + w.length);
        }
        // A boxed index sort is fine: fitting runs once per calibration, off the hot path.
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        double[] value = new double[n];
        double[] weight = new double[n];
        double[] start = new double[n];
        int blocks = 0;
        int k = 0;
        while (k < n) {
            // Pool a run of tied forecasts into one point first (merging before the run ends would be wrong).
            double xk = x[order[k]];
            double sumWy = 0;
            double sumW = 0;
            for (; k < n && x[order[k]] == xk; k++) {
                sumWy += w[order[k]] * y[order[k]];
                sumW += w[order[k]];
            }
            value[blocks] = sumWy / sumW;
            weight[blocks] = sumW;
            start[blocks] = xk;
            blocks++;
            while (blocks > 1 && value[blocks - 2] >= value[blocks - 1]) {
                double tw = weight[blocks - 2] + weight[blocks - 1];
                value[blocks - 2] = (value[blocks - 2] * weight[blocks - 2] + value[blocks - 1] * weight[blocks - 1]) / tw;
                weight[blocks - 2] = tw;
                blocks--;
            }
        }
        return new IsotonicRegression(Arrays.copyOf(start, blocks), Arrays.copyOf(value, blocks));
    }

    /** The fitted value at forecast x (a step function, non-decreasing in x). */
    public double apply(double x) {
        int idx = Arrays.binarySearch(starts, x);
        int block = idx >= 0 ? idx : Math.max(0, -idx - 2);
        return values[block];
    }

    /** {@code out[i] = apply(x[i])}; {@code out} may be {@code x}. */
    public void apply(double[] x, double[] out) {
        for (int i = 0; i < x.length; i++) {
            out[i] = apply(x[i]);
        }
    }

    /** Number of constant blocks of the fit. */
    public int blocks() {
        return values.length;
    }
}
