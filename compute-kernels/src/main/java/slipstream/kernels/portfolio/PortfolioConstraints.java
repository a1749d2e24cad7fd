package slipstream.kernels.portfolio;

/**
 * Portfolio limits as whole lineup counts.
 *
 * <p>Exposures (shares of the portfolio's lineups) become counts for a portfolio of N lineups as
 * {@code max = floor(share * N)} but at least 1 when the share is positive (so a 30% cap still allows a driver
 * in a one-lineup portfolio), and {@code min = ceil(share * N)} (a small tolerance absorbs rounding).
 *
 * @param size          lineups wanted, 1..150
 * @param minCount      least lineups holding each driver (length n)
 * @param maxCount      most lineups holding each driver (length n)
 * @param teamMaxCount  most lineups holding any driver of each team (length teamCount; may be empty)
 * @param minUnique     least number of drivers by which any two lineups differ (1 = no duplicates)
 */
public record PortfolioConstraints(int size, int[] minCount, int[] maxCount, int[] teamMaxCount, int minUnique) {
    private static final double EPS = 1e-9;

    public PortfolioConstraints {
        if (size < 1) {
            throw new IllegalArgumentException("portfolio size must be >= 1, got " + size);
        }
        if (minCount.length != maxCount.length) {
            throw new IllegalArgumentException("minCount and maxCount lengths differ");
        }
        minCount = minCount.clone();
        maxCount = maxCount.clone();
        teamMaxCount = teamMaxCount.clone();
    }

    /**
     * @param size             lineups wanted
     * @param drivers          n
     * @param globalMax        cap on every driver's share, (0, 1]
     * @param minExposure      per-driver minimum share, or null for none
     * @param maxExposure      per-driver maximum share overriding globalMax where not NaN, or null
     * @param teamMaxExposure  per-team maximum share (NaN or >= 1: none), or null
     * @param minUnique        least differing drivers between any two lineups (0 treated as 1)
     */
    public static PortfolioConstraints fromExposures(int size, int drivers, double globalMax, double[] minExposure,
                                                     double[] maxExposure, double[] teamMaxExposure, int minUnique) {
        int[] min = new int[drivers];
        int[] max = new int[drivers];
        for (int d = 0; d < drivers; d++) {
            double hi = maxExposure != null && !Double.isNaN(maxExposure[d]) ? maxExposure[d] : globalMax;
            max[d] = maxCount(hi, size);
            min[d] = minExposure == null ? 0 : (int) Math.ceil(minExposure[d] * size - EPS);
        }
        int[] team = new int[teamMaxExposure == null ? 0 : teamMaxExposure.length];
        for (int t = 0; t < team.length; t++) {
            double hi = teamMaxExposure[t];
            team[t] = Double.isNaN(hi) || hi >= 1 ? size : maxCount(hi, size);
        }
        return new PortfolioConstraints(size, min, max, team, Math.max(1, minUnique));
    }

    /** No limits besides distinct lineups. */
    public static PortfolioConstraints sizeOnly(int size, int drivers) {
        return fromExposures(size, drivers, 1.0, null, null, null, 1);
    }

    private static int maxCount(double share, int size) {
        if (share <= 0) {
            return 0;
        }
        return Math.min(size, Math.max(1, (int) Math.floor(share * size + EPS)));
    }

    public int drivers() {
        return maxCount.length;
    }

    /** Whether a lineup shares at most roster - minUnique drivers with each of chosen[0 .. count). */
    public boolean uniqueFrom(long mask, long[] chosen, int count, int roster) {
        for (int i = 0; i < count; i++) {
            if (roster - Long.bitCount(mask & chosen[i]) < minUnique) {
                return false;
            }
        }
        return true;
    }
}
