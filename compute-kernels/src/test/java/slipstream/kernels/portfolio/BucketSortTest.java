package slipstream.kernels.portfolio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * BucketSort gives exactly the JDK sort's array (Arrays.equals: -0.0 and 0.0 told apart), sortRanksInto its values
 * at the asked ranks, and select its every rank, over odd sizes, across the short-array cut-off, and for the inputs that stress buckets: DFS totals with
 * many ties, one huge outlier (a single bucket holds nearly everything), two values, a constant, already ordered
 * and reversed input, and the NaN / infinity fallback.
 */
class BucketSortTest {
    private static final int[] SIZES = {0, 1, 2, 7, BucketSort.SHORT - 1, BucketSort.SHORT, BucketSort.SHORT + 1, 127,
            1000, 10_007};

    @Test
    void doublesMatchTheJdkSort() {
        SplittableRandom random = new SplittableRandom(20261127);
        for (int n : SIZES) {
            for (IntFunction<double[]> input : doubleInputs(random)) {
                double[] values = input.apply(n);
                int off = 3;
                double[] src = new double[n + off + 2];
                Arrays.fill(src, 12345.0); // values around the range must not be read
                System.arraycopy(values, 0, src, off, n);
                double[] before = src.clone();
                double[] out = new double[n + 1];
                out[n] = -1; // nor written past n
                BucketSort.sortInto(src, off, n, out, new int[n + 1]);
                double[] expected = values.clone();
                Arrays.sort(expected);
                assertArrayEquals(expected, Arrays.copyOf(out, n), "n=" + n);
                assertArrayEquals(new double[] {-1}, new double[] {out[n]});
                assertArrayEquals(before, src, "src unchanged, n=" + n);
            }
        }
    }

    /** Where the rank tests put their values in a longer array, as the kernels are called. */
    private static final int OFF = 3;

    private static double[] shifted(double[] values) {
        double[] src = new double[values.length + OFF];
        System.arraycopy(values, 0, src, OFF, values.length);
        return src;
    }

    private static double[] sortedCopy(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    @Test
    void sortRanksGivesTheJdkSortAtTheAskedRanksAndKeepsEveryValue() {
        SplittableRandom random = new SplittableRandom(11);
        for (int n : SIZES) {
            if (n == 0) {
                continue;
            }
            for (IntFunction<double[]> input : doubleInputs(random)) {
                double[] values = input.apply(n);
                double[] src = shifted(values);
                double[] before = src.clone();
                double[] expected = sortedCopy(values);
                int fromRank = n - random.nextInt(Math.max(1, n / 10) + 1); // n itself: no sorted top
                int[] ranks = {random.nextInt(n), random.nextInt(n), n / 2, Math.max(0, n / 2 - 1), 0, n - 1};
                double[] out = new double[n];
                BucketSort.sortRanksInto(src, OFF, n, out, new int[n + 1], fromRank, ranks);
                for (int k = fromRank; k < n; k++) {
                    assertArrayEquals(new double[] {expected[k]}, new double[] {out[k]}, "n=" + n + " top rank " + k);
                }
                for (int k : ranks) {
                    assertArrayEquals(new double[] {expected[k]}, new double[] {out[k]}, "n=" + n + " rank " + k);
                }
                double[] all = out.clone();
                Arrays.sort(all);
                assertArrayEquals(expected, all, "every value once, n=" + n);
                assertArrayEquals(before, src, "src unchanged, n=" + n);
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> BucketSort.sortRanksInto(new double[4], 0, 4, new double[4], new int[5], 5, new int[0]));
        assertThrows(IllegalArgumentException.class,
                () -> BucketSort.sortRanksInto(new double[4], 0, 4, new double[4], new int[5], 4, new int[] {4}));
    }

    @Test
    void selectGivesEveryRankOfTheJdkSort() {
        SplittableRandom random = new SplittableRandom(5);
        for (int n : new int[] {1, 2, 7, BucketSort.SHORT, 128, 1000}) {
            for (IntFunction<double[]> input : doubleInputs(random)) {
                double[] values = input.apply(n);
                double[] src = shifted(values);
                double[] before = src.clone();
                double[] expected = sortedCopy(values);
                double[] scratch = new double[n];
                int[] counts = new int[n + 1];
                for (int k = 0; k < n; k++) {
                    double got = BucketSort.select(src, OFF, n, k, scratch, counts);
                    assertArrayEquals(new double[] {expected[k]}, new double[] {got}, "n=" + n + " k=" + k);
                }
                assertArrayEquals(before, src, "src unchanged, n=" + n);
            }
        }
    }

    @Test
    void longsMatchTheJdkSort() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n : SIZES) {
            for (IntFunction<long[]> input : longInputs(random)) {
                long[] values = input.apply(n);
                int from = 5;
                long[] a = new long[n + from + 4];
                Arrays.fill(a, -7);
                System.arraycopy(values, 0, a, from, n);
                BucketSort.sort(a, from, from + n, new long[n], new int[n + 1]);
                long[] expected = new long[n + from + 4];
                Arrays.fill(expected, -7);
                long[] sorted = values.clone();
                Arrays.sort(sorted);
                System.arraycopy(sorted, 0, expected, from, n);
                assertArrayEquals(expected, a, "n=" + n);
            }
        }
    }

