package slipstream.kernels.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LineupSearchTest {

    /** Brute force: the k best values over all valid lineups, descending. */
    private static double[] bruteTopK(SlateRules rules, double[] values, int k) {
        List<Double> all = new ArrayList<>();
        TestSlates.forEachValid(rules, m -> all.add(TestSlates.value(m, values)));
        return all.stream().sorted((a, b) -> Double.compare(b, a)).limit(k).mapToDouble(Double::doubleValue).toArray();
    }

    private static SlateRules randomRules(int n, SplittableRandom rnd, boolean extras) {
        int[] salary = TestSlates.salaries(n, rnd);
        if (!extras) {
            return SlateRules.simple(salary, 6, 50_000);
        }
        long locked = 0;
        long excluded = 0;
        long slateExcluded = 0;
        int lockCount = rnd.nextInt(3);
        while (Long.bitCount(locked) < lockCount) {
            int d = rnd.nextInt(n);
            if (salary[d] <= 8000) {
                locked |= 1L << d;
            }
        }
        for (int i = 0; i < 3; i++) {
            excluded |= (1L << rnd.nextInt(n)) & ~locked;
        }
        slateExcluded |= (1L << rnd.nextInt(n)) & ~locked;
        List<VetoGroup> vetoes = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            int a = rnd.nextInt(n);
            int b = rnd.nextInt(n);
            int c = rnd.nextInt(n);
            if (a != b && b != c && a != c) {
                vetoes.add(g == 2 ? new VetoGroup("g" + g, 1L << a | 1L << b | 1L << c, 1)
                        : VetoGroup.notTogether("g" + g, a, b));
            }
        }
        int floor = rnd.nextBoolean() ? 0 : 46_000 + 500 * rnd.nextInt(6);
        return new SlateRules(salary, TestSlates.teams(n), 6, 50_000, floor, slateExcluded, excluded, locked, vetoes);
    }

    @Test
    void topKEqualsBruteForceOnRandomSlates() {
        SplittableRandom rnd = new SplittableRandom(20240601);
        for (int trial = 0; trial < 40; trial++) {
            int n = 18 + rnd.nextInt(9);
            SlateRules rules = randomRules(n, rnd, trial % 2 == 1);
            double[] values = trial % 4 == 3 ? negativeMixed(n, rnd) : TestSlates.values(rulesSalaries(rules), rnd);
            int k = trial % 3 == 0 ? 1 : 1 + rnd.nextInt(25);
            double[] expected = bruteTopK(rules, values, k);
            long[] masks = new long[k];
            double[] got = new double[k];
            int found = new LineupSearch(rules).solve(values, 0, 0, k, masks, got, RunControl.none());
            assertEquals(expected.length, found, "trial " + trial);
            for (int i = 0; i < found; i++) {
                assertEquals(expected[i], got[i], 1e-9, "trial " + trial + " rank " + i);
                assertNull(rules.violation(masks[i]), "trial " + trial);
                assertEquals(got[i], TestSlates.value(masks[i], values), 1e-9);
            }
            assertEquals(found, Arrays.stream(masks, 0, found).distinct().count());
        }
    }

    private static int[] rulesSalaries(SlateRules rules) {
        int[] s = new int[rules.drivers()];
        for (int i = 0; i < s.length; i++) {
            s[i] = rules.salary(i);
        }
        return s;
    }

    private static double[] negativeMixed(int n, SplittableRandom rnd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian() * 20 - 5;
        }
        return v;
    }

    @Test
    void bestEqualsBruteForceOn36And40DriverSlates() {
        for (long seed : new long[] {1, 2}) {
            SplittableRandom rnd = new SplittableRandom(seed);
            int n = seed == 1 ? 36 : 40;
            SlateRules rules = randomRules(n, rnd, seed == 2);
            double[] values = TestSlates.values(rulesSalaries(rules), rnd);
            double[] expected = bruteTopK(rules, values, 5);
            long[] masks = new long[5];
            double[] got = new double[5];
            LineupSearch search = new LineupSearch(rules);
            assertEquals(expected.length, search.solve(values, 0, 0, 5, masks, got, RunControl.none()));
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], got[i], 1e-9, "seed " + seed + " rank " + i);
            }
            assertTrue(search.nodes() < 2_000_000, "search visited " + search.nodes());
        }
    }

    @Test
    void infeasibleRulesGiveNoLineup() {
        int[] salary = {12000, 12000, 12000, 12000, 12000, 12000, 12000};
        SlateRules rules = SlateRules.simple(salary, 6, 50_000);
        assertEquals(0L, new LineupSearch(rules).best(new double[7]));
    }

    @Test
    void extraLocksAndExcludesApply() {
        SplittableRandom rnd = new SplittableRandom(7);
        SlateRules base = randomRules(22, rnd, false);
        double[] values = TestSlates.values(rulesSalaries(base), rnd);
        long best = new LineupSearch(base).best(values);
        int d = Long.numberOfTrailingZeros(best);
        long[] m = new long[1];
        double[] v = new double[1];
        new LineupSearch(base).solve(values, 0, 1L << d, 1, m, v, RunControl.none());
        assertEquals(bruteTopK(base.with(0, 1L << d), values, 1)[0], v[0], 1e-9);
        assertEquals(0, m[0] & 1L << d);
        int worst = 0;
        for (int i = 0; i < 22; i++) {
            worst = values[i] < values[worst] ? i : worst;
        }
        new LineupSearch(base).solve(values, 1L << worst, 0, 1, m, v, RunControl.none());
        assertEquals(bruteTopK(base.with(1L << worst, 0), values, 1)[0], v[0], 1e-9);
    }
}
