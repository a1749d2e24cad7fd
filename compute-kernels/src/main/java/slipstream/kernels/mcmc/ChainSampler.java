package slipstream.kernels.mcmc;

import java.util.function.BooleanSupplier;

/**
 * One chain: initialisation, adaptive warmup (dual averaging plus windowed metric adaptation, step size
 * re-initialised and averaging restarted after each metric update, as Stan does), then sampling with the
 * adapted step size and metric.
 */
final class ChainSampler {

    private static final int MAX_INIT_TRIES = 100;
    private static final int REPORT_EVERY = 10;

    private final LogDensity density;
    private final NutsConfig config;
    private final int chain;
    private final boolean denseMetric;
    private final UTurnCriterion criterion;

    ChainSampler(LogDensity density, NutsConfig config, int chain, boolean denseMetric, UTurnCriterion criterion) {
        this.density = density;
        this.config = config;
        this.chain = chain;
        this.denseMetric = denseMetric;
        this.criterion = criterion;
    }

    ChainResult run(NutsListener listener, BooleanSupplier cancelled) {
        int n = density.dimension();
        ChainRandom random = new ChainRandom(config.seed(), chain);
        Metric metric = denseMetric ? new DenseMetric(n) : new DiagonalMetric(n);
        LeapfrogIntegrator integrator = new LeapfrogIntegrator(density, metric);
        NutsTransition nuts = new NutsTransition(integrator, metric, criterion, random, n, config.maxTreeDepth());
        long started = System.nanoTime();
        PhasePoint z = initialise(integrator, random, n);

        double epsilon = 1.0;
        StepSizeAdaptation stepSize = new StepSizeAdaptation(config.targetAccept());
        stepSize.setMu(Math.log(10 * epsilon));
        epsilon = initialStepSize(z, epsilon, metric, integrator, random);
        WindowedAdaptation windows = new WindowedAdaptation(config.warmup());
        WelfordEstimator estimator = new WelfordEstimator(n, denseMetric);
        for (int it = 0; it < config.warmup(); it++) {
            check(cancelled);
            Transition t = nuts.transition(z, epsilon);
            epsilon = stepSize.learn(t.acceptStat());
            if (windows.inWindow()) {
                estimator.add(z.q);
            }
            boolean ended = windows.endOfWindow();
            if (ended) {
                metric.update(estimator);
                estimator.restart();
                epsilon = initialStepSize(z, epsilon, metric, integrator, random);
                stepSize.setMu(Math.log(10 * epsilon));
                stepSize.restart();
            }
            windows.advance(ended);
            if ((it + 1) % REPORT_EVERY == 0 || it + 1 == config.warmup()) {
                listener.progress(NutsListener.Phase.WARMUP, chain, it + 1, config.warmup(), 0, epsilon);
            }
        }
        if (config.warmup() > 0) {
            epsilon = stepSize.complete();
        }
        ChainResult result = new ChainResult(config.draws(), n, epsilon,
                metric instanceof DiagonalMetric d ? d.inverse().clone() : null);
        long samplingStarted = System.nanoTime();
        // Wall-clock time is reported, never used: the draws do not depend on it.
        result.warmupNanos = samplingStarted - started;
        int divergences = 0;
        for (int it = 0; it < config.draws(); it++) {
            check(cancelled);
            Transition t = nuts.transition(z, epsilon);
            result.record(it, z.q, t);
            divergences += t.divergent() ? 1 : 0;
            if ((it + 1) % REPORT_EVERY == 0 || it + 1 == config.draws()) {
                listener.progress(NutsListener.Phase.SAMPLING, chain, it + 1, config.draws(), divergences, epsilon);
            }
        }
        result.samplingNanos = System.nanoTime() - samplingStarted;
        return result;
    }

    private void check(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new SamplingCancelledException("sampling cancelled in chain " + chain);
        }
    }

    /** Uniform(-2, 2) initial positions, retried until the log density and gradient are finite. */
    private PhasePoint initialise(LeapfrogIntegrator integrator, ChainRandom random, int n) {
        PhasePoint z = new PhasePoint(n);
        for (int attempt = 0; attempt < MAX_INIT_TRIES; attempt++) {
            for (int i = 0; i < n; i++) {
                z.q[i] = -2 + 4 * random.uniform();
            }
            integrator.evaluate(z);
            if (Double.isFinite(z.logp) && allFinite(z.gradient)) {
                return z;
            }
        }
        throw new IllegalStateException("chain " + chain + ": no finite log density and gradient after "
                + MAX_INIT_TRIES + " uniform(-2, 2) initialisations");
    }

    /** Stan's init_stepsize: double or halve until one leapfrog step's acceptance crosses 0.8. */
    private static double initialStepSize(PhasePoint z, double epsilon, Metric metric, LeapfrogIntegrator integrator,
                                          ChainRandom random) {
        if (epsilon == 0 || epsilon > 1e7 || Double.isNaN(epsilon)) {
            return epsilon;
        }
        PhasePoint start = new PhasePoint(z.q.length);
        start.copyFrom(z);
        PhasePoint work = new PhasePoint(z.q.length);
        work.copyFrom(start);
        metric.sampleMomentum(random, work.p);
        double h0 = work.hamiltonian(metric);
        integrator.step(work, epsilon);
        double deltaH = h0 - work.hamiltonian(metric);
        int direction = deltaH > Math.log(0.8) ? 1 : -1;
        while (true) {
            work.copyFrom(start);
            metric.sampleMomentum(random, work.p);
            h0 = work.hamiltonian(metric);
            integrator.step(work, epsilon);
            deltaH = h0 - work.hamiltonian(metric);
            if (direction == 1 && !(deltaH > Math.log(0.8))) {
                break;
            } else if (direction == -1 && !(deltaH < Math.log(0.8))) {
                break;
            } else {
                epsilon = direction == 1 ? 2 * epsilon : 0.5 * epsilon;
            }
            if (epsilon > 1e7) {
                throw new IllegalStateException("step size search diverged to > 1e7: the posterior may be improper");
            }
            if (epsilon == 0) {
                throw new IllegalStateException("step size search collapsed to 0: the log density may be discontinuous");
            }
        }
        return epsilon;
    }

    private static boolean allFinite(double[] x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