    private static java.util.List<IntFunction<double[]>> doubleInputs(SplittableRandom random) {
        return java.util.List.of(
                n -> fill(n, i -> 150 + 35 * gaussian(random)),
                // six drivers' DK points: 0.05-grid sums, so many exact ties and values that are not exact sums
                n -> fill(n, i -> {
                    double total = 0;
                    for (int d = 0; d < 6; d++) {
                        total += random.nextInt(60) + 0.25 * random.nextInt(40) + 0.45 * random.nextInt(8);
                    }
                    return total;
                }),
                n -> fill(n, i -> i == n / 2 ? 1e300 : random.nextDouble()),
                n -> fill(n, i -> random.nextBoolean() ? -0.0 : 0.0),
                n -> fill(n, i -> random.nextInt(5) - 2 + (random.nextBoolean() ? -0.0 : 0.0)),
                // a few signed zeros in one small bucket among spread values: the insertion pass must order them
                n -> fill(n, i -> i % 97 == 0 ? (i % 194 == 0 ? 0.0 : -0.0) : 2 * random.nextDouble() - 1),
                n -> fill(n, i -> 42.5),
                n -> fill(n, i -> i * 0.1),
                n -> fill(n, i -> -i * 3.7),
                n -> fill(n, i -> i == n / 3 ? Double.NaN : random.nextDouble()),
                n -> fill(n, i -> i == n / 4 ? Double.POSITIVE_INFINITY : -random.nextDouble()),
                n -> fill(n, i -> Double.MIN_VALUE * random.nextInt(3)),
                n -> fill(n, i -> random.nextBoolean() ? -Double.MAX_VALUE : Double.MAX_VALUE * random.nextDouble()));
    }

    private static java.util.List<IntFunction<long[]>> longInputs(SplittableRandom random) {
        return java.util.List.of(
                n -> fillLongs(n, i -> random.nextLong()),
                // money-zone sort keys: descending grid score over a candidate index, with tied scores
                n -> fillLongs(n, i -> ContestField.descendingKey(ContestField.quantize(
                        250 + 0.05 * random.nextInt(600) + 0.45 * random.nextInt(3)), i)),
                n -> fillLongs(n, i -> random.nextInt(3)),
                n -> fillLongs(n, i -> i == 0 ? Long.MAX_VALUE : i == 1 ? Long.MIN_VALUE : random.nextInt(100)),
                // a span too narrow for doubles to tell apart: the JDK fallback
                n -> fillLongs(n, i -> (1L << 60) + random.nextInt(50)),
                // doubles tell only every 256th apart there: coarse buckets, ordered as longs
                n -> fillLongs(n, i -> (1L << 60) + random.nextInt(100_000)),
                n -> fillLongs(n, i -> 9),
                n -> fillLongs(n, i -> n - i));
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static double[] fill(int n, java.util.function.IntToDoubleFunction f) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = f.applyAsDouble(i);
        }
        return a;
    }

    private static long[] fillLongs(int n, java.util.function.IntToLongFunction f) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = f.applyAsLong(i);
        }
        return a;
    }
}
