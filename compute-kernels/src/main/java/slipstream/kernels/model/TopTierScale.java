package slipstream.kernels.model;

/**
 * The sampled scale of the strengths. The strength coefficients and the laps-led concentration are sampled on the
 * top tier's scale ({@code beta_top = lambda beta}, {@code kappa_top = kappa / lambda}), where the finishing order's
 * first places and the laps led pin them; lambda is then identified by how much flatter the places after the top
 * tier are. On the likelihood's own scale (beta, kappa, lambda) the posterior is a curved ridge along
 * {@code lambda beta = const} (correlations of 0.8 between log lambda, log kappa and the strength coefficients on
 * 2015-2022 data), which NUTS crossed with divergences. The model is the same; only the coordinates differ. With
 * lambda = 1 both scales coincide, so draws stored before the top tier existed read unchanged.
 */
final class TopTierScale {
    private TopTierScale() {}

    /**
     * The likelihood's parameters from the sampled ones: {@code beta[a F + f] = betaTop[a F + f] / lambda[a]},
     * {@code kappa[a] = kappaTop[a] * lambda[a]}.
     */
    static void toLikelihoodScale(double[] betaTop, double[] kappaTop, double[] lambda, int features, double[] beta,
                                  double[] kappa) {
        for (int a = 0; a < Archetype.COUNT; a++) {
            double inverse = 1.0 / lambda[a];
            for (int f = 0; f < features; f++) {
                beta[a * features + f] = betaTop[a * features + f] * inverse;
            }
            kappa[a] = kappaTop[a] * lambda[a];
        }
    }

    /**
     * Turns the likelihood's gradient with respect to (beta, kappa, lambda), in place, into the gradient with
     * respect to (beta_top, log kappa_top, log lambda); beta, kappa and lambda are the likelihood-scale values.
     */
    static void toSampledGradient(double[] beta, double[] kappa, double[] lambda, int features, double[] gradBeta,
                                  double[] gradKappa, double[] gradLambda) {
        for (int a = 0; a < Archetype.COUNT; a++) {
            // beta = beta_top / lambda and kappa = kappa_top * lambda, so d/d log lambda picks up -beta and kappa.
            double logLambda = lambda[a] * gradLambda[a] + kappa[a] * gradKappa[a];
            double inverse = 1.0 / lambda[a];
            for (int f = 0; f < features; f++) {
                int i = a * features + f;
                logLambda -= beta[i] * gradBeta[i];
                gradBeta[i] *= inverse;
            }
            gradKappa[a] *= kappa[a];
            gradLambda[a] = logLambda;
        }
    }
}
