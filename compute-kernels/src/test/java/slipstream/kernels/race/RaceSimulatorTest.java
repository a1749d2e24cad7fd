package slipstream.kernels.race;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import slipstream.kernels.rng.PanamaRandomFill;
import slipstream.kernels.rng.ScalarRandomFill;

class RaceSimulatorTest {

    /**
     * A 40-car field: strengths falling with start, three draws (two with a top tier of 10), teams of up to 4, 20%
     * DNF at average chaos.
     */
    static RaceInputs field(int scenarios, ArchetypeChaos chaos, double dnf, long seed) {
        int n = 40;
        int draws = 3;
        double[] eta = new double[draws * n];
        double[] p = new double[draws * n];
        for (int r = 0; r < draws; r++) {
            for (int d = 0; d < n; d++) {
                eta[r * n + d] = 1.5 - 3.0 * d / (n - 1) + 0.1 * r;
                p[r * n + d] = dnf;
            }
        }
        int[] start = new int[n];
        int[] team = new int[n];
        for (int d = 0; d < n; d++) {
            start[d] = d + 1;
            team[d] = d < 36 ? d / 4 : -1;
        }
        return new RaceInputs(n, scenarios, draws, eta, p, new double[] {1.0, 0.8, 1.2}, new double[] {2.0, 1.0, 2.5},
                10, start, team, 200, chaos, seed, ScoringTable.DRAFTKINGS_CLASSIC);
    }

    @Test
    void gumbelMaxMatchesExactPlackettLuceForFourAndFiveDrivers() {
        checkPlackettLuce(new double[] {0.9, 0.2, -0.1, -0.6}, 40_000, 11L, 1.0, 0);
        checkPlackettLuce(new double[] {0.8, 0.3, 0.0, -0.4, -1.0}, 120_000, 12L, 1.0, 0);
    }

    /** Places 1..topPlaces at scale lambda, the rest at 1: the likelihood's two-tier Plackett-Luce, exactly. */
    @Test
    void topTierMatchesExactTwoTierPlackettLuce() {
        checkPlackettLuce(new double[] {0.8, 0.3, 0.0, -0.4, -1.0}, 120_000, 13L, 2.2, 2);
        checkPlackettLuce(new double[] {0.5, 0.4, -0.2, -0.3}, 40_000, 14L, 0.6, 1);
    }

    private static void checkPlackettLuce(double[] eta, int scenarios, long seed, double lambda, int topPlaces) {
        int n = eta.length;
        int[] start = new int[n];
        int[] team = new int[n];
        for (int d = 0; d < n; d++) {
            start[d] = d + 1;
            team[d] = -1;
        }
        RaceInputs in = new RaceInputs(n, scenarios, 1, eta, new double[n], new double[] {1}, new double[] {lambda},
                topPlaces, start, team, 100, ArchetypeChaos.calm(0.16, 1.0), seed, ScoringTable.DRAFTKINGS_CLASSIC);
        RaceOutputs out = RaceOutputs.allocate(n, scenarios);
        new RaceSimulator().simulate(in, 0, scenarios, out);
        Map<String, Integer> counts = new HashMap<>();
        for (int s = 0; s < scenarios; s++) {
            int[] byPlace = new int[n];
            for (int d = 0; d < n; d++) {
                byPlace[out.finish()[d * scenarios + s] - 1] = d;
            }
            counts.merge(Arrays.toString(byPlace), 1, Integer::sum);
        }
        int df = permutations(n).length - 1;
        // Wilson-Hilferty upper 0.001 quantile of chi-square(df), z = 3.0902
        double a = 2.0 / (9 * df);
        double critical = df * Math.pow(1 - a + 3.0902 * Math.sqrt(a), 3);
        double chi2 = chiSquare(counts, eta, scenarios, lambda, topPlaces);
        assertTrue(chi2 < critical, "chi2 = " + chi2 + " >= " + critical + " (df " + df + ")");
        // and the test has power: the same counts against uniform orders are rejected, and a top tier against
        // plain Plackett-Luce
        assertTrue(chiSquare(counts, new double[n], scenarios, 1.0, 0) > critical);
        if (lambda != 1.0) {
            assertTrue(chiSquare(counts, eta, scenarios, 1.0, 0) > critical);
        }
    }

