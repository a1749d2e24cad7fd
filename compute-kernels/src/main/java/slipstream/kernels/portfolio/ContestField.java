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

    private final int scenarios;
    private final int kept;
    private final double weight;
    private final double[] top;
    private final int[] edgeTies;
    private final PayoutTable table;
    private final int simulated;

    private ContestField(int scenarios, int kept, double weight, double[] top, int[] edgeTies, PayoutTable table,
                         int simulated) {
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
            double[] col = new double[m];
            scorer.score(points, scenarios, s0, s1, field.lineups(), field.roster(), 0, m, buf);
            for (int s = s0; s < s1; s++) {
                for (int j = 0; j < m; j++) {
                    col[j] = quantize(buf[j * width + s - s0]);
                }
                Arrays.sort(col);
                for (int j = 0; j < kept; j++) {
                    top[s * kept + j] = col[m - 1 - j];
                }
                int e = m - 1 - kept;
                while (e >= 0 && col[e] == col[m - kept]) {
                    e--;
                }
                edgeTies[s] = m - 1 - kept - e;
            }
            synchronized (progressLock) {
                control.progress((double) done.incrementAndGet() / blocks);
            }
        });
        return new ContestField(scenarios, kept, w, top, edgeTies, table, m);
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

    /** Simulated opponents scoring strictly above x in scenario s (at most the kept count). */
    public int countAbove(int s, double x) {
        int lo = 0;
        int hi = kept;
        int base = s * kept;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (top[base + mid] > x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
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
     * @param order   scratch, length >= count
     * @param payout  receives each entry's payout
     * @return the total payout
     */
    public double payouts(int s, double[] ours, int count, int[] order, double[] payout) {
        for (int i = 0; i < count; i++) {
            int j = i;
            while (j > 0 && ours[order[j - 1]] < ours[i]) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        double total = 0;
        int i = 0;
        while (i < count) {
            double x = ours[order[i]];
            int q = 1;
            while (i + q < count && ours[order[i + q]] == x) {
                q++;
            }
            int oa = countAbove(s, x);
            int oe = countEqual(s, oa, x);
            double each = table.perEntry(weight * oa + i, weight * oe + q);
            for (int k = 0; k < q; k++) {
                payout[order[i + k]] = each;
            }
            total += each * q;
            i += q;
        }
        return total;
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
