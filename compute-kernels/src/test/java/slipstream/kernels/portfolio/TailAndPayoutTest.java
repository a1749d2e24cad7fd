package slipstream.kernels.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import slipstream.kernels.race.PanamaLineupEvaluator;

class TailAndPayoutTest {

    @Test
    void cvarEqualsSortBasedTailMeanAndTheMinimisationForm() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(400);
            double[] x = new double[n + 5];
            for (int i = 0; i < x.length; i++) {
                x[i] = trial % 3 == 0 ? rnd.nextInt(6) : rnd.nextGaussian() * 10 + Math.exp(rnd.nextGaussian());
            }
            double alpha = new double[] {0.5, 0.9, 0.95, 0.99, 0.37}[trial % 5];
            double got = TailMeasures.cvarUpper(x, 5, n, alpha, new double[n], LineupScorer.scalar());
            double[] sorted = Arrays.copyOfRange(x, 5, 5 + n);
            Arrays.sort(sorted);
            double m = (1 - alpha) * n;
            double sum = 0;
            double left = m;
            for (int i = n - 1; i >= 0 && left > 0; i--) {
                double take = Math.min(1, left);
                sum += take * sorted[i];
                left -= take;
            }
            assertEquals(sum / m, got, 1e-9 * (1 + Math.abs(got)), "trial " + trial);
            assertEquals(got, TailMeasures.sortedCvarUpper(sorted, n, alpha), 1e-9 * (1 + Math.abs(got)), "sorted, trial " + trial);
            // Rockafellar-Uryasev, upper tail: min over t of t + E[(X - t)+] / (1 - alpha), attained at an order statistic.
            double min = Double.POSITIVE_INFINITY;
            for (double t : sorted) {
                double e = 0;
                for (double v : sorted) {
                    e += Math.max(0, v - t) / n;
                }
                min = Math.min(min, t + e / (1 - alpha));
            }
            assertEquals(min, got, 1e-9 * (1 + Math.abs(got)), "trial " + trial);
        }
    }

    /**
     * Long rows take the pivot-filter route before the quickselect: the CVaR must still equal the sorted tail sum,
     * with heavy ties, sorted rows, and a row whose sampled positions are all large (the filter keeps too few and the
     * whole row is used). Both twins' filters give the same bits.
     */
    @Test
    void cvarOfLongRowsEqualsTheSortedTail() {
        SplittableRandom rnd = new SplittableRandom(8);
        for (int len : new int[] {4096, 5000, 10_007}) {
            for (int shape = 0; shape < 5; shape++) {
                double[] x = new double[len + 2];
                for (int i = 0; i < x.length; i++) {
                    x[i] = switch (shape) {
                        case 0 -> rnd.nextGaussian() * 30 + 200;
                        case 1 -> rnd.nextInt(9);
                        case 2 -> i;
                        case 3 -> -i;
                        default -> (i - 2) % (len / 256) == 0 ? 100 : rnd.nextInt(3);
                    };
                }
                for (double alpha : new double[] {0.9, 0.95, 0.99, 0.999}) {
                    double[] sorted = Arrays.copyOfRange(x, 2, 2 + len);
                    Arrays.sort(sorted);
                    double got = TailMeasures.cvarUpper(x, 2, len, alpha, new double[len], LineupScorer.scalar());
                    assertEquals(TailMeasures.sortedCvarUpper(sorted, len, alpha), got, 1e-9 * (1 + Math.abs(got)),
                            "len " + len + ", shape " + shape + ", alpha " + alpha);
                    assertEquals(got, TailMeasures.cvarUpper(x, 2, len, alpha, new double[len],
                            new PanamaLineupEvaluator()), 0, "the Panama twin's filter gives the same bits");
                }
            }
        }
    }

    /**
     * The bootstrap's scenario order, whole or its first t entries, equals a stable descending sort, with ties,
     * signed zeros and an offset; the last trials are long rows with short heads, where a sampled pivot filters
     * the row before the selection.
     */
    @Test
    void descendingOrderEqualsAStableSort() {
        SplittableRandom rnd = new SplittableRandom(12);
        for (int trial = 0; trial < 60; trial++) {
            int n = trial < 50 ? 1 + rnd.nextInt(300) : 4096 + rnd.nextInt(3000);
            double[] x = new double[n + 3];
            for (int i = 0; i < x.length; i++) {
                x[i] = trial % 2 == 0 ? rnd.nextInt(5) - 2 : rnd.nextGaussian();
                if (rnd.nextInt(10) == 0) {
                    x[i] = rnd.nextBoolean() ? -0.0 : 0.0;
                }
            }
            int[] expected = java.util.stream.IntStream.range(0, n).boxed()
                    .sorted((a, b) -> Double.compare(x[3 + b], x[3 + a])).mapToInt(Integer::intValue).toArray();
            assertTrue(Arrays.equals(expected, BootstrapStability.descendingOrder(x, 3, n)), "trial " + trial);
            for (int t : new int[] {1, 1 + rnd.nextInt(n), n - 1, n, n / 8, 1 + rnd.nextInt(n / 8 + 1)}) {
                if (t >= 1) {
                    for (LineupScorer twin : new LineupScorer[] {LineupScorer.scalar(), new PanamaLineupEvaluator()}) {
                        assertTrue(Arrays.equals(Arrays.copyOf(expected, t),
                                BootstrapStability.topDescendingOrder(x, 3, n, t, twin)),
                                "trial " + trial + ", top " + t + ", " + twin.getClass().getSimpleName());
                    }
                }
            }
        }
    }

    /**
     * Quantiles and CVaRs read from a row ordered only where they look (orderForTails) are those of the fully
     * sorted row, to the bit: smooth and tied rows, short and long, at levels whose tails nearly meet the quantiles.
     */
    @Test
    void tailsFromAPartlyOrderedRowEqualThoseOfTheSortedRow() {
        SplittableRandom rnd = new SplittableRandom(27);
        double[] probabilities = {0.1, 0.5, 0.9, 0.99};
        for (int len : new int[] {1, 2, 9, 63, 64, 65, 1000, 10_007}) {
            for (int shape = 0; shape < 3; shape++) {
                double[] x = new double[len + 4];
                for (int i = 0; i < x.length; i++) {
                    x[i] = switch (shape) {
                        case 0 -> rnd.nextGaussian() * 40 + 200;
                        case 1 -> Math.round((rnd.nextGaussian() * 40 + 200) * 20) / 20.0; // DFS totals: ties
                        default -> i % 7;
                    };
                }
                double[] levels = {0.95, 0.99, 0.5 + 0.5 * rnd.nextDouble()};
                double[] sorted = Arrays.copyOfRange(x, 4, 4 + len);
                Arrays.sort(sorted);
                double[] ordered = new double[len];
                TailMeasures.orderForTails(x, 4, len, probabilities, levels, ordered, new int[len + 1]);
                String at = "len " + len + ", shape " + shape;
                for (double p : probabilities) {
                    assertEquals(TailMeasures.sortedQuantile(sorted, len, p), TailMeasures.sortedQuantile(ordered, len, p),
                            0.0, at + ", p " + p);
                }
                for (double alpha : levels) {
                    assertEquals(TailMeasures.sortedCvarUpper(sorted, len, alpha),
                            TailMeasures.sortedCvarUpper(ordered, len, alpha), 0.0, at + ", alpha " + alpha);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> TailMeasures.orderForTails(new double[10], 0, 10,
                new double[] {0.5}, new double[] {1.0}, new double[10], new int[11]));
    }

    @Test
    void quantileMatchesTypeSeven() {
        double[] x = {5, 1, 3, 2, 4};
        assertEquals(3.0, TailMeasures.sortedQuantile(sortedCopy(x), 5, 0.5));
        assertEquals(4.6, TailMeasures.sortedQuantile(sortedCopy(x), 5, 0.9), 1e-12);
    }

    @Test
    void payoutsSumToThePoolAfterRake() {
        for (int f : new int[] {2, 3, 10, 57, 10_000}) {
            PayoutTable t = PayoutTable.defaultTable(f, 5.0, 0.15);
            double sum = 0;
            for (int k = 1; k <= f; k++) {
                sum += t.prize(k);
                assertTrue(k == 1 || t.prize(k) <= t.prize(k - 1) + 1e-9 * t.pool(), "top-heavy");
            }
            assertEquals(f * 5.0 * 0.85, sum, 1e-6 * f);
            assertEquals(t.pool(), t.cumulative(f), 0);
            assertTrue(t.pool() / f < t.entryFee(), "average entry returns less than its fee");
        }
        PayoutTable dk = PayoutTable.defaultTable(10_000, 1, 0.15);
        assertEquals(2200, dk.paidRanks());
        assertEquals(1.5, dk.prize(2200), 1e-9);
        PayoutTable tiers = PayoutTable.fromTiers(100, 2, 0.1, new int[] {1, 2, 6}, new int[] {1, 5, 20},
                new double[] {30, 10, 2});
        assertEquals(180, tiers.pool(), 1e-12);
        assertEquals(180 * 30.0 / (30 + 40 + 30), tiers.prize(1), 1e-9);
        assertEquals(0, tiers.prize(21));
        assertThrows(IllegalArgumentException.class,
                () -> PayoutTable.fromTiers(10, 1, 0.1, new int[] {1, 2}, new int[] {3, 4}, new double[] {1, 1}));
    }

    /**
     * With one simulated opponent per real one, payouts must equal an explicit ranking of all entries with split ties:
     * for 4 of our entries, and for 80 (enough that their sort keys go through {@link BucketSort}'s buckets).
     */
    @Test
    void contestPayoutsEqualExplicitRankingWithTies() {
        contestPayoutsEqualExplicitRanking(4);
        contestPayoutsEqualExplicitRanking(80);
    }

    private static void contestPayoutsEqualExplicitRanking(int ourCount) {
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 12;
        int scenarios = 40;
        int[] salary = TestSlates.salaries(n, rnd);
        // Integer points make ties frequent.
        double[] points = new double[n * scenarios];
        for (int i = 0; i < points.length; i++) {
            points[i] = rnd.nextInt(8);
        }
        SlateRules rules = SlateRules.simple(salary, 3, 30_000);
        double[] own = new double[n];
        Arrays.fill(own, 0.25);
        int fieldSize = ourCount + 26;
        OpponentField opp = OpponentField.sample(rules, own, fieldSize - ourCount, RandomSource.mixing(5), 50, RunControl.none());
        PayoutTable table = PayoutTable.fromTiers(fieldSize, 1, 0.2, new int[] {1, 2, 4}, new int[] {1, 3, 8},
                new double[] {10, 4, 1});
        ContestField field = ContestField.simulate(points, scenarios, opp, table, ourCount, LineupScorer.scalar(), RunControl.none());
        assertEquals(1.0, field.opponentWeight());
        int[] ourLineups = new int[ourCount * 3];
        for (int p = 0; p < ourCount; p++) {
            // copies of opponents: exact ties
            System.arraycopy(opp.lineups(), (p % opp.count()) * 3, ourLineups, p * 3, 3);
        }
        double[] ours = new double[ourCount * scenarios];
        LineupScorer.scalar().scoreAll(points, scenarios, ourLineups, 3, ourCount, ours);
        double[] oppScores = new double[opp.count() * scenarios];
        LineupScorer.scalar().scoreAll(points, scenarios, opp.lineups(), 3, opp.count(), oppScores);
        double[] col = new double[ourCount];
        double[] pay = new double[ourCount];
        for (int s = 0; s < scenarios; s++) {
            double[] all = new double[fieldSize];
            for (int p = 0; p < ourCount; p++) {
                col[p] = ContestField.quantize(ours[p * scenarios + s]);
                all[p] = col[p];
            }
            for (int j = 0; j < opp.count(); j++) {
                all[ourCount + j] = ContestField.quantize(oppScores[j * scenarios + s]);
            }
            double total = field.payouts(s, col, ourCount, new ContestField.PayoutScratch(ourCount), pay);
            double everyone = 0;
            for (int e = 0; e < fieldSize; e++) {
                int above = 0;
                int tied = 0;
                for (double y : all) {
                    above += y > all[e] ? 1 : 0;
                    tied += y == all[e] ? 1 : 0;
                }
                double prize = 0;
                for (int rank = above + 1; rank <= above + tied; rank++) {
                    prize += table.prize(rank);
                }
                everyone += prize / tied;
                if (e < ourCount) {
                    assertEquals(prize / tied, pay[e], 1e-9, ourCount + " entries, scenario " + s + " entry " + e);
                }
            }
            assertEquals(table.pool(), everyone, 1e-9);
            assertTrue(total <= table.pool() + 1e-9);
        }
    }

    /**
     * Large fields keep their top scores without a full sort (a sampled pivot filters the rest): the kept scores,
     * counts above and tie counts must equal a full sort's, also with heavy ties (integer points, 3-driver rosters),
     * negative scores, scenarios where every opponent scores the same, a scenario whose kept scores span too much
     * for int offsets, and fields too small for the filter. Filtered fields (700 and 2,500 opponents) come in
     * blocks of eight scenarios, whose filter each twin fuses with its scoring, and a short last block (the plain
     * twin's loop); 200 opponents are sorted whole.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "panama"})
    void keptTopScoresEqualAFullSort(String twin) {
        LineupScorer scorer = twin.equals("plain") ? LineupScorer.scalar() : new PanamaLineupEvaluator();
        SplittableRandom rnd = new SplittableRandom(31);
        int n = 12;
        int scenarios = 60;
        int[] salary = TestSlates.salaries(n, rnd);
        double[] points = new double[n * scenarios];
        for (int i = 0; i < points.length; i++) {
            points[i] = i % 7 == 0 ? rnd.nextGaussian() * 9 : rnd.nextInt(8) - 2;
        }
        for (int d = 0; d < n; d++) {
            points[d * scenarios + 5] = 4; // scenario 5: every lineup scores 12
        }
        points[7] = 5_000; // scenario 7: kept scores span more than an int offset holds (its block is sorted whole)
        SlateRules rules = SlateRules.simple(salary, 3, 30_000);
        double[] own = new double[n];
        Arrays.fill(own, 0.25);
        for (int m : new int[] {200, 700, 2500}) {
            OpponentField opp = OpponentField.sample(rules, own, m, RandomSource.mixing(m), 50, RunControl.none());
            ContestField field = ContestField.simulate(points, scenarios, opp, PayoutTable.defaultTable(4 * m, 1, 0.15),
                    10, scorer, RunControl.none());
            assertTrue(field.kept() < m, "kept " + field.kept() + " of " + m);
            assertEquals(m >= 700, ContestField.TopScores.filters(m, field.kept()), "filtered at " + m);
            double[] scores = new double[m * scenarios];
            LineupScorer.scalar().scoreAll(points, scenarios, opp.lineups(), 3, m, scores);
            for (int s = 0; s < scenarios; s++) {
                double[] col = new double[m];
                for (int j = 0; j < m; j++) {
                    col[j] = ContestField.quantize(scores[j * scenarios + s]);
                }
                Arrays.sort(col);
                for (int j = 0; j < field.kept(); j++) {
                    assertEquals(col[m - 1 - j], field.keptScore(s, j), "m " + m + " scenario " + s + " rank " + j);
                }
                for (double x : new double[] {col[m - 1], col[m - 3], col[m - 1 - field.kept() / 3], col[m - field.kept()],
                        col[m / 2], col[0] - 1}) {
                    int above = 0;
                    int equal = 0;
                    for (double y : col) {
                        above += y > x ? 1 : 0;
                        equal += y == x ? 1 : 0;
                    }
                    int oa = field.countAbove(s, x);
                    assertEquals(Math.min(above, field.kept()), oa, "above " + x);
                    for (int from : new int[] {0, 1, oa / 3, oa - 1, oa}) {
                        if (from >= 0 && from <= oa) {
                            assertEquals(oa, field.countAboveFrom(s, x, from), "walking from " + from + " at " + x);
                        }
                    }
                    if (above < field.kept()) {
                        assertEquals(equal, field.countEqual(s, oa, x), "ties at " + x + ", scenario " + s);
                    }
                }
            }
        }
    }

    @Test
    void aRandomEntryExpectsLessThanItsFee() {
        int n = 30;
        int scenarios = 3000;
        SplittableRandom rnd = new SplittableRandom(21);
        int[] salary = TestSlates.salaries(n, rnd);
        double[] points = TestSlates.points(salary, TestSlates.teams(n), scenarios, 4);
        SlateRules rules = SlateRules.simple(salary, 6, 50_000);
        double[] means = new double[n];
        CandidateGenerator.driverMeans(points, n, scenarios, means);
        double[] own = Ownership.defaultFrom(means, salary, rules.eligible(), 6);
        assertEquals(6.0, Arrays.stream(own).sum(), 1e-9);
        PayoutTable table = PayoutTable.defaultTable(200, 1, 0.15);
        OpponentField opp = OpponentField.sample(rules, own, 400, RandomSource.mixing(9), 100, RunControl.none());
        ContestField field = ContestField.simulate(points, scenarios, opp, table, 20, LineupScorer.scalar(), RunControl.none());
        // 20 more random entries drawn from the same ownership, entered as "our" portfolio.
        OpponentField mine = OpponentField.sample(rules, own, 20, RandomSource.mixing(10), 100, RunControl.none());
        double[] rows = new double[20 * scenarios];
        LineupScorer.scalar().scoreAll(points, scenarios, mine.lineups(), 6, 20, rows);
        ContestOutcome out = ContestOutcome.evaluate(rows, 20, field, RunControl.none());
        assertTrue(out.roi() < 0, "random entries lose the rake: roi " + out.roi() + " +- " + out.roiSe());
        assertTrue(out.roi() > -0.5, "but not absurdly: roi " + out.roi());
        assertTrue(out.randomEntryReturn() < 1, "opponent return " + out.randomEntryReturn());
        for (int j = 0; j < opp.count(); j++) {
            assertEquals(null, rules.violation(opp.mask(j)));
        }
    }

    /**
     * With an opponent salary floor every opponent spends between the floor and the cap, whether drawn by rejection
     * or (one try only, so mostly) by the cap- and floor-aware fallback; the floor moves spending up.
     */
    @Test
    void opponentsSpendAtLeastTheFloor() {
        int n = 30;
        int[] salary = TestSlates.salaries(n, new SplittableRandom(21));
        SlateRules slate = SlateRules.simple(salary, 6, 50_000);
        double[] own = new double[n];
        java.util.Arrays.fill(own, 6.0 / n);
        for (int tries : new int[] {100, 1}) {
            OpponentField free = OpponentField.sample(slate.forField(0), own, 400, RandomSource.mixing(3), tries,
                    RunControl.none());
            OpponentField floored = OpponentField.sample(slate.forField(49_000), own, 400, RandomSource.mixing(3), tries,
                    RunControl.none());
            double freeSpend = 0;
            for (int j = 0; j < 400; j++) {
                int spent = slate.salaryOf(floored.mask(j));
                assertTrue(spent >= 49_000 && spent <= 50_000, "opponent " + j + " spends " + spent);
                assertEquals(null, slate.forField(49_000).violation(floored.mask(j)));
                freeSpend += slate.salaryOf(free.mask(j)) / 400.0;
            }
            assertTrue(freeSpend < 49_000, "without the floor opponents spend less: " + freeSpend);
            if (tries == 1) {
                assertTrue(floored.rejections().getOrDefault("fallback", 0L) > 100, floored.rejections().toString());
            }
        }
    }

    /**
     * A million-scenario report builds its contest range by range, each range with its own field: ranges that
     * start at multiples of 256 give the bits of one field over all scenarios; others are refused.
     */
    @Test
    void anOutcomeBuiltRangeByRangeEqualsTheWholeOne() {
        int n = 30;
        int scenarios = 1300;
        FieldSetup setup = FieldSetup.of(n, scenarios, 23, 6, 300, 12);
        double[] points = setup.points();
        OpponentField opp = setup.opponents();
        PayoutTable table = PayoutTable.defaultTable(500, 2, 0.12);
        int p = 7;
        double[] rows = new double[p * scenarios];
        LineupScorer.scalar().scoreAll(points, scenarios, opp.lineups(), 6, p, rows);
        ContestOutcome whole = ContestOutcome.evaluate(rows, p, ContestField.simulate(points, scenarios, opp, table, p,
                LineupScorer.scalar(), RunControl.none()), RunControl.none());

        ContestOutcome.Accumulator ranges = new ContestOutcome.Accumulator(p, scenarios, table);
        int[] cuts = {0, 512, 768, scenarios};
        for (int r = 0; r + 1 < cuts.length; r++) {
            int from = cuts[r];
            int to = cuts[r + 1];
            ranges.add(columns(rows, p, scenarios, from, to), ContestField.simulate(columns(points, n, scenarios, from,
                    to), to - from, opp, table, p, LineupScorer.scalar(), RunControl.none()), from, RunControl.none());
        }
        ContestOutcome built = ranges.finish();
        assertTrue(Arrays.equals(whole.payoutPerScenario(), built.payoutPerScenario()));
        assertTrue(Arrays.equals(whole.equityPerLineup(), built.equityPerLineup()));
        assertEquals(whole.roi(), built.roi(), 0);
        assertEquals(whole.roiSe(), built.roiSe(), 0);
        assertEquals(whole.cashRate(), built.cashRate(), 0);
        assertEquals(whole.winRate(), built.winRate(), 0);
        assertEquals(whole.winRateSe(), built.winRateSe(), 0);
        assertEquals(whole.randomEntryReturn(), built.randomEntryReturn(), 0);
        assertTrue(whole.roi() != 0 && whole.winRate() > 0, "a contest with payouts to compare");

        ContestOutcome.Accumulator partial = new ContestOutcome.Accumulator(p, scenarios, table);
        partial.add(columns(rows, p, scenarios, 0, 100), ContestField.simulate(columns(points, n, scenarios, 0, 100),
                100, opp, table, p, LineupScorer.scalar(), RunControl.none()), 0, RunControl.none());
        assertThrows(IllegalStateException.class, partial::finish, "scenarios 100.. never added");
        ContestField next = ContestField.simulate(columns(points, n, scenarios, 100, 400), 300, opp, table, p,
                LineupScorer.scalar(), RunControl.none());
        assertThrows(IllegalArgumentException.class, () -> partial.add(columns(rows, p, scenarios, 100, 400), next,
                100, RunControl.none()), "a range must start at a multiple of 256");
    }

    /** A 6-driver-roster slate's points over the scenarios and opponents sampled from its default ownership. */
    private record FieldSetup(double[] points, OpponentField opponents) {
        static FieldSetup of(int drivers, int scenarios, long slateSeed, long pointsSeed, int opponents, long fieldSeed) {
            int[] salary = TestSlates.salaries(drivers, new SplittableRandom(slateSeed));
            double[] points = TestSlates.points(salary, TestSlates.teams(drivers), scenarios, pointsSeed);
            SlateRules rules = SlateRules.simple(salary, 6, 50_000);
            double[] means = new double[drivers];
            CandidateGenerator.driverMeans(points, drivers, scenarios, means);
            return new FieldSetup(points, OpponentField.sample(rules, Ownership.defaultFrom(means, salary,
                    rules.eligible(), 6), opponents, RandomSource.mixing(fieldSeed), 100, RunControl.none()));
        }
    }

    /** Scenarios [from, to) of each of the rows of x (row r at x[r * s ..)), as rows of to - from. */
    private static double[] columns(double[] x, int rowCount, int s, int from, int to) {
        double[] out = new double[rowCount * (to - from)];
        for (int r = 0; r < rowCount; r++) {
            System.arraycopy(x, r * s + from, out, r * (to - from), to - from);
        }
        return out;
    }

    /** Scenario blocks run in parallel; one worker and four must keep the same tops, ties and thresholds. */
    @Test
    void theFieldIsTheSameWhateverTheThreadCount() throws Exception {
        int scenarios = 3001; // 400 opponents: blocks of 164 scenarios, so 19 blocks, the last one short
        FieldSetup setup = FieldSetup.of(30, scenarios, 22, 5, 400, 11);
        double[] points = setup.points();
        OpponentField opp = setup.opponents();
        PayoutTable table = PayoutTable.defaultTable(200, 1, 0.15);
        ContestField[] fields = new ContestField[2];
        int[] threads = {1, 4};
        for (int t = 0; t < 2; t++) {
            java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads[t]);
            try {
                fields[t] = pool.submit(() -> ContestField.simulate(points, scenarios, opp, table, 20,
                        LineupScorer.scalar(), RunControl.none())).get();
            } finally {
                pool.shutdown();
            }
        }
        assertTrue(Arrays.equals(fields[0].thresholds(0.01), fields[1].thresholds(0.01)));
        for (int s = 0; s < scenarios; s++) {
            double x = fields[0].threshold(s, 0.05);
            int above = fields[0].countAbove(s, x);
            assertEquals(above, fields[1].countAbove(s, x), "scenario " + s);
            assertEquals(fields[0].countEqual(s, above, x), fields[1].countEqual(s, above, x), "scenario " + s);
        }
        // The contest outcome sums scenario blocks in parallel: the same bits with one worker and with four.
        double[] rows = new double[20 * scenarios];
        LineupScorer.scalar().scoreAll(points, scenarios, opp.lineups(), 6, 20, rows);
        ContestOutcome[] outcomes = new ContestOutcome[2];
        for (int t = 0; t < 2; t++) {
            java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads[t]);
            try {
                outcomes[t] = pool.submit(() -> ContestOutcome.evaluate(rows, 20, fields[0], RunControl.none())).get();
            } finally {
                pool.shutdown();
            }
        }
        assertTrue(Arrays.equals(outcomes[0].equityPerLineup(), outcomes[1].equityPerLineup()));
        assertTrue(Arrays.equals(outcomes[0].payoutPerScenario(), outcomes[1].payoutPerScenario()));
        assertEquals(outcomes[0].roi(), outcomes[1].roi(), 0);
        assertEquals(outcomes[0].winRateSe(), outcomes[1].winRateSe(), 0);
    }

    private static double[] sortedCopy(double[] x) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        return sorted;
    }
}
