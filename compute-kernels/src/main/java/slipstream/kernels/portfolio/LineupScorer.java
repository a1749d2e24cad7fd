package slipstream.kernels.portfolio;

/**
 * Points of lineups across scenarios: {@code out[(l - lFrom) * (sTo - sFrom) + (s - sFrom)] = sum over the
 * lineup's drivers d, in the order stored, of points[d * S + s]}. Points are laid out one row per driver across
 * scenarios. The summation order is fixed (drivers in stored order) so every implementation gives identical bits.
 *
 * <p>The portfolio kernels score through this seam. The race package's {@code LineupEvaluator} implements it
 * (its Panama twin vectorises {@link #score}, {@link #countAbove}, {@link #markAbove}, {@link #keepAtOrAbove} and
 * {@link #copyAtOrAbove});
 * {@link #scalar()}
 * and the default methods are the plain twin.
 */
@FunctionalInterface
public interface LineupScorer {
    void score(double[] points, int scenarios, int sFrom, int sTo, int[] lineups, int roster, int lFrom, int lTo,
               double[] out);

    /** All scenarios of lineups 0..count-1 into out (length >= count * scenarios). */
    default void scoreAll(double[] points, int scenarios, int[] lineups, int roster, int count, double[] out) {
        score(points, scenarios, 0, scenarios, lineups, roster, 0, count, out);
    }

    /**
     * Scores lineups lFrom..lTo-1 in scenarios [sFrom, sTo) (the sums of {@link #score}, same bits) and sets bit
     * s % 64 of {@code bits[l * words(scenarios) + s / 64]} where lineup l scores strictly above threshold[s] (a
     * tie or a NaN is no hit), or-ing into the words (bits already set stay set). sFrom must be a multiple of 64,
     * so each word's bits come from one call. Every implementation sets the same bits.
     *
     * <p>Fused so that no row of scores is written and read back: marking TAIL_UPSIDE's candidates that way took
     * twice as long. This plain twin gathers each word in a register and stores it once (or-ing each bit into
     * memory chained every scenario to the previous one's store).
     */
    default void markAbove(double[] points, int scenarios, int sFrom, int sTo, int[] lineups, int roster, int lFrom,
                           int lTo, double[] threshold, long[] bits) {
        int words = checkMark(scenarios, sFrom, sTo, lineups, roster, lFrom, lTo, threshold, bits);
        for (int l = lFrom; l < lTo; l++) {
            int first = l * roster;
            for (int from = sFrom; from < sTo; from += 64) {
                long word = 0;
                for (int s = from, to = Math.min(sTo, from + 64); s < to; s++) {
                    double acc = points[lineups[first] * scenarios + s];
                    for (int k = 1; k < roster; k++) {
                        acc += points[lineups[first + k] * scenarios + s];
                    }
                    word |= (acc > threshold[s] ? 1L : 0L) << s; // the shift takes s % 64
                }
                bits[l * words + (from >>> 6)] |= word;
            }
        }
    }

    /** Words of exceedance bits per lineup: one bit per scenario. */
    static int words(int scenarios) {
        return (scenarios + 63) >>> 6;
    }

    /** {@link #markAbove}'s ranges; returns the words per lineup. Drivers are checked by the array reads. */
    static int checkMark(int scenarios, int sFrom, int sTo, int[] lineups, int roster, int lFrom, int lTo,
                         double[] threshold, long[] bits) {
        if (sFrom % 64 != 0) {
            throw new IllegalArgumentException("marking starts at scenario " + sFrom + ", not a multiple of 64");
        }
        int words = words(scenarios);
        if (roster < 1 || sFrom < 0 || sFrom > sTo || sTo > scenarios || sTo > threshold.length || lFrom < 0
                || lFrom > lTo || (long) lTo * roster > lineups.length || (long) lTo * words > bits.length) {
            throw new IndexOutOfBoundsException("marking ranges do not fit the arrays");
        }
        return words;
    }

