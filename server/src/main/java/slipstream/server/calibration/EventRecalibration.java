package slipstream.server.calibration;

import java.util.ArrayList;
import java.util.List;
import slipstream.kernels.calibration.IsotonicRegression;
import slipstream.kernels.calibration.PlattScaling;
import slipstream.kernels.calibration.TemperatureScaling;
import slipstream.kernels.scoring.BinaryScores;
import slipstream.proto.v1.EventReliability;
import slipstream.proto.v1.ReliabilityBin;

/**
 * Reliability of binary events before and after post-hoc calibration. The method (none, temperature scaling,
 * Platt scaling or isotonic regression) is chosen per event on the validation races inside the training window,
 * by two-fold cross-validated log loss there, refitted on all validation races and then applied to the held-out races;
 * held-out outcomes never influence the choice. ECE uses 15 equal-width bins (Guo et al. 2017).
 */
final class EventRecalibration {

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
        for (String method : new String[] {"none", "temperature", "platt", "isotonic"}) {
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
            case "temperature" -> temperature(p, o);
            case "platt" -> platt(p, o);
            case "isotonic" -> isotonic(p, o);
            default -> q -> q;
        };
    }

    /**
     * Temperature scaling of a binary forecast: sigmoid(beta * logit p), the two-category case of the kernels'
     * {@link TemperatureScaling} (logits {logit p, 0}); one parameter, so it cannot shift the base rate as Platt can.
     */
    static Calibrator temperature(double[] p, boolean[] o) {
        double[][] logits = new double[p.length][];
        int[] observed = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            logits[i] = new double[] {PlattScaling.logit(p[i]), 0};
            observed[i] = o[i] ? 0 : 1;
        }
        double beta = TemperatureScaling.fit(logits, observed).power();
        return q -> PlattScaling.sigmoid(beta * PlattScaling.logit(q));
    }

    static Calibrator platt(double[] p, boolean[] o) {
        PlattScaling fit = PlattScaling.fit(p, o);
        return fit::apply;
    }

    static Calibrator isotonic(double[] p, boolean[] o) {
        double[] y = new double[o.length];
        for (int i = 0; i < o.length; i++) {
            y[i] = o[i] ? 1 : 0;
        }
        IsotonicRegression fit = IsotonicRegression.fit(p, y);
        return fit::apply;
    }

    static double brier(double[] p, boolean[] o) {
        return BinaryScores.brier(p, o);
    }

    static double ece(double[] p, boolean[] o) {
        return BinaryScores.ece(p, o);
    }

    static double mce(double[] p, boolean[] o) {
        return BinaryScores.mce(p, o);
    }

    static List<ReliabilityBin> bins(double[] p, boolean[] o) {
        return BinaryScores.reliability(p, o).stream().map(b -> ReliabilityBin.newBuilder()
                .setMeanForecast(b.meanForecast()).setObservedFrequency(b.observedFrequency()).setCount(b.count())
                .build()).toList();
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
