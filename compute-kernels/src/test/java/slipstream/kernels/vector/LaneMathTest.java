package slipstream.kernels.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link LaneMath} against {@code java.lang.Math}: within 2 ulps everywhere, special values exactly. */
class LaneMathTest {
    private static final int RANDOM_INPUTS = 200_000;
    private static final double MAX_ULPS = 2.0;

    @BeforeAll
    static void panamaOnly() {
        assumeTrue(VectorSupport.panamaEnabled(), "Panama not available in this JVM");
    }

    @Test
    void expIsWithinTwoUlpsOfMath() {
        SplittableRandom rnd = new SplittableRandom(1);
        List<Double> inputs = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 1e-300, -1e-300, 0.34657359027997264,
                -0.34657359027997264, 709.782712893384, 709.7827128933841, 710.0, 1e6, -708.3964185322641, -708.4,
                -744.4400719213812, -745.1332191019411, -745.2, -746.0, -1e6, Double.MAX_VALUE, -Double.MAX_VALUE,
                Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN));
        for (int i = 0; i < RANDOM_INPUTS; i++) {
            inputs.add(switch (i % 3) {
                case 0 -> -760 + 1480 * rnd.nextDouble(); // the whole range, both ends past the limits
                case 1 -> -2 + 4 * rnd.nextDouble(); // where the likelihood's softmax terms live
                default -> -40 * rnd.nextDouble(); // differences from a running maximum
            });
        }
        assertClose(inputs, LaneMath::expInPlace, Math::exp, "exp");
    }

    @Test
    void logIsWithinTwoUlpsOfMath() {
        SplittableRandom rnd = new SplittableRandom(2);
        List<Double> inputs = new ArrayList<>(List.of(1.0, 0.0, -0.0, -1.0, 2.0, 0.5, Math.sqrt(2),
                Math.nextUp(Math.sqrt(2)), Math.nextDown(Math.sqrt(2)), Math.sqrt(0.5), Math.nextUp(1.0),
                Math.nextDown(1.0), Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), 3e-310, Double.MAX_VALUE, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NaN, -1e-300));
        for (int i = 0; i < RANDOM_INPUTS; i++) {
            inputs.add(switch (i % 3) {
                case 0 -> Math.scalb(1 + rnd.nextDouble(), rnd.nextInt(-1074, 1024)); // every exponent, subnormals too
                case 1 -> 1 + (rnd.nextDouble() - 0.5) * Math.scalb(1.0, -rnd.nextInt(0, 50)); // near 1
                default -> 40 * rnd.nextDouble(); // sums of softmax weights
            });
        }
        assertClose(inputs, LaneMath::logInPlace, Math::log, "log");
    }

    @Test
    void log1pIsWithinTwoUlpsOfMath() {
        SplittableRandom rnd = new SplittableRandom(3);
        List<Double> inputs = new ArrayList<>(List.of(0.0, -0.0, 1.0, -0.5, -1.0, -2.0, 1e-300, 1e-20, -1e-20,
                Math.nextUp(-1.0), 1e300, Double.MAX_VALUE, Double.MIN_VALUE, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NaN));
        for (int i = 0; i < RANDOM_INPUTS; i++) {
            inputs.add(switch (i % 3) {
                case 0 -> Math.exp(-40 * rnd.nextDouble()); // exp(-|logit|), the softplus's argument
                case 1 -> Math.scalb(rnd.nextDouble(), -rnd.nextInt(0, 1000)); // tiny y
                default -> -1 + 3 * rnd.nextDouble();
            });
        }
        assertClose(inputs, (a, from, to) -> LaneMath.log1p(a.clone(), a, from, to), Math::log1p, "log1p");
    }

    /** A function applied in place to a range of an array. */
    private interface InPlace {
        void apply(double[] a, int from, int to);
    }

    /**
     * Every input, once in a run starting at offset 1 whose length is not a multiple of the lane count (so a masked
     * last vector is covered too).
     */
    private static void assertClose(List<Double> given, InPlace lanes, DoubleUnaryOperator math, String name) {
        List<Double> inputs = new ArrayList<>(given);
        if (inputs.size() % 2 == 0) {
            inputs.add(0.5); // an odd length: never a whole number of vectors
        }
        int n = inputs.size();
        double[] x = new double[n + 2];
        for (int i = 0; i < n; i++) {
            x[i + 1] = inputs.get(i);
        }
        double[] y = x.clone();
        lanes.apply(y, 1, n + 1);
        assertEquals(x[0], y[0], "before the range");
        assertEquals(x[n + 1], y[n + 1], "after the range");
        for (int i = 1; i <= n; i++) {
            double expected = math.applyAsDouble(x[i]);
            if (Double.isNaN(expected) || Double.isInfinite(expected)) {
                assertEquals(expected, y[i], name + "(" + x[i] + ")"); // assertEquals(double) treats NaN as equal
                continue;
            }
            if (expected == 0) {
                assertTrue(Math.abs(y[i]) <= MAX_ULPS * Double.MIN_VALUE, name + "(" + x[i] + ") = " + y[i]);
                continue;
            }
            double ulps = Math.abs(y[i] - expected) / Math.ulp(expected);
            assertTrue(ulps <= MAX_ULPS, name + "(" + x[i] + ") = " + y[i] + ", Math gives " + expected + ": "
                    + ulps + " ulps apart");
        }
    }
}
