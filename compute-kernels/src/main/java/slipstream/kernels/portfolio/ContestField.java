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
 * (descending), K chosen so that {@code w * K} reaches past the last paid rank and past the top
 * {@link #KEPT_TOP_FRACTION} (5%) of the field: an entry below all kept scores is out of the money. Memory is
 * {@code 8 * K * S} bytes.
 *
 * <p>Scores are compared after {@link #quantize rounding} to a 2^-20 grid, so equal DFS totals summed in
 * different orders tie as they do on the site (DFS points are multiples of 0.05, far from the grid's midpoints).
 * Opponents beyond the kept K that tie the last kept score are counted too, so tie groups at the edge are exact.
 */
public final class ContestField {
    private static final double GRID = 1048576.0;
    /** 1 / GRID, exact (a power of two): multiplying by it equals dividing by GRID, and is much cheaper. */
    private static final double INV_GRID = 0x1.0p-20;
    private static final int ENTRY_BITS = 16;
    /** Entries (or candidates) one set of {@link #descendingKey sort keys} can tell apart. */
    static final int MAX_KEY_INDEX = 1 << ENTRY_BITS;
    static final double SCORE_LIMIT = 1 << 26;
    /** Top share of the simulated opponents that every field keeps, so {@link #thresholds} reaches at least this far. */
    public static final double KEPT_TOP_FRACTION = 0.05;
    /** Scenario ranges the field is scored in, in parallel (more than cores, for balance). */
    private static final int TASKS = 64;

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
        return Math.rint(x * GRID) * INV_GRID;
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
        int kept = (int) Math.min(m, Math.max(Math.ceil(table.paidRanks() / w) + 2,
                Math.ceil(KEPT_TOP_FRACTION * m) + 1));
        double[] top = new double[kept * scenarios];
        int[] edgeTies = new int[scenarios];
        // A large field is filtered fused with its scoring, eight scenarios at a time (the filter's offsets, 64 KB
        // for M = 2,000, stay in L2). A small one is scored whole, in blocks whose M x width scores stay in L2 (a
        // task takes a run of blocks and reuses its buffers: per-block buffers of half a megabyte were large enough
        // for the collector to treat each as a humongous object).
        boolean filtered = TopScores.filters(m, kept);
        int block = filtered ? TopScores.WIDTH : Math.max(8, Math.min(scenarios, 16384 / Math.max(1, m) / 8 * 8));
        int blocks = (scenarios + block - 1) / block;
        int tasks = Math.min(blocks, TASKS);
        AtomicInteger done = new AtomicInteger();
        Object progressLock = new Object();
        // Scenarios are independent and each writes only its own rows of top and edgeTies, so any split over
        // threads gives the same bytes.
        IntStream.range(0, tasks).parallel().forEach(task -> {
            TopScores topScores = new TopScores(field, kept, block, scorer);
            for (int b = (int) ((long) blocks * task / tasks), end = (int) ((long) blocks * (task + 1) / tasks); b < end; b++) {
                control.check();
                int s0 = b * block;
                topScores.keepLargest(points, scenarios, s0, Math.min(scenarios, s0 + block) - s0, top, edgeTies);
                synchronized (progressLock) {
                    control.progress((double) done.incrementAndGet() / blocks);
                }
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
     * The K largest opponent scores of each scenario of a block, in descending order, without sorting whole
     * columns.
     *
     * <p>Per scenario a pivot is selected ({@link BucketSort#select}) from the scores of an evenly spaced sample
     * of opponents, low enough that (with a wide margin) at least K scores reach it. Then one pass scores every
     * opponent and keeps, fused with the scoring ({@link LineupScorer#keepAtOrAbove}), the scores that reach the
     * pivot, as int offsets from it on the 2^-20 grid. Only those lists are sorted (about a third of each column by
     * default): the JDK sorts ints a third faster than doubles here (its SIMD sort of ints also runs where that of
     * doubles does not, see {@link BucketSort}), and a kept list spans far less than the 2,048 points an int
     * offset can hold. Scores below the pivot are below the K-th largest, so the result and the tie count equal a
     * full sort's. A scenario that kept fewer than K (the pivot was too high; rare) or a block whose kept scores
     * span too much for an int is scored again and sorted whole, as is every scenario of a field too small for
     * sampling.
     */
    static final class TopScores {
        private static final int SAMPLE = 128;
        /** Scenarios per block of a filtered field: the fused filter's width. */
        static final int WIDTH = 8;

        private final int m;
        private final int keep;
        private final int roster;
        private final int[] lineups;
        private final LineupScorer scorer;
        private final int pivotRank;
        /** The sampled opponents' lineups, and their scores in a block, sampleScores[i * width + c]. */
        private final int[] sampleLineups;
        private final double[] sampleScores;
        private final int[] keptOffsets;
        private final int[] keptCount;
        /** Per column, the pivot's grid position: an integer-valued double (exact below 2^53). */
        private final double[] pivot;
        private final double[] sample;
        private final double[] selectScratch;
        private final int[] selectCounts;
        /** Every opponent's score in one column (a column sorted whole), or in a whole block of an unfiltered field. */
        private final double[] scores;
        /** A column's quantised scores, sorted. */
        private final double[] column;

        TopScores(OpponentField field, int keep, int width, LineupScorer scorer) {
            this.m = field.count();
            this.keep = keep;
            this.roster = field.roster();
            this.lineups = field.lineups();
            this.scorer = scorer;
            this.pivotRank = pivotRank(m, keep);
            boolean filtered = filters(m, keep);
            this.sampleLineups = new int[filtered ? SAMPLE * roster : 0];
            for (int i = 0; i < sampleLineups.length / Math.max(1, roster); i++) {
                System.arraycopy(lineups, (int) ((long) i * m / SAMPLE) * roster, sampleLineups, i * roster, roster);
            }
            this.sampleScores = new double[filtered ? SAMPLE * width : 0];
            this.keptOffsets = new int[filtered ? width * m : 0];
            this.keptCount = new int[width];
            this.pivot = new double[width];
            this.sample = new double[SAMPLE];
            this.selectScratch = new double[SAMPLE];
            this.selectCounts = new int[SAMPLE + 1];
            this.scores = new double[filtered ? m : m * width];
            this.column = new double[m];
        }

        /** Sample rank (from the top) of the pivot: the expected rank of the K-th largest plus 3 sd and one. */
        private static int pivotRank(int m, int keep) {
            double f = (double) keep / m;
            double expected = SAMPLE * f;
            return (int) Math.min(SAMPLE, Math.ceil(expected + 3 * Math.sqrt(expected * (1 - f)) + 1));
        }

        /** Whether a field of m opponents keeping K is filtered by a sampled pivot (else sorted whole). */
        static boolean filters(int m, int keep) {
            return m >= 4 * SAMPLE && pivotRank(m, keep) < SAMPLE;
        }

        /**
         * A score's position on the comparison grid, {@link #quantize}(x) * 2^20: an integer, kept as a double
         * (converting each of millions of scores to a long cost more than the sort saved).
         */
        private static double gridPosition(double x) {
            return Math.rint(x * GRID);
        }

        /**
         * Scenarios first .. first + cols - 1: writes scenario s's K largest quantised scores, descending, to
         * out[s * K ..) and the count of scores outside them equal to the K-th to edgeTies[s].
         */
        void keepLargest(double[] points, int scenarios, int first, int cols, double[] out, int[] edgeTies) {
            if (sampleLineups.length == 0) {
                scorer.score(points, scenarios, first, first + cols, lineups, roster, 0, m, scores);
                for (int c = 0; c < cols; c++) {
                    sortWhole(scores, cols, c, out, edgeTies, first);
                }
                return;
            }
            scorer.score(points, scenarios, first, first + cols, sampleLineups, roster, 0, SAMPLE, sampleScores);
            for (int c = 0; c < cols; c++) {
                for (int i = 0; i < SAMPLE; i++) {
                    sample[i] = gridPosition(sampleScores[i * cols + c]);
                }
                pivot[c] = BucketSort.select(sample, 0, SAMPLE, SAMPLE - pivotRank, selectScratch, selectCounts);
            }
            double widest = scorer.keepAtOrAbove(points, scenarios, first, cols, lineups, roster, m, GRID, pivot,
                    keptOffsets, keptCount);
            for (int c = 0; c < cols; c++) {
                int n = keptCount[c];
                if (n < keep || widest > Integer.MAX_VALUE) {
                    scorer.score(points, scenarios, first + c, first + c + 1, lineups, roster, 0, m, scores);
                    sortWhole(scores, 1, 0, out, edgeTies, first + c);
                    continue;
                }
                int from = c * m;
                Arrays.sort(keptOffsets, from, from + n);
                int top = from + n - 1;
                for (int j = 0; j < keep; j++) {
                    out[(first + c) * keep + j] = (pivot[c] + keptOffsets[top - j]) * INV_GRID;
                }
                int last = keptOffsets[top - keep + 1];
                int e = top - keep;
                while (e >= from && keptOffsets[e] == last) {
                    e--;
                }
                edgeTies[first + c] = top - keep - e;
            }
        }

        /** One column of scores (value j at scores[j * cols + c], not yet quantised) by a sort of all of them. */
        private void sortWhole(double[] scores, int cols, int c, double[] out, int[] edgeTies, int first) {
            for (int j = 0; j < m; j++) {
                column[j] = quantize(scores[j * cols + c]);
            }
            Arrays.sort(column);
            int top = m - 1;
            for (int j = 0; j < keep; j++) {
                out[(first + c) * keep + j] = column[top - j];
            }
            double last = column[top - keep + 1];
            int e = top - keep;
            while (e >= 0 && column[e] == last) {
                e--;
            }
            edgeTies[first + c] = top - keep - e;
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

    /**
     * {@link #countAbove} when at least {@code from} opponents are known to score above x: a walk down the kept
     * scores from there. Entries are visited in descending order, so the walks of one scenario pass each kept score
     * once between them (kept + entries steps at most), and every step but the last of each walk is a branch the
     * predictor gets right. The galloping search it replaced took fewer steps, but its binary phase branches on
     * coin flips, and a portfolio's entries in the money lie a few opponents apart (about 75 among 449 kept).
     */
    int countAboveFrom(int s, double x, int from) {
        int base = s * kept;
        int lo = from;
        while (lo < kept && top[base + lo] > x) {
            lo++;
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
     * @param scratch buffers for at least count entries
     * @param payout  receives each entry's payout
     * @return the total payout
     */
    public double payouts(int s, double[] ours, int count, PayoutScratch scratch, double[] payout) {
        if (count > MAX_KEY_INDEX) {
            throw new IllegalArgumentException(count + " entries: at most " + MAX_KEY_INDEX + " per call");
        }
        if (count > scratch.keys.length) {
            throw new IllegalArgumentException(count + " entries: the scratch holds " + scratch.keys.length);
        }
        long[] keys = scratch.keys;
        // One primitive sort of (descending score, entry) keys of the entries at or above the money line (those
        // below it are paid exactly 0 and change no one's rank in the money).
        double line = moneyLine(s);
        int inMoney = 0;
        for (int i = 0; i < count; i++) {
            double scaled = ours[i] * GRID;
            long grid = (long) scaled;
            if (!(Math.abs(ours[i]) < SCORE_LIMIT) || grid != scaled) {
                throw new IllegalArgumentException("score " + ours[i] + " of entry " + i
                        + " must be quantised (ContestField.quantize) and within +-" + SCORE_LIMIT);
            }
            payout[i] = 0;
            // every key is written, only those in the money are counted: whether an entry is in the money is a
            // coin flip for the branch predictor
            keys[inMoney] = descendingKey(ours[i], i);
            inMoney += ours[i] >= line ? 1 : 0;
        }
        BucketSort.sort(keys, 0, inMoney, scratch.sortSpare, scratch.bucketCounts);
        double total = 0;
        int i = 0;
        int oa = 0;
        while (i < inMoney) {
            double x = ours[keyIndex(keys[i])];
            int q = 1;
            while (i + q < inMoney && ours[keyIndex(keys[i + q])] == x) {
                q++;
            }
            oa = countAboveFrom(s, x, oa);
            int oe = countEqual(s, oa, x);
            double each = table.perEntry(weight * oa + i, weight * oe + q);
            for (int k = 0; k < q; k++) {
                payout[keyIndex(keys[i + k])] = each;
            }
            total += each * q;
            i += q;
        }
        return total;
    }

    /** Buffers for {@link #payouts}: one per thread, reused across scenarios. */
    public static final class PayoutScratch {
        private final long[] keys;
        private final long[] sortSpare;
        private final int[] bucketCounts;

        public PayoutScratch(int entries) {
            this.keys = new long[entries];
            this.sortSpare = new long[entries];
            this.bucketCounts = new int[entries + 1];
        }
    }

    /**
     * A sort key for a quantised score within +-{@link #SCORE_LIMIT} and an index below {@link #MAX_KEY_INDEX}:
     * ascending keys are descending scores, equal scores by index. Scores are on the 2^-20 grid, so score * 2^20 is
     * an exact integer, and |score| < 2^26 leaves room for the index in the low bits.
     */
    static long descendingKey(double quantized, int index) {
        return (-(long) (quantized * GRID) << ENTRY_BITS) | index;
    }

    /** The index of a {@link #descendingKey}. */
    static int keyIndex(long key) {
        return (int) (key & (MAX_KEY_INDEX - 1));
    }

    /** The quantised score of a {@link #descendingKey}. */
    static double keyScore(long key) {
        return -(key >> ENTRY_BITS) * INV_GRID;
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
