package slipstream.bench.mcmc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import slipstream.kernels.model.Archetype;
import slipstream.kernels.model.RaceModelData;
import slipstream.kernels.rng.Purpose;
import slipstream.kernels.rng.RandomStream;

/**
 * Races simulated from known parameters exactly as the race model describes them (strengths x . beta_a, logistic
 * DNFs independent of strength, two-tier Plackett-Luce order of the finishers by Gumbel-max: the first
 * {@link RaceModelData#DEFAULT_TOP_PLACES} finishers by Gumbel-top-k on lambda_a eta, the rest by eta; laps led
 * lap by lap with chance proportional to exp(kappa_a eta)), so both samplers fit a posterior the model can explain.
 * Race r uses archetype r mod 4.
 */
final class SyntheticRaceData {

    /** One race: rows in finishing order (finishers first, then the DNFs). */
    record Race(int archetype, double[][] x, double[][] w, boolean[] dnf, int[] lapsLed) {}

    final int features;
    final int dnfFeatures;
    final List<Race> races;

    private SyntheticRaceData(int features, int dnfFeatures, List<Race> races) {
        this.features = features;
        this.dnfFeatures = dnfFeatures;
        this.races = races;
    }

    static SyntheticRaceData generate(long seed, int raceCount, int minField, int maxField, int nF, int nG) {
        // Bench data only: streams (seed, NUTS, 2^40) for the truth and (seed, NUTS, 2^41 + race), far from the chain
        // indices the sampler itself uses.
        double[] mu = {0.6, 0.35, 0.2, 0.1, 0.0, -0.15};
        double[] gamma = {0.4, -0.25};
        double[] alpha = {-1.6, -2.4, -2.2, -2.0};
        double[] kappa = {0.9, 1.8, 2.2, 1.5};
        double[] lambda = {2.0, 2.6, 2.2, 2.4};
        double[][] beta = new double[Archetype.COUNT][nF];
        RandomStream truth = new RandomStream(seed, Purpose.NUTS, 1L << 40);
        long e = 0;
        for (int a = 0; a < Archetype.COUNT; a++) {
            for (int f = 0; f < nF; f++) {
                beta[a][f] = mu[f % mu.length] + 0.2 * truth.normal(e++);
            }
        }
        List<Race> races = new ArrayList<>();
        for (int r = 0; r < raceCount; r++) {
            RandomStream s = new RandomStream(seed, Purpose.NUTS, (1L << 41) + r);
            long k = 0;
            int a = r % Archetype.COUNT;
            int n = minField + (int) (s.uniform(k++) * (maxField - minField + 1));
            double[][] x = new double[n][nF];
            double[][] w = new double[n][nG];
            double[] eta = new double[n];
            boolean[] dnf = new boolean[n];
            double[] key = new double[n];
            for (int i = 0; i < n; i++) {
                for (int f = 0; f < nF; f++) {
                    x[i][f] = s.normal(k++);
                    eta[i] += x[i][f] * beta[a][f];
                }
                double logit = alpha[a];
                for (int g = 0; g < nG; g++) {
                    w[i][g] = s.normal(k++);
                    logit += w[i][g] * gamma[g];
                }
                dnf[i] = s.uniform(k++) < 1 / (1 + Math.exp(-logit));
                key[i] = (dnf[i] ? -1e9 : 0) + eta[i] - Math.log(-Math.log(s.uniform(k++)));
            }
            double[] topKey = new double[n];
            for (int i = 0; i < n; i++) {
                double gumbel = -Math.log(-Math.log(s.uniform(k++)));
                topKey[i] = dnf[i] ? Double.NEGATIVE_INFINITY : lambda[a] * eta[i] + gumbel;
            }
            for (int t = 0; t < RaceModelData.DEFAULT_TOP_PLACES; t++) {
                int best = -1;
                for (int i = 0; i < n; i++) {
                    if (topKey[i] > Double.NEGATIVE_INFINITY && (best < 0 || topKey[i] > topKey[best])) {
                        best = i;
                    }
                }
                if (best < 0) {
                    break;
                }
                key[best] = 1e9 * (RaceModelData.DEFAULT_TOP_PLACES - t); // above every other finisher, in tier order
                topKey[best] = Double.NEGATIVE_INFINITY;
            }
            int laps = 200 + (int) (s.uniform(k++) * 300);
            int[] led = new int[n];
            double[] weight = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                weight[i] = Math.exp(kappa[a] * eta[i]);
                total += weight[i];
            }
            for (int lap = 0; lap < laps; lap++) {
                double u = s.uniform(k++) * total;
                int i = 0;
                while (i < n - 1 && (u -= weight[i]) > 0) {
                    i++;
                }
                led[i]++;
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -key[i]));
            double[][] xo = new double[n][];
            double[][] wo = new double[n][];
            boolean[] dnfo = new boolean[n];
            int[] ledo = new int[n];
            for (int p = 0; p < n; p++) {
                xo[p] = x[order[p]];
                wo[p] = w[order[p]];
                dnfo[p] = dnf[order[p]];
                ledo[p] = led[order[p]];
            }
            races.add(new Race(a, xo, wo, dnfo, ledo));
        }
        return new SyntheticRaceData(nF, nG, races);
    }

    /**
     * Plackett-Luce among finishers only, as Calibrate fits it: the exact likelihood of these races. With DNFs tied
     * at the back (the builder's default) the strength-independent DNFs of this generator sit in every top-tier
     * denominator, and the mode runs off to lambda 8-24 with strengths near 0 (checked at 400 races).
     */
    RaceModelData toModelData() {
        RaceModelData.Builder b = RaceModelData.builder(features, dnfFeatures).dnfsInDenominator(false);
        for (Race r : races) {
            b.addRace(r.archetype(), r.x(), r.w(), r.dnf(), r.lapsLed());
        }
        return b.build();
    }

    /**
     * The same races for Stan. Each race's rows are written in <em>reverse</em> finishing order (DNFs first,
     * winner last) so that the Stan program gets every Plackett-Luce suffix sum from one cumulative_sum.
     */
    String toR() {
        List<double[]> x = new ArrayList<>();
        List<double[]> w = new ArrayList<>();
        List<Integer> dnf = new ArrayList<>();
        List<Integer> laps = new ArrayList<>();
        int[] arch = new int[races.size()];
        int[] start = new int[races.size()];
        int[] size = new int[races.size()];
        int[] finishers = new int[races.size()];
        for (int r = 0; r < races.size(); r++) {
            Race race = races.get(r);
            int n = race.x().length;
            arch[r] = race.archetype() + 1;
            start[r] = x.size() + 1;
            size[r] = n;
            for (int p = n - 1; p >= 0; p--) {
                x.add(race.x()[p]);
                w.add(race.w()[p]);
                dnf.add(race.dnf()[p] ? 1 : 0);
                laps.add(race.lapsLed()[p]);
                finishers[r] += race.dnf()[p] ? 0 : 1;
            }
        }
        return "list(R = " + races.size() + "L, N = " + x.size() + "L, top = " + RaceModelData.DEFAULT_TOP_PLACES
                + "L, F = " + features + "L, G = " + dnfFeatures
                + "L,\n arch = " + RList.intVector(arch)
                + ",\n start = " + RList.intVector(start)
                + ",\n len = " + RList.intVector(size)
                + ",\n nfin = " + RList.intVector(finishers)
                + ",\n X = " + RList.matrix(x.toArray(double[][]::new), features)
                + ",\n W = " + RList.matrix(w.toArray(double[][]::new), dnfFeatures)
                + ",\n dnf = " + RList.intVector(dnf.stream().mapToInt(Integer::intValue).toArray())
                + ",\n laps = " + RList.vector(laps.stream().mapToDouble(Integer::doubleValue).toArray())
                + ")\n";
    }
}
