package slipstream.kernels.mcmc;

/**
 * Sampler settings, as in Stan's defaults: 4 chains, 1000 warmup, 1000 draws, target acceptance 0.8, maximum
 * tree depth 10.
 */
public record NutsConfig(int chains, int warmup, int draws, long seed, double targetAccept, int maxTreeDepth) {

    public NutsConfig {
        if (chains < 1 || warmup < 0 || draws < 1 || !(targetAccept > 0 && targetAccept < 1) || maxTreeDepth < 1) {
            throw new IllegalArgumentException("invalid NUTS settings: chains >= 1, warmup >= 0, draws >= 1, "
                    + "0 < targetAccept < 1, maxTreeDepth >= 1");
        }
    }

    public static NutsConfig defaults(long seed) {
        return new NutsConfig(4, 1000, 1000, seed, 0.8, 10);
    }
}
