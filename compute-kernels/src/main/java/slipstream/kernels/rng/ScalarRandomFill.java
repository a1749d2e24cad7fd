package slipstream.kernels.rng;

/** Scalar twin of {@link RandomFill}: one Philox block per two elements, java.lang.Math transforms. */
public final class ScalarRandomFill implements RandomFill {

    static final int UNIFORM = 0;
    static final int NORMAL = 1;
    static final int GUMBEL = 2;
    static final int EXPONENTIAL = 3;

    @Override
    public void fillBits(long seed, int purpose, long index, long[] out, int off, int len, long first) {
        RandomStream.checkRange(out, off, len, first);
        fillBitsUnchecked(seed, purpose, index, out, off, off + len, first);
    }

    /** Bits of elements {@code e..} into {@code out[i..end)}; shared with the Panama twin for heads and tails. */
    static void fillBitsUnchecked(long seed, int purpose, long index, long[] out, int i, int end, long e) {
        int k0 = (int) seed;
        int k1 = (int) (seed >>> 32);
        int c2 = (int) index;
        int c3 = (int) (index >>> 32);
        if ((e & 1) != 0 && i < end) { // an odd start is the second half of its block
            out[i++] = Philox4x32.half((int) (e >>> 1), purpose, c2, c3, k0, k1, 1);
            e++;
        }
        for (; i + 1 < end; i += 2, e += 2) {
            Philox4x32.halves((int) (e >>> 1), purpose, c2, c3, k0, k1, out, i);
        }
        if (i < end) { // an odd end is the first half of its block
            out[i] = Philox4x32.half((int) (e >>> 1), purpose, c2, c3, k0, k1, 0);
        }
    }

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

    /**
     * Turns the uniforms of one Philox block, {@code a[i]} and {@code a[i + 1]}, into the elements of {@code kind}
     * in place. The one place the transforms live: the Panama twin calls it too, so both twins give the same bits.
     * HotSpot computes {@code Math.log}, {@code sin} and {@code cos} with the same code interpreted and compiled,
     * so the bits do not depend on when the JIT steps in either.
     */
    static void transformPair(int kind, double[] a, int i) {
        double u0 = a[i];
        double u1 = a[i + 1];
        switch (kind) {
            case UNIFORM -> { }
            case NORMAL -> {
                double r = Math.sqrt(-2.0 * Math.log(u0));
                double t = RandomStream.TWO_PI * u1;
                a[i] = r * Math.cos(t);
                a[i + 1] = r * Math.sin(t);
            }
            case GUMBEL -> {
                a[i] = -Math.log(-Math.log(u0));
                a[i + 1] = -Math.log(-Math.log(u1));
            }
            default -> {
                a[i] = -Math.log(u0);
                a[i + 1] = -Math.log(u1);
            }
        }
    }

    static void fillUnchecked(int kind, long seed, int purpose, long index, double[] out, int i, int end, long e) {
        int k0 = (int) seed;
        int k1 = (int) (seed >>> 32);
        int c2 = (int) index;
        int c3 = (int) (index >>> 32);
        long[] h = new long[2]; // once per call, not per block (escape analysis usually removes both)
        double[] pair = new double[2];
        while (i < end) {
            Philox4x32.halves((int) (e >>> 1), purpose, c2, c3, k0, k1, h, 0);
            pair[0] = RandomStream.toUniform(h[0]);
            pair[1] = RandomStream.toUniform(h[1]);
            transformPair(kind, pair, 0);
            double v0 = pair[0];
            double v1 = pair[1];
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
