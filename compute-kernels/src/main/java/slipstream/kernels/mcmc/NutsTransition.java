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
    private final int maxDepth;

    // Per-transition accumulators (Stan keeps them as by-reference arguments).
    private int leapfrogs;
    private double sumMetropolis;
    private boolean divergent;

    // Trajectory state, reused by every transition (Stan's locals of base_nuts::transition).
    private final PhasePoint z;
    private final PhasePoint forward;
    private final PhasePoint backward;
    private final PhasePoint sample;
    private final PhasePoint propose;
    private final double[] pFwdFwd;
    private final double[] pSharpFwdFwd;
    private final double[] pFwdBck;
    private final double[] pSharpFwdBck;
    private final double[] pBckFwd;
    private final double[] pSharpBckFwd;
    private final double[] pBckBck;
    private final double[] pSharpBckBck;
    private final double[] rho;
    private final double[] rhoFwd;
    private final double[] rhoBck;
    private final double[] extended;
    private final double[] logSumWeightSubtree = new double[1];
    private final Level[] levels;

    NutsTransition(LeapfrogIntegrator integrator, Metric metric, UTurnCriterion criterion, ChainRandom random,
                   int dimension, int maxDepth) {
        this.integrator = integrator;
        this.metric = metric;
        this.criterion = criterion;
        this.random = random;
        this.n = dimension;
        this.maxDepth = maxDepth;
        z = new PhasePoint(n);
        forward = new PhasePoint(n);
        backward = new PhasePoint(n);
        sample = new PhasePoint(n);
        propose = new PhasePoint(n);
        pFwdFwd = new double[n];
        pSharpFwdFwd = new double[n];
        pFwdBck = new double[n];
        pSharpFwdBck = new double[n];
        pBckFwd = new double[n];
        pSharpBckFwd = new double[n];
        pBckBck = new double[n];
        pSharpBckBck = new double[n];
        rho = new double[n];
        rhoFwd = new double[n];
        rhoBck = new double[n];
        extended = new double[n];
        levels = new Level[Math.max(1, maxDepth)];
        for (int d = 1; d < levels.length; d++) {
            levels[d] = new Level(n);
        }
    }

    /** Moves {@code current} to the new sample; returns the transition's statistics. */
    Transition transition(PhasePoint current, double epsilon) {
        metric.sampleMomentum(random, current.p);
        PhasePoint z = this.z;
        z.copyFrom(current);
        forward.copyFrom(z);
        backward.copyFrom(z);
        sample.copyFrom(z);
        propose.copyFrom(z);

        metric.velocity(z.p, pSharpFwdFwd);
        System.arraycopy(z.p, 0, pFwdFwd, 0, n);
        System.arraycopy(pSharpFwdFwd, 0, pSharpFwdBck, 0, n);
        System.arraycopy(pSharpFwdFwd, 0, pSharpBckFwd, 0, n);
        System.arraycopy(pSharpFwdFwd, 0, pSharpBckBck, 0, n);
        System.arraycopy(z.p, 0, pFwdBck, 0, n);
        System.arraycopy(z.p, 0, pBckFwd, 0, n);
        System.arraycopy(z.p, 0, pBckBck, 0, n);
        System.arraycopy(z.p, 0, rho, 0, n);
        double logSumWeight = 0;
        double h0 = z.hamiltonian(metric);

        leapfrogs = 0;
        sumMetropolis = 0;
        divergent = false;
        int depth = 0;
        while (depth < maxDepth) {
            java.util.Arrays.fill(rhoFwd, 0);
            java.util.Arrays.fill(rhoBck, 0);
            logSumWeightSubtree[0] = Double.NEGATIVE_INFINITY;
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
        // This level's scratch is live across both recursive calls, which use the level below: one set per depth.
        Level l = levels[depth];
        // The initial half of the subtree.
        l.logSumWeightInit[0] = Double.NEGATIVE_INFINITY;
        java.util.Arrays.fill(l.rhoInit, 0);
        if (!buildTree(depth - 1, z, propose, pSharpBeg, l.pSharpInitEnd, l.rhoInit, pBeg, l.pInitEnd, h0, epsilon,
                l.logSumWeightInit)) {
            return false;
        }
        // The final half.
        l.proposeFinal.copyFrom(z);
        l.logSumWeightFinal[0] = Double.NEGATIVE_INFINITY;
        java.util.Arrays.fill(l.rhoFinal, 0);
        if (!buildTree(depth - 1, z, l.proposeFinal, l.pSharpFinalBeg, pSharpEnd, l.rhoFinal, l.pFinalBeg, pEnd, h0,
                epsilon, l.logSumWeightFinal)) {
            return false;
        }
        // Uniform progressive sampling between the halves.
        double logSumWeightSubtree = logSumExp(l.logSumWeightInit[0], l.logSumWeightFinal[0]);
        logSumWeight[0] = logSumExp(logSumWeight[0], logSumWeightSubtree);
        if (l.logSumWeightFinal[0] > logSumWeightSubtree) {
            propose.copyFrom(l.proposeFinal);
        } else if (random.uniform() < Math.exp(l.logSumWeightFinal[0] - logSumWeightSubtree)) {
            propose.copyFrom(l.proposeFinal);
        }
        double[] rhoSubtree = l.rhoSubtree;
        for (int i = 0; i < n; i++) {
            rhoSubtree[i] = l.rhoInit[i] + l.rhoFinal[i];
            rho[i] += rhoSubtree[i];
        }
        boolean persist = criterion.persists(pSharpBeg, pSharpEnd, rhoSubtree);
        double[] extended = l.extended;
        for (int i = 0; i < n; i++) {
            extended[i] = l.rhoInit[i] + l.pFinalBeg[i];
        }
        persist &= criterion.persists(pSharpBeg, l.pSharpFinalBeg, extended);
        for (int i = 0; i < n; i++) {
            extended[i] = l.rhoFinal[i] + l.pInitEnd[i];
        }
        persist &= criterion.persists(l.pSharpInitEnd, pSharpEnd, extended);
        return persist;
    }

    /** Scratch of one recursion level of {@link #buildTree}, allocated once per sampler (none per transition). */
    private static final class Level {
        final double[] logSumWeightInit = new double[1];
        final double[] logSumWeightFinal = new double[1];
        final double[] pInitEnd;
        final double[] pSharpInitEnd;
        final double[] rhoInit;
        final PhasePoint proposeFinal;
        final double[] pFinalBeg;
        final double[] pSharpFinalBeg;
        final double[] rhoFinal;
        final double[] rhoSubtree;
        final double[] extended;

        Level(int n) {
            pInitEnd = new double[n];
            pSharpInitEnd = new double[n];
            rhoInit = new double[n];
            proposeFinal = new PhasePoint(n);
            pFinalBeg = new double[n];
            pSharpFinalBeg = new double[n];
            rhoFinal = new double[n];
            rhoSubtree = new double[n];
            extended = new double[n];
        }
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
