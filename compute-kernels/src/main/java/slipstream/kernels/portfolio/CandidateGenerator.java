package slipstream.kernels.portfolio;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Generates strong, distinct candidate lineups, every one honouring the slate's locks, excludes, veto groups,
 * cap and floor (each comes from the exact {@link LineupSearch} under those rules):
 * <ol>
 *   <li>the top-k lineups by mean points;</li>
 *   <li>the lineups a sequential exact optimiser builds on mean points under the portfolio's exposure, team and
 *       uniqueness limits ({@link CappedMeanSequence}), so the best lineups left once favourites are capped are
 *       in the pool;</li>
 *   <li>for each driver of the mean-best lineup that is not locked: the best lineups without that driver;</li>
 *   <li>for each driver with a minimum exposure: the best lineups with that driver locked, so the selector can
 *       meet the minimum;</li>
 *   <li>the optimal lineup(s) of individual scenarios, spread evenly over the scenarios (scenarios are
 *       independent draws, so an even stride is a fair sample);</li>
 *   <li>the optimal lineup of block means: the average of a few random scenarios (stream PURPOSE_SCENARIO_BLOCKS),
 *       between the single-scenario extremes and the mean.</li>
 * </ol>
 * Generation stops at {@code maxCandidates}.
 */
public final class CandidateGenerator {

    /**
     * @param topByMean       k of the mean-points top-k search
     * @param exclusionTopK   lineups per "without driver d" search
     * @param minExposureTopK lineups per "with driver d locked" search
     * @param scenarioOptima  scenarios whose optimal lineups are added
     * @param perScenarioTopK lineups per scenario search
     * @param blockMeans      number of block-mean searches
     * @param blockSize       scenarios averaged per block
     * @param maxCandidates   stop after this many distinct candidates
     */
    public record Settings(int topByMean, int exclusionTopK, int minExposureTopK, int scenarioOptima,
                           int perScenarioTopK, int blockMeans, int blockSize, int maxCandidates) {
        /** 150 by mean, 5 per exclusion, 20 per minimum exposure, 1,000 scenario optima, 200 block means of 20. */
        public static Settings defaults() {
            return new Settings(150, 5, 20, 1000, 1, 200, 20, 3000);
        }
    }

    private CandidateGenerator() {}

    /**
     * @param rules           our lineup rules (locks, excludes, floor, vetoes)
     * @param points          per-driver points, flat points[d * S + s]
     * @param scenarios       S
     * @param limits          the portfolio's limits (size, exposures, team caps, uniqueness)
     */
    public static CandidateSet generate(SlateRules rules, double[] points, int scenarios, Settings settings,
                                        PortfolioConstraints limits, RandomSource random, RunControl control) {
        int n = rules.drivers();
        if (limits.drivers() != n) {
            throw new IllegalArgumentException("limits cover " + limits.drivers() + " drivers, slate has " + n);
        }
        LineupSearch search = new LineupSearch(rules);
        Builder b = new Builder(settings.maxCandidates(), rules.roster());
        double[] values = new double[n];
        int k = Math.max(settings.topByMean(), Math.max(settings.exclusionTopK(),
                Math.max(settings.minExposureTopK(), settings.perScenarioTopK())));
        long[] masks = new long[k];
        double[] got = new double[k];

        driverMeans(points, n, scenarios, values);
        int found = search.solve(values, 0, 0, settings.topByMean(), masks, got, control);
        b.addAll(masks, found, "mean_top_k");
        long[] sequence = new long[limits.size()];
        b.addAll(sequence, CappedMeanSequence.build(search, values, limits, sequence, control), "capped_mean_sequence");
        if (found > 0) {
            long best = masks[0];
            for (long m = best & ~rules.locked(); m != 0; m &= m - 1) {
                long d = m & -m;
                int f = search.solve(values, 0, d, settings.exclusionTopK(), masks, got, control);
                b.addAll(masks, f, "exclude_variation");
            }
        }
        long minExposureMask = 0;
        for (int d = 0; d < n; d++) {
            if (limits.minCount()[d] > 0) {
                minExposureMask |= 1L << d;
            }
        }
        for (long m = minExposureMask & rules.eligible() & ~rules.locked(); m != 0; m &= m - 1) {
            int f = search.solve(values, m & -m, 0, settings.minExposureTopK(), masks, got, control);
            b.addAll(masks, f, "min_exposure_lock");
        }
        control.progress(0.1);

        int optima = Math.min(settings.scenarioOptima(), scenarios);
        int total = optima + settings.blockMeans();
        ScenarioSearches searches = ScenarioSearches.run(rules, points, scenarios, settings, optima, total, random,
                control);
        for (int j = 0; j < total && !b.full(); j++) {
            b.addAll(searches.found[j], searches.found[j].length, j < optima ? "scenario_optimum" : "block_mean");
        }
        control.progress(1);
        Map<String, Long> rejections = new LinkedHashMap<>();
        rejections.put("duplicate", b.duplicates);
        rejections.put("salary_cap", search.capCuts() + searches.capCuts);
        rejections.put("salary_floor", search.floorCuts() + searches.floorCuts);
        for (int g = 0; g < rules.vetoCount(); g++) {
            rejections.put("veto:" + rules.veto(g).name(), search.vetoCuts(g) + searches.vetoCuts[g]);
        }
        return b.build(rejections);
    }

