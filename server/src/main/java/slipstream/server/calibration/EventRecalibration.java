package slipstream.server.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import slipstream.proto.v1.EventReliability;
import slipstream.proto.v1.ReliabilityBin;

/**
 * Reliability of binary events before and after post-hoc calibration. The method (none, Platt scaling or
 * isotonic regression) is chosen per event on the validation races inside the training window, by two-fold
 * cross-validated log loss there, refitted on all validation races and then applied to the held-out races;
 * held-out outcomes never influence the choice. ECE uses 15 equal-width bins (Guo et al. 2017).
 */
final class EventRecalibration {

    static final int BINS = 15;

    private EventRecalibration() {}

    /** A fitted map from forecast probability to calibrated probability. */
    @FunctionalInterface
    interface Calibrator {
        double apply(double p);
    }

    static List<EventReliability> evaluate(HeldOutEvaluator.Events validation, HeldOutEvaluator.Events heldOut) {
        List<EventReliability> out = new ArrayList<>();
        for (String event : HeldOutEvaluator.EVENTS) {
            double[] pv = validation.forecast().get(event);
            boolean[] ov = validation.observed().get(event);
            double[] ph = heldOut.forecast().get(event);
            boolean[] oh = heldOut.observed().get(event);
            String method = choose(pv, ov);
            Calibrator c = fit(method, pv, ov);
            double[] recalibrated = new double[ph.length];
            for (int i = 0; i < ph.length; i++) {
                recalibrated[i] = c.apply(ph[i]);
            }
            EventReliability.Builder b = EventReliability.newBuilder().setEvent(event)
                    .setBrier(brier(ph, oh)).setEce(ece(ph, oh)).setMce(mce(ph, oh)).setRecalibration(method)
                    .setBrierRecalibrated(brier(recalibrated, oh)).setEceRecalibrated(ece(recalibrated, oh));
            bins(ph, oh).forEach(b::addBins);
            out.add(b.build());
        }
        return out;
    }

    /** The method with the lowest two-fold cross-validated log loss on the validation forecasts. */
    static String choose(double[] p, boolean[] o) {
        String best = "none";
        double bestLoss = Double.POSITIVE_INFINITY;
        for (String method : new String[] {"none", "platt", "isotonic"}) {
            double loss = 0;
            for (int fold = 0; fold < 2; fold++) {
                int f = fold;
                double[] pt = select(p, i -> i % 2 != f);
                boolean[] ot = selectB(o, i -> i % 2 != f);
                Calibrator c = fit(method, pt, ot);
                for (int i = f; i < p.length; i += 2) {
                    double q = Math.min(1 - 1e-6, Math.max(1e-6, c.apply(p[i])));
                    loss -= o[i] ? Math.log(q) : Math.log(1 - q);
                }
            }
            if (loss < bestLoss - 1e-9) {
                bestLoss = loss;
                best = method;
            }
        }
        return best;
    }

    static Calibrator fit(String method, double[] p, boolean[] o) {
        return switch (method) {
            case "platt" -> platt(p, o);
            case "isotonic" -> isotonic(p, o);
            default -> q -> q;
        };
    }

    /**
     * Platt scaling on the logit of the forecast, sigma(a * logit(p) + b), with Platt's smoothed targets
     * (N+ + 1) / (N+ + 2) and 1 / (N- + 2), fitted by Newton's method.
     */
    static Calibrator platt(double[] p, boolean[] o) {
        int pos = 0;
        for (boolean b : o) {
            pos += b ? 1 : 0;
        }
        int neg = o.length - pos;
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
                double t = o[i] ? hi : lo;
                double r = q - t;
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
            if (Math.abs(da) + Math.abs(db) < 1e-10) {
                break;
            }
        }
        double fa = a;
        double fb = b;
        return q -> sigmoid(fa * logit(q) + fb);
    }

    /** Isotonic regression by pool-adjacent-violators; applied as a step function of the forecast. */
    static Calibrator isotonic(double[] p, boolean[] o) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(p[x], p[y]));
        double[] value = new double[p.length];
        double[] weight = new double[p.length];
        double[] lower = new double[p.length];
        int blocks = 0;
        for (int k = 0; k < p.length; k++) {
            int i = order[k];
            value[blocks] = o[i] ? 1 : 0;
            weight[blocks] = 1;
            lower[blocks] = p[i];
            blocks++;
            while (blocks > 1 && value[blocks - 2] >= value[blocks - 1]) {
                double w = weight[blocks - 2] + weight[blocks - 1];
                value[blocks - 2] = (value[blocks - 2] * weight[blocks - 2] + value[blocks - 1] * weight[blocks - 1]) / w;
                weight[blocks - 2] = w;
                blocks--;
            }
        }
        double[] starts = Arrays.copyOf(lower, blocks);
        double[] values = Arrays.copyOf(value, blocks);
        return q -> {
            int idx = Arrays.binarySearch(starts, q);
            int block = idx >= 0 ? idx : Math.max(0, -idx - 2);
            return values[block];
        };
    }

    static double brier(double[] p, boolean[] o) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double d = p[i] - (o[i] ? 1 : 0);
            s += d * d;
        }
        return s / Math.max(1, p.length);
    }

    static double ece(double[] p, boolean[] o) {
        double[][] b = binStats(p, o);
        double e = 0;
        for (double[] bin : b) {
            if (bin[2] > 0) {
                e += bin[2] / p.length * Math.abs(bin[1] / bin[2] - bin[0] / bin[2]);
            }
        }
        return e;
    }

    static double mce(double[] p, boolean[] o) {
        double m = 0;
        for (double[] bin : binStats(p, o)) {
            if (bin[2] > 0) {
                m = Math.max(m, Math.abs(bin[1] / bin[2] - bin[0] / bin[2]));
            }
        }
        return m;
    }

    static List<ReliabilityBin> bins(double[] p, boolean[] o) {
        List<ReliabilityBin> out = new ArrayList<>();
        for (double[] bin : binStats(p, o)) {
            if (bin[2] > 0) {
                out.add(ReliabilityBin.newBuilder().setMeanForecast(bin[0] / bin[2])
                        .setObservedFrequency(bin[1] / bin[2]).setCount((int) bin[2]).build());
            }
        }
        return out;
    }

    /** Per bin: sum of forecasts, sum of outcomes, count. Bin b holds p in [b/15, (b+1)/15), the last bin includes 1. */
    private static double[][] binStats(double[] p, boolean[] o) {
        double[][] bins = new double[BINS][3];
        for (int i = 0; i < p.length; i++) {
            int b = Math.min(BINS - 1, (int) (p[i] * BINS));
            bins[b][0] += p[i];
            bins[b][1] += o[i] ? 1 : 0;
            bins[b][2]++;
        }
        return bins;
    }

    private static double logit(double p) {
        double q = Math.min(1 - 1e-6, Math.max(1e-6, p));
        return Math.log(q / (1 - q));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double[] select(double[] x, java.util.function.IntPredicate keep) {
        return java.util.stream.IntStream.range(0, x.length).filter(keep).mapToDouble(i -> x[i]).toArray();
    }

    private static boolean[] selectB(boolean[] x, java.util.function.IntPredicate keep) {
        int[] idx = java.util.stream.IntStream.range(0, x.length).filter(keep).toArray();
        boolean[] out = new boolean[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = x[idx[i]];
        }
        return out;
    }
}
