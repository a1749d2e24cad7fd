package slipstream.kernels.portfolio;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Bootstrap stability of a portfolio objective: resample the S scenarios with replacement, recompute the objective
 * on each resample, and report the coefficient of variation (sd / |mean|) of those values: exactly for objectives
 * that are means ({@link #ofMean}), from B drawn resamples for CVaR ({@link #ofCvar}: indices from the stream
 * PURPOSE_BOOTSTRAP, resample b, draw i). A large CV means the scenarios are too few for the
 * objective to be trusted (tail objectives need many more scenarios than the mean); above the warning threshold
 * (default 5%) the result carries a warning. Below {@link #MIN_SCENARIOS} scenarios it always warns: there the
 * resamples repeat a handful of values and the CV says nothing (a portfolio chosen on 3 scenarios can pay the same
 * in each of them, CV 0).
 */
public final class BootstrapStability {
    private static final int CHUNK = 16;
    /** Indices drawn per bulk call: a buffer that stays in L1 and lets the source fill whole Philox blocks. */
    private static final int DRAW_BLOCK = 1024;
    /** Default CV above which the objective is flagged unstable. */
    public static final double DEFAULT_WARN_CV = 0.05;
    /** Fewest scenarios whose bootstrap CV is read as a measure of stability. */
    public static final int MIN_SCENARIOS = 100;

    /**
     * @param mean    mean of the resampled objective values (exact for {@link #ofMean}, drawn for {@link #ofCvar})
     * @param sd      their standard deviation: the objective's bootstrap standard error
     * @param cv      sd / |mean| (infinite when the mean is 0 and sd is not)
     * @param warning a sentence when cv exceeds the threshold, else empty
     */
    public record Result(double mean, double sd, double cv, String warning) {}

    private BootstrapStability() {}

    /**
     * For objectives that are a mean over scenarios of a per-scenario portfolio value (MEAN_POINTS: sum of the
     * lineups' points; TAIL_UPSIDE: 1 when any lineup beats the threshold; TOURNAMENT_EQUITY: total payout).
     *
     * <p>This is the ideal bootstrap (all S^S equally likely resamples) in closed form, not drawn: a resample's
     * mean averages to the sample mean m, with variance v / S, where v = (1/S) sum (x - m)^2 is the plug-in
     * variance (Efron and Tibshirani, An Introduction to the Bootstrap, 1993, ch. 6). B drawn resamples would only
     * estimate it: with 200 their CV carries about 5% Monte Carlo error, and their 2 million index draws cost
     * about 16 ms per call on 10,000 scenarios. Only a mean has this closed form; {@link #ofCvar} draws.
     */
    public static Result ofMean(double[] perScenario, double warnCv) {
        int s = perScenario.length;
        double mean = TailMeasures.mean(perScenario, 0, s);
        double squares = 0;
        for (double x : perScenario) {
            squares += (x - mean) * (x - mean);
        }
        return result(mean, s == 0 ? 0 : Math.sqrt(squares / s / s), warnCv, s);
    }

    /**
     * For CVAR: the sum over the portfolio's lineups of each lineup's upper-tail CVaR, on each resample. The
     * resample is a count per scenario; each lineup's CVaR walks its scenarios from best down, taking counts until
     * the tail mass (1 - alpha) * S is reached (the last one fractionally) — the same selection as
     * {@link TailMeasures#cvarUpper} on the resampled list.
     *
     * @param rows      portfolio lineups' points, rows[p * S + s]
     * @param rowFilter the twin that filters rows while ordering their best scenarios (any gives the same result)
     */
    public static Result ofCvar(double[] rows, int lineups, int scenarios, double alpha, int resamples,
                                double warnCv, RandomSource random, LineupScorer rowFilter, RunControl control) {
        double mass = (1 - alpha) * scenarios;
        // A resample's counts over the t best scenarios sum to about t (sd about sqrt(t)), so 6 sd and 64 past the
        // tail mass almost always suffice; a walk that needs more continues on the full order, so the margin
        // changes the time, never the result.
        int top = (int) Math.min(scenarios, Math.ceil(mass + 6 * Math.sqrt(mass) + 64));
        return ofCvar(rows, lineups, scenarios, alpha, resamples, warnCv, random, rowFilter, control, top);
    }

    /** {@link #ofCvar} with the number of best scenarios ordered up front given. */
    static Result ofCvar(double[] rows, int lineups, int scenarios, double alpha, int resamples, double warnCv,
                         RandomSource random, LineupScorer rowFilter, RunControl control, int top) {
        int[][] order = new int[lineups][];
        double[][] orderedValues = new double[lineups][];
        IntStream.range(0, lineups).parallel().forEach(p -> {
            order[p] = topDescendingOrder(rows, p * scenarios, scenarios, top, rowFilter);
            orderedValues[p] = new double[order[p].length];
            for (int j = 0; j < order[p].length; j++) {
                orderedValues[p][j] = rows[p * scenarios + order[p][j]]; // the walk then reads them in sequence
            }
        });
        int[][] fullOrder = new int[lineups][];
        double mass = (1 - alpha) * scenarios;
        double[] v = new double[resamples];
        inChunks(resamples, control, b -> {
            int[] counts = resampleCounts(random, b, scenarios);
            double total = 0;
            for (int p = 0; p < lineups; p++) {
                int[] head = order[p];
                double[] headValues = orderedValues[p];
                // One pass: the walk's length on integer counts (a one-cycle dependency) and its weighted sum in
                // four independent partial sums (a running double would bind the walk to its latency). Whole
                // groups of four go to s0..s3 and the last, partial group to s0, so the sum has fixed bits.
                int j = 0;
                long whole = 0;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (; j + 3 < head.length; j += 4) {
                    int c0 = counts[head[j]];
                    int c1 = counts[head[j + 1]];
                    int c2 = counts[head[j + 2]];
                    int c3 = counts[head[j + 3]];
                    long through = whole + c0 + c1 + c2 + c3;
                    if (through >= mass) {
                        break; // counts are non-negative: the walk ends inside this group
                    }
                    whole = through;
                    s0 += c0 * headValues[j];
                    s1 += c1 * headValues[j + 1];
                    s2 += c2 * headValues[j + 2];
                    s3 += c3 * headValues[j + 3];
                }
                for (; j < head.length && whole + counts[head[j]] < mass; j++) {
                    whole += counts[head[j]];
                    s0 += counts[head[j]] * headValues[j];
                }
                double sum = (s0 + s1) + (s2 + s3);
                if (j < head.length) {
                    sum += (mass - whole) * headValues[j]; // exact remainder: mass minus an integer below it
                } else if (j < scenarios) {
                    int[] walk = fullOrder(fullOrder, p, rows, scenarios);
                    for (double left = mass - whole; j < scenarios && left > 0; j++) {
                        double take = Math.min(left, counts[walk[j]]);
                        sum += take * rows[p * scenarios + walk[j]];
                        left -= take;
                    }
                }
                total += sum / mass;
            }
            v[b] = total;
        });
        return summarise(v, warnCv, scenarios);
    }

    private static int[] fullOrder(int[][] cache, int p, double[] rows, int scenarios) {
        synchronized (cache) {
            if (cache[p] == null) {
                cache[p] = descendingOrder(rows, p * scenarios, scenarios);
            }
            return cache[p];
        }
    }

    /**
     * How often resample b draws each scenario: draw i is {@code below(PURPOSE_BOOTSTRAP, b, i, scenarios)},
     * fetched in blocks.
     */
    private static int[] resampleCounts(RandomSource random, int b, int scenarios) {
        int[] counts = new int[scenarios];
        long[] bits = new long[Math.min(scenarios, DRAW_BLOCK)];
        for (int from = 0; from < scenarios; from += bits.length) {
            int len = Math.min(bits.length, scenarios - from);
            random.bitsInto(RandomSource.PURPOSE_BOOTSTRAP, b, from, bits, 0, len);
            for (int i = 0; i < len; i++) {
                counts[RandomSource.belowFromBits(bits[i], scenarios)]++;
            }
        }
        return counts;
    }

    /**
     * Resamples in parallel (each value depends only on its resample index, so the thread count changes nothing),
     * a chunk at a time with a cancellation check between chunks.
     */
    private static void inChunks(int resamples, RunControl control, IntConsumer resample) {
        for (int from = 0; from < resamples; from += CHUNK) {
            control.check();
            IntStream.range(from, Math.min(resamples, from + CHUNK)).parallel().forEach(resample);
        }
    }

    /**
     * Scenario indices by value, largest first, equal values by index (the order of a stable sort), from one
     * primitive sort: an index's position is the count of larger values plus the equal ones before it.
     */
    static int[] descendingOrder(double[] x, int off, int n) {
        return topDescendingOrder(x, off, n, n, LineupScorer.scalar());
    }

    /**
     * The first t entries of {@link #descendingOrder} without ordering the rest: the t largest values are selected
     * and sorted ({@link BucketSort}), then each index at or above the t-th largest (equal ones while slots remain,
     * in index order) is placed at the count of larger values among them plus the equal ones placed before it, as
     * in the full order. That count is a branch-free binary search on {@link #orderKey}s: whether a value lies
     * above a probe is a coin flip that a branch mispredicts half the time (per lineup of 10,000 scenarios, 70 us
     * against 145 us with the JDK sort, a branching search and the plain filter).
     *
     * @param rows the twin that filters the row ({@link LineupScorer#copyAtOrAbove}): any gives the same order
     */
    static int[] topDescendingOrder(double[] x, int off, int n, int t, LineupScorer rows) {
        t = Math.min(t, n);
        if (t <= 0) {
            return new int[0];
        }
        // The t largest go to the end of a[0..kept), kept about t plus a margin for a short head of a long row.
        double[] a = new double[n];
        int kept = TailMeasures.largestAtEnd(x, off, n, t, a, rows);
        double[] top = new double[t];
        BucketSort.sortInto(a, kept - t, t, top, new int[t + 1]);
        double least = top[0];
        int equalSlots = 0;
        for (int j = 0; j < t && Double.compare(top[j], least) == 0; j++) {
            equalSlots++;
        }
        long[] keys = new long[t];
        for (int j = 0; j < t; j++) {
            keys[j] = orderKey(top[j]);
        }
        int[] usedAtGroup = new int[t];
        int[] order = new int[t];
        for (int i = 0; i < n; i++) {
            double v = x[off + i];
            int vsLeast = Double.compare(v, least);
            if (vsLeast < 0 || (vsLeast == 0 && equalSlots-- <= 0)) {
                continue;
            }
            long key = orderKey(v);
            int lo = 0; // count of top values at or below v: the last position at or below it, plus one
            for (int len = t; len > 1; ) {
                int half = len >>> 1;
                lo = keys[lo + half] <= key ? lo + half : lo;
                len -= half;
            }
            int larger = t - lo - (keys[lo] <= key ? 1 : 0);
            order[larger + usedAtGroup[larger]++] = i;
        }
        return order;
    }

    /**
     * A long that orders as {@link Double#compare} orders the doubles (-0.0 below 0.0, NaN above everything): the
     * bits, with every bit but the sign flipped for negatives.
     */
    static long orderKey(double v) {
        long bits = Double.doubleToLongBits(v);
        return bits ^ (bits >> 63 & Long.MAX_VALUE);
    }

    static Result summarise(double[] v, double warnCv, int scenarios) {
        double mean = 0;
        for (double x : v) {
            mean += x / v.length;
        }
        double var = 0;
        for (double x : v) {
            var += (x - mean) * (x - mean) / Math.max(1, v.length - 1);
        }
        return result(mean, Math.sqrt(var), warnCv, scenarios);
    }

    private static Result result(double mean, double sd, double warnCv, int scenarios) {
        double cv = mean == 0 ? (sd == 0 ? 0 : Double.POSITIVE_INFINITY) : sd / Math.abs(mean);
        String warning = "";
        if (scenarios < MIN_SCENARIOS) {
            warning = String.format(java.util.Locale.ROOT, "only %d scenarios: too few for the bootstrap to measure the"
                    + " objective's stability (at least %d); simulate more scenarios", scenarios, MIN_SCENARIOS);
        } else if (cv > warnCv) {
            warning = String.format(java.util.Locale.ROOT, "objective unstable over scenario resamples: bootstrap CV"
                    + " %.3f above %.3f with %d scenarios; simulate more scenarios", cv, warnCv, scenarios);
        }
        return new Result(mean, sd, cv, warning);
    }
}
