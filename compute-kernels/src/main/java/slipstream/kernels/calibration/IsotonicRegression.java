package slipstream.kernels.calibration;

import java.util.Arrays;

/**
 * Isotonic (monotone non-decreasing) regression by pool-adjacent-violators, the least-squares monotone fit of
 * outcomes on forecasts. {@link #fit} returns an immutable step function applied to new forecasts.
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
        int n = x.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        double[] value = new double[n];
        double[] weight = new double[n];
        double[] start = new double[n];
        int blocks = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            value[blocks] = y[i];
            weight[blocks] = 1;
            start[blocks] = x[i];
            blocks++;
            while (blocks > 1 && value[blocks - 2] >= value[blocks - 1]) {
                double w = weight[blocks - 2] + weight[blocks - 1];
                value[blocks - 2] = (value[blocks - 2] * weight[blocks - 2] + value[blocks - 1] * weight[blocks - 1]) / w;
                weight[blocks - 2] = w;
                blocks--;
            }
        }
        return new IsotonicRegression(Arrays.copyOf(start, blocks), Arrays.copyOf(value, blocks));
    }

    /** The fitted value at x: the block whose first forecast is the largest one <= x (the first block below it). */
    public double apply(double x) {
        int idx = Arrays.binarySearch(starts, x);
        int block = idx >= 0 ? idx : Math.max(0, -idx - 2);
        return values[block];
    }
}
