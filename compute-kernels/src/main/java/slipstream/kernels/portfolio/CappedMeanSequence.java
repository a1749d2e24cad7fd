package slipstream.kernels.portfolio;

/**
 * The portfolio a sequential exact optimiser builds on mean points (the method of pydfs-lineup-optimizer and most
 * DFS tools): lineup t is the best lineup by mean that keeps every driver and team within its maximum count given
 * lineups 0..t-1 and differs from each of them by at least {@code minUnique} drivers.
 *
 * <p>Why a candidate family: greedy selection on a modular objective only picks what the pool holds. Under a tight
 * exposure cap the best lineups left once the favourites are capped leave out several favourites at once, which
 * neither the top-k by mean nor single-driver exclusions reach. With this sequence in the pool, greedy selection
 * on mean points follows the same path (each step's exact best feasible lineup is a candidate), so
 * OBJECTIVE_MEAN_POINTS is never worse than the sequential optimiser on the same means.
 *
 * <p>Minimum exposures are left to the selector (see {@link CandidateGenerator}'s locked family).
 */
final class CappedMeanSequence {
    private static final int FIRST_K = 8;
    private static final int MAX_K = 4096;

    private CappedMeanSequence() {}

    /**
     * @param values per-driver mean points
     * @param out    receives up to {@code limits.size()} lineups as masks, in the order chosen
     * @return how many lineups the sequence holds (fewer than the size when the limits run out of lineups)
     */
    static int build(LineupSearch search, double[] values, PortfolioConstraints limits, long[] out,
                     RunControl control) {
        SlateRules rules = search.rules();
        int n = rules.drivers();
        int roster = rules.roster();
        int[] driverCount = new int[n];
        int[] teamCount = new int[rules.teamCount()];
        int[] teamMax = limits.teamMaxCount();
        long[] masks = new long[MAX_K];
        double[] got = new double[MAX_K];
        int built = 0;
        while (built < limits.size()) {
            control.check();
            long capped = 0;
            for (int d = 0; d < n; d++) {
                int t = rules.team(d);
                boolean teamFull = t >= 0 && t < teamMax.length && teamCount[t] >= teamMax[t];
                if (driverCount[d] >= limits.maxCount()[d] || teamFull) {
                    capped |= 1L << d;
                }
            }
            long next = 0;
            for (int k = FIRST_K; next == 0; k *= 2) {
                int found = search.solve(values, 0, capped, k, masks, got, control);
                next = firstDistinct(masks, found, out, built, roster, limits);
                if (found < k || k == MAX_K) {
                    break;
                }
            }
            if (next == 0) {
                break;
            }
            out[built++] = next;
            for (long m = next; m != 0; m &= m - 1) {
                driverCount[Long.numberOfTrailingZeros(m)]++;
            }
            for (long t = rules.teamsOf(next); t != 0; t &= t - 1) {
                teamCount[Long.numberOfTrailingZeros(t)]++;
            }
        }
        return built;
    }

    private static long firstDistinct(long[] masks, int found, long[] chosen, int chosenCount, int roster,
                                      PortfolioConstraints limits) {
        for (int i = 0; i < found; i++) {
            if (limits.uniqueFrom(masks[i], chosen, chosenCount, roster)) {
                return masks[i];
            }
        }
        return 0;
    }
}
