package slipstream.kernels.calibration;

/**
 * Platt scaling: calibrated p = sigmoid(a * logit(p) + b), fitted by Newton's method on the cross-entropy with
 * Platt's smoothed targets (N+ + 1) / (N+ + 2) for events and 1 / (N- + 2) for non-events.
 */
public final class PlattScaling {

    private final double a;
    private final double b;

    private PlattScaling(double a, double b) {
        this.a = a;
        this.b = b;
    }

    public double a() {
        return a;
    }

    public double b() {
        return b;
    }

    public static PlattScaling fit(double[] p, boolean[] outcome) {
        int pos = 0;
        for (boolean o : outcome) {
            pos += o ? 1 : 0;
        }
        int neg = outcome.length - pos;
        double hi = (pos + 1.0) / (pos + 2.0);
        double lo = 1.0 / (neg + 2.0);
        double a = 1;
        double b = 0;
        for (int iter = 0; iter < 100; iter++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-12;
            double hab = 0;
            double hbb = 1e-12;
            for (int i = 0; i < p.length; i++) {
                double x = logit(p[i]);
                double q = sigmoid(a * x + b);
                double r = q - (outcome[i] ? hi : lo);
                double w = q * (1 - q);
                ga += r * x;
                gb += r;
                haa += w * x * x;
                hab += w * x;
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) + Math.abs(db) < 1e-12) {
                break;
            }
        }
        return new PlattScaling(a, b);
    }

    public double apply(double p) {
        return sigmoid(a * logit(p) + b);
    }

    static double logit(double p) {
        double q = Math.min(1 - 1e-9, Math.max(1e-9, p));
        return Math.log(q / (1 - q));
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
