package slipstream.server.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import slipstream.kernels.model.DrawParameters;
import slipstream.kernels.model.ParameterLayout;
import slipstream.kernels.race.ArchetypeChaos;
import slipstream.kernels.race.RaceInputs;
import slipstream.kernels.race.RaceOutputs;
import slipstream.kernels.race.RaceSimulator;
import slipstream.kernels.race.ScoringTable;
import slipstream.kernels.scoring.Crps;
import slipstream.kernels.scoring.Intervals;
import slipstream.kernels.scoring.LogScore;
import slipstream.kernels.rng.RandomStream;
import slipstream.proto.v1.HeldOutMetrics;
import slipstream.proto.v1.JointEventCheck;
import slipstream.proto.v1.PredictiveCheck;
import slipstream.proto.v1.TrackArchetype;

/**
 * Scores a posterior on races it has not seen by simulating each race exactly as Optimize will (the race
 * simulator with posterior draws, scenario s using draw s mod D), then comparing the predictive distributions
 * with what happened. Finishing-position scores come from each driver's predictive PMF over places 1..n:
 * <ul>
 *   <li>RPS = sum_{k<n} (F(k) - 1{y<=k})^2 / (n - 1), in [0, 1]; CRPS of the position = the same sum unnormalised;</li>
 *   <li>log score = ln((count_y + 1/2) / (S + n/2)) (Jeffreys smoothing, so an unseen place stays finite);</li>
 *   <li>coverage of central intervals by the randomised PIT u = F(y-1) + V p(y), V ~ U(0,1) from the run's
 *       counter-based stream: y is inside the level-L interval when (1-L)/2 <= u <= (1+L)/2, which has exactly
 *       probability L under a calibrated discrete forecast (inclusive integer intervals would over-cover);</li>
 *   <li>CRPS of DFS points from the simulated points ensemble (sorted form), against the observed points.</li>
 * </ul>
 * Event forecasts (win, top-5, top-10, DNF, led a lap), joint events and posterior predictive statistics are
 * collected for reliability and co-hit checks.
 */
final class HeldOutEvaluator {

    static final String[] EVENTS = {"win", "top5", "top10", "dnf", "led_lap"};
    static final String[] PAIRS = {"top5_and_no_dnf", "led_lap_and_top10", "teammates_both_top10"};
    private static final int PIT_PURPOSE = 0x5C0_0001;
    private static final double[] LEVELS = {0.5, 0.8, 0.95};

    /** Binary event forecasts and outcomes, one entry per driver-race observation. */
    record Events(Map<String, double[]> forecast, Map<String, boolean[]> observed) {}

    /** Everything held-out scoring produces. */
    record Evaluation(List<HeldOutMetrics> metrics, Events events, List<JointEventCheck> joint,
                      List<PredictiveCheck> checks, double[] pit, int races) {}

    private final ScoringTable scoring;

    HeldOutEvaluator(ScoringTable scoring) {
        this.scoring = scoring;
    }

