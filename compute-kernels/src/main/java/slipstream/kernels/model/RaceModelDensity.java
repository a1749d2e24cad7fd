package slipstream.kernels.model;

/**
 * Log posterior density (up to a constant) of the hierarchical race model on the unconstrained scale, with its
 * analytic gradient; the parameter vector is laid out by {@link ParameterLayout}.
 *
 * <h2>Model</h2>
 * Race r is run at archetype a = a(r); driver i has strength features x_ri (F) and DNF features w_ri (G).
 * <ul>
 *   <li><b>Strength:</b> eta_ri = x_ri . beta_a with beta_a = beta_top_a / lambda_a, beta_top_a = mu + tau (.) z_a
 *       (non-centred): the coefficients are sampled on the top tier's scale ({@link TopTierScale}).</li>
 *   <li><b>Finishing order:</b> two-tier Plackett-Luce over finishers with DNFs tied at the back (rank-ordered
 *       logit with ties): sum over finishers in order k of [s_k eta_(k) - log sum_{j not yet placed, DNFs included}
 *       exp(s_k eta_j)], with scale s_k = lambda_a for places k = 1..T (T = {@link RaceModelData#topPlaces()}) and
 *       1 after them (see {@link RaceLikelihood}).</li>
 *   <li><b>DNF:</b> logit P(dnf_ri) = alpha_a + w_ri . gamma, alpha_a = alpha_mu + alpha_tau * alpha_z_a; a
 *       Bernoulli term for every driver.</li>
 *   <li><b>Laps led:</b> sum_i L_ri (kappa_a eta_ri - log sum_j exp(kappa_a eta_rj)), kappa_a = kappa_top_a lambda_a
 *       (so kappa_a eta = kappa_top_a lambda_a eta), over <i>all</i> drivers of
 *       the race (a DNF may lead laps before retiring, so retirees stay in the softmax with full weight);
 *       multinomial coefficient dropped; races without laps-led data contribute nothing.</li>
 * </ul>
 * <h2>Priors</h2>
 * <ul>
 *   <li>mu[f] ~ N(0, 1) (on the top-tier scale); tau[f] ~ Gamma(2, rate 10) (mode 0.1, mean 0.2), sampled as
 *       log_tau with the log-Jacobian log_tau added; z[a, f] ~ N(0, 1). The gamma prior vanishes at tau = 0 (a
 *       zero-avoiding prior, Chung et al. 2013): four archetypes cannot tell a small tau from zero, and with
 *       HalfNormal(0.5) the posterior of some features' tau reached down to 0.003, where every parameterisation is a
 *       funnel (real 2015-2022 fits kept 4-26 divergences; with this prior none, and the same held-out scores).</li>
 *   <li>alpha_mu ~ N(-2, 1) (a base DNF rate near 12%); alpha_tau ~ HalfNormal(0.5) via log_alpha_tau with its
 *       Jacobian; alpha_z[a] ~ N(0, 1).</li>
 *   <li>gamma[g] ~ N(0, 1).</li>
 *   <li>log_kappa[a] ~ N(0, 1), kappa_top = exp(log_kappa), the concentration on the top-tier strengths.</li>
 *   <li>log_lambda[a] ~ N(0, 1), lambda = exp(log_lambda): centred on plain Plackett-Luce (lambda = 1), wide enough
 *       for the 2-3 that real orders show.</li>
 * </ul>
 * Normalising constants of the priors are dropped. Coefficients may be sampled centred (beta_a[f], alpha_a directly,
 * priors N(mu, tau) and N(alpha_mu, alpha_tau)); see {@link Parameterisation}. The model is the same.
 *
 * <p>Holds scratch buffers: <b>not thread-safe</b>. Create one instance per chain (the {@link RaceModelData} is
 * immutable and may be shared).
 */
public final class RaceModelDensity implements slipstream.kernels.mcmc.LogDensity {
    /** Shape and rate of the gamma prior on the strength scales tau[f]. */
    public static final double TAU_SHAPE = 2.0;
    public static final double TAU_RATE = 10.0;
    /** Scale of the half-normal prior on alpha_tau (DNF intercepts: well away from zero, no funnel there). */
    public static final double ALPHA_TAU_SCALE = 0.5;
    /** Prior mean of alpha_mu. */
    public static final double ALPHA_MU_MEAN = -2.0;

    private static final int A = Archetype.COUNT;

    private final RaceModelData data;
    private final ParameterLayout layout;
    private final RaceLikelihood likelihood;
    private final Parameterisation parameterisation;
    private final int nF;
    private final int nG;
    private final double[] beta;
    private final double[] betaTop;
    private final double[] alpha;
    private final double[] gamma;
    private final double[] kappa;
    private final double[] kappaTop;
    private final double[] lambda;
    private final double[] gBeta;
    private final double[] gAlpha;
    private final double[] gGamma;
    private final double[] gKappa;
    private final double[] gLambda;
    /** d/d mu and d/d log_tau of the group being summed in {@link #logDensity} (scratch). */
    private final double[] hyperGradient = new double[2];

    /** Non-centred density on {@code data} with the twin chosen by {@link slipstream.kernels.vector.VectorSupport#select}. */
    public RaceModelDensity(RaceModelData data) {
        this(RaceLikelihood.of(data), Parameterisation.nonCentred(data.features));
    }

    /** Density on {@code data} sampled in the given parameterisation. */
    public RaceModelDensity(RaceModelData data, Parameterisation parameterisation) {
        this(RaceLikelihood.of(data), parameterisation);
    }

    /** Non-centred density with an explicit likelihood twin (tests and benchmarks compare the twins this way). */
    public RaceModelDensity(RaceLikelihood likelihood) {
        this(likelihood, Parameterisation.nonCentred(likelihood.data().features));
    }

