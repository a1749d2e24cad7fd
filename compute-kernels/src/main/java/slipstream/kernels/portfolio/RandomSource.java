package slipstream.kernels.portfolio;

import slipstream.kernels.rng.RandomStream;

/**
 * Counter-based random numbers keyed by (purpose, index, counter) under a run seed: the value depends only on
 * the key, never on call order, thread count or batch size. This is the narrow view the portfolio kernels need;
 * {@link #streams} puts it on the project's Philox streams ({@link RandomStream}), which the server uses.
 */
@FunctionalInterface
public interface RandomSource {
    /** Stream purposes used by this package (distinct from other kernels' purposes by the high bits). */
    int PURPOSE_FIELD = 0x5070_0001;
    int PURPOSE_BOOTSTRAP = 0x5070_0002;
    int PURPOSE_SCENARIO_BLOCKS = 0x5070_0003;

    /** 64 random bits for the key. */
    long bits(int purpose, long index, long counter);

    /** Uniform double in [0, 1) with 53 random bits. */
    default double uniform(int purpose, long index, long counter) {
        return (bits(purpose, index, counter) >>> 11) * 0x1.0p-53;
    }

    /** Uniform int in [0, bound) (bound > 0), by multiply-shift on 32 high bits; bias below 2^-32 * bound. */
    default int below(int purpose, long index, long counter, int bound) {
        return belowFromBits(bits(purpose, index, counter), bound);
    }

    /**
     * {@code out[off + i] = bits(purpose, index, firstCounter + i)} for {@code i < len}. Sources whose values come
     * in blocks override this to compute each block once for a run of counters; the values must stay those of
     * {@link #bits}.
     */
    default void bitsInto(int purpose, long index, long firstCounter, long[] out, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, out.length);
        for (int i = 0; i < len; i++) {
            out[off + i] = bits(purpose, index, firstCounter + i);
        }
    }

    /**
     * The same streams with every index moved up by {@code shift}: a run that uses indices below it draws from keys
     * this view never reaches, so the two are independent.
     */
    default RandomSource shifted(long shift) {
        RandomSource base = this;
        return new RandomSource() {
            @Override
            public long bits(int purpose, long index, long counter) {
                return base.bits(purpose, index + shift, counter);
            }

            @Override
            public void bitsInto(int purpose, long index, long firstCounter, long[] out, int off, int len) {
                base.bitsInto(purpose, index + shift, firstCounter, out, off, len);
            }
        };
    }

    /** The int in [0, bound) that {@link #below(int, long, long, int)} makes of these bits. */
    static int belowFromBits(long bits, int bound) {
        return (int) (((bits >>> 32) * bound) >>> 32);
    }

    /**
     * The project's counter-based Philox streams under a run seed: {@code bits} is
     * {@link RandomStream#bits(long, int, long, long)} and bulk draws fill whole Philox blocks (two values each)
     * with the same values.
     */
    static RandomSource streams(long seed) {
        return new RandomSource() {
            @Override
            public long bits(int purpose, long index, long counter) {
                return RandomStream.bits(seed, purpose, index, counter);
            }

            @Override
            public void bitsInto(int purpose, long index, long firstCounter, long[] out, int off, int len) {
                RandomStream.bitsInto(seed, purpose, index, firstCounter, out, off, len);
            }
        };
    }

    /**
     * A self-contained stream for kernel tests and benchmarks: two rounds of the SplitMix64 finaliser over the key
     * words; statistically adequate for sampling fields and bootstrap indices. The server uses {@link #streams}.
     */
    static RandomSource mixing(long seed) {
        return (purpose, index, counter) -> {
            long x = mix(seed ^ 0x9E3779B97F4A7C15L * (purpose + 1L));
            x = mix(x ^ mix(index + 0xD1B54A32D192ED03L));
            return mix(x ^ mix(counter * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL));
        };
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
