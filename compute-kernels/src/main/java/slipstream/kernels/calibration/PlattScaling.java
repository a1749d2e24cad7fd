package slipstream.kernels.calibration;

/**
 * Platt scaling of event probabilities: calibrated p = sigmoid(a * logit(p) + b). Fitted by Newton's method with
 * step halving (each step must lower the loss) on the cross-entropy against Platt's smoothed targets
 * (N+ + 1) / (N+ + 2) for events and 1 / (N- + 2) for non-events (Platt 1999; Lin, Lin and Weng 2007), which keeps
 * a and b finite on separable data. Forecasts are clipped to [1e-9, 1 - 1e-9] before the logit.
 */
public final class PlattScaling {

    private final double a;
    private final double b;

    private PlattScaling(double a, double b) {
        this.a = a;
        this.b = b;
    }

    /** A fixed map, e.g. one restored from a stored calibration. */
    public static PlattScaling of(double a, double b) {
        return new PlattScaling(a, b);
    }

    public double a() {
        return a;
    }

    public double b() {
        return b;
    }

    /** Fits on forecasts {@code p} in [0, 1] and outcomes (same length, at least one). */
    public static PlattScaling fit(double[] p, boolean[] outcome) {
        int pos = 0;
        for (boolean o : outcome) {
            pos += o ? 1 : 0;
        }
        int neg = outcome.length - pos;
        double hi = (pos + 1.0) / (pos + 2.0);
        double lo = 1.0 / (neg + 2.0);
        double[] x = new double[p.length];
        double[] t = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            x[i] = logit(p[i]);
            t[i] = outcome[i] ? hi : lo;
        }
        double a = 1;
        double b = 0;
        double loss = loss(x, t, a, b);
        for (int iter = 0; iter < 100; iter++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-12; // a tiny ridge keeps the Hessian invertible on degenerate inputs
            double hab = 0;
            double hbb = 1e-12;
            for (int i = 0; i < x.length; i++) {
                double q = sigmoid(a * x[i] + b);
                double r = q - t[i];
                double w = q * (1 - q);
                ga += r * x[i];
                gb += r;
                haa += w * x[i] * x[i];
                hab += w * x[i];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            double step = 1;
            double next = loss(x, t, a - da, b - db);
            while (!(next <= loss) && step > 1e-10) {
                step /= 2;
                next = loss(x, t, a - step * da, b - step * db);
            }
            if (!(next <= loss)) {
                break; // no descent along the Newton direction: at the minimum to rounding
            }
            a -= step * da;
            b -= step * db;
            double improvement = loss - next;
            loss = next;
            if (improvement <= 1e-15 * Math.max(1, loss) || Math.abs(step * da) + Math.abs(step * db) < 1e-12) {
                break;
            }
        }
        return new PlattScaling(a, b);
    }

    /** Cross-entropy of targets t under sigmoid(a x + b), stable for large |a x + b|. */
    private static double loss(double[] x, double[] t, double a, double b) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double z = a * x[i] + b;
            // -t log q - (1 - t) log(1 - q) = log(1 + e^z) - t z
            s += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - t[i] * z;
        }
        return s;
    }

    /** The calibrated probability of forecast p. */
    public double apply(double p) {
        return sigmoid(a * logit(p) + b);
    }

    /** {@code out[i] = apply(p[i])}; {@code out} may be {@code p}. */
    public void apply(double[] p, double[] out) {
        for (int i = 0; i < p.length; i++) {
            out[i] = apply(p[i]);
        }
    }

    /** log(p / (1 - p)) with p clamped to [1e-9, 1 - 1e-9], so 0 and 1 stay finite (shared by binary calibrators). */
    public static double logit(double p) {
        double q = Math.min(1 - 1e-9, Math.max(1e-9, p));
        return Math.log(q / (1 - q));
    }

    /** 1 / (1 + e^-x), the inverse of {@link #logit}. */
    public static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
