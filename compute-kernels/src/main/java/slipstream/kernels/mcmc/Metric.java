package slipstream.kernels.mcmc;

/** The Euclidean metric of HMC: kinetic energy 0.5 p' M^-1 p with momentum p ~ N(0, M). */
interface Metric {

    double kineticEnergy(double[] p);

    /** dtau/dp = M^-1 p (the "sharp" momentum used by the U-turn criterion). */
    void velocity(double[] p, double[] out);

    void sampleMomentum(ChainRandom random, double[] out);

    /** Replaces M^-1 with an estimate of the posterior covariance of the adaptation window. */
    void update(WelfordEstimator estimator);
}
