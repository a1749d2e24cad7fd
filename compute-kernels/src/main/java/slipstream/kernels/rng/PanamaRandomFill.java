package slipstream.kernels.rng;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Panama twin of {@link RandomFill}: each lane runs one Philox block (32-bit words held in 64-bit lanes, so the
 * 32x32-bit products are exact), giving two elements per lane that are scattered to even and odd positions.
 * The odd head and the short tail go through the scalar twin.
 *
 * <p>Uniforms are exact, but normals, Gumbels and exponentials use the Vector API's LOG, SIN and COS, which round
 * one way until the JIT compiles the caller and another way after: their bits depend on when the JIT steps in.
 * That is why the race kernel fills with the scalar twin, and why {@code LaneMath} exists for the likelihood.
 */
public final class PanamaRandomFill implements RandomFill {

    private static final VectorSpecies<Long> LS = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = LS.length();
    private static final long MASK = 0xFFFF_FFFFL;
    private static final LongVector IOTA = LongVector.zero(LS).addIndex(1);
    private static final int[] EVEN = evenIndices();

    public PanamaRandomFill() {
        if (DS.length() != LANES) {
            throw new IllegalStateException("long and double species differ in lanes");
        }
    }

    private static int[] evenIndices() {
        int[] idx = new int[LANES];
        for (int j = 0; j < LANES; j++) {
            idx[j] = 2 * j;
        }
        return idx;
    }

    @Override
    public void fillUniform(long seed, int purpose, long index, double[] out, int off, int len, long first) {
        fill(ScalarRandomFill.UNIFORM, seed, purpose, index, out, off, len, first);
    }

    @Override
    public void fillNormal(long seed, int purpose, long index, double[] out, int off, int len, long first) {
        fill(ScalarRandomFill.NORMAL, seed, purpose, index, out, off, len, first);
    }

    @Override
    public void fillGumbel(long seed, int purpose, long index, double[] out, int off, int len, long first) {
        fill(ScalarRandomFill.GUMBEL, seed, purpose, index, out, off, len, first);
    }

    @Override
    public void fillExponential(long seed, int purpose, long index, double[] out, int off, int len, long first) {
        fill(ScalarRandomFill.EXPONENTIAL, seed, purpose, index, out, off, len, first);
    }

    private static void fill(int kind, long seed, int purpose, long index, double[] out, int off, int len,
                             long first) {
        RandomStream.checkRange(out, off, len, first);
        int i = off;
        int end = off + len;
        long e = first;
        if ((e & 1) != 0 && i < end) {
            ScalarRandomFill.fillUnchecked(kind, seed, purpose, index, out, i, i + 1, e);
            i++;
            e++;
        }
        long k0 = seed & MASK;
        long k1 = seed >>> 32;
        LongVector c1 = LongVector.broadcast(LS, purpose & MASK);
        LongVector c2 = LongVector.broadcast(LS, index & MASK);
        LongVector c3 = LongVector.broadcast(LS, index >>> 32);
        int step = 2 * LANES;
        for (; end - i >= step; i += step, e += step) {
            LongVector c0 = IOTA.add(e >>> 1);
            block(kind, c0, c1, c2, c3, k0, k1, out, i);
        }
        if (i < end) {
            ScalarRandomFill.fillUnchecked(kind, seed, purpose, index, out, i, end, e);
        }
    }

    private static void block(int kind, LongVector c0, LongVector c1, LongVector c2, LongVector c3, long k0,
                              long k1, double[] out, int i) {
        for (int r = 0; r < Philox4x32.ROUNDS; r++) {
            if (r > 0) {
                k0 = (k0 + (Philox4x32.W0 & MASK)) & MASK;
                k1 = (k1 + (Philox4x32.W1 & MASK)) & MASK;
            }
            LongVector p0 = c0.mul(Philox4x32.M0);
            LongVector p1 = c2.mul(Philox4x32.M1);
            LongVector n0 = p1.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, c1)
                    .lanewise(VectorOperators.XOR, k0);
            LongVector n2 = p0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, c3)
                    .lanewise(VectorOperators.XOR, k1);
            c1 = p1.and(MASK);
            c3 = p0.and(MASK);
            c0 = n0;
            c2 = n2;
        }
        DoubleVector u0 = uniform(c0.lanewise(VectorOperators.LSHL, 32).or(c1));
        DoubleVector u1 = uniform(c2.lanewise(VectorOperators.LSHL, 32).or(c3));
        DoubleVector v0;
        DoubleVector v1;
        switch (kind) {
            case ScalarRandomFill.UNIFORM -> {
                v0 = u0;
                v1 = u1;
            }
            case ScalarRandomFill.NORMAL -> {
                DoubleVector rad = u0.lanewise(VectorOperators.LOG).mul(-2.0).sqrt();
                DoubleVector t = u1.mul(RandomStream.TWO_PI);
                v0 = rad.mul(t.lanewise(VectorOperators.COS));
                v1 = rad.mul(t.lanewise(VectorOperators.SIN));
            }
            case ScalarRandomFill.GUMBEL -> {
                v0 = u0.lanewise(VectorOperators.LOG).neg().lanewise(VectorOperators.LOG).neg();
                v1 = u1.lanewise(VectorOperators.LOG).neg().lanewise(VectorOperators.LOG).neg();
            }
            default -> {
                v0 = u0.lanewise(VectorOperators.LOG).neg();
                v1 = u1.lanewise(VectorOperators.LOG).neg();
            }
        }
        v0.intoArray(out, i, EVEN, 0);
        v1.intoArray(out, i + 1, EVEN, 0);
    }

    /** {@code ((bits >>> 12) + 0.5) * 2^-52}, exactly as the scalar twin (a 52-bit integer converts exactly). */
    private static DoubleVector uniform(LongVector bits) {
        DoubleVector d = (DoubleVector) bits.lanewise(VectorOperators.LSHR, 12).convert(VectorOperators.L2D, 0);
        return d.add(0.5).mul(0x1.0p-52);
    }
}
