package slipstream.kernels.portfolio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link TailMeasures#sortPartially} must leave every value the quantile and CVaR formulas read exactly where a
 * full sort puts it: the reported numbers are compared bit for bit with those on the fully sorted row.
 */
class PartialSortTest {
    /** The levels the report uses and arbitrary ones. */
    private static final double[][] QUANTILE_SETS = {
        {0.5, 0.9, 0.99}, {0.1, 0.5, 0.9}, {}, {0, 1}, {0.25}, {0.999, 0.001, 0.5, 0.5}};
    private static final double[][] CVAR_SETS = {
        {0.95}, {0.95, 0.99, 0.9}, {}, {0.5}, {0.8}, {0.999}, {0.95, 0.5, 0.8, 0.999, 0.37}, {1e-9}, {0.999999}};

    @Test
    void randomRowsOfManySizes() {
        SplittableRandom rnd = new SplittableRandom(41);
        for (int len : new int[] {1, 2, 3, 4, 5, 7, 10, 31, 100, 101, 999, 1000, 4097}) {
            for (int trial = 0; trial < 4; trial++) {
                double[] x = new double[len];
                for (int i = 0; i < len; i++) {
                    x[i] = 40 * rnd.nextGaussian() + Math.exp(2 * rnd.nextGaussian());
                }
                assertSameAsFullSort(x, "random len " + len);
            }
        }
    }

    @Test
    void heavyTiesAndSignedZeros() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int len : new int[] {1, 2, 3, 7, 9, 64, 333, 2000}) {
            for (int distinct : new int[] {1, 2, 3, 6}) {
                double[] x = new double[len];
                for (int i = 0; i < len; i++) {
                    x[i] = rnd.nextInt(distinct) - 1;
                    if (x[i] == 0 && rnd.nextBoolean()) {
                        x[i] = -0.0;
                    }
                }
                assertSameAsFullSort(x, "ties len " + len + " distinct " + distinct);
            }
        }
    }

    @Test
    void orderedRowsAndSpecialValues() {
        for (int len : new int[] {1, 2, 3, 7, 500}) {
            double[] up = new double[len];
            for (int i = 0; i < len; i++) {
                up[i] = i;
            }
            assertSameAsFullSort(up, "ascending " + len);
            double[] down = new double[len];
            for (int i = 0; i < len; i++) {
                down[i] = len - i;
            }
            assertSameAsFullSort(down, "descending " + len);
        }
        assertSameAsFullSort(new double[] {Double.NaN, 1, Double.NEGATIVE_INFINITY, 0.0, -0.0, Double.POSITIVE_INFINITY,
            -0.0, 3, Double.NaN, 2, 0.0}, "special values");
    }

    /** For every level set: the arranged row is a permutation whose quantiles and CVaRs equal the full sort's bits. */
    private static void assertSameAsFullSort(double[] x, String what) {
        int len = x.length;
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        for (double[] quantiles : QUANTILE_SETS) {
            for (double[] cvarLevels : CVAR_SETS) {
                double[] arranged = x.clone();
                TailMeasures.sortPartially(arranged, len, quantiles, cvarLevels);
                String where = what + ", quantiles " + Arrays.toString(quantiles) + ", cvars " + Arrays.toString(cvarLevels);
                for (double p : quantiles) {
                    assertBits(TailMeasures.sortedQuantile(sorted, len, p), TailMeasures.sortedQuantile(arranged, len, p),
                            where + ", p " + p);
                }
                for (double alpha : cvarLevels) {
                    assertBits(TailMeasures.sortedCvarUpper(sorted, len, alpha),
                            TailMeasures.sortedCvarUpper(arranged, len, alpha), where + ", alpha " + alpha);
                }
                double[] resorted = arranged.clone();
                Arrays.sort(resorted);
                assertArrayEquals(sorted, resorted, where + ": the values are only moved");
            }
        }
    }

    private static void assertBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                what + ": " + expected + " vs " + actual);
    }
}
