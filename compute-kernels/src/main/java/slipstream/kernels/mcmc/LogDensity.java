package slipstream.kernels.mcmc;

/** A log density on the unconstrained scale, with its gradient. Implementations need not be thread-safe. */
public interface LogDensity {
    int dimension();

    /** Returns log p(position) up to a constant and fills {@code gradientOut} with its gradient. */
    double logDensity(double[] position, double[] gradientOut);
}
