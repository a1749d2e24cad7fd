package slipstream.kernels.rng;

/**
 * Stream purposes: the second part of a stream key (seed, purpose, index). Each kind of random decision has its
 * own purpose, so adding a draw of one kind never shifts the numbers of another. Values are part of the
 * reproducibility contract: never renumber an existing constant, only add new ones.
 */
public final class Purpose {
    private Purpose() {}

    /** Gumbel keys of the finishing order; index = scenario, element = driver. */
    public static final int GUMBEL = 1;
    /** DNF Bernoulli uniforms (element = driver) and DNF exit-lap uniforms (element = drivers + driver). */
    public static final int DNF = 2;
    /** Per-scenario chaos level; index = scenario, element 0. */
    public static final int CHAOS = 3;
    /** Caution-related draws beyond the chaos level; reserved. */
    public static final int CAUTIONS = 4;
    /** Team shared effects; index = scenario, element = team. */
    public static final int TEAM = 5;
    /** Laps-led stint winners; index = scenario, element = stint. */
    public static final int LAPS_LED = 6;
    /** Fastest-lap stint winners; index = scenario, element = stint. */
    public static final int FASTEST_LAP = 7;
    /** Chaos strength noise; index = scenario, element = driver. */
    public static final int STRENGTH_NOISE = 8;
    /** Opponent field sampling (portfolio kernels). */
    public static final int FIELD = 9;
    /** Bootstrap resampling (portfolio and calibration kernels). */
    public static final int BOOTSTRAP = 10;
    /** Scenario block shuffles (portfolio kernels). */
    public static final int SCENARIO_BLOCKS = 11;
    /** NUTS sampler: momenta, slice and direction draws. */
    public static final int NUTS = 12;
    /** Posterior draw chosen per scenario, when draws are resampled rather than cycled. */
    public static final int DRAW = 13;
    /** Draws of the finishing order's top tier, place by place; index = scenario, element = place. */
    public static final int TOP_TIER = 14;
}
