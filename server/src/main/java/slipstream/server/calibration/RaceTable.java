package slipstream.server.calibration;

import java.util.ArrayList;
import java.util.List;
import slipstream.server.telemetry.FeatureScaling;
import slipstream.server.telemetry.RaceRow;
import slipstream.server.telemetry.TrainingData;

/**
 * Races of a dataset in the shape the model and the simulator need: per race, drivers in official finishing
 * order (finishers first, then DNFs), standardised strength and DNF features (scaled with the TRAINING set's
 * means and sds, so held-out races see no statistic of their own), and the outcomes.
 */
public record RaceTable(List<Race> races, int strengthFeatures, int dnfFeatures) {

    /** One race. Arrays are indexed by driver in finishing order. */
    public record Race(String raceKey, int season, String archetype, int archetypeIndex, int raceLaps,
                       String[] driverIds, String[] teamIds, int[] start, int[] finish, boolean[] dnf, int[] lapsLed,
                       int[] fastestLaps, double[][] x, double[][] w) {
        public int drivers() {
            return driverIds.length;
        }

        public boolean hasFastestLaps() {
            return fastestLaps != null;
        }
    }

    /** Builds the table of {@code data}, standardising with {@code scaling} (fitted on the training rows). */
    public static RaceTable of(TrainingData data, FeatureScaling scaling) {
        int[] xi = ModelFeatures.indices(data.featureNames(), ModelFeatures.STRENGTH);
        int[] wi = ModelFeatures.indices(data.featureNames(), ModelFeatures.DNF);
        List<Race> races = new ArrayList<>();
        for (List<RaceRow> rows : data.byRace()) {
            List<RaceRow> ordered = new ArrayList<>(rows);
            ordered.sort((a, b) -> a.dnf() != b.dnf() ? Boolean.compare(a.dnf(), b.dnf()) : Integer.compare(a.finish(), b.finish()));
            int n = ordered.size();
            String[] ids = new String[n];
            String[] teams = new String[n];
            int[] start = new int[n];
            int[] finish = new int[n];
            boolean[] dnf = new boolean[n];
            int[] led = new int[n];
            int[] fastest = new int[n];
            boolean hasFastest = true;
            double[][] x = new double[n][];
            double[][] w = new double[n][];
            for (int i = 0; i < n; i++) {
                RaceRow r = ordered.get(i);
                ids[i] = r.driverId();
                teams[i] = r.teamId();
                start[i] = r.start();
                finish[i] = r.finish();
                dnf[i] = r.dnf();
                led[i] = r.lapsLed();
                if (r.fastestLaps() == null) {
                    hasFastest = false;
                } else {
                    fastest[i] = r.fastestLaps();
                }
                double[] z = scaling.standardise(r.features());
                x[i] = pick(z, xi);
                w[i] = pick(z, wi);
            }
            RaceRow first = ordered.get(0);
            races.add(new Race(first.raceKey(), first.season(), first.archetype(),
                    ModelFeatures.ARCHETYPES.indexOf(first.archetype()), first.raceLaps(), ids, teams, start, finish, dnf,
                    led, hasFastest ? fastest : null, x, w));
        }
        return new RaceTable(List.copyOf(races), xi.length, wi.length);
    }

    private static double[] pick(double[] z, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = z[idx[i]];
        }
        return out;
    }

    /**
     * The races as model data (lane layout for the vectorised likelihood); laps led only where recorded.
     * Two-tier Plackett-Luce runs among finishers only, with DNFs a separate Bernoulli part: that is the exact
     * likelihood of the simulator (which draws DNFs independently of strength), so what is fitted is what is
     * simulated and scored. DESIGN's "DNFs tied at the back" reads a strong driver's DNF as weakness and biased the fit
     * (recovery test in the kernels: mu 0.34 instead of 0.8).
     */
    public slipstream.kernels.model.RaceModelData toModelData() {
        var builder = slipstream.kernels.model.RaceModelData.builder(strengthFeatures, dnfFeatures)
                .featureNames(ModelFeatures.STRENGTH.toArray(String[]::new))
                .dnfFeatureNames(ModelFeatures.DNF.toArray(String[]::new))
                .dnfsInDenominator(false);
        for (Race r : races) {
            builder.addRace(r.archetypeIndex(), r.x(), r.w(), r.dnf(), r.lapsLed());
        }
        return builder.build();
    }

    public int observations() {
        return races.stream().mapToInt(Race::drivers).sum();
    }
}
