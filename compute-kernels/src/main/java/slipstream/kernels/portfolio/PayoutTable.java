package slipstream.kernels.portfolio;

/**
 * Prize per finishing rank of a contest, normalised so that all prizes sum to the prize pool
 * {@code fieldSize * entryFee * (1 - rake)}. Because the pool is what the entries paid minus the rake, the average
 * entry gets back {@code (1 - rake) * entryFee}: a random entry's expected return is below its fee whenever rake > 0.
 *
 * <p>Ties: entries with equal scores occupy a block of ranks and split the prizes of those ranks equally
 * ({@link #perEntry}). Counts may be fractional because a simulated field stands in for a larger one
 * (each simulated opponent weighs {@code (fieldSize - ours) / simulated}); the cumulative prize is linear
 * within a rank, which reduces to the exact rule for whole counts.
 */
public final class PayoutTable {
    private final int fieldSize;
    private final double entryFee;
    private final double pool;
    private final double[] cum;
    private final int paidRanks;

    private PayoutTable(int fieldSize, double entryFee, double rake, double[] rawPrize) {
        this.fieldSize = fieldSize;
        this.entryFee = entryFee;
        this.pool = fieldSize * entryFee * (1 - rake);
        double total = 0;
        for (double p : rawPrize) {
            total += p;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("payout table pays nothing");
        }
        this.cum = new double[fieldSize + 1];
        int paid = 0;
        for (int k = 1; k <= fieldSize; k++) {
            double prize = rawPrize[k - 1] / total * pool;
            cum[k] = cum[k - 1] + prize;
            if (prize > 0) {
                paid = k;
            }
        }
        // Exact conservation despite rounding, and a cumulative prize that is exactly flat past the last paid rank
        // (so an unpaid entry's payout is exactly 0, which tournament equity relies on to skip such entries).
        for (int k = paid; k <= fieldSize; k++) {
            cum[k] = pool;
        }
        this.paidRanks = paid;
    }

    /**
     * A table from rank tiers: ranks {@code first[i]..last[i]} (1-based, inclusive) each get share[i] before
     * normalisation. Tiers must not overlap and must lie within the field.
     */
    public static PayoutTable fromTiers(int fieldSize, double entryFee, double rake, int[] first, int[] last,
                                        double[] share) {
        check(fieldSize, entryFee, rake);
        double[] raw = new double[fieldSize];
        for (int i = 0; i < first.length; i++) {
            if (first[i] < 1 || last[i] < first[i] || last[i] > fieldSize || !(share[i] > 0)) {
                throw new IllegalArgumentException("payout tier " + i + " (" + first[i] + ".." + last[i] + ", share "
                        + share[i] + ") must have 1 <= first <= last <= " + fieldSize + " and share > 0");
            }
            for (int k = first[i]; k <= last[i]; k++) {
                if (raw[k - 1] != 0) {
                    throw new IllegalArgumentException("payout tier " + i + " overlaps another tier at rank " + k);
                }
                raw[k - 1] = share[i];
            }
        }
        return new PayoutTable(fieldSize, entryFee, rake, raw);
    }

    /**
     * The default top-heavy table: the top 22% of ranks are paid (at least rank 1). A paid rank k gets
     * {@code minCash + A * (1/k - 1/P)} where P is the number of paid ranks, minCash is 1.5 entry fees (or half
     * the pool's average per paid rank when the pool is too small for that), and A spends the rest of the pool;
     * in a 10,000-entry contest at 15% rake first place gets about 8% of the pool and the last paid rank 1.5 fees,
     * the shape of typical DraftKings GPPs.
     */
    public static PayoutTable defaultTable(int fieldSize, double entryFee, double rake) {
        check(fieldSize, entryFee, rake);
        int paid = Math.max(1, (int) Math.floor(0.22 * fieldSize));
        double pool = fieldSize * entryFee * (1 - rake);
        double minCash = Math.min(1.5 * entryFee, 0.5 * pool / paid);
        double harmonic = 0;
        for (int k = 1; k <= paid; k++) {
            harmonic += 1.0 / k - 1.0 / paid;
        }
        double a = harmonic > 0 ? (pool - minCash * paid) / harmonic : 0;
        double[] raw = new double[fieldSize];
        for (int k = 1; k <= paid; k++) {
            raw[k - 1] = paid == 1 ? pool : minCash + a * (1.0 / k - 1.0 / paid);
        }
        return new PayoutTable(fieldSize, entryFee, rake, raw);
    }

    private static void check(int fieldSize, double entryFee, double rake) {
        if (fieldSize < 2) {
            throw new IllegalArgumentException("field size must be >= 2, got " + fieldSize);
        }
        if (!(entryFee > 0) || !(rake >= 0 && rake < 1)) {
            throw new IllegalArgumentException("entry fee must be > 0 and rake in [0, 1)");
        }
    }

    public int fieldSize() {
        return fieldSize;
    }

    public double entryFee() {
        return entryFee;
    }

    /** Total prizes: fieldSize * entryFee * (1 - rake). */
    public double pool() {
        return pool;
    }

    /** Lowest rank that is paid. */
    public int paidRanks() {
        return paidRanks;
    }

    /** Prize of one rank, 1-based. */
    public double prize(int rank) {
        return rank < 1 || rank > fieldSize ? 0 : cum[rank] - cum[rank - 1];
    }

    /** Total prizes of ranks 1..x, linear between whole ranks; 0 below 0 and the pool beyond the field. */
    public double cumulative(double x) {
        if (x <= 0) {
            return 0;
        }
        if (x >= fieldSize) {
            return pool;
        }
        int i = (int) x;
        return cum[i] + (x - i) * (cum[i + 1] - cum[i]);
    }

    /** Payout of each entry of a tie group behind {@code above} better entries, {@code tied} entries wide (> 0). */
    public double perEntry(double above, double tied) {
        return (cumulative(above + tied) - cumulative(above)) / tied;
    }
}
