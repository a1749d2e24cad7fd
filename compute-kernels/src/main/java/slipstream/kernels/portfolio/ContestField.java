package slipstream.kernels.portfolio;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The simulated field's scores in every scenario, and how our entries rank and get paid inside it.
 *
 * <p>The contest has {@code fieldSize} entries: our {@code portfolioSize} lineups and
 * {@code fieldSize - portfolioSize} opponents, represented by M simulated opponents ({@link OpponentField}),
 * each weighing {@code w = (fieldSize - portfolioSize) / M} entries. Our whole portfolio sits in this one shared
 * field, so our lineups push each other down too. Per scenario only the top K opponent scores are kept
 * (descending), K chosen so that {@code w * K} reaches past the last paid rank and past the top 5% of the field:
 * an entry below all kept scores is out of the money. Memory is {@code 8 * K * S} bytes.
 *
 * <p>Scores are compared after {@link #quantize rounding} to a 2^-20 grid, so equal DFS totals summed in
 * different orders tie as they do on the site (DFS points are multiples of 0.05, far from the grid's midpoints).
 * Opponents beyond the kept K that tie the last kept score are counted too, so tie groups at the edge are exact.
 */
public final class ContestField {
    private static final double GRID = 1048576.0;
    private static final int ENTRY_BITS = 16;
    private static final double SCORE_LIMIT = 1 << 26;

    private final int scenarios;
    private final int kept;
    private final double weight;
    private final double[] top;
    private final int[] edgeTies;
    private final PayoutTable table;
    private final int simulated;
    private final int paidOpponents;

    private ContestField(int scenarios, int kept, double weight, double[] top, int[] edgeTies, PayoutTable table,
                         int simulated) {
        this.paidOpponents = paidOpponents(table, weight);
        this.edgeTies = edgeTies;
        this.scenarios = scenarios;
        this.kept = kept;
        this.weight = weight;
        this.top = top;
        this.table = table;
        this.simulated = simulated;
    }

    /** Rounds a score to the comparison grid. */
    public static double quantize(double x) {
        return Math.rint(x * GRID) / GRID;
    }

    /**
     * Scores the opponents in every scenario and keeps the top of each (blocks of scenarios in parallel on the
     * common fork-join pool; progress is reported in order, cancellation is checked per block).
     *
     * @param points        per-driver points, flat points[d * S + s]
     * @param field         the sampled opponents
     * @param table         payouts (fixes the field size)
     * @param portfolioSize how many of the field's entries are ours
     */
    public static ContestField simulate(double[] points, int scenarios, OpponentField field, PayoutTable table,
                                        int portfolioSize, LineupScorer scorer, RunControl control) {
        int m = field.count();
        int opponents = table.fieldSize() - portfolioSize;
        if (opponents < 1) {
            throw new IllegalArgumentException("field size " + table.fieldSize() + " leaves no opponents for " + portfolioSize + " lineups");
        }
        double w = (double) opponents / m;
        int kept = (int) Math.min(m, Math.max(Math.ceil(table.paidRanks() / w) + 2, Math.ceil(0.05 * m) + 1));
        double[] top = new double[kept * scenarios];
        int[] edgeTies = new int[scenarios];
        int block = Math.max(1, Math.min(scenarios, 65536 / Math.max(1, m) + 1));
        int blocks = (scenarios + block - 1) / block;
        AtomicInteger done = new AtomicInteger();
        Object progressLock = new Object();
        // Scenario blocks are independent and each writes only its own rows of top and edgeTies, so any split
        // over threads gives the same bytes.
        IntStream.range(0, blocks).parallel().forEach(b -> {
            control.check();
            int s0 = b * block;
            int s1 = Math.min(scenarios, s0 + block);
            int width = s1 - s0;
            double[] buf = new double[m * width];
            TopScores topScores = new TopScores(m, kept);
            scorer.score(points, scenarios, s0, s1, field.lineups(), field.roster(), 0, m, buf);
            for (int s = s0; s < s1; s++) {
                for (int j = 0; j < m; j++) {
                    topScores.column[j] = quantize(buf[j * width + s - s0]);
                }
                edgeTies[s] = topScores.keepLargest(top, s * kept);
            }
            synchronized (progressLock) {
                control.progress((double) done.incrementAndGet() / blocks);
            }
        });
        return new ContestField(scenarios, kept, w, top, edgeTies, table, m);
    }

    /**
     * The lowest quantised score that can be paid in scenario s: the J-th best simulated opponent's, with J the
     * fewest opponents whose weight reaches past the last paid rank. A score below it has J opponents above, so its
     * ranks all lie past the paid ones and its payout is exactly 0 (the table's cumulative prize is flat there).
     * Negative infinity when J lies beyond the kept opponents (a field too small to rule any score out).
     */
    public double moneyLine(int s) {
        return paidOpponents > kept ? Double.NEGATIVE_INFINITY : top[s * kept + paidOpponents - 1];
    }

    /** Fewest opponents above an entry that put all its ranks past the last paid one (w * J >= paid ranks). */
    private static int paidOpponents(PayoutTable table, double w) {
        int paid = table.paidRanks();
        int j = Math.max(1, (int) Math.ceil(paid / w));
        while (w * j < paid) {
            j++; // the payout's own arithmetic (w * opponents above) must reach the unpaid ranks
        }
        return j;
    }

    /**
     * The K largest of a column in descending order without sorting the whole column: a pivot from a sorted
     * evenly spaced sample, set low enough that (with a wide margin) at least K values reach it, keeps only those
     * values for the sort. Values below the pivot are below the K-th largest, so the result and the tie count
     * equal a full sort's; when the pivot keeps fewer than K values the column is sorted whole.
     */
    private static final class TopScores {
        private static final int SAMPLE = 128;

        final double[] column;
        private final double[] filtered;
        private final double[] sample;
        private final int keep;
        private final int pivotRank;

        TopScores(int m, int keep) {
            this.column = new double[m];
            this.filtered = new double[m];
            this.sample = new double[SAMPLE];
            this.keep = keep;
            double f = (double) keep / m;
            // Sample rank (from the top) of the pivot: the expected rank of the K-th largest plus 3 sd and one.
            double expected = SAMPLE * f;
            this.pivotRank = (int) Math.min(SAMPLE, Math.ceil(expected + 3 * Math.sqrt(expected * (1 - f)) + 1));
        }

        /** Writes the K largest, descending, to out[off..off+K); returns the values outside them equal to the K-th. */
        int keepLargest(double[] out, int off) {
            int m = column.length;
            double[] values = column;
            int count = m;
            if (m >= 4 * SAMPLE && pivotRank < SAMPLE) {
                for (int i = 0; i < SAMPLE; i++) {
                    sample[i] = column[(int) ((long) i * m / SAMPLE)];
                }
                Arrays.sort(sample);
                double pivot = sample[SAMPLE - pivotRank];
                int n = 0;
                for (int j = 0; j < m; j++) {
                    double x = column[j];
                    filtered[n] = x;
                    n += x >= pivot ? 1 : 0;
                }
                if (n >= keep) {
                    values = filtered;
                    count = n;
                }
            }
            Arrays.sort(values, 0, count);
            for (int j = 0; j < keep; j++) {
                out[off + j] = values[count - 1 - j];
            }
            double last = values[count - keep];
            int e = count - 1 - keep;
            while (e >= 0 && values[e] == last) {
                e--;
            }
            return count - 1 - keep - e;
        }
    }

    public int scenarios() {
        return scenarios;
    }

    /** Entries each simulated opponent stands for. */
    public double opponentWeight() {
        return weight;
    }

    public int simulatedOpponents() {
        return simulated;
    }

    public PayoutTable payouts() {
        return table;
    }

    /**
     * Simulated opponents scoring strictly above x in scenario s (at most the kept count). A branch-free binary
     * search (the comparison becomes a conditional move): the outcomes are unpredictable, and mispredicted branches
     * were most of the cost of the millions of lookups tournament equity makes.
     */
    public int countAbove(int s, double x) {
        int base = s * kept;
        int lo = 0;
        int n = kept;
        while (n > 1) {
            int half = n >>> 1;
            lo = top[base + lo + half] > x ? lo + half : lo;
            n -= half;
        }
        return lo + (top[base + lo] > x ? 1 : 0);
    }

    /** Simulated opponents scoring exactly x (quantised), counted from position {@code above}. */
    public int countEqual(int s, int above, double x) {
        int base = s * kept;
        int j = above;
        while (j < kept && top[base + j] == x) {
            j++;
        }
        return j == kept && j > above ? j - above + edgeTies[s] : j - above;
    }

    /**
     * The field's top-fraction score in scenario s: the score of the simulated opponent at position
     * ceil(fraction * M) from the top (1-based). An entry "beats" it when strictly above.
     */
    public double threshold(int s, double topFraction) {
        int pos = (int) Math.ceil(topFraction * simulated);
        pos = Math.max(1, Math.min(pos, kept));
        return top[s * kept + pos - 1];
    }

    /** Per-scenario thresholds for a top fraction (e.g. 0.01 for the field's top 1%). */
    public double[] thresholds(double topFraction) {
        if (Math.ceil(topFraction * simulated) > kept) {
            throw new IllegalArgumentException("top fraction " + topFraction + " reaches beyond the " + kept + " kept opponent scores");
        }
        double[] t = new double[scenarios];
        for (int s = 0; s < scenarios; s++) {
            t[s] = threshold(s, topFraction);
        }
        return t;
    }

    /**
     * Payouts of our entries in scenario s. Ties split the prizes of the tied ranks, with opponents and among
     * ourselves.
     *
     * @param ours    our entries' quantised scores in scenario s
     * @param count   how many entries
     * @param keys    scratch, length >= count
     * @param payout  receives each entry's payout
     * @return the total payout
     */
    public double payouts(int s, double[] ours, int count, long[] keys, double[] payout) {
        if (count > 1 << ENTRY_BITS) {
            throw new IllegalArgumentException(count + " entries: at most " + (1 << ENTRY_BITS) + " per call");
        }
        // One primitive sort of (descending score, entry) keys: scores are on the 2^-20 grid, so score * 2^20 is an
        // exact integer; |score| < 2^26 leaves room for the entry in the low bits.
        for (int i = 0; i < count; i++) {
            double scaled = ours[i] * GRID;
            long grid = (long) scaled;
            if (!(Math.abs(ours[i]) < SCORE_LIMIT) || grid != scaled) {
                throw new IllegalArgumentException("score " + ours[i] + " of entry " + i
                        + " must be quantised (ContestField.quantize) and within +-" + SCORE_LIMIT);
            }
            keys[i] = (-grid << ENTRY_BITS) | i;
        }
        Arrays.sort(keys, 0, count);
        double total = 0;
        double line = moneyLine(s);
        int i = 0;
        while (i < count) {
            double x = ours[entry(keys[i])];
            if (x < line) {
                for (; i < count; i++) {
                    payout[entry(keys[i])] = 0; // this entry and all below it: out of the money
                }
                break;
            }
            int q = 1;
            while (i + q < count && ours[entry(keys[i + q])] == x) {
                q++;
            }
            int oa = countAbove(s, x);
            int oe = countEqual(s, oa, x);
            double each = table.perEntry(weight * oa + i, weight * oe + q);
            for (int k = 0; k < q; k++) {
                payout[entry(keys[i + k])] = each;
            }
            total += each * q;
            i += q;
        }
        return total;
    }

    private static int entry(long key) {
        return (int) (key & ((1 << ENTRY_BITS) - 1));
    }

    /** Payout of one simulated opponent position with the given score when our entries are absent or below. */
    double opponentPerEntry(int s, double x, double oursAbove, double oursEqual) {
        int oa = countAbove(s, x);
        int oe = countEqual(s, oa, x);
        return table.perEntry(weight * oa + oursAbove, weight * oe + oursEqual);
    }

    int kept() {
        return kept;
    }

    double keptScore(int s, int j) {
        return top[s * kept + j];
    }
}
