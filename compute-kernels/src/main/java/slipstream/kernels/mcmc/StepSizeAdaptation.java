package slipstream.kernels.mcmc;

/**
 * Nesterov dual averaging of the log step size (Hoffman and Gelman 2014, as in Stan): gamma 0.05, kappa 0.75,
 * t0 10, mu = log(10 epsilon_0), target delta = the requested acceptance statistic.
 */
final class StepSizeAdaptation {

    static final double GAMMA = 0.05;
    static final double KAPPA = 0.75;
    static final double T0 = 10;

    private final double delta;
    private double mu;
    private double counter;
    private double sBar;
    private double xBar;

    StepSizeAdaptation(double delta) {
        this.delta = delta;
    }

    void setMu(double mu) {
        this.mu = mu;
    }

    void restart() {
        counter = 0;
        sBar = 0;
        xBar = 0;
    }

    /** Returns the next step size given the last transition's acceptance statistic. */
    double learn(double acceptStat) {
        counter++;
        double stat = Math.min(1.0, acceptStat);
        double eta = 1.0 / (counter + T0);
        sBar = (1.0 - eta) * sBar + eta * (delta - stat);
        double x = mu - sBar * Math.sqrt(counter) / GAMMA;
        double xEta = Math.pow(counter, -KAPPA);
        xBar = (1.0 - xEta) * xBar + xEta * x;
        return Math.exp(x);
    }

    /** The step size to keep after warmup: exp of the averaged iterate. */
    double complete() {
        return Math.exp(xBar);
    }
}
