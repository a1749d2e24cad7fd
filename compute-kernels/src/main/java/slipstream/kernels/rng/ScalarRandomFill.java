package slipstream.kernels.rng;

/** Scalar twin of {@link RandomFill}: one Philox block per two elements, java.lang.Math transforms. */
public final class ScalarRandomFill implements RandomFill {

    static final int UNIFORM = 0;
    static final int NORMAL = 1;
    static final int GUMBEL = 2;
    static final int EXPONENTIAL = 3;

    @Override
    public void fillUniform(long seed, int purpose, long index, double[] out, int off, int len, long first) {
        fill(UNIFORM, seed, purpose, index, out, off, len, first);
    }

    @Override
    public void fillNormal(long seed, int purpose, long index, double[] out, int off, int len, long first) {
        fill(NORMAL, seed, purpose, index, out, off, len, first);
    }

    @Override
    public void fillGumbel(long seed, int purpose, long index, double[] out, int off, int len, long first) {
        fill(GUMBEL, seed, purpose, index, out, off, len, first);
    }

    @Override
    public void fillExponential(long seed, int purpose, long index, double[] out, int off, int len, long first) {
        fill(EXPONENTIAL, seed, purpose, index, out, off, len, first);
    }

    /** Fills {@code out[i..end)} with elements from {@code e}; shared with the Panama twin for heads and tails. */
    static void fill(int kind, long seed, int purpose, long index, double[] out, int off, int len, long first) {
        RandomStream.checkRange(out, off, len, first);
        fillUnchecked(kind, seed, purpose, index, out, off, off + len, first);
    }

    static void fillUnchecked(int kind, long seed, int purpose, long index, double[] out, int i, int end, long e) {
        int k0 = (int) seed;
        int k1 = (int) (seed >>> 32);
        int c2 = (int) index;
        int c3 = (int) (index >>> 32);
        long[] h = new long[2]; // scalar-replaced by escape analysis
        while (i < end) {
            Philox4x32.halves((int) (e >>> 1), purpose, c2, c3, k0, k1, h, 0);
            double v0;
            double v1;
            double u0 = RandomStream.toUniform(h[0]);
            double u1 = RandomStream.toUniform(h[1]);
            switch (kind) {
                case UNIFORM -> {
                    v0 = u0;
                    v1 = u1;
                }
                case NORMAL -> {
                    double r = Math.sqrt(-2.0 * Math.log(u0));
                    double t = RandomStream.TWO_PI * u1;
                    v0 = r * Math.cos(t);
                    v1 = r * Math.sin(t);
                }
                case GUMBEL -> {
                    v0 = -Math.log(-Math.log(u0));
                    v1 = -Math.log(-Math.log(u1));
                }
                default -> {
                    v0 = -Math.log(u0);
                    v1 = -Math.log(u1);
                }
            }
            if ((e & 1) == 0) {
                out[i++] = v0;
                e++;
                if (i < end) {
                    out[i++] = v1;
                    e++;
                }
            } else {
                out[i++] = v1;
                e++;
            }
        }
    }
}
