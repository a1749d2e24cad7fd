package slipstream.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp, log and log1p of runs of doubles, in vectors of the preferred species, built only from operations that
 * IEEE 754 rounds exactly (add, multiply, divide, fused multiply-add, comparisons, blends and bit operations), so
 * that a kernel gives the same bits before and after the JIT compiles it.
 *
 * <p>Why not {@code lanewise(VectorOperators.EXP)}: the Vector API computes it lane by lane with
 * {@code java.lang.Math} until C2 compiles the caller, then with the platform's vector math library; the two differ
 * in the last bits, so a NUTS chain built on it followed a different path depending on when the JIT stepped in,
 * and the same Calibrate request and seed gave different draws from run to run.
 *
 * <p>Why over arrays, not one vector at a time: a per-vector method this size is not inlined into a large kernel
 * (C2's size and node limits), and a vector that crosses a call that is not inlined is boxed on the heap; with the
 * likelihood calling it per vector, an evaluation took three times as long. A kernel stores the arguments of a pass,
 * calls one of these, and reads the results back.
 *
 * <p>Accuracy: within 2 ulps of {@code java.lang.Math} over the whole range (tested), subnormal results included.
 * The methods are range reduction plus a truncated series: for exp, {@code x = n ln2 + r} with |r| <= ln2 / 2 and
 * the Taylor series of e^r to degree 13; for log, {@code x = 2^e m} with m in [sqrt(2)/2, sqrt(2)),
 * {@code s = (m - 1) / (m + 1)} and log m = 2 atanh(s) as its odd series in s (|s| < 0.172) to degree 23.
 */
public final class LaneMath {
    private static final double LOG2_E = 1.4426950408889634;
    /** ln 2 split in the nearest double and the rest, for an exact range reduction with fma. */
    private static final double LN2_HI = 0.6931471805599453;
    private static final double LN2_LO = 2.3190468138462996e-17;
    /** 1.5 * 2^52: adding it rounds to an integer held in the low bits of the sum's mantissa. */
    private static final double ROUNDER = 0x1.8p52;
    private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
    /** Inputs outside this range give 0 and infinity exactly; clamping keeps the exponent arithmetic in range. */
    private static final double EXP_MIN = -746.0;
    private static final double EXP_MAX = 710.0;
    private static final int EXPONENT_BIAS = 1023;
    private static final long MANTISSA_MASK = 0x000F_FFFF_FFFF_FFFFL;
    private static final long ONE_BITS = 0x3FF0_0000_0000_0000L;
    private static final double SQRT_2 = 1.4142135623730951;
    private static final double SMALLEST_NORMAL = 0x1p-1022;
    private static final double SUBNORMAL_SCALE = 0x1p54;
    private static final int EXP_DEGREE = 13;
    private static final int ATANH_TERMS = 11;
    /** 1 / k!, k = 0..13. */
    private static final double[] EXP_COEFFICIENTS = new double[EXP_DEGREE + 1];
    /** 2 / (2k + 1), k = 1..11: log(1 + f) = 2s + s R(z), R(z) = sum of these times z^k, z = s^2. */
    private static final double[] ATANH_COEFFICIENTS = new double[ATANH_TERMS];

    static {
        double factorial = 1;
        for (int k = 0; k <= EXP_DEGREE; k++) {
            factorial *= Math.max(1, k);
            EXP_COEFFICIENTS[k] = 1.0 / factorial;
        }
        for (int k = 1; k <= ATANH_TERMS; k++) {
            ATANH_COEFFICIENTS[k - 1] = 2.0 / (2 * k + 1);
        }
    }

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private LaneMath() {}

    // One loop per function, each calling its function directly: a shared loop that switched between them was
    // too large for C2 to inline the functions into, and the vectors were boxed again.

    /** a[i] = e^a[i] for i in [from, to). */
    public static void expInPlace(double[] a, int from, int to) {
        int i = from;
        for (int end = from + SPECIES.loopBound(to - from); i < end; i += SPECIES.length()) {
            exp(DoubleVector.fromArray(SPECIES, a, i)).intoArray(a, i);
        }
        if (i < to) {
            VectorMask<Double> tail = SPECIES.indexInRange(i, to);
            exp(DoubleVector.fromArray(SPECIES, a, i, tail)).intoArray(a, i, tail);
        }
    }

    /** a[i] = log(a[i]) for i in [from, to). */
    public static void logInPlace(double[] a, int from, int to) {
        int i = from;
        for (int end = from + SPECIES.loopBound(to - from); i < end; i += SPECIES.length()) {
            log(DoubleVector.fromArray(SPECIES, a, i)).intoArray(a, i);
        }
        if (i < to) {
            VectorMask<Double> tail = SPECIES.indexInRange(i, to);
            log(DoubleVector.fromArray(SPECIES, a, i, tail)).intoArray(a, i, tail);
        }
    }

    /** a[i] = log(1 + a[i]) for i in [from, to). */
    public static void log1pInPlace(double[] a, int from, int to) {
        int i = from;
        for (int end = from + SPECIES.loopBound(to - from); i < end; i += SPECIES.length()) {
            log1p(DoubleVector.fromArray(SPECIES, a, i)).intoArray(a, i);
        }
        if (i < to) {
            VectorMask<Double> tail = SPECIES.indexInRange(i, to);
            log1p(DoubleVector.fromArray(SPECIES, a, i, tail)).intoArray(a, i, tail);
        }
    }

    /** e^x in every lane; NaN stays NaN, below about -745 gives 0, above about 709.8 gives infinity. */
    private static DoubleVector exp(DoubleVector x) {
        DoubleVector clamped = x.max(EXP_MIN).min(EXP_MAX);
        DoubleVector n = clamped.fma(DoubleVector.broadcast(x.species(), LOG2_E),
                DoubleVector.broadcast(x.species(), ROUNDER)).sub(ROUNDER); // round(x / ln2), an exact integer
        DoubleVector r = n.neg().fma(DoubleVector.broadcast(x.species(), LN2_HI), clamped);
        r = n.neg().fma(DoubleVector.broadcast(x.species(), LN2_LO), r);
        DoubleVector p = DoubleVector.broadcast(x.species(), EXP_COEFFICIENTS[EXP_DEGREE]);
        for (int k = EXP_DEGREE - 1; k >= 0; k--) {
            p = p.fma(r, DoubleVector.broadcast(x.species(), EXP_COEFFICIENTS[k]));
        }
        // 2^n as a product of two normal powers of two (n lies in [-1076, 1024]), so that results down in the
        // subnormals and up to overflow come out right.
        DoubleVector split = DoubleVector.broadcast(x.species(), -512.0)
                .blend(537.0, n.compare(VectorOperators.LT, 0.0));
        return p.mul(powerOfTwo(n.add(split))).mul(powerOfTwo(split.neg()));
    }

    /** The natural log of every lane: -infinity at 0, NaN below 0 and for NaN, infinity at infinity. */
    private static DoubleVector log(DoubleVector x) {
        VectorMask<Double> subnormal = x.compare(VectorOperators.LT, SMALLEST_NORMAL);
        DoubleVector scaled = x.blend(x.mul(SUBNORMAL_SCALE), subnormal);
        LongVector bits = scaled.reinterpretAsLongs();
        DoubleVector e = integerValue(bits.lanewise(VectorOperators.LSHR, 52)).sub(EXPONENT_BIAS);
        e = e.blend(e.sub(54), subnormal);
        DoubleVector m = bits.and(MANTISSA_MASK).or(ONE_BITS).reinterpretAsDoubles();
        VectorMask<Double> high = m.compare(VectorOperators.GT, SQRT_2);
        m = m.blend(m.mul(0.5), high);
        e = e.blend(e.add(1), high);
        DoubleVector f = m.sub(1.0); // exact: m is within a factor 2 of 1
        DoubleVector result = e.fma(DoubleVector.broadcast(x.species(), LN2_HI),
                e.fma(DoubleVector.broadcast(x.species(), LN2_LO), log1pReduced(f)));
        result = result.blend(Double.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0.0));
        result = result.blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
        return result.blend(Double.NaN, x.compare(VectorOperators.LT, 0.0).or(x.test(VectorOperators.IS_NAN)));
    }

    /**
     * log(1 + y) in every lane, accurate for small y: log(u) for the rounded sum u = 1 + y, plus c / u for its
     * rounding error c = y - (u - 1) (both subtractions are exact), the first-order term of log(1 + y) - log(u).
     */
    private static DoubleVector log1p(DoubleVector y) {
        DoubleVector u = y.add(1.0);
        DoubleVector roundingError = y.sub(u.sub(1.0));
        DoubleVector result = log(u).add(roundingError.div(u));
        result = result.blend(Double.NEGATIVE_INFINITY, u.compare(VectorOperators.EQ, 0.0));
        return result.blend(Double.POSITIVE_INFINITY, y.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
    }

    /**
     * log(1 + f) for f in [sqrt(2)/2 - 1, sqrt(2) - 1]: with s = f / (2 + f) and z = s^2,
     * log(1 + f) = 2s + s R(z) = f - s (f - R(z)), written as f - (f^2/2 - s (f^2/2 + R(z))) so that the large
     * part, f, is added last.
     */
    private static DoubleVector log1pReduced(DoubleVector f) {
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector z = s.mul(s);
        DoubleVector r = DoubleVector.broadcast(f.species(), ATANH_COEFFICIENTS[ATANH_TERMS - 1]);
        for (int k = ATANH_TERMS - 2; k >= 0; k--) {
            r = r.fma(z, DoubleVector.broadcast(f.species(), ATANH_COEFFICIENTS[k]));
        }
        r = r.mul(z);
        DoubleVector halfSquare = f.mul(f).mul(0.5);
        return f.sub(halfSquare.sub(s.mul(halfSquare.add(r))));
    }

    /** 2^k for integer-valued k in [-1022, 1023]. */
    private static DoubleVector powerOfTwo(DoubleVector k) {
        return k.add(ROUNDER).reinterpretAsLongs().add(EXPONENT_BIAS - ROUNDER_BITS)
                .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
    }

    /**
     * Long lanes in [0, 2^51) as doubles, through the rounder's mantissa (a long-to-double conversion has no AVX2
     * instruction, and a vector operation the JIT cannot compile falls back to slow per-lane code).
     */
    private static DoubleVector integerValue(LongVector k) {
        return k.add(ROUNDER_BITS).reinterpretAsDoubles().sub(ROUNDER);
    }
}
