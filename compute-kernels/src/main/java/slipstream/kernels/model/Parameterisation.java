package slipstream.kernels.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Which coefficients the sampler sees centred (per feature and archetype; {@link #choose} decides per feature). A non-centred beta_a[f] slot holds z (beta_a[f] = mu[f] +
 * tau[f] z), a centred one holds beta_a[f] itself with the prior beta_a[f] ~ N(mu[f], tau[f]); likewise alpha_a
 * against (alpha_mu, alpha_tau). Same model, different geometry.
 *
 * <p>Why per coefficient: where the data pin a coefficient more tightly than the archetypes differ, the
 * non-centred form is a funnel in (tau, z) (z = (beta - mu) / tau must move with tau) and the centred form is
 * easy; where the archetypes barely differ, tau can approach 0 and the centred form is the funnel instead
 * (Betancourt and Girolami 2015, "Hamiltonian Monte Carlo for hierarchical models"). {@link #choose} compares,
 * per coefficient, the unpooled standard errors ({@link UnpooledFit}) with an estimate of tau from the spread of
 * the unpooled estimates ({@link #tauEstimates}): centred when every standard error is clearly the smaller.
 *
 * <p>Stored draws always use the non-centred coordinates ({@link #toNonCentred}), so {@link ParameterLayout}
 * reads every draw the same way whatever the sampler saw.
 *
 * @param centredBeta  [A * F], index a * F + f
 * @param centredAlpha [A]
 */
public record Parameterisation(boolean[] centredBeta, boolean[] centredAlpha) {
    private static final int A = Archetype.COUNT;
    /**
     * How clearly the data must dominate: centred when se * MARGIN < tau. With four archetypes the tau estimate is
     * noisy; 1.5 keeps a one-season fit (se 0.05-0.1) non-centred where the estimate barely exceeds se, and still
     * centres every coefficient of the 2015-2021 fit (se <= 0.03, tau/se >= 1.96), as both were measured to need.
     */
    static final double MARGIN = 1.5;
    /**
     * Races the fit must hold before anything is centred: with a season or so the tau estimates from four archetypes
     * are too noisy to act on (a one-season fit with its clearest coefficients centred did not converge, all
     * non-centred it does); a 2015-2021 fit holds about 250.
     */
    public static final int MIN_RACES = 100;

    public Parameterisation {
        if (centredAlpha.length != A || centredBeta.length % A != 0) {
            throw new IllegalArgumentException("expected 4 * F beta flags and 4 alpha flags, got "
                    + centredBeta.length + " and " + centredAlpha.length);
        }
        centredBeta = centredBeta.clone();
        centredAlpha = centredAlpha.clone();
    }

    /** Every coefficient non-centred: the sampling coordinates are the stored ones. */
    public static Parameterisation nonCentred(int features) {
        return new Parameterisation(new boolean[A * features], new boolean[A]);
    }

    /** Whole archetypes centred or not (tests and experiments). */
    public static Parameterisation byArchetype(int features, boolean... centred) {
        boolean[] beta = new boolean[A * features];
        for (int a = 0; a < A; a++) {
            java.util.Arrays.fill(beta, a * features, (a + 1) * features, centred[a]);
        }
        return new Parameterisation(beta, centred);
    }

    /** The per-coefficient choice for {@code data} (runs an {@link UnpooledFit}). */
    public static Parameterisation choose(RaceModelData data) {
        return choose(UnpooledFit.of(data), data.racesPerArchetype());
    }

    /**
     * The rule of {@link #choose(RaceModelData)} on a given unpooled fit. A coefficient (a feature's beta, or the DNF
     * intercept) is centred in every archetype with races or in none: its archetypes share (mu, tau), so a funnel
     * in one drags the others, and splitting a coefficient between the forms made things worse on real data.
     * Centred when every such archetype's standard error times {@link #MARGIN} is below the coefficient's
     * estimated tau; archetypes without races stay non-centred, and nothing is centred in a fit of fewer than
     * {@link #MIN_RACES} races. (A stricter rule, a 99% lower confidence bound on tau instead of the
     * estimate, left two real-data features non-centred and did worse: smaller steps, as many divergences.)
     */
    public static Parameterisation choose(UnpooledFit fit, int[] racesPerArchetype) {
        int nF = fit.beta().length / A;
        if (java.util.Arrays.stream(racesPerArchetype).sum() < MIN_RACES) {
            return nonCentred(nF);
        }
        double[] tau = tauEstimates(fit, racesPerArchetype);
        boolean[] beta = new boolean[A * nF];
        for (int f = 0; f < nF; f++) {
            centreIfPinned(fit.betaSe(), f, nF, tau[f], racesPerArchetype, beta);
        }
        boolean[] alpha = new boolean[A];
        centreIfPinned(fit.alphaSe(), 0, 1, tau[nF], racesPerArchetype, alpha);
        return new Parameterisation(beta, alpha);
    }

    private static void centreIfPinned(double[] se, int f, int stride, double tau, int[] races, boolean[] out) {
        boolean pinned = tau > 0;
        for (int a = 0; a < A; a++) {
            pinned &= races[a] == 0 || se[a * stride + f] * MARGIN < tau;
        }
        for (int a = 0; a < A; a++) {
            out[a * stride + f] = pinned && races[a] > 0;
        }
    }

    /**
     * Method-of-moments estimates of the between-archetype scale of each coefficient (F values for beta, then one for
     * alpha) from the unpooled estimates of the k archetypes with races: tau^2 = s^2 - mean(se^2), with s^2 their
     * sample variance, floored at 0 (DerSimonian and Laird 1986). 0 with fewer than two archetypes.
     */
    public static double[] tauEstimates(UnpooledFit fit, int[] racesPerArchetype) {
        int nF = fit.beta().length / A;
        double[] out = new double[nF + 1];
        for (int f = 0; f < nF; f++) {
            out[f] = tauEstimate(fit.beta(), fit.betaSe(), f, nF, racesPerArchetype);
        }
        out[nF] = tauEstimate(fit.alpha(), fit.alphaSe(), 0, 1, racesPerArchetype);
        return out;
    }

    private static double tauEstimate(double[] estimate, double[] se, int f, int stride, int[] races) {
        int k = 0;
        double sum = 0;
        double noise = 0;
        for (int a = 0; a < A; a++) {
            if (races[a] > 0) {
                k++;
                sum += estimate[a * stride + f];
                noise += se[a * stride + f] * se[a * stride + f];
            }
        }
        if (k < 2) {
            return 0;
        }
        double mean = sum / k;
        double spread = 0;
        for (int a = 0; a < A; a++) {
            if (races[a] > 0) {
                double d = estimate[a * stride + f] - mean;
                spread += d * d;
            }
        }
        double tau2 = spread / (k - 1) - noise / k;
        return tau2 > 0 ? Math.sqrt(tau2) : 0;
    }

    public boolean centredBeta(int archetype, int feature) {
        return centredBeta[archetype * (centredBeta.length / A) + feature];
    }

    public boolean centredAlpha(int archetype) {
        return centredAlpha[archetype];
    }

    @Override
    public boolean[] centredBeta() {
        return centredBeta.clone();
    }

    @Override
    public boolean[] centredAlpha() {
        return centredAlpha.clone();
    }

    /** Names of the centred coordinates in {@code layout} (for logs), e.g. {@code z[INTERMEDIATE,start_position]}. */
    public List<String> centredNames(ParameterLayout layout) {
        List<String> names = new ArrayList<>();
        for (int a = 0; a < A; a++) {
            for (int f = 0; f < layout.features(); f++) {
                if (centredBeta(a, f)) {
                    names.add(layout.name(layout.z(a, f)));
                }
            }
            if (centredAlpha[a]) {
                names.add(layout.name(layout.alphaZ(a)));
            }
        }
        return names;
    }

    /** Rewrites a draw in sampling coordinates into the non-centred (stored) coordinates, in place. */
    public void toNonCentred(ParameterLayout layout, double[] position) {
        double alphaTau = Math.exp(position[layout.logAlphaTau()]);
        for (int a = 0; a < A; a++) {
            for (int f = 0; f < layout.features(); f++) {
                if (centredBeta(a, f)) {
                    double tau = Math.exp(position[layout.logTau(f)]);
                    position[layout.z(a, f)] = (position[layout.z(a, f)] - position[layout.mu(f)]) / tau;
                }
            }
            if (centredAlpha[a]) {
                position[layout.alphaZ(a)] = (position[layout.alphaZ(a)] - position[layout.alphaMu()]) / alphaTau;
            }
        }
    }
}
