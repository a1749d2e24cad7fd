package slipstream.kernels.mcmc;

import java.util.List;

/** Post-warmup draws ([chain][draw][dimension], unconstrained) and per-draw sampler statistics ([chain][draw]). */
public final class NutsResult {

    private final List<ChainResult> chains;

    NutsResult(List<ChainResult> chains) {
        this.chains = List.copyOf(chains);
    }

    public double[][][] draws() {
        double[][][] out = new double[chains.size()][][];
        for (int c = 0; c < out.length; c++) {
            out[c] = chains.get(c).draws;
        }
        return out;
    }

    /**
     * Rewrites every post-warmup draw in place, e.g. from a reparameterised model's sampling coordinates back to
     * the coordinates the draws are stored and read in. Sampler statistics are unchanged.
     */
    public void transformDraws(java.util.function.Consumer<double[]> inPlace) {
        for (ChainResult c : chains) {
            for (double[] draw : c.draws) {
                inPlace.accept(draw);
            }
        }
    }

    /** Post-warmup divergent transitions over all chains. */
    public int divergences() {
        int d = 0;
        for (ChainResult c : chains) {
            for (boolean b : c.divergent) {
                d += b ? 1 : 0;
            }
        }
        return d;
    }

    public int chains() {
        return chains.size();
    }

    /** Draws of one parameter, [chain][draw]: the shape {@link Diagnostics} takes. */
    public double[][] parameter(int index) {
        double[][] out = new double[chains.size()][];
        for (int c = 0; c < out.length; c++) {
            double[][] draws = chains.get(c).draws;
            out[c] = new double[draws.length];
            for (int i = 0; i < draws.length; i++) {
                out[c][i] = draws[i][index];
            }
        }
        return out;
    }

    public double[][] stepSize() {
        return chains.stream().map(c -> c.stepSize).toArray(double[][]::new);
    }

    public int[][] treeDepth() {
        return chains.stream().map(c -> c.treeDepth).toArray(int[][]::new);
    }

    public int[][] leapfrogSteps() {
        return chains.stream().map(c -> c.leapfrog).toArray(int[][]::new);
    }

    /** 1 for a divergent transition, else 0. */
    public int[][] divergent() {
        int[][] out = new int[chains.size()][];
        for (int c = 0; c < out.length; c++) {
            boolean[] d = chains.get(c).divergent;
            out[c] = new int[d.length];
            for (int i = 0; i < d.length; i++) {
                out[c][i] = d[i] ? 1 : 0;
            }
        }
        return out;
    }

    /** Hamiltonian at each draw (Stan's energy__). */
    public double[][] energy() {
        return chains.stream().map(c -> c.energy).toArray(double[][]::new);
    }

    public double[][] acceptStat() {
        return chains.stream().map(c -> c.acceptStat).toArray(double[][]::new);
    }

    public double[][] logDensity() {
        return chains.stream().map(c -> c.logp).toArray(double[][]::new);
    }

    /** Step size of each chain after adaptation. */
    public double[] adaptedStepSizes() {
        return chains.stream().mapToDouble(c -> c.adaptedStepSize).toArray();
    }

    /** E-BFMI of each chain. */
    public double[] ebfmi() {
        return chains.stream().mapToDouble(c -> Diagnostics.ebfmi(c.energy)).toArray();
    }

    /** Wall-clock seconds each chain spent in initialisation and warmup (reported, never used by the sampler). */
    public double[] warmupSeconds() {
        return chains.stream().mapToDouble(c -> c.warmupNanos * 1e-9).toArray();
    }

    /** Wall-clock seconds each chain spent drawing its post-warmup samples (Stan's "Sampling" elapsed time). */
    public double[] samplingSeconds() {
        return chains.stream().mapToDouble(c -> c.samplingNanos * 1e-9).toArray();
    }
}
