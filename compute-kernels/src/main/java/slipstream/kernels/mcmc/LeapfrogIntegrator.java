package slipstream.kernels.mcmc;

/**
 * The explicit leapfrog integrator: half step in momentum, full step in position, half step in momentum.
 * Counts its steps so tests can assert exact leapfrog counts.
 */
class LeapfrogIntegrator {

    private final LogDensity density;
    private final Metric metric;
    private final double[] velocity;
    private long steps;

    LeapfrogIntegrator(LogDensity density, Metric metric) {
        this.density = density;
        this.metric = metric;
        this.velocity = new double[density.dimension()];
    }

    void evaluate(PhasePoint z) {
        z.logp = density.logDensity(z.q, z.gradient);
    }

    void step(PhasePoint z, double epsilon) {
        steps++;
        int n = z.q.length;
        for (int i = 0; i < n; i++) {
            z.p[i] += 0.5 * epsilon * z.gradient[i];
        }
        metric.velocity(z.p, velocity);
        for (int i = 0; i < n; i++) {
            z.q[i] += epsilon * velocity[i];
        }
        evaluate(z);
        for (int i = 0; i < n; i++) {
            z.p[i] += 0.5 * epsilon * z.gradient[i];
        }
    }

    long steps() {
        return steps;
    }
}
