package slipstream.kernels.model;

import slipstream.kernels.vector.VectorSupport;

/**
 * The data part of the race model (no priors) on derived parameters, with its gradient: Plackett-Luce finishing
 * order with DNFs tied at the back, Bernoulli DNFs, and a multinomial on laps led. The model is spelled out in
 * {@link RaceModelDensity}. Twins: {@link ScalarRaceLikelihood} and {@link PanamaRaceLikelihood}; obtain one
 * through {@link #of(RaceModelData)}.
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
     * @param gradBeta  out, [4 * F]
     * @param gradAlpha out, [4]
     * @param gradGamma out, [G]
     * @param gradKappa out, [4]
     */
    double evaluate(double[] beta, double[] alpha, double[] gamma, double[] kappa,
            double[] gradBeta, double[] gradAlpha, double[] gradGamma, double[] gradKappa);

    /** The twin chosen by {@link VectorSupport#select}: Panama when enabled (data must use its lane count). */
    static RaceLikelihood of(RaceModelData data) {
        return VectorSupport.select(() -> new ScalarRaceLikelihood(data), () -> new PanamaRaceLikelihood(data));
    }
}
