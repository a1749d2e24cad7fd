package slipstream.kernels.rng;

import slipstream.kernels.vector.VectorSupport;

/**
 * Bulk fills of stream elements {@code firstElement .. firstElement + len - 1} of stream
 * {@code (seed, purpose, index)} into {@code out[off .. off + len - 1]}; element values are those of
 * {@link RandomStream}. Two twins, {@link ScalarRandomFill} and {@link PanamaRandomFill}, give the same bits for
 * every kind, interpreted or compiled.
 */
public interface RandomFill {

    /** The raw 64 bits of each element, as {@link RandomStream#bits}: for callers that map bits themselves. */
    void fillBits(long seed, int purpose, long index, long[] out, int off, int len, long firstElement);

    void fillUniform(long seed, int purpose, long index, double[] out, int off, int len, long firstElement);

    void fillNormal(long seed, int purpose, long index, double[] out, int off, int len, long firstElement);

    void fillGumbel(long seed, int purpose, long index, double[] out, int off, int len, long firstElement);

    void fillExponential(long seed, int purpose, long index, double[] out, int off, int len, long firstElement);

    /** The twin chosen once per JVM by {@link VectorSupport}. */
    static RandomFill get() {
        return Holder.INSTANCE;
    }

    /** Lazily initialised holder, so the choice is made once and only when first needed. */
    final class Holder {
        private Holder() {}

        static final RandomFill INSTANCE = VectorSupport.select(ScalarRandomFill::new, PanamaRandomFill::new);
    }
}
