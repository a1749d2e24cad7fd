package slipstream.kernels.portfolio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class PortfolioSelectionTest {
    static final int N = 30;
    static final int S = 1500;

    /** One shared setup: slate, scenarios, candidates and their scores, field. */
    static final class World {
        final int[] salary;
        final SlateRules rules;
        final double[] points;
        final CandidateSet cands;
        final double[] scores;
        final double[] quantized;
        final ContestField field;
        final double[] means;

        World(long seed, int portfolio) {
            SplittableRandom rnd = new SplittableRandom(seed);
            salary = TestSlates.salaries(N, rnd);
            rules = new SlateRules(salary, TestSlates.teams(N), 6, 50_000, 0, 0, 0, 0,
                    List.of(VetoGroup.notTogether("pair", 0, 1)));
            points = TestSlates.points(salary, TestSlates.teams(N), S, seed);
            CandidateGenerator.Settings st = new CandidateGenerator.Settings(60, 3, 10, 150, 1, 40, 20, 600);
            cands = CandidateGenerator.generate(rules, points, S, st, PortfolioConstraints.sizeOnly(portfolio, N),
                    RandomSource.mixing(seed), RunControl.none());
            scores = new double[cands.count() * S];
            LineupScorer.scalar().scoreAll(points, S, cands.lineups(), 6, cands.count(), scores);
            quantized = scores.clone();
            for (int i = 0; i < quantized.length; i++) {
                quantized[i] = ContestField.quantize(quantized[i]);
            }
            double[] dm = new double[N];
            CandidateGenerator.driverMeans(points, N, S, dm);
            double[] own = Ownership.defaultFrom(dm, salary, rules.forField(0).eligible(), 6);
            OpponentField opp = OpponentField.sample(rules.forField(0), own, 500, RandomSource.mixing(seed + 1), 100, RunControl.none());
            field = ContestField.simulate(points, S, opp, PayoutTable.defaultTable(2000, 1, 0.15), portfolio,
                    LineupScorer.scalar(), RunControl.none());
            means = Objectives.means(scores, cands.count(), S);
        }

        double[] rows(int[] chosen) {
            double[] r = new double[chosen.length * S];
            for (int p = 0; p < chosen.length; p++) {
                System.arraycopy(quantized, chosen[p] * S, r, p * S, S);
            }
            return r;
        }
    }

    private static final World W = new World(42, 20);

    @Test
    void candidatesAreDistinctAndValid() {
        assertTrue(W.cands.count() > 100, "candidates " + W.cands.count());
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int c = 0; c < W.cands.count(); c++) {
            assertEquals(null, W.rules.violation(W.cands.masks()[c]));
            assertTrue(seen.add(W.cands.masks()[c]));
        }
        assertTrue(W.cands.rejections().get("veto:pair") > 0, W.cands.rejections().toString());
        assertTrue(W.cands.sources().get("scenario_optimum") > 0);
    }

    @Test
    void limitsHoldInEveryPortfolio() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int trial = 0; trial < 12; trial++) {
            // Caps of one lineup per driver in tiny portfolios need disjoint candidates the pool may lack
            // (the selector then stops short and says so); keep the caps above that here.
            int size = 5 + rnd.nextInt(16);
            double global = 0.5 + 0.5 * rnd.nextDouble();
            double[] min = new double[N];
            double[] max = new double[N];
            java.util.Arrays.fill(max, Double.NaN);
            int favourite = rnd.nextInt(N);
            min[favourite] = 0.25;
            max[rnd.nextInt(N)] = 0.1;
            double[] team = new double[12];
            java.util.Arrays.fill(team, Double.NaN);
            team[rnd.nextInt(12)] = 0.4;
            int unique = 1 + rnd.nextInt(3);
            PortfolioConstraints lim = PortfolioConstraints.fromExposures(size, N, global, min, max, team, unique);
            CandidateGenerator.Settings st = new CandidateGenerator.Settings(60, 3, 20, 100, 1, 20, 20, 600);
            CandidateSet cs = CandidateGenerator.generate(W.rules, W.points, S, st, lim,
                    RandomSource.mixing(trial), RunControl.none());
            double[] sc = new double[cs.count() * S];
            LineupScorer.scalar().scoreAll(W.points, S, cs.lineups(), 6, cs.count(), sc);
            double[] means = Objectives.means(sc, cs.count(), S);
            MarginalObjective obj = trial % 2 == 0 ? Objectives.modular(means)
                    : Objectives.tailUpside(sc, cs.count(), S, W.field.thresholds(0.01));
            PortfolioSelection sel = new PortfolioSelector(W.rules, lim).select(cs.masks(), cs.count(), obj, means, RunControl.none());
            int picked = sel.size();
            int[] dc = new int[N];
            int[] tc = new int[12];
            for (int i = 0; i < picked; i++) {
                long m = cs.masks()[sel.chosen()[i]];
                assertEquals(null, W.rules.violation(m));
                long teams = 0;
                for (long b = m; b != 0; b &= b - 1) {
                    int d = Long.numberOfTrailingZeros(b);
                    dc[d]++;
                    teams |= 1L << W.rules.team(d);
                }
                for (long b = teams; b != 0; b &= b - 1) {
                    tc[Long.numberOfTrailingZeros(b)]++;
                }
                for (int j = 0; j < i; j++) {
                    assertTrue(6 - Long.bitCount(m & cs.masks()[sel.chosen()[j]]) >= unique, "uniqueness");
                }
            }
            for (int d = 0; d < N; d++) {
                assertTrue(dc[d] <= lim.maxCount()[d], "max exposure of " + d);
                if (picked == size) {
                    assertTrue(dc[d] >= lim.minCount()[d], "min exposure of " + d + " trial " + trial);
                }
            }
            for (int t = 0; t < 12; t++) {
                assertTrue(tc[t] <= lim.teamMaxCount()[t], "team " + t);
            }
            assertArrayEquals(dc, sel.driverCounts());
            assertEquals(size, picked, "trial " + trial + ": " + sel.note());
        }
    }

    /** The greedy portfolio must beat random feasible portfolios (of the candidates) on the objective it claims. */
    @Test
    void optimiserBeatsRandomPortfoliosOnItsObjective() {
        int size = 20;
        int c = W.cands.count();
        double[] thresholds = W.field.thresholds(0.01);
        double[] cvar = Objectives.cvars(W.scores, c, S, 0.95, LineupScorer.scalar(), RunControl.none());
        PortfolioConstraints lim = PortfolioConstraints.fromExposures(size, N, 0.6, null, null, null, 2);
        PortfolioSelector selector = new PortfolioSelector(W.rules, lim);
        SplittableRandom rnd = new SplittableRandom(8);
        for (String kind : new String[] {"tail", "equity", "cvar"}) {
            PortfolioSelection sel = selector.select(W.cands.masks(), c, objective(kind, thresholds, cvar), W.means,
                    RunControl.none());
            double best = evaluate(kind, sel.chosen(), thresholds, cvar);
            assertEquals(best, sel.objectiveValue(), 1e-6 * (1 + Math.abs(best)), kind + ": incremental value = direct evaluation");
            int beaten = 0;
            for (int trial = 0; trial < 30; trial++) {
                int[] random = new int[size];
                for (int i = 0; i < size; i++) {
                    random[i] = rnd.nextInt(c);
                    for (int j = 0; j < i; j++) {
                        if (random[j] == random[i]) {
                            i--;
                            break;
                        }
                    }
                }
                if (evaluate(kind, random, thresholds, cvar) < best) {
                    beaten++;
                }
            }
            assertEquals(30, beaten, kind + ": greedy " + best);
        }
    }

    private MarginalObjective objective(String kind, double[] thresholds, double[] cvar) {
        int c = W.cands.count();
        return switch (kind) {
            case "tail" -> Objectives.tailUpside(W.scores, c, S, thresholds);
            case "equity" -> Objectives.tournamentEquity(W.quantized, c, S, W.field, 20, RunControl.none());
            default -> Objectives.modular(cvar);
        };
    }

    /** Direct evaluation, independent of the incremental objective code. */
    private double evaluate(String kind, int[] chosen, double[] thresholds, double[] cvar) {
        switch (kind) {
            case "tail": {
                int hit = 0;
                for (int s = 0; s < S; s++) {
                    boolean any = false;
                    for (int p : chosen) {
                        any |= W.scores[p * S + s] > thresholds[s];
                    }
                    hit += any ? 1 : 0;
                }
                return (double) hit / S;
            }
            case "equity": {
                ContestOutcome out = ContestOutcome.evaluate(W.rows(chosen), chosen.length, W.field, RunControl.none());
                double sum = 0;
                for (double e : out.equityPerLineup()) {
                    sum += e;
                }
                return sum;
            }
            default: {
                double sum = 0;
                double[] sorted = new double[S];
                for (int p : chosen) {
                    System.arraycopy(W.scores, p * S, sorted, 0, S);
                    java.util.Arrays.sort(sorted);
                    double tail = 0;
                    int k = (int) Math.round(0.05 * S);
                    for (int i = 0; i < k; i++) {
                        tail += sorted[S - 1 - i];
                    }
                    sum += tail / k;
                }
                return sum;
            }
        }
    }

    /**
     * The equity objective's gain must be the change in a direct evaluation (ContestOutcome, which ranks every entry)
     * when a candidate joins a portfolio: with the default table (most entries out of the money, the sparse path)
     * and with a table paying every rank (no entry can be skipped).
     */
    @Test
    void equityGainIsTheChangeInDirectEvaluation() {
        int c = W.cands.count();
        double[] dm = new double[N];
        CandidateGenerator.driverMeans(W.points, N, S, dm);
        OpponentField opp = OpponentField.sample(W.rules.forField(0),
                Ownership.defaultFrom(dm, W.salary, W.rules.forField(0).eligible(), 6), 500, RandomSource.mixing(43), 100,
                RunControl.none());
        ContestField paysAll = ContestField.simulate(W.points, S, opp,
                PayoutTable.fromTiers(2000, 1, 0.15, new int[] {1, 2}, new int[] {1, 2000}, new double[] {50, 1}), 12,
                LineupScorer.scalar(), RunControl.none());
        assertEquals(2000, paysAll.payouts().paidRanks(), "every rank is paid");
        SplittableRandom rnd = new SplittableRandom(17);
        for (ContestField field : new ContestField[] {W.field, paysAll}) {
            Objectives.Equity equity = (Objectives.Equity) Objectives.tournamentEquity(W.scores, c, S, field, 12,
                    RunControl.none());
            if (field == W.field) {
                assertTrue(equity.storedEntries() < c * S / 2, "sparse: " + equity.storedEntries() + " of " + c * S);
                assertTrue(equity.storedEntries() > 300 * c, "several gain chunks per candidate on average");
            } else {
                assertEquals(c * S, equity.storedEntries(), "dense");
            }
            int[] chosen = new int[0];
            for (int step = 0; step < 12; step++) {
                int next = rnd.nextInt(c);
                if (java.util.Arrays.stream(chosen).anyMatch(x -> x == next)) {
                    continue;
                }
                int[] grown = java.util.Arrays.copyOf(chosen, chosen.length + 1);
                grown[chosen.length] = next;
                double before = chosen.length == 0 ? 0 : directEquity(field, chosen);
                double after = directEquity(field, grown);
                assertEquals(after - before, equity.gain(next), 1e-9 * (1 + after), "step " + step);
                assertEquals(equity.gain(next), equity.gainAlone(next), 0, "one candidate over the cores: same bits");
                equity.add(next);
                assertEquals(after, equity.value(), 1e-9 * (1 + after), "step " + step);
                chosen = grown;
            }
        }
    }

    /**
     * Gains read back from the per-entry cache (scenarios untouched since a candidate's last evaluation) have the
     * bits of gains computed from scratch, however many additions passed in between. The strongest candidates are
     * added, so money zones overlap and each evaluation mixes changed and unchanged scenarios.
     */
    @Test
    void equityGainsKeptAcrossAdditionsEqualFreshOnes() {
        int c = W.cands.count();
        Objectives.Equity kept = (Objectives.Equity) Objectives.tournamentEquity(W.quantized, c, S, W.field, 12,
                RunControl.none());
        Integer[] byFirstGain = new Integer[c];
        double[] first = new double[c];
        for (int i = 0; i < c; i++) {
            byFirstGain[i] = i;
            first[i] = kept.gain(i);
        }
        java.util.Arrays.sort(byFirstGain, (a, b) -> Double.compare(first[b], first[a]));
        int[] added = new int[10];
        int[] watched = {byFirstGain[10], byFirstGain[11], byFirstGain[12], byFirstGain[40]};
        Objectives.Equity fresh = kept;
        for (int step = 0; step < added.length; step++) {
            added[step] = byFirstGain[step];
            kept.add(added[step]);
            fresh = (Objectives.Equity) Objectives.tournamentEquity(W.quantized, c, S, W.field, 12,
                    RunControl.none());
            for (int k = 0; k <= step; k++) {
                fresh.add(added[k]);
            }
            for (int i = 0; i < watched.length; i++) {
                if (step % (i + 1) == 0) {
                    double g = i % 2 == 0 ? kept.gain(watched[i]) : kept.gainAlone(watched[i]);
                    assertEquals(fresh.gain(watched[i]), g, 0, "candidate " + watched[i] + " after " + (step + 1));
                    assertTrue(g < first[watched[i]], "its gain shrank: the portfolio sits in its money zone");
                }
            }
        }
        assertEquals(fresh.value(), kept.value(), 0, "the portfolio's value, summed from kept gains");
        // Every candidate at once over the cores: scenarios whose suffix is still to rebuild after the last addition
        // are met by several candidates together, and each must still see that scenario's finished suffix.
        kept.add(byFirstGain[13]);
        fresh.add(byFirstGain[13]);
        double[] together = new double[c];
        java.util.stream.IntStream.range(0, c).parallel().forEach(i -> together[i] = kept.gain(i));
        for (int i = 0; i < c; i++) {
            if (!java.util.Arrays.asList(byFirstGain).subList(0, 14).contains(i)) {
                assertEquals(fresh.gain(i), together[i], 0, "candidate " + i + " evaluated alongside the others");
            }
        }
    }

    /** Sort keys hold a score on the 2^-20 grid and a candidate index: what does not fit is refused by name. */
    @Test
    void equityRefusesScoresAndCandidateCountsItsSortKeysCannotHold() {
        int c = W.cands.count();
        double[] huge = W.quantized.clone();
        huge[3 * S + 7] = 1e9;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Objectives.tournamentEquity(huge, c, S, W.field, 10, RunControl.none()));
        assertTrue(e.getMessage().contains("candidate 3 scores 1.0E9 in scenario 7"), e.getMessage());
        int many = Objectives.Equity.MAX_CANDIDATES + 1;
        e = assertThrows(IllegalArgumentException.class,
                () -> Objectives.tournamentEquity(new double[many], many, 1, W.field, 10, RunControl.none()));
        assertTrue(e.getMessage().contains(many + " candidates"), e.getMessage());
    }

    private static double directEquity(ContestField field, int[] chosen) {
        double sum = 0;
        for (double e : ContestOutcome.evaluate(W.rows(chosen), chosen.length, field, RunControl.none()).equityPerLineup()) {
            sum += e;
        }
        return sum;
    }

    @Test
    void sameSeedSamePortfolioOtherSeedOtherField() {
        World again = new World(42, 20);
        assertArrayEquals(W.cands.masks(), again.cands.masks());
        PortfolioConstraints lim = PortfolioConstraints.fromExposures(10, N, 0.7, null, null, null, 2);
        int c = W.cands.count();
        PortfolioSelection a = new PortfolioSelector(W.rules, lim).select(W.cands.masks(), c,
                Objectives.tournamentEquity(W.quantized, c, S, W.field, 10, RunControl.none()), W.means, RunControl.none());
        PortfolioSelection b = new PortfolioSelector(again.rules, lim).select(again.cands.masks(), c,
                Objectives.tournamentEquity(again.quantized, c, S, again.field, 10, RunControl.none()), again.means, RunControl.none());
        assertArrayEquals(a.chosen(), b.chosen());
        assertEquals(a.objectiveValue(), b.objectiveValue(), 0);
        double[] own = new double[N];
        java.util.Arrays.fill(own, 0.2);
        OpponentField f1 = OpponentField.sample(W.rules, own, 50, RandomSource.mixing(1), 10, RunControl.none());
        OpponentField f2 = OpponentField.sample(W.rules, own, 50, RandomSource.mixing(2), 10, RunControl.none());
        assertTrue(!java.util.Arrays.equals(f1.lineups(), f2.lineups()));
    }

    /**
     * Candidate searches and opponents are drawn in parallel chunks: one worker and four must give the same
     * candidates, sources and rejection counts, and the same opponents with the same rejection counts.
     */
    @Test
    void candidatesAndFieldAreTheSameWhateverTheThreadCount() throws Exception {
        CandidateGenerator.Settings st = new CandidateGenerator.Settings(60, 3, 10, 150, 2, 40, 20, 600);
        double[] own = Ownership.defaultFrom(driverMeans(), W.salary,
                W.rules.forField(0).eligible(), 6);
        CandidateSet[] candidates = new CandidateSet[2];
        OpponentField[] fields = new OpponentField[2];
        int[] threads = {1, 4};
        for (int t = 0; t < 2; t++) {
            java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads[t]);
            try {
                candidates[t] = pool.submit(() -> CandidateGenerator.generate(W.rules, W.points, S, st,
                        PortfolioConstraints.sizeOnly(20, N), RandomSource.mixing(5), RunControl.none())).get();
                fields[t] = pool.submit(() -> OpponentField.sample(W.rules.forField(0), own, 700,
                        RandomSource.mixing(6), 3, RunControl.none())).get();
            } finally {
                pool.shutdown();
            }
        }
        assertArrayEquals(candidates[0].masks(), candidates[1].masks());
        assertEquals(candidates[0].rejections(), candidates[1].rejections());
        assertEquals(candidates[0].sources(), candidates[1].sources());
        assertTrue(candidates[0].sources().get("scenario_optimum") > 0 && candidates[0].sources().get("block_mean") > 0);
        assertArrayEquals(fields[0].lineups(), fields[1].lineups());
        assertEquals(fields[0].rejections(), fields[1].rejections());
        assertTrue(fields[0].rejections().values().stream().mapToLong(Long::longValue).sum() > 0,
                "some opponents are rejected (cap, veto), so the counts are compared");
    }

    private static double[] driverMeans() {
        double[] dm = new double[N];
        CandidateGenerator.driverMeans(W.points, N, S, dm);
        return dm;
    }

    /** First gains are computed in parallel chunks; one worker and four must pick the same portfolio. */
    @Test
    void equitySelectionIsTheSameWhateverTheThreadCount() throws Exception {
        PortfolioConstraints lim = PortfolioConstraints.fromExposures(10, N, 0.7, null, null, null, 2);
        int c = W.cands.count();
        PortfolioSelection[] runs = new PortfolioSelection[2];
        int[] threads = {1, 4};
        for (int t = 0; t < 2; t++) {
            java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads[t]);
            try {
                runs[t] = pool.submit(() -> new PortfolioSelector(W.rules, lim).select(W.cands.masks(), c,
                        Objectives.tournamentEquity(W.quantized, c, S, W.field, 10, RunControl.none()), W.means,
                        RunControl.none())).get();
            } finally {
                pool.shutdown();
            }
        }
        assertEquals(10, runs[0].size());
        assertArrayEquals(runs[0].chosen(), runs[1].chosen());
        assertEquals(runs[0].objectiveValue(), runs[1].objectiveValue(), 0);
    }

    @Test
    void cancellationStopsLongLoops() {
        int[] calls = {0};
        RunControl stopSoon = new RunControl(() -> ++calls[0] > 3, f -> {});
        assertThrows(CancellationException.class, () -> CandidateGenerator.generate(W.rules, W.points, S,
                CandidateGenerator.Settings.defaults(), PortfolioConstraints.sizeOnly(20, N), RandomSource.mixing(1), stopSoon));
        double[] fractions = new double[1];
        RunControl watch = new RunControl(() -> false, f -> fractions[0] = f);
        PortfolioConstraints lim = PortfolioConstraints.sizeOnly(5, N);
        new PortfolioSelector(W.rules, lim).select(W.cands.masks(), W.cands.count(), Objectives.modular(W.means), W.means, watch);
        assertEquals(1.0, fractions[0], 1e-12);
    }

    @Test
    void regimesAndBootstrap() {
        int[] labels = new int[6];
        Regimes.classify(new double[] {0.6, 0.2, 0.3, 0.7, 0.1, 0.3}, new int[] {1, 8, 2, 2, 1, 2},
                new double[] {0.1, 0.1, 0.3, 0.05, 0.05, 0.15}, Regimes.Rules.defaults(), labels);
        assertArrayEquals(new int[] {Regimes.DOMINATOR, Regimes.CHAOS, Regimes.CHAOS, Regimes.DOMINATOR,
                Regimes.FUEL_MILEAGE, Regimes.NORMAL}, labels);
        assertEquals(2.0 / 6, Regimes.mix(labels)[Regimes.CHAOS], 1e-12);
        double[] byRegime = Regimes.meanByRegime(new double[] {1, 2, 3, 4, 5, 6}, 0, labels);
        assertEquals(2.5, byRegime[Regimes.DOMINATOR]);
        assertEquals(6.0, byRegime[Regimes.NORMAL]);
        // CV of a mean of S iid values is sd / (mean sqrt(S)): check the bootstrap against that closed form.
        SplittableRandom rnd = new SplittableRandom(2);
        double[] v = new double[4000];
        for (int i = 0; i < v.length; i++) {
            v[i] = 100 + 20 * rnd.nextGaussian();
        }
        BootstrapStability.Result r = BootstrapStability.ofMean(v, 0.05);
        double expected = 20 / (100 * Math.sqrt(4000));
        assertEquals(expected, r.cv(), 0.05 * expected); // the sample's sd and mean are within ~2% of 20 and 100
        assertEquals("", r.warning());
        BootstrapStability.Result noisy = BootstrapStability.ofMean(java.util.Arrays.copyOf(v, 100), 0.001);
        assertTrue(noisy.cv() > 0.001 && noisy.warning().contains("unstable"), noisy.warning());
        // Three scenarios that pay the same (a portfolio fitted to them can): CV 0, and still a warning.
        BootstrapStability.Result few = BootstrapStability.ofMean(new double[] {7, 7, 7}, 0.05);
        assertEquals(0, few.cv(), 0, "no spread");
        assertTrue(few.warning().contains("only 3 scenarios"), few.warning());
        double[] row = java.util.Arrays.copyOf(W.scores, S);
        BootstrapStability.Result cv = BootstrapStability.ofCvar(row, 1, S, 0.95, 100, 0.05, RandomSource.mixing(4),
                LineupScorer.scalar(), RunControl.none());
        double direct = TailMeasures.cvarUpper(row, 0, S, 0.95, new double[S], LineupScorer.scalar());
        assertEquals(direct, cv.mean(), 0.02 * direct);
    }

    /** Minimum exposures of 1 (every lineup) for the given drivers of n. */
    private static double[] inEveryLineup(int n, int... drivers) {
        double[] min = new double[n];
        for (int d : drivers) {
            min[d] = 1;
        }
        return min;
    }

    /** A minimum exposure of every lineup locks the driver in effect: the lock checks see it. */
    @Test
    void driversRequiredInEveryLineupCountAsLocked() {
        int[] salary = {11000, 10500, 10000, 9800, 5000, 5000, 5000, 5000, 5000, 5000};
        SlateRules rules = new SlateRules(salary, null, 6, 50_000, 0, 0, 0, 1L, List.of());
        List<ConstraintViolation> unique = FeasibilityCheck.violations(rules,
                PortfolioConstraints.fromExposures(5, 10, 1, inEveryLineup(10, 4, 5, 6), null, null, 3), null, null);
        assertEquals(1, unique.size(), unique.toString());
        assertEquals("uniqueness", unique.get(0).constraint());
        assertTrue(unique.get(0).detail().contains("only 2 slots are free of locks and drivers required in every"
                + " lineup"), unique.toString());
        List<ConstraintViolation> dear = FeasibilityCheck.violations(rules,
                PortfolioConstraints.fromExposures(5, 10, 1, inEveryLineup(10, 1, 2, 3), null, null, 1), null, null);
        assertEquals(List.of(new ConstraintViolation("salary_cap", "the drivers locked or required in every lineup plus"
                + " the 2 cheapest eligible drivers cost 51300, 1300 over the cap of 50000")), dear);
        SlateRules teams = new SlateRules(salary, new int[] {0, 0, 0, 0, 1, 1, 2, 2, 2, 2}, 6, 50_000, 0, 0, 0, 0,
                List.of());
        List<ConstraintViolation> capped = FeasibilityCheck.violations(teams, PortfolioConstraints.fromExposures(5, 10,
                1, inEveryLineup(10, 4), null, new double[] {Double.NaN, 0.5, Double.NaN}, 1), null,
                new String[] {"red", "blue", "green"});
        assertEquals(List.of(new ConstraintViolation("team_exposure", "team blue has drivers locked or required in every"
                + " lineup [4] but is capped at 2 of 5 lineups")), capped);
        assertTrue(FeasibilityCheck.violations(rules, PortfolioConstraints.fromExposures(5, 10, 1, null, null, null, 3),
                null, null).isEmpty(), "without the minimums the same request is not refused");
    }

    @Test
    void infeasibleConstraintsSayWhichAndByHowMuch() {
        int[] salary = {11000, 10500, 10000, 9800, 9700, 9600, 5000, 5000, 5000, 5000};
        long locks = 0b111111L;
        SlateRules rules = new SlateRules(salary, null, 6, 50_000, 0, 0, 1L << 9, locks | 1L << 6, List.of());
        double[] min = new double[10];
        min[9] = 0.5;
        min[8] = 1;
        min[7] = 1;
        PortfolioConstraints lim = PortfolioConstraints.fromExposures(10, 10, 0.5, min, null, null, 3);
        InfeasibleConstraintsException e = assertThrows(InfeasibleConstraintsException.class,
                () -> FeasibilityCheck.require(rules, lim, null, null));
        String all = e.getMessage();
        assertTrue(all.contains("locks: 7 locked drivers but a lineup holds 6 (1 too many)"), all);
        assertTrue(all.contains("salary_cap: locked drivers cost 65600, 15600 over the cap of 50000"), all);
        assertTrue(all.contains("min_exposure: driver 9 is excluded"), all);
        assertTrue(all.contains("max_exposure: driver 0 is locked (in all 10 lineups) but capped at 5 (5 too few)"), all);
        assertTrue(e.violations().size() >= 4);
        SlateRules ok = SlateRules.simple(new int[] {5000, 5000, 5000, 5000, 5000, 5000, 5000}, 6, 50_000);
        List<ConstraintViolation> u = FeasibilityCheck.violations(ok,
                PortfolioConstraints.fromExposures(3, 7, 1, null, null, null, 2), null, null);
        // 7 drivers, 6 slots: two lineups share at least 5, so they differ by 1; asking for 2 allows only 1 lineup.
        assertEquals("uniqueness", u.get(0).constraint(), u.toString());
        assertTrue(u.get(0).detail().contains("at most 1 lineups"), u.toString());
        List<ConstraintViolation> few = FeasibilityCheck.violations(
                new SlateRules(new int[] {1, 1, 1, 1, 1, 1, 1}, null, 6, 100, 0, 0b11, 0, 0, List.of()),
                PortfolioConstraints.sizeOnly(1, 7), new String[] {"a", "b", "c", "d", "e", "f", "g"}, null);
        assertTrue(few.toString().contains("5 eligible drivers (2 of 7 excluded) for a roster of 6 (1 short)"), few.toString());
    }
}