    /** How many i < len have values[off + i] > threshold[i] (strictly: a tie does not count). */
    default int countAbove(double[] values, int off, int len, double[] threshold) {
        int count = 0;
        for (int i = 0; i < len; i++) {
            count += values[off + i] > threshold[i] ? 1 : 0; // no branch: a lineup beats the field's top at random
        }
        return count;
    }

    /**
     * Copies the values[off + i] (i < len) that are {@code >= floor}, in order, to out[0 .. n) and returns n. A NaN
     * is never copied. out needs len doubles; its slots from n on are scratch. Every implementation copies the same
     * values in the same order.
     *
     * <p>This plain twin writes every value and counts only those kept, so whether one is kept (for a tail, a coin
     * flip) is never a branch.
     */
    default int copyAtOrAbove(double[] values, int off, int len, double floor, double[] out) {
        java.util.Objects.checkFromIndexSize(off, len, values.length);
        java.util.Objects.checkFromIndexSize(0, len, out.length);
        int n = 0;
        for (int i = 0; i < len; i++) {
            double v = values[off + i];
            out[n] = v;
            n += v >= floor ? 1 : 0;
        }
        return n;
    }

    /**
     * Scores lineups 0..count-1 in the {@code width} scenarios from {@code sFrom} (the bits of {@link #score}) and
     * keeps, per scenario column c, the scores whose grid position {@code Math.rint(score * gridScale)} reaches
     * {@code floor[c]} (an integer-valued double): their offsets from it are appended as ints, in lineup order, to
     * {@code kept[c * count ..]} (width * count ints), and keptCount[c] says how many (width ints, reset here). The
     * slots past a column's count are scratch. Returns the largest offset kept (0 when none): an offset above {@link Integer#MAX_VALUE} is not
     * stored faithfully, so the caller must then use the scores another way. Every implementation keeps the same
     * offsets and returns the same value.
     *
     * <p>This plain twin scores each lineup and column by itself; every offset is written and only those kept are
     * counted, so whether a score is kept (a coin flip) is never a branch.
     */
    default double keepAtOrAbove(double[] points, int scenarios, int sFrom, int width, int[] lineups, int roster,
                                 int count, double gridScale, double[] floor, int[] kept, int[] keptCount) {
        checkBlock(scenarios, sFrom, width);
        java.util.Arrays.fill(keptCount, 0, width, 0);
        double widest = 0;
        for (int l = 0; l < count; l++) {
            int first = l * roster;
            for (int c = 0; c < width; c++) {
                int s = sFrom + c;
                double acc = points[lineups[first] * scenarios + s];
                for (int k = 1; k < roster; k++) {
                    acc += points[lineups[first + k] * scenarios + s];
                }
                double offset = Math.rint(acc * gridScale) - floor[c];
                kept[c * count + keptCount[c]] = (int) offset;
                keptCount[c] += offset >= 0 ? 1 : 0;
                widest = offset > widest ? offset : widest;
            }
        }
        return widest;
    }

    /** A block of scenario columns must lie within the scenarios (a column past them would read the next row). */
    static void checkBlock(int scenarios, int sFrom, int width) {
        if (sFrom < 0 || width < 0 || sFrom + width > scenarios) {
            throw new IndexOutOfBoundsException("scenarios " + sFrom + ".." + (sFrom + width) + " of " + scenarios);
        }
    }

    /** Plain loops; the inner loop over scenarios is contiguous, which the JIT auto-vectorises. */
    static LineupScorer scalar() {
        return (points, scenarios, sFrom, sTo, lineups, roster, lFrom, lTo, out) -> {
            int width = sTo - sFrom;
            for (int l = lFrom; l < lTo; l++) {
                int o = (l - lFrom) * width;
                int d0 = lineups[l * roster] * scenarios;
                for (int s = sFrom; s < sTo; s++) {
                    out[o + s - sFrom] = points[d0 + s];
                }
                for (int k = 1; k < roster; k++) {
                    int d = lineups[l * roster + k] * scenarios;
                    for (int s = sFrom; s < sTo; s++) {
                        out[o + s - sFrom] += points[d + s];
                    }
                }
            }
        };
    }
}
