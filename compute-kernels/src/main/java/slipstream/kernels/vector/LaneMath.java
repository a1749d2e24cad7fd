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

    // Each loop holds its function's whole body. The Vector API compiles to vector instructions only where the
    // vector's exact type is known: a helper taking a DoubleVector that C2 compiles on its own (say, because it got
    // hot and was compiled before its caller) falls back to per-lane Java with an array per operation. A
    // calibration on real data spent most of its time there, so no vector crosses a method boundary here.

    /** a[i] = e^a[i] for i in [from, to); NaN stays NaN, below about -745 gives 0, above about 709.8 infinity. */
    public static void expInPlace(double[] a, int from, int to) {
        double[] tail = new double[SPECIES.length()];
        for (int i = from; i < to; i += SPECIES.length()) {
            boolean whole = i + SPECIES.length() <= to;
            double[] src = whole ? a : padded(a, i, to, tail);
            int at = whole ? i : 0;
            DoubleVector clamped = DoubleVector.fromArray(SPECIES, src, at).max(EXP_MIN).min(EXP_MAX);
            // n = round(x / ln2), an exact integer; r = x - n ln2 with ln2 in two parts
            DoubleVector n = clamped.fma(DoubleVector.broadcast(SPECIES, LOG2_E),
                    DoubleVector.broadcast(SPECIES, ROUNDER)).sub(ROUNDER);
            DoubleVector r = n.neg().fma(DoubleVector.broadcast(SPECIES, LN2_HI), clamped);
            r = n.neg().fma(DoubleVector.broadcast(SPECIES, LN2_LO), r);
            DoubleVector p = DoubleVector.broadcast(SPECIES, EXP_COEFFICIENTS[EXP_DEGREE]);
            for (int k = EXP_DEGREE - 1; k >= 0; k--) {
                p = p.fma(r, DoubleVector.broadcast(SPECIES, EXP_COEFFICIENTS[k]));
            }
            // 2^n as a product of two normal powers of two (n lies in [-1076, 1024]), so that results down in the
            // subnormals and up to overflow come out right; 2^k is built in the exponent bits through the rounder.
            DoubleVector split = DoubleVector.broadcast(SPECIES, -512.0)
                    .blend(537.0, n.compare(VectorOperators.LT, 0.0));
            DoubleVector first = n.add(split).add(ROUNDER).reinterpretAsLongs().add(EXPONENT_BIAS - ROUNDER_BITS)
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector second = split.neg().add(ROUNDER).reinterpretAsLongs().add(EXPONENT_BIAS - ROUNDER_BITS)
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            p.mul(first).mul(second).intoArray(src, at);
            if (!whole) {
                System.arraycopy(tail, 0, a, i, to - i);
            }
        }
    }

    /** a[i] = log(a[i]) for i in [from, to): -infinity at 0, NaN below 0 and for NaN, infinity at infinity. */
    public static void logInPlace(double[] a, int from, int to) {
        double[] tail = new double[SPECIES.length()];
        for (int i = from; i < to; i += SPECIES.length()) {
            boolean whole = i + SPECIES.length() <= to;
            double[] src = whole ? a : padded(a, i, to, tail);
            int at = whole ? i : 0;
            DoubleVector x = DoubleVector.fromArray(SPECIES, src, at);
            // x = 2^e m, m in [sqrt(2)/2, sqrt(2)); log x = e ln2 + log(1 + f), f = m - 1 (exact)
            VectorMask<Double> subnormal = x.compare(VectorOperators.LT, SMALLEST_NORMAL);
            LongVector bits = x.blend(x.mul(SUBNORMAL_SCALE), subnormal).reinterpretAsLongs();
            DoubleVector e = bits.lanewise(VectorOperators.LSHR, 52).add(ROUNDER_BITS).reinterpretAsDoubles()
                    .sub(ROUNDER + EXPONENT_BIAS);
            e = e.blend(e.sub(54), subnormal);
            DoubleVector m = bits.and(MANTISSA_MASK).or(ONE_BITS).reinterpretAsDoubles();
            VectorMask<Double> high = m.compare(VectorOperators.GT, SQRT_2);
            DoubleVector f = m.blend(m.mul(0.5), high).sub(1.0);
            e = e.blend(e.add(1), high);
            // log(1 + f) = 2s + s R(z), s = f / (2 + f), z = s^2, R the atanh series; written as
            // f - (f^2/2 - s (f^2/2 + R)) so that the large part, f, is added last
            DoubleVector s = f.div(f.add(2.0));
            DoubleVector z = s.mul(s);
            DoubleVector series = DoubleVector.broadcast(SPECIES, ATANH_COEFFICIENTS[ATANH_TERMS - 1]);
            for (int k = ATANH_TERMS - 2; k >= 0; k--) {
                series = series.fma(z, DoubleVector.broadcast(SPECIES, ATANH_COEFFICIENTS[k]));
            }
            DoubleVector halfSquare = f.mul(f).mul(0.5);
            DoubleVector log1pF = f.sub(halfSquare.sub(s.mul(halfSquare.add(series.mul(z)))));
            DoubleVector result = e.fma(DoubleVector.broadcast(SPECIES, LN2_HI),
                    e.fma(DoubleVector.broadcast(SPECIES, LN2_LO), log1pF));
            result = result.blend(Double.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0.0));
            result = result.blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
            result.blend(Double.NaN, x.compare(VectorOperators.LT, 0.0).or(x.test(VectorOperators.IS_NAN)))
                    .intoArray(src, at);
            if (!whole) {
                System.arraycopy(tail, 0, a, i, to - i);
            }
        }
    }

    /**
     * out[i] = log(1 + y[i]) for i in [from, to), accurate for small y: log(u) for the rounded sum u = 1 + y, plus
     * c / u for its rounding error c = y - (u - 1) (both subtractions are exact), the first-order term of
     * log(1 + y) - log(u). Three passes: u into out, {@link #logInPlace} on out, then the correction.
     *
     * @param out distinct from y
     */
    public static void log1p(double[] y, double[] out, int from, int to) {
        if (y == out) {
            throw new IllegalArgumentException("log1p needs an output array distinct from its input");
        }
        int width = SPECIES.length();
        for (int i = from; i < to; i++) {
            out[i] = y[i] + 1.0; // exact, so scalar or vectorised by the JIT, the same bits
        }
        logInPlace(out, from, to);
        double[] yTail = new double[width];
        double[] outTail = new double[width];
        for (int i = from; i < to; i += width) {
            boolean whole = i + width <= to;
            double[] ys = whole ? y : padded(y, i, to, yTail);
            double[] outs = whole ? out : padded(out, i, to, outTail);
            int at = whole ? i : 0;
            DoubleVector yv = DoubleVector.fromArray(SPECIES, ys, at);
            DoubleVector u = yv.add(1.0);
            DoubleVector result = DoubleVector.fromArray(SPECIES, outs, at).add(yv.sub(u.sub(1.0)).div(u));
            result = result.blend(Double.NEGATIVE_INFINITY, u.compare(VectorOperators.EQ, 0.0));
            result.blend(Double.POSITIVE_INFINITY, yv.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY))
                    .intoArray(outs, at);
            if (!whole) {
                System.arraycopy(outTail, 0, out, i, to - i);
            }
        }
    }

    /** a[i..to) copied into the front of tail, the rest of tail 0: the last, partial vector of a run. */
    private static double[] padded(double[] a, int i, int to, double[] tail) {
        java.util.Arrays.fill(tail, 0.0);
        System.arraycopy(a, i, tail, 0, to - i);
        return tail;
    }
}
