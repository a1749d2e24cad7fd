package slipstream.kernels.mcmc;

import slipstream.kernels.rng.Purpose;
import slipstream.kernels.rng.RandomStream;

/**
 * The random numbers of one chain: element k of the counter-based stream (seed, NUTS, chain), so a chain's
 * draws depend only on (seed, chain), never on thread timing.
 */
final class ChainRandom {

    private final RandomStream stream;
    private long next;

    ChainRandom(long seed, int chain) {
        this.stream = new RandomStream(seed, Purpose.NUTS, chain);
    }

    double uniform() {
        return stream.uniform(next++);
    }

    double normal() {
        return stream.normal(next++);
    }
}
