package slipstream.kernels.portfolio;

/**
 * A portfolio objective seen by greedy selection: the gain of adding one candidate to the current portfolio.
 * Implementations hold the current portfolio's state; see {@link Objectives} for the four objectives.
 */
public interface MarginalObjective {
    /**
     * Objective gain of adding candidate c to the current portfolio (c not yet in it). Safe to call for distinct
     * candidates at once from several threads (between calls to {@link #add}): an objective may cache work per
     * candidate, never across candidates.
     */
    double gain(int c);

    /**
     * The same value as {@link #gain}, bit for bit, for one candidate evaluated on its own (lazy re-evaluation):
     * an objective may spread this one evaluation over several threads.
     */
    default double gainAlone(int c) {
        return gain(c);
    }

    /** Adds candidate c to the portfolio. */
    void add(int c);

    /** Objective value of the current portfolio. */
    double value();

    /**
     * True when gains can only shrink as the portfolio grows (modular or submodular objectives): lazy evaluation
     * with stale gains as upper bounds then picks exactly what full re-evaluation would.
     */
    boolean gainsOnlyShrink();

    /** True when a candidate's gain never depends on the portfolio (modular objectives): no re-evaluation needed. */
    default boolean gainsFixed() {
        return false;
    }
}
