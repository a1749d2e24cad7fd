package slipstream.server.calibration;

import java.util.ArrayList;
import java.util.List;
import slipstream.kernels.scoring.Crps;
import slipstream.kernels.scoring.Intervals;
import slipstream.proto.v1.BaselineMetrics;
import slipstream.proto.v1.HeldOutMetrics;
import slipstream.proto.v1.TrackArchetype;

/**
 * Reference forecasts scored exactly like the model (same RPS, CRPS, log score and randomised-PIT coverage):
 * <ul>
 *   <li>{@code uniform}: every place 1..n equally likely for every driver;</li>
 *   <li>{@code start_position}: the empirical distribution of the finishing place given the start-position
 *       bucket (1-5, 6-10, ...), counted on the TRAINING races with add-one smoothing, truncated to the field.</li>
 * </ul>
 */
final class Baselines {

    private static final int BUCKET = 5;
    private static final int MAX_PLACE = 45;

    private Baselines() {}

    static List<BaselineMetrics> score(RaceTable training, RaceTable heldOut, double[] pitUniforms) {
        double[][] counts = new double[MAX_PLACE / BUCKET + 2][MAX_PLACE + 1];
        for (RaceTable.Race r : training.races()) {
            for (int d = 0; d < r.drivers(); d++) {
                counts[bucket(r.start()[d])][Math.min(r.finish()[d], MAX_PLACE)]++;
            }
        }
        List<BaselineMetrics> out = new ArrayList<>();
        out.add(BaselineMetrics.newBuilder().setBaseline("uniform")
                .addAllMetrics(scoreAll(heldOut, pitUniforms, (race, d, n) -> {
                    double[] pmf = new double[n + 1];
                    java.util.Arrays.fill(pmf, 1, n + 1, 1.0 / n);
                    return pmf;
                })).build());
        out.add(BaselineMetrics.newBuilder().setBaseline("start_position")
                .addAllMetrics(scoreAll(heldOut, pitUniforms, (race, d, n) -> {
                    double[] row = counts[bucket(race.start()[d])];
                    double[] pmf = new double[n + 1];
                    double sum = 0;
                    for (int k = 1; k <= n; k++) {
                        pmf[k] = row[Math.min(k, MAX_PLACE)] + 1;
                        sum += pmf[k];
                    }
                    for (int k = 1; k <= n; k++) {
                        pmf[k] /= sum;
                    }
                    return pmf;
                })).build());
        return out;
    }

    private static int bucket(int start) {
        return Math.min(Math.max(start, 1), MAX_PLACE) / BUCKET;
    }

    @FunctionalInterface
    private interface Forecast {
        double[] pmf(RaceTable.Race race, int driver, int fieldSize);
    }

    private static List<HeldOutMetrics> scoreAll(RaceTable table, double[] pitUniforms, Forecast forecast) {
        java.util.Map<Integer, double[]> byArchetype = new java.util.LinkedHashMap<>();
        double[] overall = new double[8];
        int obs = 0;
        for (RaceTable.Race race : table.races()) {
            int n = race.drivers();
            double[] acc = byArchetype.computeIfAbsent(race.archetypeIndex(), k -> new double[8]);
            acc[7]++;
            overall[7]++;
            for (int d = 0; d < n; d++, obs++) {
                double[] pmf = forecast.pmf(race, d, n);
                int y = Math.min(race.finish()[d], n);
                double sum = Crps.fromPmf(pmf, 1, n, y);
                double pit = Intervals.randomisedPit(pmf, 1, y, pitUniforms[obs]);
                for (double[] a : new double[][] {acc, overall}) {
                    a[0]++;
                    a[1] += sum / (n - 1);
                    a[2] += sum;
                    a[3] += Math.log(pmf[y]);
                    a[4] += Intervals.pitCovers(pit, 0.5) ? 1 : 0;
                    a[5] += Intervals.pitCovers(pit, 0.8) ? 1 : 0;
                    a[6] += Intervals.pitCovers(pit, 0.95) ? 1 : 0;
                }
            }
        }
        List<HeldOutMetrics> out = new ArrayList<>();
        byArchetype.forEach((a, acc) -> out.add(metrics(HeldOutEvaluator.archetype(a), acc)));
        out.add(metrics(TrackArchetype.TRACK_ARCHETYPE_UNSPECIFIED, overall));
        return out;
    }

    private static HeldOutMetrics metrics(TrackArchetype archetype, double[] a) {
        double n = Math.max(1, a[0]);
        return HeldOutMetrics.newBuilder().setArchetype(archetype).setRaces((int) a[7]).setObservations((int) a[0])
                .setRps(a[1] / n).setCrps(a[2] / n).setLogScore(a[3] / n)
                .setCoverage50(a[4] / n).setCoverage80(a[5] / n).setCoverage95(a[6] / n).build();
    }
}
