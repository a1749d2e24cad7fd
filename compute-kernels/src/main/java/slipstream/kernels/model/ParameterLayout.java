package slipstream.kernels.model;

import java.util.Arrays;

/**
 * Where each parameter of the race model sits in the unconstrained position vector (one posterior draw), and how
 * to turn a draw into model quantities. With F strength and G DNF features, A = 4 archetypes, the layout is
 * <pre>
 *   mu[f]            F      offset 0
 *   log_tau[f]       F      offset F
 *   z[a,f]           A*F    offset 2F + a*F + f
 *   alpha_mu         1      offset 6F
 *   log_alpha_tau    1      offset 6F + 1
 *   alpha_z[a]       A      offset 6F + 2 + a
 *   gamma[g]         G      offset 6F + 6 + g
 *   log_kappa[a]     A      offset 6F + 6 + G + a
 *   log_lambda[a]    A      offset 6F + 10 + G + a
 * </pre>
 * dimension = 6F + 14 + G. Strength coefficients and kappa are sampled on the top tier's scale
 * ({@link TopTierScale}). Derived quantities: {@code beta_top[a][f] = mu[f] + exp(log_tau[f]) * z[a,f]},
 * {@code lambda[a] = exp(log_lambda[a])}, {@code beta[a][f] = beta_top[a][f] / lambda[a]} (the likelihood's
 * strength scale), {@code alpha[a] = alpha_mu + exp(log_alpha_tau) * alpha_z[a]},
 * {@code kappa[a] = exp(log_kappa[a]) * lambda[a]}. The top-tier scales come last, so a draw of the plain
 * Plackett-Luce model (stored before they existed) is this layout's prefix: {@link #lambda(double[], int)} reads
 * 1 for it, and then both scales coincide.
 * Immutable and thread-safe.
 */
public final class ParameterLayout {
    private static final int A = Archetype.COUNT;

    private final int features;
    private final int dnfFeatures;
    private final String[] names;

    /** Layout for the given feature names (their counts are F and G). */
    public ParameterLayout(String[] featureNames, String[] dnfFeatureNames) {
        this.features = featureNames.length;
        this.dnfFeatures = dnfFeatureNames.length;
        names = new String[6 * features + 14 + dnfFeatures];
        Archetype[] arch = Archetype.values();
        for (int f = 0; f < features; f++) {
            names[mu(f)] = "mu[" + featureNames[f] + "]";
            names[logTau(f)] = "log_tau[" + featureNames[f] + "]";
            for (int a = 0; a < A; a++) {
                names[z(a, f)] = "z[" + arch[a] + "," + featureNames[f] + "]";
            }
        }
        names[alphaMu()] = "alpha_mu";
        names[logAlphaTau()] = "log_alpha_tau";
        for (int a = 0; a < A; a++) {
            names[alphaZ(a)] = "alpha_z[" + arch[a] + "]";
            names[logKappa(a)] = "log_kappa[" + arch[a] + "]";
            names[logLambda(a)] = "log_lambda[" + arch[a] + "]";
        }
        for (int g = 0; g < dnfFeatures; g++) {
            names[gamma(g)] = "gamma[" + dnfFeatureNames[g] + "]";
        }
    }

    public int dimension() {
        return names.length;
    }

    public int features() {
        return features;
    }

    public int dnfFeatures() {
        return dnfFeatures;
    }

    /** Name of coordinate {@code i}, e.g. {@code z[INTERMEDIATE,finish_mean_last10]}. */
    public String name(int i) {
        return names[i];
    }

    /** All coordinate names in position order (a copy). */
    public String[] names() {
        return names.clone();
    }

    /** Index of a coordinate by name, or -1. */
    public int indexOf(String name) {
        return Arrays.asList(names).indexOf(name);
    }

    public int mu(int f) {
        return f;
    }

    public int logTau(int f) {
        return features + f;
    }

    public int z(int archetype, int f) {
        return 2 * features + archetype * features + f;
    }

    public int alphaMu() {
        return 6 * features;
    }

    public int logAlphaTau() {
        return 6 * features + 1;
    }

    public int alphaZ(int archetype) {
        return 6 * features + 2 + archetype;
    }

    public int gamma(int g) {
        return 6 * features + 6 + g;
    }

    public int logKappa(int archetype) {
        return 6 * features + 6 + dnfFeatures + archetype;
    }

    public int logLambda(int archetype) {
        return 6 * features + 10 + dnfFeatures + archetype;
    }

    /** The layout's leading coordinates that a draw of the plain Plackett-Luce model holds (no top-tier scales). */
    public int plainPlackettLuceDimension() {
        return logLambda(0);
    }

    /** beta_top[a][f] of a draw (non-centred), flat as {@code out[a * F + f]} (length 4F). Returns out. */
    public double[] topBeta(double[] position, double[] out) {
        for (int f = 0; f < features; f++) {
            double tau = Math.exp(position[logTau(f)]);
            for (int a = 0; a < A; a++) {
                out[a * features + f] = position[mu(f)] + tau * position[z(a, f)];
            }
        }
        return out;
    }

