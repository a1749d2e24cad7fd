package slipstream.kernels.mcmc;

/**
 * One NUTS transition exactly as Stan's {@code base_nuts::transition}: the trajectory doubles in a random
 * direction until a U-turn, a divergence or the maximum depth. Samples are multinomial: inside a subtree the
 * choice is uniform progressive (take the newer half with probability w_new / (w_old + w_new)); at the top
 * level it is biased progressive (take the new subtree with probability min(1, w_new / w_old)). At every
 * merge the generalised U-turn criterion is checked three times: across the merged tree, and across the
 * boundary between its halves in both directions. A divergence is H - H0 > 1000 (NaN counts). The acceptance
 * statistic is the mean of min(1, exp(H0 - H)) over every leapfrog step.
 */
final class NutsTransition {

    static final double MAX_DELTA_H = 1000;

    private final LeapfrogIntegrator integrator;
    private final Metric metric;
    private final UTurnCriterion criterion;
    private final ChainRandom random;
    private final int n;
    private int maxDepth;

    // Per-transition accumulators (Stan keeps them as by-reference arguments).
    private int leapfrogs;
    private double sumMetropolis;
    private boolean divergent;

    NutsTransition(LeapfrogIntegrator integrator, Metric metric, UTurnCriterion criterion, ChainRandom random,
                   int dimension, int maxDepth) {
        this.integrator = integrator;
        this.metric = metric;
        this.criterion = criterion;
        this.random = random;
        this.n = dimension;
        this.maxDepth = maxDepth;
    }

    /** Moves {@code current} to the new sample; returns the transition's statistics. */
    Transition transition(PhasePoint current, double epsilon) {
        metric.sampleMomentum(random, current.p);
        PhasePoint z = new PhasePoint(n);
        z.copyFrom(current);
        PhasePoint forward = new PhasePoint(n);
        forward.copyFrom(z);
        PhasePoint backward = new PhasePoint(n);
        backward.copyFrom(z);
        PhasePoint sample = new PhasePoint(n);
        sample.copyFrom(z);
        PhasePoint propose = new PhasePoint(n);
        propose.copyFrom(z);

        double[] sharp = new double[n];
        metric.velocity(z.p, sharp);
        double[] pFwdFwd = z.p.clone();
        double[] pSharpFwdFwd = sharp.clone();
        double[] pFwdBck = z.p.clone();
        double[] pSharpFwdBck = sharp.clone();
        double[] pBckFwd = z.p.clone();
        double[] pSharpBckFwd = sharp.clone();
        double[] pBckBck = z.p.clone();
        double[] pSharpBckBck = sharp.clone();
        double[] rho = z.p.clone();
        double logSumWeight = 0;
        double h0 = z.hamiltonian(metric);

        leapfrogs = 0;
        sumMetropolis = 0;
        divergent = false;
        int depth = 0;
        while (depth < maxDepth) {
            double[] rhoFwd = new double[n];
            double[] rhoBck = new double[n];
            double[] logSumWeightSubtree = {Double.NEGATIVE_INFINITY};
            boolean valid;
            if (random.uniform() > 0.5) {
                z.copyFrom(forward);
                System.arraycopy(rho, 0, rhoBck, 0, n);
                System.arraycopy(pFwdBck, 0, pBckFwd, 0, n);
                System.arraycopy(pSharpFwdBck, 0, pSharpBckFwd, 0, n);
                valid = buildTree(depth, z, propose, pSharpFwdBck, pSharpFwdFwd, rhoFwd, pFwdBck, pFwdFwd, h0, epsilon,
                        logSumWeightSubtree);
                forward.copyFrom(z);
            } else {
                z.copyFrom(backward);
                System.arraycopy(rho, 0, rhoFwd, 0, n);
                System.arraycopy(pBckFwd, 0, pFwdBck, 0, n);
                System.arraycopy(pSharpBckFwd, 0, pSharpFwdBck, 0, n);
                valid = buildTree(depth, z, propose, pSharpBckFwd, pSharpBckBck, rhoBck, pBckFwd, pBckBck, h0, -epsilon,
                        logSumWeightSubtree);
                backward.copyFrom(z);
            }
            if (!valid) {
                break;
            }
            depth++;
            if (logSumWeightSubtree[0] > logSumWeight) {
                sample.copyFrom(propose);
            } else if (random.uniform() < Math.exp(logSumWeightSubtree[0] - logSumWeight)) {
                sample.copyFrom(propose);
            }
            logSumWeight = logSumExp(logSumWeight, logSumWeightSubtree[0]);
            for (int i = 0; i < n; i++) {
                rho[i] = rhoBck[i] + rhoFwd[i];
            }
            boolean persist = criterion.persists(pSharpBckBck, pSharpFwdFwd, rho);
            double[] extended = new double[n];
            for (int i = 0; i < n; i++) {
                extended[i] = rhoBck[i] + pFwdBck[i];
            }
            persist &= criterion.persists(pSharpBckBck, pSharpFwdBck, extended);
            for (int i = 0; i < n; i++) {
                extended[i] = rhoFwd[i] + pBckFwd[i];
            }
            persist &= criterion.persists(pSharpBckFwd, pSharpFwdFwd, extended);
            if (!persist) {
                break;
            }
        }
        current.copyFrom(sample);
        double accept = leapfrogs == 0 ? 0 : sumMetropolis / leapfrogs;
        return new Transition(epsilon, depth, leapfrogs, divergent, current.hamiltonian(metric), accept, current.logp);
    }

