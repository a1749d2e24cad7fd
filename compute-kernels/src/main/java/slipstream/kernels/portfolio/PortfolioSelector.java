package slipstream.kernels.portfolio;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Greedy portfolio selection by marginal gain under portfolio size, per-driver minimum and maximum exposure,
 * per-team maximum exposure (lineups holding any driver of the team) and a minimum number of differing drivers
 * between any two lineups.
 *
 * <p><b>Method.</b> Lazy greedy (Minoux): candidates sit in a max-queue keyed by their last computed gain; the
 * top is re-evaluated against the current portfolio, and picked when its fresh gain is still the largest. Ties
 * go to the higher tie-break value (mean points), then the lower index, so a run is deterministic.
 * A candidate that breaks a maximum exposure, a team cap or uniqueness is dropped for good: those limits only
 * tighten as the portfolio grows.
 *
 * <p><b>Minimum exposures: served first, with reserved slots.</b> While any driver is below its minimum count,
 * only candidates holding at least one such driver are offered (the best of them by gain is picked), so minimums
 * are met early, while the exposure and uniqueness limits still leave the most room. In addition, with R slots
 * left after a pick, every driver's remaining deficit must be at most R and all deficits together at most
 * {@code roster * R}. Candidates failing either rule are deferred for the step (not dropped). These rules are
 * necessary, not sufficient: when the candidates cannot meet the minimums, selection stops short and says so
 * (generate candidates with those drivers locked, see {@link CandidateGenerator}).
 *
 * <p><b>Guarantees, honestly.</b> For a monotone submodular objective (TAIL_UPSIDE: probability that any lineup
 * beats the threshold) under the size limit alone (a uniform matroid), greedy is within (1 - 1/e) of the best
 * portfolio of the candidates; under a single matroid of other kinds the bound is 1/2. For modular objectives
 * (MEAN_POINTS, CVAR) under the size limit alone greedy is optimal. Exposure caps, team caps and uniqueness are
 * not a matroid (exposure caps form an intersection of several; uniqueness is a conflict graph), so with them the
 * result is a good feasible portfolio without a proven ratio. TOURNAMENT_EQUITY is not submodular (uneven prize
 * steps), so there lazy evaluation is itself a heuristic: stale gains are re-checked only at the top of the
 * queue.
 */
public final class PortfolioSelector {
    private static final int FIRST_GAINS_CHUNK = 256;

    private final SlateRules rules;
    private final PortfolioConstraints limits;

    public PortfolioSelector(SlateRules rules, PortfolioConstraints limits) {
        if (limits.drivers() != rules.drivers()) {
            throw new IllegalArgumentException("constraints cover " + limits.drivers() + " drivers, slate has " + rules.drivers());
        }
        this.rules = rules;
        this.limits = limits;
    }

