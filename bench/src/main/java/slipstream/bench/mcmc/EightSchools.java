package slipstream.bench.mcmc;

import java.util.Locale;
import slipstream.kernels.mcmc.LogDensity;

/**
 * posteriordb's eight_schools_noncentered: mu ~ N(0, 5), tau ~ half-Cauchy(0, 5), theta_tilde ~ N(0, 1),
 * y ~ N(mu + tau * theta_tilde, sigma). Position (mu, log tau, theta_tilde[8]); log tau carries its Jacobian,
 * as Stan's lower=0 transform does. Stateless, so one instance serves every chain.
 */
final class EightSchools implements LogDensity {

    static final String[] NAMES = {"mu", "log_tau", "theta_tilde[1]", "theta_tilde[2]", "theta_tilde[3]",
        "theta_tilde[4]", "theta_tilde[5]", "theta_tilde[6]", "theta_tilde[7]", "theta_tilde[8]"};

    private final double[] y;
    private final double[] sigma;

    EightSchools(double[] y, double[] sigma) {
        this.y = y.clone();
        this.sigma = sigma.clone();
    }

    /** The data of posteriordb's eight_schools (Rubin 1981). */
    static EightSchools posteriordb() {
        return new EightSchools(new double[] {28, 8, -3, 7, -1, 1, 18, 12},
                new double[] {15, 10, 16, 11, 9, 11, 10, 18});
    }

    @Override
    public int dimension() {
        return 10;
    }

    @Override
    public double logDensity(double[] q, double[] g) {
        double mu = q[0];
        double tau = Math.exp(q[1]);
        double lp = -0.5 * mu * mu / 25 - Math.log1p(tau * tau / 25) + q[1];
        g[0] = -mu / 25;
        g[1] = 1 - 2 * tau * tau / 25 / (1 + tau * tau / 25);
        for (int j = 0; j < 8; j++) {
            double t = q[2 + j];
            double theta = mu + tau * t;
            double r = (y[j] - theta) / (sigma[j] * sigma[j]);
            lp += -0.5 * t * t - 0.5 * (y[j] - theta) * r;
            g[0] += r;
            g[1] += r * tau * t;
            g[2 + j] = -t + r * tau;
        }
        return lp;
    }

    String toR() {
        return String.format(Locale.ROOT, "list(J = 8L, y = %s, sigma = %s)%n", RList.vector(y), RList.vector(sigma));
    }
}
