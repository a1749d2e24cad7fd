package slipstream.kernels.mcmc;

/** A point in phase space: position, momentum, and the log density and gradient at the position. */
final class PhasePoint {

    final double[] q;
    final double[] p;
    final double[] gradient;
    double logp;

    PhasePoint(int n) {
        q = new double[n];
        p = new double[n];
        gradient = new double[n];
    }

    void copyFrom(PhasePoint other) {
        System.arraycopy(other.q, 0, q, 0, q.length);
        System.arraycopy(other.p, 0, p, 0, p.length);
        System.arraycopy(other.gradient, 0, gradient, 0, gradient.length);
        logp = other.logp;
    }

    /** Hamiltonian H = -log p(q) + kinetic energy; NaN becomes +infinity (a divergence). */
    double hamiltonian(Metric metric) {
        double h = -logp + metric.kineticEnergy(p);
        return Double.isNaN(h) ? Double.POSITIVE_INFINITY : h;
    }
}