    Evaluation evaluate(RaceTable table, double[][] draws, ParameterLayout layout, int scenarios, long seed,
                        BooleanSupplier cancelled, DoubleConsumer progress) {
        Accumulator overall = new Accumulator();
        Map<Integer, Accumulator> byArchetype = new LinkedHashMap<>();
        int total = table.observations();
        Map<String, double[]> forecast = new LinkedHashMap<>();
        Map<String, boolean[]> observed = new LinkedHashMap<>();
        for (String e : EVENTS) {
            forecast.put(e, new double[total]);
            observed.put(e, new boolean[total]);
        }
        double[][] pair = new double[PAIRS.length][4]; // predicted sum, observed sum, variance sum, count
        double[] ppcObs = new double[3];
        double[][] ppcRepSums = new double[3][scenarios];
        double[] pit = new double[total];
        int obs = 0;
        RaceSimulator simulator = new RaceSimulator();
        for (int r = 0; r < table.races().size(); r++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled by the client");
            }
            RaceTable.Race race = table.races().get(r);
            RaceOutputs out = simulate(simulator, race, draws, layout, scenarios, seed + r);
            Accumulator arch = byArchetype.computeIfAbsent(race.archetypeIndex(), k -> new Accumulator());
            int n = race.drivers();
            int[] counts = new int[n + 1];
            double[] pmf = new double[n];
            double[] sorted = new double[scenarios];
            for (int d = 0; d < n; d++, obs++) {
                Arrays.fill(counts, 0);
                int wins = 0;
                int top5 = 0;
                int top10 = 0;
                int dnfs = 0;
                int led = 0;
                int top5Running = 0;
                int ledTop10 = 0;
                for (int s = 0; s < scenarios; s++) {
                    int i = d * scenarios + s;
                    int f = out.finish()[i];
                    counts[f]++;
                    wins += f == 1 ? 1 : 0;
                    top5 += f <= 5 ? 1 : 0;
                    top10 += f <= 10 ? 1 : 0;
                    dnfs += out.dnf()[i];
                    led += out.lapsLed()[i] > 0 ? 1 : 0;
                    top5Running += f <= 5 && out.dnf()[i] == 0 ? 1 : 0;
                    ledTop10 += out.lapsLed()[i] > 0 && f <= 10 ? 1 : 0;
                    sorted[s] = out.points()[i];
                }
                int y = Math.min(race.finish()[d], n);
                for (int k = 1; k <= n; k++) {
                    pmf[k - 1] = counts[k] / (double) scenarios;
                }
                double rpsSum = Crps.fromPmf(pmf, 0, n, y);
                double u = RandomStream.toUniform(RandomStream.bits(seed, PIT_PURPOSE, r, d));
                pit[obs] = Intervals.randomisedPit(pmf, 0, y, u);
                double logScore = LogScore.fromCounts(counts, 1, n, scenarios, y);
                double crpsPoints = Double.NaN;
                if (race.hasFastestLaps()) {
                    Arrays.sort(sorted);
                    double observedPoints = scoring.points(race.start()[d], race.finish()[d], race.lapsLed()[d],
                            race.fastestLaps()[d]);
                    crpsPoints = Crps.ensembleSorted(sorted, scenarios, observedPoints, false);
                }
                for (Accumulator a : new Accumulator[] {overall, arch}) {
                    a.add(rpsSum / (n - 1), rpsSum, logScore, pit[obs], crpsPoints);
                }
                boolean dnf = race.dnf()[d];
                int f = race.finish()[d];
                record(forecast, observed, "win", obs, wins / (double) scenarios, f == 1);
                record(forecast, observed, "top5", obs, top5 / (double) scenarios, f <= 5);
                record(forecast, observed, "top10", obs, top10 / (double) scenarios, f <= 10);
                record(forecast, observed, "dnf", obs, dnfs / (double) scenarios, dnf);
                record(forecast, observed, "led_lap", obs, led / (double) scenarios, race.lapsLed()[d] > 0);
                addPair(pair[0], top5Running / (double) scenarios, f <= 5 && !dnf);
                addPair(pair[1], ledTop10 / (double) scenarios, race.lapsLed()[d] > 0 && f <= 10);
            }
            teammates(race, out, scenarios, pair[2]);
            predictiveStatistics(race, out, scenarios, ppcObs, ppcRepSums);
            overall.races++;
            arch.races++;
            progress.accept((r + 1) / (double) table.races().size());
        }
        List<HeldOutMetrics> metrics = new ArrayList<>();
        byArchetype.forEach((a, acc) -> metrics.add(acc.toProto(archetype(a))));
        metrics.add(overall.toProto(TrackArchetype.TRACK_ARCHETYPE_UNSPECIFIED));
        List<JointEventCheck> joint = new ArrayList<>();
        for (int i = 0; i < PAIRS.length; i++) {
            double[] p = pair[i];
            if (p[3] == 0) {
                continue;
            }
            double gap = (p[1] - p[0]) / p[3];
            joint.add(JointEventCheck.newBuilder().setPair(PAIRS[i]).setPredicted(p[0] / p[3]).setObserved(p[1] / p[3])
                    .setAbsoluteGap(Math.abs(gap)).setZScore(p[2] > 0 ? (p[1] - p[0]) / Math.sqrt(p[2]) : 0)
                    .setObservations((int) p[3]).build());
        }
        int races = table.races().size();
        String[] names = {"winner_start_position", "dnf_count", "laps_led_top3_share"};
        List<PredictiveCheck> checks = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            double observedMean = ppcObs[k] / races;
            double[] rep = ppcRepSums[k].clone();
            int atLeast = 0;
            for (int s = 0; s < scenarios; s++) {
                rep[s] /= races;
                atLeast += rep[s] >= observedMean ? 1 : 0;
            }
            Arrays.sort(rep);
            checks.add(PredictiveCheck.newBuilder().setStatistic(names[k]).setObserved(observedMean)
                    .setReplicatedMean(Arrays.stream(rep).average().orElse(0))
                    .setReplicatedQ5(rep[(int) (0.05 * (scenarios - 1))]).setReplicatedQ95(rep[(int) (0.95 * (scenarios - 1))])
                    .setPValue(atLeast / (double) scenarios).build());
        }
        return new Evaluation(metrics, new Events(forecast, observed), joint, checks, pit, races);
    }

    /** Simulates one race with every draw's strengths, DNF probabilities, kappa and top-tier scale. */
    RaceOutputs simulate(RaceSimulator simulator, RaceTable.Race race, double[][] draws, ParameterLayout layout,
                         int scenarios, long seed) {
        int n = race.drivers();
        int f = table(race.x());
        int g = table(race.w());
        double[] x = new double[n * f];
        double[] w = new double[n * g];
        for (int d = 0; d < n; d++) {
            System.arraycopy(race.x()[d], 0, x, d * f, f);
            System.arraycopy(race.w()[d], 0, w, d * g, g);
        }
        DrawParameters perDraw = layout.perDraw(draws, race.archetypeIndex(), x, w, n);
        int[] team = new int[n];
        List<String> teams = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            int t = teams.indexOf(race.teamIds()[d]);
            if (t < 0) {
                teams.add(race.teamIds()[d]);
                t = teams.size() - 1;
            }
            team[d] = t;
        }
        int[] start = race.start().clone();
        RaceInputs inputs = new RaceInputs(n, scenarios, draws.length, perDraw.eta(), perDraw.dnfProbability(),
                perDraw.kappa(), perDraw.topScale(), perDraw.topPlaces(), start, team, race.raceLaps(),
                ArchetypeChaos.of(race.archetype()), seed, scoring);
        RaceOutputs out = RaceOutputs.allocate(n, scenarios);
        simulator.simulate(inputs, 0, scenarios, out);
        return out;
    }

    private static int table(double[][] rows) {
        return rows.length == 0 ? 0 : rows[0].length;
    }


    static TrackArchetype archetype(int index) {
        return TrackArchetype.valueOf("TRACK_ARCHETYPE_" + ModelFeatures.ARCHETYPES.get(index));
    }

    private static void record(Map<String, double[]> forecast, Map<String, boolean[]> observed, String event, int i,
                               double p, boolean happened) {
        forecast.get(event)[i] = p;
        observed.get(event)[i] = happened;
    }

    private static void addPair(double[] acc, double p, boolean happened) {
        acc[0] += p;
        acc[1] += happened ? 1 : 0;
        acc[2] += p * (1 - p);
        acc[3] += 1;
    }

    private static void teammates(RaceTable.Race race, RaceOutputs out, int scenarios, double[] acc) {
        int n = race.drivers();
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                if (race.teamIds()[a] == null || !race.teamIds()[a].equals(race.teamIds()[b])) {
                    continue;
                }
                int both = 0;
                for (int s = 0; s < scenarios; s++) {
                    both += out.finish()[a * scenarios + s] <= 10 && out.finish()[b * scenarios + s] <= 10 ? 1 : 0;
                }
                addPair(acc, both / (double) scenarios, race.finish()[a] <= 10 && race.finish()[b] <= 10);
            }
        }
    }

    /** Observed and replicated winner start, DNF count and top-3 laps-led share of one race. */
    private static void predictiveStatistics(RaceTable.Race race, RaceOutputs out, int scenarios, double[] observed,
                                             double[][] replicatedSums) {
        int n = race.drivers();
        int[] led = race.lapsLed().clone();
        int dnfs = 0;
        int winnerStart = 0;
        for (int d = 0; d < n; d++) {
            dnfs += race.dnf()[d] ? 1 : 0;
            if (race.finish()[d] == 1) {
                winnerStart = race.start()[d];
            }
        }
        observed[0] += winnerStart;
        observed[1] += dnfs;
        observed[2] += top3Share(led, race.raceLaps());
        int[] scenarioLed = new int[n];
        for (int s = 0; s < scenarios; s++) {
            int dnfCount = 0;
            for (int d = 0; d < n; d++) {
                int i = d * scenarios + s;
                if (out.finish()[i] == 1) {
                    replicatedSums[0][s] += race.start()[d];
                }
                dnfCount += out.dnf()[i];
                scenarioLed[d] = out.lapsLed()[i];
            }
            replicatedSums[1][s] += dnfCount;
            replicatedSums[2][s] += top3Share(scenarioLed, race.raceLaps());
        }
    }

    private static double top3Share(int[] led, int laps) {
        int[] sorted = led.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int top = 0;
        for (int i = Math.max(0, n - 3); i < n; i++) {
            top += sorted[i];
        }
        return top / (double) laps;
    }

    /** Running sums of the scores of one group of observations. */
    private static final class Accumulator {
        int races;
        int observations;
        int pointsObservations;
        double rps;
        double crps;
        double log;
        double crpsPoints;
        final int[] covered = new int[LEVELS.length];

        void add(double rpsValue, double crpsValue, double logValue, double pit, double crpsPointsValue) {
            observations++;
            rps += rpsValue;
            crps += crpsValue;
            log += logValue;
            for (int i = 0; i < LEVELS.length; i++) {
                covered[i] += Intervals.pitCovers(pit, LEVELS[i]) ? 1 : 0;
            }
            if (!Double.isNaN(crpsPointsValue)) {
                pointsObservations++;
                crpsPoints += crpsPointsValue;
            }
        }

        HeldOutMetrics toProto(TrackArchetype archetype) {
            double n = Math.max(1, observations);
            return HeldOutMetrics.newBuilder().setArchetype(archetype).setRaces(races).setObservations(observations)
                    .setRps(rps / n).setCrps(crps / n).setLogScore(log / n)
                    .setCoverage50(covered[0] / n).setCoverage80(covered[1] / n).setCoverage95(covered[2] / n)
                    .setCrpsPoints(pointsObservations == 0 ? 0 : crpsPoints / pointsObservations).build();
        }
    }
}
