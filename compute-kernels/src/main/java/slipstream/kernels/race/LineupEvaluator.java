package slipstream.kernels.race;

import slipstream.kernels.portfolio.LineupScorer;
import slipstream.kernels.vector.VectorSupport;

/**
 * Points of DFS lineups in every scenario, vectorised across scenarios, and reductions over those points.
 *
 * <p>{@link #score} is {@link LineupScorer#score}: {@code points[d * S + s]} (one row per driver across scenarios)
 * summed over each lineup's drivers in stored order into {@code out[(l - lFrom) * (sTo - sFrom) + (s - sFrom)]}.
 * The summation order is fixed, so both twins give identical bits. Lineup {@code l} is
 * {@code lineups[l * roster .. l * roster + roster - 1]}.
 *
 * <p>Twins: {@link ScalarLineupEvaluator} and {@link PanamaLineupEvaluator}; obtain one with {@link #get()}.
 * {@link #mean} may differ between twins by rounding (partial sums in lanes), relative 1e-12 at most for
 * ordinary inputs; the counts and bits of {@link #countAbove}, {@link #markAbove} and {@link #keepAtOrAbove} are
 * exact.
 */
public interface LineupEvaluator extends LineupScorer {

    /** The twin chosen once per JVM by {@link VectorSupport}. */
    static LineupEvaluator get() {
        return Holder.INSTANCE;
    }

    /** Mean of {@code values[off .. off + len - 1]}. */
    double mean(double[] values, int off, int len);

    /** Checks the ranges shared by both twins. */
    static void checkScore(double[] points, int scenarios, int sFrom, int sTo, int[] lineups, int roster, int lFrom,
                           int lTo, double[] out) {
        if (roster < 1 || sFrom < 0 || sTo > scenarios || sFrom > sTo || lFrom < 0 || lFrom > lTo
                || (long) lTo * roster > lineups.length
                || (long) (lTo - lFrom) * (sTo - sFrom) > out.length) {
            throw new IndexOutOfBoundsException("lineup scoring ranges do not fit the arrays");
        }
        // Smallest and largest driver first (a reduction the JIT vectorises: this check runs on every call, and the
        // field scores its 2,000 lineups a few scenarios at a time), the culprit only when one is out of range.
        int min = 0;
        int max = 0;
        for (int i = lFrom * roster; i < lTo * roster; i++) {
            min = Math.min(min, lineups[i]);
            max = Math.max(max, lineups[i]);
        }
        if (min < 0 || (long) (max + 1) * scenarios > points.length) {
            for (int i = lFrom * roster; i < lTo * roster; i++) {
                if (lineups[i] < 0 || (long) (lineups[i] + 1) * scenarios > points.length) {
                    throw new IndexOutOfBoundsException("driver " + lineups[i] + " has no points row");
                }
            }
        }
    }

    /** Lazily initialised holder of the chosen twin. */
    final class Holder {
        private Holder() {}

        static final LineupEvaluator INSTANCE =
                VectorSupport.select(ScalarLineupEvaluator::new, PanamaLineupEvaluator::new);
    }
}
