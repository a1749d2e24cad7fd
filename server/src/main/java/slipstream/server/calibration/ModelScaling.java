package slipstream.server.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import slipstream.server.telemetry.FeatureScaling;

/**
 * Means and standard deviations of the model's features (strength then DNF features, as in
 * {@link ModelFeatures}) over the rows a model was fitted on. Stored with a calibration so that upcoming races
 * are standardised exactly as the training rows were.
 */
public record ModelScaling(double[] means, double[] sds) {

    private static final List<String> NAMES = names();

    private static List<String> names() {
        List<String> all = new ArrayList<>(ModelFeatures.STRENGTH);
        all.addAll(ModelFeatures.DNF);
        return List.copyOf(all);
    }

    /** The model features' part of a dataset's scaling. */
    public static ModelScaling of(List<String> catalogue, FeatureScaling scaling) {
        int[] idx = ModelFeatures.indices(catalogue, NAMES);
        double[] m = new double[idx.length];
        double[] s = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            m[i] = scaling.means()[idx[i]];
            s[i] = scaling.sds()[idx[i]];
        }
        return new ModelScaling(m, s);
    }

    /** Standardised strength features (row-major into {@code x}) and DNF features (into {@code w}) of one driver. */
    public void standardise(List<String> catalogue, double[] raw, double[] x, int xOff, double[] w, int wOff) {
        int f = ModelFeatures.STRENGTH.size();
        for (int i = 0; i < NAMES.size(); i++) {
            double z = (raw[catalogue.indexOf(NAMES.get(i))] - means[i]) / sds[i];
            if (i < f) {
                x[xOff + i] = z;
            } else {
                w[wOff + i - f] = z;
            }
        }
    }

    /** Text form for storage: "means;sds", comma-separated, full precision. */
    public String toText() {
        return join(means) + ";" + join(sds);
    }

    public static ModelScaling fromText(String text) {
        String[] parts = text.split(";");
        return new ModelScaling(parse(parts[0]), parse(parts[1]));
    }

    private static String join(double[] v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%s", Double.toString(v[i])));
        }
        return b.toString();
    }

    private static double[] parse(String s) {
        return Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