    /**
     * The searches on single scenarios and on block means: independent, so they run in parallel in fixed chunks,
     * each chunk with its own {@link LineupSearch}. found[j] holds search j's lineups; the caller adds them in
     * order of j, so the candidates are the same for any thread count. All of them run, even when the pool fills
     * early (it holds 3,000 by default, far more than these searches add).
     */
    private static final class ScenarioSearches {
        private static final int CHUNK = 64;

        final long[][] found;
        long capCuts;
        long floorCuts;
        final long[] vetoCuts;

        private ScenarioSearches(int total, int vetoGroups) {
            this.found = new long[total][];
            this.vetoCuts = new long[vetoGroups];
        }

        static ScenarioSearches run(SlateRules rules, double[] points, int scenarios, Settings settings, int optima,
                                    int total, RandomSource random, RunControl control) {
            int n = rules.drivers();
            ScenarioSearches out = new ScenarioSearches(total, rules.vetoCount());
            int chunks = (total + CHUNK - 1) / CHUNK;
            AtomicInteger done = new AtomicInteger();
            Object lock = new Object();
            java.util.List<LineupSearch> used = IntStream.range(0, chunks).parallel().mapToObj(k -> {
                RunControl worker = control.forWorker();
                worker.check();
                LineupSearch search = new LineupSearch(rules);
                double[] values = new double[n];
                int most = Math.max(settings.perScenarioTopK(), 1);
                long[] masks = new long[most];
                double[] got = new double[most];
                for (int j = k * CHUNK, end = Math.min(total, j + CHUNK); j < end; j++) {
                    int f;
                    if (j < optima) {
                        int s = (int) (((long) j * scenarios + scenarios / 2) / optima);
                        for (int d = 0; d < n; d++) {
                            values[d] = points[d * scenarios + s];
                        }
                        f = search.solve(values, 0, 0, settings.perScenarioTopK(), masks, got, worker);
                    } else {
                        java.util.Arrays.fill(values, 0);
                        for (int i = 0; i < settings.blockSize(); i++) {
                            int s = random.below(RandomSource.PURPOSE_SCENARIO_BLOCKS, j - optima, i, scenarios);
                            for (int d = 0; d < n; d++) {
                                values[d] += points[d * scenarios + s];
                            }
                        }
                        f = search.solve(values, 0, 0, 1, masks, got, worker);
                    }
                    out.found[j] = java.util.Arrays.copyOf(masks, f);
                }
                synchronized (lock) {
                    control.progress(0.1 + 0.9 * done.incrementAndGet() / chunks);
                }
                return search;
            }).toList();
            for (LineupSearch search : used) {
                out.capCuts += search.capCuts();
                out.floorCuts += search.floorCuts();
                for (int g = 0; g < out.vetoCuts.length; g++) {
                    out.vetoCuts[g] += search.vetoCuts(g);
                }
            }
            return out;
        }
    }

    /** Mean points per driver over the scenarios. */
    public static void driverMeans(double[] points, int drivers, int scenarios, double[] out) {
        for (int d = 0; d < drivers; d++) {
            out[d] = TailMeasures.mean(points, d * scenarios, scenarios);
        }
    }

    private static final class Builder {
        final long[] masks;
        final int roster;
        final Set<Long> seen = new HashSet<>();
        final Map<String, Integer> sources = new LinkedHashMap<>();
        int count;
        long duplicates;

        Builder(int max, int roster) {
            this.masks = new long[max];
            this.roster = roster;
        }

        boolean full() {
            return count == masks.length;
        }

        void addAll(long[] found, int f, String source) {
            for (int i = 0; i < f && !full(); i++) {
                if (seen.add(found[i])) {
                    masks[count++] = found[i];
                    sources.merge(source, 1, Integer::sum);
                } else {
                    duplicates++;
                }
            }
        }

        CandidateSet build(Map<String, Long> rejections) {
            long[] m = java.util.Arrays.copyOf(masks, count);
            int[] lineups = new int[count * roster];
            for (int c = 0; c < count; c++) {
                SlateRules.indices(m[c], lineups, c * roster);
            }
            return new CandidateSet(m, lineups, count, rejections, sources);
        }
    }
}