    /** beta[a][f] = beta_top[a][f] / lambda[a], the likelihood's strength coefficients (length 4F). Returns out. */
    public double[] beta(double[] position, double[] out) {
        topBeta(position, out);
        for (int a = 0; a < A; a++) {
            double lambda = lambda(position, a);
            for (int f = 0; f < features; f++) {
                out[a * features + f] /= lambda;
            }
        }
        return out;
    }

    /** alpha[a], the DNF intercept per archetype (length 4). Returns out. */
    public double[] alpha(double[] position, double[] out) {
        double tau = Math.exp(position[logAlphaTau()]);
        for (int a = 0; a < A; a++) {
            out[a] = position[alphaMu()] + tau * position[alphaZ(a)];
        }
        return out;
    }

    /** gamma[g], the DNF feature coefficients (length G). Returns out. */
    public double[] gamma(double[] position, double[] out) {
        System.arraycopy(position, gamma(0), out, 0, dnfFeatures);
        return out;
    }

    /** kappa_top[a] = exp(log_kappa[a]), the laps-led concentration on the top-tier strengths (length 4). */
    public double[] kappaTop(double[] position, double[] out) {
        for (int a = 0; a < A; a++) {
            out[a] = Math.exp(position[logKappa(a)]);
        }
        return out;
    }

    /** kappa[a] = kappa_top[a] * lambda[a], the laps-led concentration on the likelihood's strengths (length 4). */
    public double[] kappa(double[] position, double[] out) {
        for (int a = 0; a < A; a++) {
            out[a] = kappa(position, a);
        }
        return out;
    }

    /** kappa of one archetype. */
    public double kappa(double[] position, int archetype) {
        return Math.exp(position[logKappa(archetype)]) * lambda(position, archetype);
    }

    /** lambda[a], the top-tier scale per archetype (length 4). Returns out. */
    public double[] lambda(double[] position, double[] out) {
        for (int a = 0; a < A; a++) {
            out[a] = lambda(position, a);
        }
        return out;
    }

    /** lambda of one archetype; 1 (plain Plackett-Luce) for a draw stored without the top-tier scales. */
    public double lambda(double[] position, int archetype) {
        int at = logLambda(archetype);
        return at < position.length ? Math.exp(position[at]) : 1.0;
    }

    /**
     * Strengths, DNF probabilities, kappa and top-tier scale of an upcoming race under every draw.
     *
     * @param wRowMajor as in {@link #dnfProbabilities}; xRowMajor as in {@link #strengths}
     */
    public DrawParameters perDraw(double[][] draws, int archetype, double[] xRowMajor, double[] wRowMajor,
                                  int drivers) {
        int count = draws.length;
        double[] eta = new double[count * drivers];
        double[] dnf = new double[count * drivers];
        double[] kappa = new double[count];
        double[] lambda = new double[count];
        double[] row = new double[drivers];
        for (int r = 0; r < count; r++) {
            strengths(draws[r], archetype, xRowMajor, drivers, row);
            System.arraycopy(row, 0, eta, r * drivers, drivers);
            dnfProbabilities(draws[r], archetype, wRowMajor, drivers, row);
            System.arraycopy(row, 0, dnf, r * drivers, drivers);
            kappa[r] = kappa(draws[r], archetype);
            lambda[r] = lambda(draws[r], archetype);
        }
        return new DrawParameters(eta, dnf, kappa, lambda, RaceModelData.DEFAULT_TOP_PLACES);
    }

    /**
     * Log-strengths eta_i = x_i . beta_archetype of an upcoming race's drivers.
     *
     * @param xRowMajor {@code [drivers * F]}, driver i's features at {@code i * F}
     * @param out       length >= drivers; returned
     */
    public double[] strengths(double[] position, int archetype, double[] xRowMajor, int drivers, double[] out) {
        double inverseLambda = 1.0 / lambda(position, archetype);
        for (int i = 0; i < drivers; i++) {
            double eta = 0.0;
            for (int f = 0; f < features; f++) {
                double beta = position[mu(f)] + Math.exp(position[logTau(f)]) * position[z(archetype, f)];
                eta += xRowMajor[i * features + f] * beta;
            }
            out[i] = eta * inverseLambda;
        }
        return out;
    }

    /**
     * DNF probabilities {@code 1 / (1 + exp(-(alpha_archetype + w_i . gamma)))} of an upcoming race's drivers.
     *
     * @param wRowMajor {@code [drivers * G]}, driver i's DNF features at {@code i * G}
     * @param out       length >= drivers; returned
     */
    public double[] dnfProbabilities(double[] position, int archetype, double[] wRowMajor, int drivers,
            double[] out) {
        double alpha = position[alphaMu()] + Math.exp(position[logAlphaTau()]) * position[alphaZ(archetype)];
        for (int i = 0; i < drivers; i++) {
            double logit = alpha;
            for (int g = 0; g < dnfFeatures; g++) {
                logit += wRowMajor[i * dnfFeatures + g] * position[gamma(g)];
            }
            out[i] = 1.0 / (1.0 + Math.exp(-logit));
        }
        return out;
    }
}
