package slipstream.kernels.rng;

import slipstream.kernels.vector.VectorSupport;

/**
 * Bulk fills of stream elements {@code firstElement .. firstElement + len - 1} of stream
 * {@code (seed, purpose, index)} into {@code out[off .. off + len - 1]}; element values are those of
 * {@link RandomStream}. Two twins: {@link ScalarRandomFill} and {@link PanamaRandomFill}; uniforms are
 * bit-identical across them, log/sin/cos-based values agree within a few ulps.
 */
public interface RandomFill {

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
