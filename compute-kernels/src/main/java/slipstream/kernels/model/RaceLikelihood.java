package slipstream.kernels.model;

import slipstream.kernels.vector.VectorSupport;

/**
 * The data part of the race model (no priors) on derived parameters, with its gradient: a two-tier Plackett-Luce
 * finishing order (DNFs tied at the back, or finishers only: {@link RaceModelData.Builder#dnfsInDenominator}),
 * Bernoulli DNFs, and a multinomial on laps led. The model is spelled out in {@link RaceModelDensity}.
 *
 * <p><b>Two tiers.</b> Places 1..T ({@link RaceModelData#topPlaces()}, T = 10 by default) are drawn in turn at the
 * scale lambda_a: place k's term is {@code lambda eta_(k) - log sum_{j not yet placed} exp(lambda eta_j)}; the
 * places after T use scale 1 as in plain Plackett-Luce. Real finishing orders are sharper at the top than at the
 * back (bench/RESULTS.md, "The winner's-start gap, diagnosed"); with one scale the strengths decide the win as
 * loosely as 30th place. lambda = 1 is plain Plackett-Luce. Both tiers' denominators run over all unplaced drivers,
 * so the cost stays O(n) per race (two suffix log-sum-exps).
 *
 * <p>Twins: {@link ScalarRaceLikelihood} and {@link PanamaRaceLikelihood}; obtain one through
 * {@link #of(RaceModelData)}.
 *
 * <p>An instance owns scratch buffers sized for its data: it is <b>not thread-safe</b>; use one per chain.
 */
public interface RaceLikelihood {

    /** The data this instance evaluates. */
    RaceModelData data();

    /**
     * Log-likelihood of all races, up to a constant (the multinomial coefficient of laps led is dropped). The four
     * gradient arrays are overwritten (not accumulated).
     *
     * @param beta      [4 * F], beta[a * F + f]
     * @param alpha     [4], DNF intercept per archetype
     * @param gamma     [G], DNF feature coefficients
     * @param kappa     [4], laps-led concentration per archetype (> 0)
     * @param lambda    [4], top-tier scale per archetype (> 0)
     * @param gradBeta  out, [4 * F]
     * @param gradAlpha out, [4]
     * @param gradGamma out, [G]
     * @param gradKappa out, [4]
     * @param gradLambda out, [4]
     */
    double evaluate(double[] beta, double[] alpha, double[] gamma, double[] kappa, double[] lambda,
            double[] gradBeta, double[] gradAlpha, double[] gradGamma, double[] gradKappa, double[] gradLambda);

    /** The twin chosen by {@link VectorSupport#select}: Panama when enabled (data must use its lane count). */
    static RaceLikelihood of(RaceModelData data) {
        return VectorSupport.select(() -> new ScalarRaceLikelihood(data), () -> new PanamaRaceLikelihood(data));
    }
}
