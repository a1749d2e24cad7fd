package slipstream.kernels.mcmc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The No-U-Turn Sampler as in Stan (multinomial sampling, generalised U-turn criterion, windowed adaptation
 * of a diagonal or dense metric, dual-averaging step size). Each chain's result depends only on (seed, chain).
 */
public final class Nuts {

    private Nuts() {}

    /** Runs the chains one after another on the calling thread (the density is used by one chain at a time). */
    public static NutsResult sample(LogDensity model, NutsConfig config) {
        return sample(() -> model, config, Runnable::run, NutsListener.NONE, () -> false, false);
    }

    /**
     * Runs the chains in parallel on {@code executor}, one density instance per chain (densities need not be
     * thread-safe). The listener is called from chain threads every few iterations; {@code cancelled} is polled
     * before every iteration, and the first chain to see it throws {@link SamplingCancelledException}.
     *
     * @param denseMetric estimate a dense metric (EJML Cholesky) instead of the default diagonal one
     */
    public static NutsResult sample(Supplier<? extends LogDensity> perChain, NutsConfig config, Executor executor,
                                    NutsListener listener, BooleanSupplier cancelled, boolean denseMetric) {
        List<CompletableFuture<ChainResult>> futures = new ArrayList<>();
        for (int c = 0; c < config.chains(); c++) {
            int chain = c;
            futures.add(CompletableFuture.supplyAsync(() -> new ChainSampler(perChain.get(), config, chain, denseMetric,
                    UTurnCriterion.GENERALISED).run(listener, cancelled), executor));
        }
        List<ChainResult> results = new ArrayList<>();
        for (CompletableFuture<ChainResult> f : futures) {
            try {
                results.add(f.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
        return new NutsResult(results);
    }
}
