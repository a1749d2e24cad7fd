package slipstream.kernels.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * OBJECTIVE_MEAN_POINTS against brute force: the sequential exact optimiser (each lineup the best of ALL lineups
 * that keeps the exposure, team and uniqueness limits given the ones before) run over every lineup of the slate.
 * Candidates + greedy selection must reach the same total mean, under limits tight enough that the favourites
 * are capped early.
 */
class MeanPortfolioBruteForceTest {
    private static final int N = 24;
    private static final int S = 400;
    private static final int ROSTER = 6;

    @Test
    void meanPortfolioMatchesSequentialOptimumOverAllLineups() {
        SplittableRandom rnd = new SplittableRandom(11);
        int[] salary = TestSlates.salaries(N, rnd);
        int[] teams = TestSlates.teams(N);
        SlateRules rules = new SlateRules(salary, teams, ROSTER, 50_000, 0, 0, 0, 0,
                List.of(VetoGroup.notTogether("pair", 0, 1)));
        double[] points = TestSlates.points(salary, teams, S, 11);
        double[] driverMeans = new double[N];
        CandidateGenerator.driverMeans(points, N, S, driverMeans);
        long[] all = allLineups(rules, driverMeans);

        record Case(int size, double cap, double teamCap, int unique) {}
        for (Case k : List.of(new Case(30, 0.3, Double.NaN, 1), new Case(40, 0.5, Double.NaN, 2),
                new Case(25, 0.4, 0.5, 3))) {
            double[] teamMax = new double[rules.teamCount()];
            Arrays.fill(teamMax, Double.NaN);
            teamMax[teams[2]] = k.teamCap();
            PortfolioConstraints limits = PortfolioConstraints.fromExposures(k.size(), N, k.cap(), null, null, teamMax,
                    k.unique());
            double expected = sequentialTotal(all, driverMeans, rules, limits);

            CandidateGenerator.Settings small = new CandidateGenerator.Settings(20, 2, 5, 30, 1, 10, 20, 600);
            CandidateSet cands = CandidateGenerator.generate(rules, points, S, small, limits, RandomSource.mixing(3),
                    RunControl.none());
            double[] scores = new double[cands.count() * S];
            LineupScorer.scalar().scoreAll(points, S, cands.lineups(), ROSTER, cands.count(), scores);
            double[] means = Objectives.means(scores, cands.count(), S);
            PortfolioSelection sel = new PortfolioSelector(rules, limits)
                    .select(cands.masks(), cands.count(), Objectives.modular(means), means, RunControl.none());
            double total = 0;
            for (int c : sel.chosen()) {
                total += means[c];
            }
            assertEquals(k.size(), sel.size(), k.toString());
            assertEquals(expected, total, 1e-6 * expected, k.toString());
            assertTrue(cands.sources().get("capped_mean_sequence") > 0, cands.sources().toString());
        }
    }

    /** Every valid lineup, best mean first. */
    private static long[] allLineups(SlateRules rules, double[] means) {
        List<Long> valid = new ArrayList<>();
        int[] idx = new int[ROSTER];
        for (int i = 0; i < ROSTER; i++) {
            idx[i] = i;
        }
        while (true) {
            long mask = 0;
            for (int i : idx) {
                mask |= 1L << i;
            }
            if (rules.violation(mask) == null) {
                valid.add(mask);
            }
            int p = ROSTER - 1;
            while (p >= 0 && idx[p] == N - ROSTER + p) {
                p--;
            }
            if (p < 0) {
                break;
            }
            idx[p]++;
            for (int i = p + 1; i < ROSTER; i++) {
                idx[i] = idx[i - 1] + 1;
            }
        }
        return valid.stream().sorted((a, b) -> Double.compare(value(b, means), value(a, means)))
                .mapToLong(Long::longValue).toArray();
    }

    private static double sequentialTotal(long[] sorted, double[] means, SlateRules rules, PortfolioConstraints lim) {
        int[] driverCount = new int[N];
        int[] teamCount = new int[rules.teamCount()];
        List<Long> chosen = new ArrayList<>();
        double total = 0;
        while (chosen.size() < lim.size()) {
            long pick = 0;
            for (long m : sorted) {
                if (fits(m, driverCount, teamCount, chosen, rules, lim)) {
                    pick = m;
                    break;
                }
            }
            assertTrue(pick != 0, "brute force ran out of lineups");
            chosen.add(pick);
            total += value(pick, means);
            boolean[] teamSeen = new boolean[teamCount.length];
            for (int d = 0; d < N; d++) {
                if ((pick >>> d & 1) != 0) {
                    driverCount[d]++;
                    int t = rules.team(d);
                    if (t >= 0 && !teamSeen[t]) {
                        teamSeen[t] = true;
                        teamCount[t]++;
                    }
                }
            }
        }
        return total;
    }

    private static boolean fits(long m, int[] driverCount, int[] teamCount, List<Long> chosen, SlateRules rules,
                                PortfolioConstraints lim) {
        boolean[] teamSeen = new boolean[teamCount.length];
        for (int d = 0; d < N; d++) {
            if ((m >>> d & 1) != 0) {
                if (driverCount[d] + 1 > lim.maxCount()[d]) {
                    return false;
                }
                int t = rules.team(d);
                if (t >= 0 && !teamSeen[t]) {
                    teamSeen[t] = true;
                    if (t < lim.teamMaxCount().length && teamCount[t] + 1 > lim.teamMaxCount()[t]) {
                        return false;
                    }
                }
            }
        }
        for (long c : chosen) {
            if (ROSTER - Long.bitCount(m & c) < lim.minUnique()) {
                return false;
            }
        }
        return true;
    }

    private static double value(long mask, double[] means) {
        double v = 0;
        for (long m = mask; m != 0; m &= m - 1) {
            v += means[Long.numberOfTrailingZeros(m)];
        }
        return v;
    }
}
