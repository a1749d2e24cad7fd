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
 * <p>Only the Philox rounds and the conversion to uniforms run in vectors; normals, Gumbels and exponentials are
 * then transformed in place by the scalar twin's own code, so every element equals the scalar twin's, bit for bit.
 * Not the Vector API's LOG, SIN and COS: those round one way until the JIT compiles the caller and another way
 * after, so the same seed gave different bits from run to run (see {@code LaneMath}).
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
    public void fillBits(long seed, int purpose, long index, long[] out, int off, int len, long first) {
        RandomStream.checkRange(out, off, len, first);
        fill(ScalarRandomFill.UNIFORM, seed, purpose, index, null, out, off, off + len, first);
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
        fill(kind, seed, purpose, index, out, null, off, off + len, first);
    }

    /**
     * Elements from {@code e} into {@code [i, end)} of {@code values} (of {@code kind}), or of {@code bits} when that
     * is not null: the odd head and the short tail through the scalar twin, whole vectors of blocks in between.
     */
    private static void fill(int kind, long seed, int purpose, long index, double[] values, long[] bits, int i,
                             int end, long e) {
        if ((e & 1) != 0 && i < end) {
            scalar(kind, seed, purpose, index, values, bits, i, i + 1, e);
            i++;
            e++;
        }
        int vectorEnd = i + (end - i) / (2 * LANES) * (2 * LANES);
        blocks(seed, purpose, index, values, bits, i, vectorEnd, e);
        if (bits == null && kind != ScalarRandomFill.UNIFORM) {
            for (int k = i; k < vectorEnd; k += 2) {
                ScalarRandomFill.transformPair(kind, values, k);
            }
        }
        if (vectorEnd < end) {
            scalar(kind, seed, purpose, index, values, bits, vectorEnd, end, e + (vectorEnd - i));
        }
    }

    private static void scalar(int kind, long seed, int purpose, long index, double[] values, long[] bits, int i,
                               int end, long e) {
        if (bits != null) {
            ScalarRandomFill.fillBitsUnchecked(seed, purpose, index, bits, i, end, e);
        } else {
            ScalarRandomFill.fillUnchecked(kind, seed, purpose, index, values, i, end, e);
        }
    }

    /**
     * Elements {@code e, e + 1, ...} (e even) into {@code [from, to)} of {@code uniforms}, or of {@code bits} when
     * that is not null; {@code to - from} is a multiple of two vectors' lanes. The whole vector loop lives in this
     * one method: a vector passed to a method that C2 compiles on its own is boxed, and the fill then ran slower
     * than the scalar twin inside the race kernel.
     */
    private static void blocks(long seed, int purpose, long index, double[] uniforms, long[] bits, int from, int to,
                               long e) {
        LongVector c1Start = LongVector.broadcast(LS, purpose & MASK);
        LongVector c2Start = LongVector.broadcast(LS, index & MASK);
        LongVector c3Start = LongVector.broadcast(LS, index >>> 32);
        for (int i = from; i < to; i += 2 * LANES, e += 2 * LANES) {
            LongVector c0 = IOTA.add(e >>> 1);
            LongVector c1 = c1Start;
            LongVector c2 = c2Start;
            LongVector c3 = c3Start;
            long k0 = seed & MASK;
            long k1 = seed >>> 32;
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
            LongVector high = c0.lanewise(VectorOperators.LSHL, 32).or(c1);
            LongVector low = c2.lanewise(VectorOperators.LSHL, 32).or(c3);
            if (bits != null) {
                high.intoArray(bits, i, EVEN, 0);
                low.intoArray(bits, i + 1, EVEN, 0);
            } else {
                // ((bits >>> 12) + 0.5) * 2^-52, exactly as the scalar twin (a 52-bit integer converts exactly).
                ((DoubleVector) high.lanewise(VectorOperators.LSHR, 12).convert(VectorOperators.L2D, 0)).add(0.5)
                        .mul(0x1.0p-52).intoArray(uniforms, i, EVEN, 0);
                ((DoubleVector) low.lanewise(VectorOperators.LSHR, 12).convert(VectorOperators.L2D, 0)).add(0.5)
                        .mul(0x1.0p-52).intoArray(uniforms, i + 1, EVEN, 0);
            }
        }
    }
}
