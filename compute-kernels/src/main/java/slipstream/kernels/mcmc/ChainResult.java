package slipstream.kernels.mcmc;

/** Post-warmup draws and per-draw sampler statistics of one chain. */
final class ChainResult {

    final double[][] draws;
    final double[] stepSize;
    final int[] treeDepth;
    final int[] leapfrog;
    final boolean[] divergent;
    final double[] energy;
    final double[] acceptStat;
    final double[] logp;
    final double adaptedStepSize;
    final double[] inverseMetric;
    long warmupNanos;
    long samplingNanos;

    ChainResult(int draws, int dimension, double adaptedStepSize, double[] inverseMetric) {
        this.draws = new double[draws][dimension];
        this.stepSize = new double[draws];
        this.treeDepth = new int[draws];
        this.leapfrog = new int[draws];
        this.divergent = new boolean[draws];
        this.energy = new double[draws];
        this.acceptStat = new double[draws];
        this.logp = new double[draws];
        this.adaptedStepSize = adaptedStepSize;
        this.inverseMetric = inverseMetric;
    }

    void record(int i, double[] q, Transition t) {
        System.arraycopy(q, 0, draws[i], 0, q.length);
        stepSize[i] = t.stepSize();
        treeDepth[i] = t.treeDepth();
        leapfrog[i] = t.leapfrogSteps();
        divergent[i] = t.divergent();
        energy[i] = t.energy();
        acceptStat[i] = t.acceptStat();
        logp[i] = t.logp();
    }
}