    /** Density with an explicit likelihood twin and parameterisation. */
    public RaceModelDensity(RaceLikelihood likelihood, Parameterisation parameterisation) {
        this.likelihood = likelihood;
        this.parameterisation = parameterisation;
        this.data = likelihood.data();
        this.layout = data.layout();
        this.nF = data.features;
        this.nG = data.dnfFeatures;
        beta = new double[A * nF];
        betaTop = new double[A * nF];
        alpha = new double[A];
        gamma = new double[nG];
        kappa = new double[A];
        kappaTop = new double[A];
        lambda = new double[A];
        gBeta = new double[A * nF];
        gAlpha = new double[A];
        gGamma = new double[nG];
        gKappa = new double[A];
        gLambda = new double[A];
    }

    public ParameterLayout layout() {
        return layout;
    }

    public Parameterisation parameterisation() {
        return parameterisation;
    }

    public RaceModelData data() {
        return data;
    }

    @Override
    public int dimension() {
        return layout.dimension();
    }

    /** Log density up to a constant; fills {@code gradientOut} (length {@link #dimension()}). */
    @Override
    public double logDensity(double[] position, double[] gradientOut) {
        final ParameterLayout lay = layout;
        lay.topBeta(position, betaTop);
        lay.alpha(position, alpha);
        for (int a = 0; a < A; a++) {
            for (int f = 0; f < nF; f++) {
                if (parameterisation.centredBeta(a, f)) {
                    betaTop[a * nF + f] = position[lay.z(a, f)];
                }
            }
            if (parameterisation.centredAlpha(a)) {
                alpha[a] = position[lay.alphaZ(a)];
            }
        }
        lay.gamma(position, gamma);
        lay.kappaTop(position, kappaTop);
        lay.lambda(position, lambda);
        TopTierScale.toLikelihoodScale(betaTop, kappaTop, lambda, nF, beta, kappa);
        double lp = likelihood.evaluate(beta, alpha, gamma, kappa, lambda, gBeta, gAlpha, gGamma, gKappa, gLambda);
        TopTierScale.toSampledGradient(beta, kappa, lambda, nF, gBeta, gKappa, gLambda);
        double invAlphaTauVar = 1.0 / (ALPHA_TAU_SCALE * ALPHA_TAU_SCALE);

        for (int f = 0; f < nF; f++) {
            double mu = position[lay.mu(f)];
            double logTau = position[lay.logTau(f)];
            double tau = Math.exp(logTau);
            // Gamma(k, r) on tau plus the log-Jacobian of tau = exp(log_tau): k log_tau - r tau.
            hyperGradient[0] = -mu;
            hyperGradient[1] = TAU_SHAPE - TAU_RATE * tau;
            lp += -0.5 * mu * mu + TAU_SHAPE * logTau - TAU_RATE * tau;
            for (int a = 0; a < A; a++) {
                lp -= groupMember(position, gradientOut, lay.z(a, f), parameterisation.centredBeta(a, f), mu, tau,
                        logTau, gBeta[a * nF + f]);
            }
            gradientOut[lay.mu(f)] = hyperGradient[0];
            gradientOut[lay.logTau(f)] = hyperGradient[1];
        }

        double alphaMu = position[lay.alphaMu()];
        double logAlphaTau = position[lay.logAlphaTau()];
        double alphaTau = Math.exp(logAlphaTau);
        double dm = alphaMu - ALPHA_MU_MEAN;
        hyperGradient[0] = -dm;
        hyperGradient[1] = 1.0 - alphaTau * alphaTau * invAlphaTauVar;
        lp += -0.5 * dm * dm + logAlphaTau - 0.5 * alphaTau * alphaTau * invAlphaTauVar;
        for (int a = 0; a < A; a++) {
            lp -= groupMember(position, gradientOut, lay.alphaZ(a), parameterisation.centredAlpha(a), alphaMu, alphaTau,
                    logAlphaTau, gAlpha[a]);
        }
        gradientOut[lay.alphaMu()] = hyperGradient[0];
        gradientOut[lay.logAlphaTau()] = hyperGradient[1];

        for (int q = 0; q < nG; q++) {
            double gq = gamma[q];
            lp -= 0.5 * gq * gq;
            gradientOut[lay.gamma(q)] = gGamma[q] - gq;
        }
        for (int a = 0; a < A; a++) {
            double lk = position[lay.logKappa(a)];
            lp -= 0.5 * lk * lk;
            gradientOut[lay.logKappa(a)] = gKappa[a] - lk;
            double ll = position[lay.logLambda(a)];
            lp -= 0.5 * ll * ll;
            gradientOut[lay.logLambda(a)] = gLambda[a] - ll;
        }
        return lp;
    }

    /**
     * One archetype's coefficient under (mu, tau): writes the gradient of its slot, adds its share of the mu and
     * log_tau gradients to {@link #hyperGradient}, and returns minus its prior term. Centred, the slot holds the
     * coefficient with the prior N(mu, tau) (-log tau - (x - mu)^2 / (2 tau^2)); non-centred it holds z, the
     * coefficient being mu + tau z with z ~ N(0, 1). {@code g} is d loglik / d coefficient.
     */
    private double groupMember(double[] position, double[] gradientOut, int slot, boolean centred, double mu,
                               double tau, double logTau, double g) {
        if (centred) {
            double z = (position[slot] - mu) / tau;
            gradientOut[slot] = g - z / tau;
            hyperGradient[0] += z / tau;
            hyperGradient[1] += z * z - 1.0;
            return logTau + 0.5 * z * z;
        }
        double z = position[slot];
        hyperGradient[0] += g;
        hyperGradient[1] += g * tau * z;
        gradientOut[slot] = g * tau - z;
        return 0.5 * z * z;
    }
}
