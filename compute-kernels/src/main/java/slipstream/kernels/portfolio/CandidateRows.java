package slipstream.kernels.portfolio;

import java.util.stream.IntStream;

/**
 * What the objectives need from each candidate's row (its points in every scenario): its mean, and as asked its
 * upper-tail CVaR, the scenarios where it beats a threshold, or the whole candidates x scenarios matrix.
 *
 * <p>A candidate's mean is the sum of its drivers' mean points (the mean of a sum is the sum of the means): the
 * values {@link LineupSearch} maximises, with no pass over the row. MEAN_POINTS needs nothing else, so its rows
 * are never scored (scoring and summing 1,334 rows of 10,000 scenarios took about 7% of its CPU time).
 *
 * <p>CVAR and TAIL_UPSIDE need only per-candidate values, so for them the matrix (1,334 x 10,000 doubles, 107 MB,
 * for the demo slate) is never built: for CVAR each row is scored into a per-thread buffer that stays in cache
 * while its values are taken, and TAIL_UPSIDE's exceedance bits are marked as the rows are scored, with no row
 * written at all. TOURNAMENT_EQUITY's gains read every score, so it keeps the matrix. Each value comes from the
 * same code over the same row in the same order either way, so both routes give identical bits, and candidates
 * are split over threads in fixed chunks, each writing only its own entries.
 */
public final class CandidateRows {
    private static final int CHUNK = 64;
    /** Chunks of candidates between cancellation checks when marking exceedances. */
    private static final int CHUNKS_PER_STEP = 8;
    /** Scenarios per block when marking exceedances (a multiple of 64): 40 drivers' rows of it take 160 KB. */
    private static final int TAIL_BLOCK = 512;

    private final double[] means;
    private final double[] cvars;
    private final long[] tailHits;
    private final double[] matrix;

    private CandidateRows(double[] means, double[] cvars, long[] tailHits, double[] matrix) {
        this.means = means;
        this.cvars = cvars;
        this.tailHits = tailHits;
        this.matrix = matrix;
    }

    /**
     * What to compute besides the means.
     *
     * @param cvarAlpha     level of each candidate's upper-tail CVaR, or NaN for none
     * @param tailThreshold per-scenario threshold whose strict exceedances are recorded, or null for none
     * @param keepMatrix    keep every score ({@code matrix()})
     */
    public record Needs(double cvarAlpha, double[] tailThreshold, boolean keepMatrix) {
        public static Needs meansOnly() {
            return new Needs(Double.NaN, null, false);
        }
    }

    /**
     * @param points    per-driver points, flat points[d * S + s]
     * @param lineups   candidate lineups, flat, {@code roster} driver indices each
     */
    public static CandidateRows evaluate(double[] points, int scenarios, int[] lineups, int roster, int count,
                                         LineupScorer scorer, Needs needs, RunControl control) {
        double[] matrix = needs.keepMatrix() ? new double[count * scenarios] : null;
        if (matrix != null) {
            scorer.scoreAll(points, scenarios, lineups, roster, count, matrix);
        }
        double[] means = lineupMeans(points, scenarios, lineups, roster, count);
        long[] hits = needs.tailThreshold() == null ? null
                : tailHits(points, scenarios, lineups, roster, count, scorer, needs.tailThreshold(), control);
        if (Double.isNaN(needs.cvarAlpha())) {
            control.check();
            return new CandidateRows(means, null, hits, matrix);
        }
        double[] cvars = new double[count];
        ThreadLocal<double[]> rowBuffer = ThreadLocal.withInitial(() -> new double[scenarios]);
        ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[scenarios]);
        for (int from = 0; from < count; from += CHUNK) {
            control.check();
            control.progress((double) from / count);
            IntStream.range(from, Math.min(count, from + CHUNK)).parallel().forEach(c -> {
                double[] row = matrix;
                int off = c * scenarios;
                if (row == null) {
                    row = rowBuffer.get();
                    off = 0;
                    scorer.score(points, scenarios, 0, scenarios, lineups, roster, c, c + 1, row);
                }
                cvars[c] = TailMeasures.cvarUpper(row, off, scenarios, needs.cvarAlpha(), scratch.get(), scorer);
            });
        }
        return new CandidateRows(means, cvars, hits, matrix);
    }

    /**
     * Each candidate's exceedance bits, scored and marked in one pass ({@link LineupScorer#markAbove}). A task
     * takes {@link #CHUNK} candidates through the scenarios a block at a time, so the drivers' rows of a block stay
     * in the core's cache while the chunk reads them (a candidate at a time over all scenarios took 5.2 ms against
     * 4.0 ms for a synthetic slate's 1,418 candidates in a two-core harness).
     */
    private static long[] tailHits(double[] points, int scenarios, int[] lineups, int roster, int count,
                                   LineupScorer scorer, double[] threshold, RunControl control) {
        long[] hits = new long[count * LineupScorer.words(scenarios)];
        int chunks = (count + CHUNK - 1) / CHUNK;
        for (int first = 0; first < chunks; first += CHUNKS_PER_STEP) {
            control.check();
            control.progress((double) first / chunks);
            IntStream.range(first, Math.min(chunks, first + CHUNKS_PER_STEP)).parallel().forEach(k -> {
                int lTo = Math.min(count, (k + 1) * CHUNK);
                for (int s = 0; s < scenarios; s += TAIL_BLOCK) {
                    scorer.markAbove(points, scenarios, s, Math.min(scenarios, s + TAIL_BLOCK), lineups, roster,
                            k * CHUNK, lTo, threshold, hits);
                }
            });
        }
        return hits;
    }

    /** Each lineup's mean points: the sum of its drivers' means over the scenarios, in stored order. */
    static double[] lineupMeans(double[] points, int scenarios, int[] lineups, int roster, int count) {
        if (scenarios < 1 || points.length % scenarios != 0) {
            throw new IllegalArgumentException(points.length + " points are not whole rows of " + scenarios + " scenarios");
        }
        double[] driverMeans = new double[points.length / scenarios];
        CandidateGenerator.driverMeans(points, driverMeans.length, scenarios, driverMeans);
        double[] means = new double[count];
        for (int c = 0; c < count; c++) {
            double sum = 0;
            for (int k = c * roster; k < (c + 1) * roster; k++) {
                sum += driverMeans[lineups[k]];
            }
            means[c] = sum;
        }
        return means;
    }

    /** Each candidate's mean points over the scenarios. */
    public double[] means() {
        return means;
    }

    /** Each candidate's upper-tail CVaR at the asked level. */
    public double[] cvars() {
        return require(cvars, "a CVaR level");
    }

    /** Bits per candidate ({@code ceil(S / 64)} words each): bit s set when it scores above the threshold in s. */
    public long[] tailHits() {
        return require(tailHits, "a tail threshold");
    }

    /** Every score, matrix[c * S + s]. */
    public double[] matrix() {
        return require(matrix, "the matrix");
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalStateException("these candidate rows were evaluated without " + what);
        }
        return value;
    }
}