    /**
     * @param candidates candidate lineups as driver masks
     * @param count      number of candidates
     * @param objective  marginal gains over the same candidate indices (fresh: empty portfolio)
     * @param tieBreak   secondary key per candidate (e.g. mean points), larger first
     */
    public PortfolioSelection select(long[] candidates, int count, MarginalObjective objective, double[] tieBreak,
                                     RunControl control) {
        int n = rules.drivers();
        int r = rules.roster();
        int size = limits.size();
        int[] driverCount = new int[n];
        int[] teamCount = new int[Math.max(limits.teamMaxCount().length, rules.teamCount())];
        int[] chosen = new int[size];
        double[] gains = new double[size];
        long[] chosenMask = new long[size];
        int[] stamp = new int[count];
        double[] gain = new double[count];
        Map<String, Long> rejected = new LinkedHashMap<>();
        CandidateQueue queue = new CandidateQueue(Math.max(1, count));
        // First gains in parallel, a chunk at a time (each gain is a pure function of c, so the thread count
        // changes nothing); progress and cancellation between chunks.
        for (int from = 0; from < count; from += FIRST_GAINS_CHUNK) {
            control.progress(0.5 * from / count);
            IntStream.range(from, Math.min(count, from + FIRST_GAINS_CHUNK)).parallel()
                    .forEach(c -> gain[c] = objective.gain(c));
        }
        for (int c = 0; c < count; c++) {
            queue.add(c, gain[c], tieBreak[c]);
        }
        boolean fresh = objective.gainsOnlyShrink();
        int picked = 0;
        String note = "";
        int[] deferred = new int[count];
        while (picked < size) {
            control.check();
            int deferredCount = 0;
            int pick = -1;
            long deficitDrivers = 0;
            for (int d = 0; d < n; d++) {
                if (driverCount[d] < limits.minCount()[d]) {
                    deficitDrivers |= 1L << d;
                }
            }
            while (!queue.isEmpty()) {
                int c = queue.poll();
                String permanent = permanentBreak(candidates[c], driverCount, teamCount, chosenMask, picked);
                if (permanent != null) {
                    rejected.merge(permanent, 1L, Long::sum);
                    continue;
                }
                if (deficitDrivers != 0 && (candidates[c] & deficitDrivers) == 0) {
                    rejected.merge("min_exposure_first", 1L, Long::sum);
                    deferred[deferredCount++] = c;
                    continue;
                }
                if (!reserveAllows(candidates[c], driverCount, size - picked - 1)) {
                    rejected.merge("min_exposure_reserve", 1L, Long::sum);
                    deferred[deferredCount++] = c;
                    continue;
                }
                if (stamp[c] != picked && !objective.gainsFixed()) {
                    gain[c] = objective.gainAlone(c);
                    stamp[c] = picked;
                    queue.add(c, gain[c], tieBreak[c]);
                    control.poll();
                    continue;
                }
                pick = c;
                break;
            }
            for (int i = 0; i < deferredCount; i++) {
                queue.add(deferred[i], gain[deferred[i]], tieBreak[deferred[i]]);
            }
            if (pick < 0) {
                note = "stopped at " + picked + " of " + size + " lineups: no remaining candidate satisfies "
                        + (deferredCount > 0 ? "the minimum exposures together with the other limits"
                        : "the exposure, team and uniqueness limits");
                break;
            }
            gains[picked] = gain[pick];
            objective.add(pick);
            chosen[picked] = pick;
            chosenMask[picked] = candidates[pick];
            for (long m = candidates[pick]; m != 0; m &= m - 1) {
                int d = Long.numberOfTrailingZeros(m);
                driverCount[d]++;
            }
            long teams = rules.teamsOf(candidates[pick]);
            for (long t = teams; t != 0; t &= t - 1) {
                teamCount[Long.numberOfTrailingZeros(t)]++;
            }
            picked++;
            control.progress(0.5 + 0.5 * picked / size);
        }
        return new PortfolioSelection(Arrays.copyOf(chosen, picked), Arrays.copyOf(gains, picked), objective.value(),
                picked == size ? "GREEDY" : "GREEDY_SHORT", note, rejected, driverCount, fresh);
    }

    private String permanentBreak(long mask, int[] driverCount, int[] teamCount, long[] chosen, int picked) {
        for (long m = mask; m != 0; m &= m - 1) {
            int d = Long.numberOfTrailingZeros(m);
            if (driverCount[d] + 1 > limits.maxCount()[d]) {
                return "exposure";
            }
        }
        int[] teamMax = limits.teamMaxCount();
        for (long t = rules.teamsOf(mask); t != 0; t &= t - 1) {
            int team = Long.numberOfTrailingZeros(t);
            if (team < teamMax.length && teamCount[team] + 1 > teamMax[team]) {
                return "team_exposure";
            }
        }
        return limits.uniqueFrom(mask, chosen, picked, rules.roster()) ? null : "uniqueness";
    }

    private boolean reserveAllows(long mask, int[] driverCount, int slotsLeft) {
        int total = 0;
        int[] min = limits.minCount();
        for (int d = 0; d < min.length; d++) {
            int deficit = min[d] - driverCount[d] - (int) (mask >>> d & 1);
            if (deficit > 0) {
                if (deficit > slotsLeft) {
                    return false;
                }
                total += deficit;
            }
        }
        return total <= rules.roster() * slotsLeft;
    }
}
