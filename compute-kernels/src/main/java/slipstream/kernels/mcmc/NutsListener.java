package slipstream.kernels.mcmc;

/** Progress of sampling, called from the chain's thread every few iterations (keep it cheap). */
@FunctionalInterface
public interface NutsListener {

    enum Phase { WARMUP, SAMPLING }

    /**
     * @param iteration   1-based within the phase
     * @param divergences post-warmup divergences so far in this chain (0 during warmup)
     */
    void progress(Phase phase, int chain, int iteration, int iterations, int divergences, double stepSize);

    NutsListener NONE = (phase, chain, iteration, iterations, divergences, stepSize) -> { };
}