    private static double chiSquare(Map<String, Integer> counts, double[] eta, int scenarios, double lambda,
                                    int topPlaces) {
        double chi2 = 0;
        for (int[] perm : permutations(eta.length)) {
            double prob = 1;
            for (int k = 0; k < perm.length; k++) {
                double scale = k < topPlaces ? lambda : 1.0;
                double rest = 0;
                for (int m = k; m < perm.length; m++) {
                    rest += Math.exp(scale * eta[perm[m]]);
                }
                prob *= Math.exp(scale * eta[perm[k]]) / rest;
            }
            double expected = prob * scenarios;
            int observed = counts.getOrDefault(Arrays.toString(perm), 0);
            chi2 += (observed - expected) * (observed - expected) / expected;
        }
        return chi2;
    }

    static int[][] permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out.toArray(int[][]::new);
    }

    private static void permute(int[] cur, boolean[] used, int k, List<int[]> out) {
        if (k == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int i = 0; i < cur.length; i++) {
            if (!used[i]) {
                used[i] = true;
                cur[k] = i;
                permute(cur, used, k + 1, out);
                used[i] = false;
            }
        }
    }

    @Test
    void everyScenarioIsAPermutationAndConservesLaps() {
        int S = 20_000;
        RaceInputs in = field(S, ArchetypeChaos.SUPERSPEEDWAY, 0.2, 7L);
        RaceOutputs out = RaceOutputs.allocate(40, S);
        new RaceSimulator().simulate(in, 0, S, out);
        int n = 40;
        long dnfs = 0;
        int minGreen = Integer.MAX_VALUE;
        int maxGreen = 0;
        for (int s = 0; s < S; s++) {
            boolean[] seen = new boolean[n + 1];
            int led = 0;
            int fastest = 0;
            int lastFinisher = 0;
            int firstDnf = n + 1;
            for (int d = 0; d < n; d++) {
                int f = out.finish()[d * S + s];
                assertTrue(f >= 1 && f <= n && !seen[f], "scenario " + s);
                seen[f] = true;
                led += out.lapsLed()[d * S + s];
                fastest += out.fastestLaps()[d * S + s];
                if (out.dnf()[d * S + s] == 1) {
                    dnfs++;
                    firstDnf = Math.min(firstDnf, f);
                } else {
                    lastFinisher = Math.max(lastFinisher, f);
                }
                assertEquals(ScoringTable.DRAFTKINGS_CLASSIC.points(d + 1, f, out.lapsLed()[d * S + s],
                        out.fastestLaps()[d * S + s]), out.points()[d * S + s]);
            }
            assertEquals(200, led, "laps led, scenario " + s);
            assertEquals(out.greenFlagLaps()[s], fastest, "fastest laps, scenario " + s);
            assertEquals(200, out.greenFlagLaps()[s] + out.cautionLaps()[s]);
            assertTrue(lastFinisher < firstDnf, "DNFs take the last places");
            minGreen = Math.min(minGreen, out.greenFlagLaps()[s]);
            maxGreen = Math.max(maxGreen, out.greenFlagLaps()[s]);
        }
        // scenarios differ: cautions vary, and DNF rate is near the 20% asked for at average chaos
        assertTrue(maxGreen - minGreen > 30, minGreen + ".." + maxGreen);
        double rate = dnfs / (40.0 * S);
        assertTrue(Math.abs(rate - 0.2) < 0.02, "DNF rate " + rate);
    }

    /** A top-tier scale of 1 skips the tier: the same bytes as no tier at all, so one-scale draws replay exactly. */
    @Test
    void aTopScaleOfOneIsTheOneScaleKernel() {
        int S = 3_000;
        RaceInputs f = field(S, ArchetypeChaos.SUPERSPEEDWAY, 0.2, 21L);
        RaceInputs one = new RaceInputs(f.drivers(), S, f.draws(), f.eta(), f.dnfProbability(), f.kappa(),
                new double[] {1, 1, 1}, 10, f.start(), f.team(), f.raceLaps(), f.chaos(), f.seed(), f.scoring());
        RaceInputs none = new RaceInputs(f.drivers(), S, f.draws(), f.eta(), f.dnfProbability(), f.kappa(),
                f.topScale(), 0, f.start(), f.team(), f.raceLaps(), f.chaos(), f.seed(), f.scoring());
        RaceOutputs a = RaceOutputs.allocate(f.drivers(), S);
        RaceOutputs b = RaceOutputs.allocate(f.drivers(), S);
        RaceOutputs tiered = RaceOutputs.allocate(f.drivers(), S);
        new RaceSimulator().simulate(one, 0, S, a);
        new RaceSimulator().simulate(none, 0, S, b);
        new RaceSimulator().simulate(f, 0, S, tiered);
        assertSame(a, b, "lambda 1 against no tier");
        assertTrue(!Arrays.equals(a.finish(), tiered.finish()), "the field's own scales (2, 1, 2.5) change orders");
    }

    @Test
    void inputsNameABadTopTierScale() {
        RaceInputs f = field(10, ArchetypeChaos.SHORT_TRACK, 0.1, 1L);
        for (double[] bad : new double[][] {{1, 1}, {1, 0, 1}, {1, Double.NaN, 1}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RaceInputs(
                    f.drivers(), 10, f.draws(), f.eta(), f.dnfProbability(), f.kappa(), bad, 10, f.start(), f.team(),
                    f.raceLaps(), f.chaos(), f.seed(), f.scoring()));
            assertTrue(e.getMessage().startsWith("topScale must"), e.getMessage());
        }
        IllegalArgumentException places = assertThrows(IllegalArgumentException.class, () -> new RaceInputs(
                f.drivers(), 10, f.draws(), f.eta(), f.dnfProbability(), f.kappa(), f.topScale(), -1, f.start(),
                f.team(), f.raceLaps(), f.chaos(), f.seed(), f.scoring()));
        assertEquals("topPlaces must be >= 0;", places.getMessage());
    }

    @Test
    void sameSeedSameBytesForAnyBatchAndThreadCount() throws Exception {
        int S = 3_000;
        RaceInputs in = field(S, ArchetypeChaos.SHORT_TRACK, 0.1, 99L);
        RaceOutputs ref = RaceOutputs.allocate(40, S);
        RaceSimulator sim = new RaceSimulator();
        sim.simulate(in, 0, S, ref);
        for (int threads : new int[] {1, 2}) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                for (int batch : new int[] {1, 7, 1000}) {
                    RaceOutputs o = RaceOutputs.allocate(40, S);
                    sim.simulateParallel(in, o, pool, batch);
                    assertSame(ref, o, threads + " threads, batch " + batch);
                }
            } finally {
                pool.shutdown();
            }
        }
        // a different seed gives a different run
        RaceOutputs other = RaceOutputs.allocate(40, S);
        sim.simulate(field(S, ArchetypeChaos.SHORT_TRACK, 0.1, 100L), 0, S, other);
        assertTrue(!Arrays.equals(ref.finish(), other.finish()));
    }

    @Test
    void scalarAndPanamaRandomTwinsGiveTheSameScenarios() {
        int S = 2_000;
        RaceInputs in = field(S, ArchetypeChaos.ROAD_COURSE, 0.15, 5L);
        RaceOutputs a = RaceOutputs.allocate(40, S);
        RaceOutputs b = RaceOutputs.allocate(40, S);
        new RaceSimulator(new ScalarRandomFill()).simulate(in, 0, S, a);
        new RaceSimulator(new PanamaRandomFill()).simulate(in, 0, S, b);
        assertSame(a, b, "twins");
    }

    static void assertSame(RaceOutputs a, RaceOutputs b, String what) {
        assertArrayEquals(a.finish(), b.finish(), what);
        assertArrayEquals(a.dnf(), b.dnf(), what);
        assertArrayEquals(a.lapsLed(), b.lapsLed(), what);
        assertArrayEquals(a.fastestLaps(), b.fastestLaps(), what);
        assertArrayEquals(a.points(), b.points(), what);
        assertArrayEquals(a.cautionLaps(), b.cautionLaps(), what);
        assertArrayEquals(a.greenFlagLaps(), b.greenFlagLaps(), what);
    }

    @Test
    void strongerDriversLeadMore() {
        int S = 20_000;
        RaceInputs in = field(S, ArchetypeChaos.INTERMEDIATE, 0.1, 3L);
        RaceOutputs out = RaceOutputs.allocate(40, S);
        new RaceSimulator().simulate(in, 0, S, out);
        double previous = Double.POSITIVE_INFINITY;
        for (int g = 0; g < 8; g++) {
            long sum = 0;
            for (int d = 5 * g; d < 5 * g + 5; d++) {
                for (int s = 0; s < S; s++) {
                    sum += out.lapsLed()[d * S + s];
                }
            }
            double mean = sum / (5.0 * S);
            assertTrue(mean < previous, "group " + g + " leads " + mean + " >= " + previous);
            previous = mean;
        }
    }

    @Test
    void greenFlagShareFollowsTheArchetype() {
        int S = 20_000;
        RaceInputs in = field(S, ArchetypeChaos.INTERMEDIATE, 0.1, 4L);
        RaceOutputs out = RaceOutputs.allocate(40, S);
        new RaceSimulator().simulate(in, 0, S, out);
        int[] g = Arrays.copyOf(out.greenFlagLaps(), S);
        Arrays.sort(g);
        double median = g[S / 2] / 200.0;
        // fitted logit-normal: median caution share logistic(-1.6165) = 0.1657, green 0.834
        assertEquals(1 - 1 / (1 + Math.exp(1.6165)), median, 0.01);
    }

    @Test
    void leadSpellsConcentrateLapsLedWithoutMovingTheirMeans() {
        int S = 20_000;
        ArchetypeChaos held = withLeadSpells(ArchetypeChaos.INTERMEDIATE, 0.7, 0.3);
        ArchetypeChaos fresh = withLeadSpells(held, 0, 0);
        RaceOutputs a = RaceOutputs.allocate(40, S);
        RaceOutputs b = RaceOutputs.allocate(40, S);
        new RaceSimulator().simulate(field(S, fresh, 0.1, 11L), 0, S, a);
        new RaceSimulator().simulate(field(S, held, 0.1, 11L), 0, S, b);
        // the hold and brief leads touch laps led alone
        assertArrayEquals(a.finish(), b.finish());
        assertArrayEquals(a.dnf(), b.dnf());
        assertArrayEquals(a.fastestLaps(), b.fastestLaps());
        assertArrayEquals(a.greenFlagLaps(), b.greenFlagLaps());
        // each lap's leader keeps its weight distribution, so each driver's mean laps led stays (within 4 SE)
        for (int d = 0; d < 40; d++) {
            double[] ma = meanAndSe(a.lapsLed(), d * S, S);
            double[] mb = meanAndSe(b.lapsLed(), d * S, S);
            double se = Math.hypot(ma[1], mb[1]);
            assertTrue(Math.abs(ma[0] - mb[0]) <= 4 * se + 1e-9,
                    "driver " + d + ": " + ma[0] + " vs " + mb[0] + " (se " + se + ")");
        }
        // while one race's laps led concentrate on fewer leaders
        double top3Fresh = meanTop3Share(a, S);
        double top3Held = meanTop3Share(b, S);
        assertTrue(top3Held > top3Fresh + 0.1, top3Fresh + " -> " + top3Held);
    }

    @Test
    void aLeaderWhoAlwaysHoldsLeadsTheWholeRace() {
        int S = 2_000;
        RaceOutputs out = RaceOutputs.allocate(40, S);
        new RaceSimulator().simulate(field(S, withLeadSpells(ArchetypeChaos.SHORT_TRACK, 1, 0), 0, 12L), 0, S, out);
        int[] leaders = new int[40];
        for (int s = 0; s < S; s++) {
            int count = 0;
            for (int d = 0; d < 40; d++) {
                int led = out.lapsLed()[d * S + s];
                assertTrue(led == 0 || led == 200, "scenario " + s + " driver " + d + " led " + led);
                if (led == 200) {
                    count++;
                    leaders[d]++;
                }
            }
            assertEquals(1, count, "leaders in scenario " + s);
        }
        // who leads still follows the weights: the strongest driver more often than the weakest
        assertTrue(leaders[0] > leaders[39], leaders[0] + " vs " + leaders[39]);
    }

    @Test
    void briefLeadsTakeOneLapOfAStintEach() {
        int S = 2_000;
        RaceOutputs out = RaceOutputs.allocate(40, S);
        new RaceSimulator().simulate(field(S, withLeadSpells(ArchetypeChaos.SHORT_TRACK, 1, 1), 0, 13L), 0, S, out);
        long leaders = 0;
        for (int s = 0; s < S; s++) {
            int top = 0;
            for (int d = 0; d < 40; d++) {
                int led = out.lapsLed()[d * S + s];
                top = Math.max(top, led);
                leaders += led > 0 ? 1 : 0;
            }
            // 20 stints of 10 laps: the spell leader keeps 9 of each, and every brief lead is 1 lap
            assertTrue(top >= 180, "scenario " + s + ": top leader led " + top);
        }
        assertTrue(leaders / (double) S > 5, "leaders per race " + leaders / (double) S);
    }

    @Test
    void fastestLapsWithATemperOfZeroIgnoreStrength() {
        int S = 20_000;
        ArchetypeChaos c = ArchetypeChaos.INTERMEDIATE;
        ArchetypeChaos flat = withLapRules(c, c.leadHold(), c.briefLead(), 0);
        RaceOutputs out = RaceOutputs.allocate(40, S);
        new RaceSimulator().simulate(field(S, flat, 0, 14L), 0, S, out);
        long green = 0;
        for (int s = 0; s < S; s++) {
            green += out.greenFlagLaps()[s];
        }
        // weights^0: every car is equally likely in every fastest-lap stint, however strong or placed
        double expected = green / 40.0 / S;
        for (int d = 0; d < 40; d++) {
            double[] m = meanAndSe(out.fastestLaps(), d * S, S);
            assertTrue(Math.abs(m[0] - expected) <= 4 * m[1], "driver " + d + ": " + m[0] + " vs " + expected);
        }
        // while laps led still favour the strong
        assertTrue(meanAndSe(out.lapsLed(), 0, S)[0] > 5 * meanAndSe(out.lapsLed(), 39 * S, S)[0]);
    }

    /**
     * Without a front bonus or DNFs and with a temper of 1, each fastest-lap stint is one draw among all cars with
     * weights exp(share * kappa * eta): each driver's fastest laps, scenario by scenario, average to that share of
     * the green-flag laps. The full laps-led weights (share 1) are rejected for each of them.
     */
    @Test
    void fastestLapsFollowTheStrengthsAtTheirShare() {
        int S = 30_000;
        ArchetypeChaos c = ArchetypeChaos.INTERMEDIATE;
        ArchetypeChaos plain = new ArchetypeChaos(c.logitMu(), c.logitSigma(), c.dnfPerChaos(),
                c.strengthNoisePerChaos(), c.teamSd(), 0, c.leadHold(), c.briefLead(), 1);
        RaceInputs in = field(S, plain, 0, 16L);
        RaceOutputs out = RaceOutputs.allocate(40, S);
        new RaceSimulator().simulate(in, 0, S, out);
        for (double share : new double[] {RaceSimulator.FASTEST_LAP_STRENGTH_SHARE, 1.0}) {
            double[][] expectedShare = new double[in.draws()][40];
            for (int r = 0; r < in.draws(); r++) {
                double total = 0;
                for (int d = 0; d < 40; d++) {
                    expectedShare[r][d] = Math.exp(share * in.kappa()[r] * in.eta()[r * 40 + d]);
                    total += expectedShare[r][d];
                }
                for (int d = 0; d < 40; d++) {
                    expectedShare[r][d] /= total;
                }
            }
            for (int d : new int[] {0, 20, 39}) {
                double[] miss = new double[S];
                for (int s = 0; s < S; s++) {
                    miss[s] = out.fastestLaps()[d * S + s] - out.greenFlagLaps()[s] * expectedShare[s % in.draws()][d];
                }
                double[] m = meanAndSe(miss, S);
                boolean fits = Math.abs(m[0]) <= 4 * m[1];
                if (share == RaceSimulator.FASTEST_LAP_STRENGTH_SHARE) {
                    assertTrue(fits, "driver " + d + ": off by " + m[0] + " laps (se " + m[1] + ")");
                } else {
                    assertTrue(!fits, "driver " + d + ": the full term fits too (" + m[0] + ", se " + m[1] + ")");
                }
            }
        }
    }

    @Test
    void temperedFastestLapsSpreadWiderThanLapsLed() {
        int S = 5_000;
        RaceOutputs out = RaceOutputs.allocate(40, S);
        new RaceSimulator().simulate(field(S, ArchetypeChaos.INTERMEDIATE, 0.1, 15L), 0, S, out);
        long leaders = 0;
        long fastest = 0;
        for (int s = 0; s < S; s++) {
            for (int d = 0; d < 40; d++) {
                leaders += out.lapsLed()[d * S + s] > 0 ? 1 : 0;
                fastest += out.fastestLaps()[d * S + s] > 0 ? 1 : 0;
            }
        }
        assertTrue(fastest > 1.5 * leaders, "drivers with a fastest lap " + fastest + ", leaders " + leaders);
    }

    @Test
    void theModelFingerprintFollowsTheRulesAndEveryConstant() {
        List<ArchetypeChaos> shipped = List.of(ArchetypeChaos.SUPERSPEEDWAY,
                ArchetypeChaos.INTERMEDIATE, ArchetypeChaos.SHORT_TRACK, ArchetypeChaos.ROAD_COURSE);
        String fingerprint = RaceSimulator.modelFingerprint();
        assertTrue(fingerprint.matches("[0-9a-f]{12}"), fingerprint);
        assertEquals(fingerprint, RaceSimulator.fingerprint(RaceSimulator.RULES_VERSION, shipped));
        List<ArchetypeChaos> oneChanged = new ArrayList<>(shipped);
        oneChanged.set(3, withLeadSpells(ArchetypeChaos.ROAD_COURSE, 0.234, ArchetypeChaos.ROAD_COURSE.briefLead()));
        assertTrue(!fingerprint.equals(RaceSimulator.fingerprint(RaceSimulator.RULES_VERSION, oneChanged)));
        assertTrue(!fingerprint.equals(RaceSimulator.fingerprint("next rules", shipped)));
    }

    private static ArchetypeChaos withLeadSpells(ArchetypeChaos c, double hold, double brief) {
        return withLapRules(c, hold, brief, c.fastestLapTemper());
    }

    private static ArchetypeChaos withLapRules(ArchetypeChaos c, double hold, double brief, double fastestLapTemper) {
        return new ArchetypeChaos(c.logitMu(), c.logitSigma(), c.dnfPerChaos(), c.strengthNoisePerChaos(), c.teamSd(),
                c.frontBonus(), hold, brief, fastestLapTemper);
    }

    private static double[] meanAndSe(int[] x, int off, int n) {
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            sum += x[off + i];
            sq += (double) x[off + i] * x[off + i];
        }
        double mean = sum / n;
        double var = (sq - n * mean * mean) / (n - 1);
        return new double[] {mean, Math.sqrt(Math.max(0, var) / n)};
    }

    private static double[] meanAndSe(double[] x, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += x[i];
        }
        double mean = sum / n;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            sq += (x[i] - mean) * (x[i] - mean);
        }
        return new double[] {mean, Math.sqrt(sq / (n - 1) / n)};
    }

    private static double meanTop3Share(RaceOutputs out, int S) {
        double total = 0;
        int[] led = new int[40];
        for (int s = 0; s < S; s++) {
            for (int d = 0; d < 40; d++) {
                led[d] = out.lapsLed()[d * S + s];
            }
            Arrays.sort(led);
            total += (led[39] + led[38] + led[37]) / 200.0;
        }
        return total / S;
    }
}
