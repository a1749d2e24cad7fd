package slipstream.kernels.rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RandomStreamTest {

    private static final int N = 20_000;
    /** Asymptotic Kolmogorov critical value at alpha = 0.001: sqrt(-ln(alpha / 2) / 2) / sqrt(n). */
    private static final double KS_CRITICAL = Math.sqrt(-0.5 * Math.log(0.001 / 2)) / Math.sqrt(N);

    static List<RandomFill> twins() {
        return List.of(new ScalarRandomFill(), new PanamaRandomFill());
    }

    interface Filler {
        void fill(RandomFill f, double[] out, int off, int len, long first);
    }

    static Stream<Arguments> distributions() {
        Filler uniform = (f, o, off, len, first) -> f.fillUniform(42L, Purpose.GUMBEL, 7L, o, off, len, first);
        Filler normal = (f, o, off, len, first) -> f.fillNormal(42L, Purpose.GUMBEL, 7L, o, off, len, first);
        Filler gumbel = (f, o, off, len, first) -> f.fillGumbel(42L, Purpose.GUMBEL, 7L, o, off, len, first);
        Filler expo = (f, o, off, len, first) -> f.fillExponential(42L, Purpose.GUMBEL, 7L, o, off, len, first);
        DoubleUnaryOperator uCdf = x -> x;
        DoubleUnaryOperator nCdf = RandomStreamTest::normalCdf;
        DoubleUnaryOperator gCdf = x -> Math.exp(-Math.exp(-x));
        DoubleUnaryOperator eCdf = x -> 1 - Math.exp(-x);
        return twins().stream().flatMap(t -> Stream.of(
                Arguments.of(t, "uniform", uniform, uCdf),
                Arguments.of(t, "normal", normal, nCdf),
                Arguments.of(t, "gumbel", gumbel, gCdf),
                Arguments.of(t, "exponential", expo, eCdf)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("distributions")
    void kolmogorovSmirnov(RandomFill twin, String name, Filler filler, DoubleUnaryOperator cdf) {
        double[] x = new double[N];
        filler.fill(twin, x, 0, N, 3);
        double d = ksStatistic(x, cdf);
        assertTrue(d < KS_CRITICAL, name + ": D = " + d + " >= " + KS_CRITICAL);
    }

    @Test
    void ksDetectsAWrongDistribution() {
        // The same test rejects normals read as if they had sd 1.2: the check has power.
        double[] x = new double[N];
        new ScalarRandomFill().fillNormal(42L, Purpose.GUMBEL, 7L, x, 0, N, 3);
        assertTrue(ksStatistic(x, v -> normalCdf(v / 1.2)) > KS_CRITICAL);
    }

    static Stream<Arguments> sizes() {
        int[] lens = {0, 1, 2, 3, 7, 8, 15, 16, 17, 31, 32, 33, 63, 100, 101};
        long[] firsts = {0, 1, 6, 9};
        return Arrays.stream(lens).boxed()
                .flatMap(len -> Arrays.stream(firsts).mapToObj(f -> Arguments.of(len, f)));
    }

    /** Every kind and the raw bits bit-identical: the Panama twin vectorises Philox, then uses the scalar transforms. */
    @ParameterizedTest(name = "len {0} first {1}")
    @MethodSource("sizes")
    void twinsAgree(int len, long first) {
        RandomFill s = new ScalarRandomFill();
        RandomFill p = new PanamaRandomFill();
        double[] a = new double[len + 3];
        double[] b = new double[len + 3];
        for (int kind = 0; kind <= 3; kind++) {
            Arrays.fill(a, -7);
            Arrays.fill(b, -7);
            fill(s, kind, a, len, first);
            fill(p, kind, b, len, first);
            assertArrayEquals(a, b, "kind " + kind);
            assertEquals(-7, a[1]);
            assertEquals(-7, a[len + 2]);
        }
        long[] bitsA = new long[len + 3];
        long[] bitsB = new long[len + 3];
        s.fillBits(9L, Purpose.DNF, 123L, bitsA, 2, len, first);
        p.fillBits(9L, Purpose.DNF, 123L, bitsB, 2, len, first);
        assertArrayEquals(bitsA, bitsB, "bits");
        for (int i = 0; i < len; i++) {
            assertEquals(RandomStream.bits(9L, Purpose.DNF, 123L, first + i), bitsB[2 + i], "bits at " + i);
        }
        assertEquals(0, bitsB[1]);
        assertEquals(0, bitsB[len + 2]);
    }

    private static void fill(RandomFill f, int kind, double[] out, int len, long first) {
        switch (kind) {
            case 0 -> f.fillUniform(9L, Purpose.DNF, 123L, out, 2, len, first);
            case 1 -> f.fillNormal(9L, Purpose.DNF, 123L, out, 2, len, first);
            case 2 -> f.fillGumbel(9L, Purpose.DNF, 123L, out, 2, len, first);
            default -> f.fillExponential(9L, Purpose.DNF, 123L, out, 2, len, first);
        }
    }

    @Test
    void elementsAreReachableInConstantTimeAndMatchTheScalarFill() {
        RandomStream rs = new RandomStream(-5L, Purpose.TEAM, 1L << 40);
        double[] u = new double[50];
        double[] n = new double[50];
        double[] g = new double[50];
        double[] x = new double[50];
        RandomFill f = new ScalarRandomFill();
        f.fillUniform(-5L, Purpose.TEAM, 1L << 40, u, 0, 50, 1_000_001);
        f.fillNormal(-5L, Purpose.TEAM, 1L << 40, n, 0, 50, 1_000_001);
        f.fillGumbel(-5L, Purpose.TEAM, 1L << 40, g, 0, 50, 1_000_001);
        f.fillExponential(-5L, Purpose.TEAM, 1L << 40, x, 0, 50, 1_000_001);
        for (int i = 0; i < 50; i++) {
            long e = 1_000_001 + i;
            assertEquals(u[i], rs.uniform(e));
            assertEquals(n[i], rs.normal(e));
            assertEquals(g[i], rs.gumbel(e));
            assertEquals(x[i], rs.exponential(e));
            assertEquals(RandomStream.toUniform(rs.bits(e)), rs.uniform(e));
        }
    }

    @Test
    void elementBitsComeFromTheDocumentedPhiloxCounter() {
        long seed = 0x0123_4567_89AB_CDEFL;
        long index = 0x1111_2222_3333_4444L;
        int[] w = new int[4];
        Philox4x32.block(new int[] {5, Purpose.CHAOS, 0x3333_4444, 0x1111_2222},
                new int[] {0x89AB_CDEF, 0x0123_4567}, w);
        long expectedOdd = ((long) w[2] << 32) | (w[3] & 0xFFFF_FFFFL);
        assertEquals(expectedOdd, RandomStream.bits(seed, Purpose.CHAOS, index, 11));
    }

    /** Bulk bits, one block per pair, equal the per-element bits for odd and even starts, lengths and offsets. */
    @Test
    void bitsIntoEqualsPerElementBits() {
        long seed = 0x0123_4567_89AB_CDEFL;
        long index = 0x1111_2222_3333_4444L;
        for (long first : new long[] {0, 1, 2, 7, 1000, RandomStream.ELEMENTS - 9}) {
            for (int len : new int[] {0, 1, 2, 3, 4, 5, 9}) {
                for (int off : new int[] {0, 1, 2}) {
                    long[] out = new long[off + len + 1];
                    RandomStream.bitsInto(seed, Purpose.CHAOS, index, first, out, off, len);
                    for (int i = 0; i < len; i++) {
                        assertEquals(RandomStream.bits(seed, Purpose.CHAOS, index, first + i), out[off + i],
                                "first " + first + " len " + len + " off " + off + " i " + i);
                    }
                    assertEquals(0, out[off + len], "nothing written past the range");
                }
            }
        }
    }

    @Test
    void bitsIntoChecksTheElementAndArrayRanges() {
        long[] out = new long[8];
        assertThrows(IllegalArgumentException.class,
                () -> RandomStream.bitsInto(1, 1, 1, RandomStream.ELEMENTS - 2, out, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> RandomStream.bitsInto(1, 1, 1, -1, out, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> RandomStream.bitsInto(1, 1, 1, 0, out, 6, 3));
        RandomStream.bitsInto(1, 1, 1, RandomStream.ELEMENTS - 2, out, 0, 2);
        RandomStream.bitsInto(1, 1, 1, -5, out, 0, 0); // an empty range draws nothing, so it checks nothing
    }

    @Test
    void distinctKeysGiveDistinctStreams() {
        long a = RandomStream.bits(1, Purpose.GUMBEL, 0, 0);
        assertNotEquals(a, RandomStream.bits(2, Purpose.GUMBEL, 0, 0));
        assertNotEquals(a, RandomStream.bits(1, Purpose.DNF, 0, 0));
        assertNotEquals(a, RandomStream.bits(1, Purpose.GUMBEL, 1, 0));
        assertNotEquals(a, RandomStream.bits(1, Purpose.GUMBEL, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> RandomStream.bits(1, 1, 1, RandomStream.ELEMENTS));
    }

    @Test
    void uniformsAreStrictlyInsideTheUnitInterval() {
        assertEquals(0x1.0p-53, RandomStream.toUniform(0L));
        assertEquals(1.0 - 0x1.0p-53, RandomStream.toUniform(-1L));
        assertTrue(Double.isFinite(-Math.log(-Math.log(RandomStream.toUniform(-1L)))));
    }

    static double ksStatistic(double[] x, DoubleUnaryOperator cdf) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = cdf.applyAsDouble(s[i]);
            d = Math.max(d, Math.max(f - (double) i / n, (double) (i + 1) / n - f));
        }
        return d;
    }

    /** Standard normal CDF via erfc (Numerical Recipes Chebyshev fit, relative error below 1.2e-7). */
    static double normalCdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