    private boolean buildTree(int depth, PhasePoint z, PhasePoint propose, double[] pSharpBeg, double[] pSharpEnd,
                              double[] rho, double[] pBeg, double[] pEnd, double h0, double epsilon,
                              double[] logSumWeight) {
        if (depth == 0) {
            integrator.step(z, epsilon);
            leapfrogs++;
            double h = z.hamiltonian(metric);
            if (h - h0 > MAX_DELTA_H) {
                divergent = true;
            }
            logSumWeight[0] = logSumExp(logSumWeight[0], h0 - h);
            sumMetropolis += h0 - h > 0 ? 1 : Math.exp(h0 - h);
            propose.copyFrom(z);
            metric.velocity(z.p, pSharpBeg);
            System.arraycopy(pSharpBeg, 0, pSharpEnd, 0, n);
            for (int i = 0; i < n; i++) {
                rho[i] += z.p[i];
            }
            System.arraycopy(z.p, 0, pBeg, 0, n);
            System.arraycopy(pBeg, 0, pEnd, 0, n);
            return !divergent;
        }
        // The initial half of the subtree.
        double[] logSumWeightInit = {Double.NEGATIVE_INFINITY};
        double[] pInitEnd = new double[n];
        double[] pSharpInitEnd = new double[n];
        double[] rhoInit = new double[n];
        if (!buildTree(depth - 1, z, propose, pSharpBeg, pSharpInitEnd, rhoInit, pBeg, pInitEnd, h0, epsilon,
                logSumWeightInit)) {
            return false;
        }
        // The final half.
        PhasePoint proposeFinal = new PhasePoint(n);
        proposeFinal.copyFrom(z);
        double[] logSumWeightFinal = {Double.NEGATIVE_INFINITY};
        double[] pFinalBeg = new double[n];
        double[] pSharpFinalBeg = new double[n];
        double[] rhoFinal = new double[n];
        if (!buildTree(depth - 1, z, proposeFinal, pSharpFinalBeg, pSharpEnd, rhoFinal, pFinalBeg, pEnd, h0, epsilon,
                logSumWeightFinal)) {
            return false;
        }
        // Uniform progressive sampling between the halves.
        double logSumWeightSubtree = logSumExp(logSumWeightInit[0], logSumWeightFinal[0]);
        logSumWeight[0] = logSumExp(logSumWeight[0], logSumWeightSubtree);
        if (logSumWeightFinal[0] > logSumWeightSubtree) {
            propose.copyFrom(proposeFinal);
        } else if (random.uniform() < Math.exp(logSumWeightFinal[0] - logSumWeightSubtree)) {
            propose.copyFrom(proposeFinal);
        }
        double[] rhoSubtree = new double[n];
        for (int i = 0; i < n; i++) {
            rhoSubtree[i] = rhoInit[i] + rhoFinal[i];
            rho[i] += rhoSubtree[i];
        }
        boolean persist = criterion.persists(pSharpBeg, pSharpEnd, rhoSubtree);
        double[] extended = new double[n];
        for (int i = 0; i < n; i++) {
            extended[i] = rhoInit[i] + pFinalBeg[i];
        }
        persist &= criterion.persists(pSharpBeg, pSharpFinalBeg, extended);
        for (int i = 0; i < n; i++) {
            extended[i] = rhoFinal[i] + pInitEnd[i];
        }
        persist &= criterion.persists(pSharpInitEnd, pSharpEnd, extended);
        return persist;
    }

    static double logSumExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double max = Math.max(a, b);
        return max + Math.log(Math.exp(a - max) + Math.exp(b - max));
    }
}
