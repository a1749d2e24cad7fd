package slipstream.kernels.portfolio;

import java.util.Arrays;

/**
 * Sorts of the arrays that Optimize sorts by the thousand (a lineup's points over its scenarios, one scenario's
 * money-zone candidates as sort keys): one bucket per value, placed by a monotone map of its value, then an
 * insertion sort that only moves values within their bucket. The result is the same array as
 * {@link Arrays#sort}'s, in O(n) for the smooth distributions these are. The JDK sorts doubles and longs with its
 * Java quicksort wherever its AVX-512 sort is not used (AVX2-only CPUs; also the 2-vCPU Zen 4 VM of the bench):
 * there it took about 450 us per 10,000 doubles against about 70 us here, and 6.7 us per 290 keys against 2.9 us.
 * Ints are left to the JDK, whose AVX2 sort of them beat this one (3.5 us against 5.2 us per 660).
 *
 * <p>Why it is exact: bucket(x) = min(n - 1, floor((x - min) * n / (max - min))) never decreases as x grows
 * (each rounded step is monotone), so every value in a bucket is at most every value in the next. Buckets of
 * more than {@link #LARGE_BUCKET} values (ties, outliers) are sorted by the JDK; then one insertion pass over the
 * whole array, whose values only move inside their small bucket, orders the rest. Arrays that are short or hold
 * a NaN or an infinity go to the JDK sort.
 *
 * <p>{@link #select} finds one rank the same way, sorting only the bucket that holds it: the field's pivot from
 * a sample of 128 scores took 0.36 us, against 1.6 us for a quickselect and 3.4 us for the JDK sort.
 *
 * <p>Caller-owned buffers, no allocation: {@code counts} needs n + 1 ints.
 */
public final class BucketSort {
    /** Shorter arrays go to the JDK sort, whose insertion sort wins there. */
    static final int SHORT = 64;
    /** Buckets larger than this are sorted by the JDK before the insertion pass (bounds its worst case). */
    static final int LARGE_BUCKET = 24;

    private BucketSort() {
    }

    /**
     * Writes src[off .. off + n) to out[0 .. n) in ascending order (as {@link Arrays#sort(double[])}: -0.0 before
     * 0.0); src is not changed.
     */
    public static void sortInto(double[] src, int off, int n, double[] out, int[] counts) {
        sortRanksInto(src, off, n, out, counts, 0, NO_RANKS);
    }

    private static final int[] NO_RANKS = {};

    /**
     * Writes src[off .. off + n) to out[0 .. n) so that every rank from {@code fromRank} up, and each rank in
     * {@code ranks}, holds what the ascending sort ({@link #sortInto}) puts there; the other positions hold the
     * other values, ordered only by bucket. Only the buckets holding those ranks are sorted: for a row's
     * quantiles and upper tail that is a small share of it (a lineup's 10,000 scenarios: 44 us against 180 us
     * for the whole sort, whose insertion pass is most of its cost). src is not changed.
     *
     * @param fromRank the lowest rank of the sorted top (n for none)
     * @param ranks    further single ranks, each in [0, n)
     */
    public static void sortRanksInto(double[] src, int off, int n, double[] out, int[] counts, int fromRank,
                                     int[] ranks) {
        if (fromRank < 0 || fromRank > n) {
            throw new IllegalArgumentException("top from rank " + fromRank + " of " + n + " values");
        }
        for (int r : ranks) {
            if (r < 0 || r >= n) {
                throw new IllegalArgumentException("rank " + r + " of " + n + " values");
            }
        }
        double min = min(src, off, n);
        double scale = scale(src, off, n, min);
        if (Double.isNaN(scale)) {
            jdkSortInto(src, off, n, out);
            return;
        }
        int last = n - 1;
        Arrays.fill(counts, 0, n + 1, 0);
        for (int i = off; i < off + n; i++) {
            counts[Math.min(last, (int) ((src[i] - min) * scale)) + 1]++;
        }
        for (int b = 0; b < n; b++) {
            counts[b + 1] += counts[b];
        }
        for (int i = off; i < off + n; i++) {
            double x = src[i];
            out[counts[Math.min(last, (int) ((x - min) * scale))]++] = x;
        }
        // counts[b] is now where bucket b ends (and bucket b + 1 starts)
        if (fromRank < n) {
            sortBuckets(out, counts, bucketHolding(counts, n, fromRank), n);
        }
        for (int r : ranks) {
            if (r < fromRank) {
                int b = bucketHolding(counts, n, r);
                sortBuckets(out, counts, b, b + 1);
            }
        }
    }

    /** The bucket that holds rank r: the first whose end lies past r. */
    private static int bucketHolding(int[] ends, int n, int r) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * Sorts buckets [bFrom, bTo) of out in place: large ones by the JDK, then one insertion pass over their span,
     * whose values only move inside their bucket.
     */
    private static void sortBuckets(double[] out, int[] ends, int bFrom, int bTo) {
        int start = bFrom == 0 ? 0 : ends[bFrom - 1];
        for (int b = bFrom, from = start; b < bTo; from = ends[b++]) {
            if (ends[b] - from > LARGE_BUCKET) {
                Arrays.sort(out, from, ends[b]);
            }
        }
        for (int i = start + 1, end = ends[bTo - 1]; i < end; i++) {
            double x = out[i];
            int j = i - 1;
            while (j >= start && after(out[j], x)) {
                out[j + 1] = out[j];
                j--;
            }
            out[j + 1] = x;
        }
    }

    /**
     * The value of rank k (0-based, ascending) among src[off .. off + n): the k-th value of the JDK-sorted array.
     * One counting pass finds the bucket that holds rank k, and only that bucket is sorted. scratch needs n
     * doubles; src is not changed.
     */
    public static double select(double[] src, int off, int n, int k, double[] scratch, int[] counts) {
        if (k < 0 || k >= n) {
            throw new IllegalArgumentException("rank " + k + " of " + n + " values");
        }
        double min = min(src, off, n);
        double scale = scale(src, off, n, min);
        if (Double.isNaN(scale)) {
            jdkSortInto(src, off, n, scratch);
            return scratch[k];
        }
        int last = n - 1;
        Arrays.fill(counts, 0, n, 0);
        for (int i = off; i < off + n; i++) {
            counts[Math.min(last, (int) ((src[i] - min) * scale))]++;
        }
        int bucket = 0;
        int below = 0;
        while (below + counts[bucket] <= k) {
            below += counts[bucket++];
        }
        int size = 0;
        for (int i = off; i < off + n; i++) {
            double x = src[i];
            scratch[size] = x;
            size += Math.min(last, (int) ((x - min) * scale)) == bucket ? 1 : 0;
        }
        Arrays.sort(scratch, 0, size);
        return scratch[k - below];
    }

    private static double min(double[] src, int off, int n) {
        return extreme(src, off, n, true);
    }

    /**
     * Math.min (lowest) or Math.max over the range, in four interleaved chains (one chain waits on each step's
     * latency); both are commutative and associative, NaN and signed zeros included, so the order does not change
     * the result. The JIT unswitches the loop on {@code lowest}.
     */
    private static double extreme(double[] src, int off, int n, boolean lowest) {
        double e0 = lowest ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        double e1 = e0;
        double e2 = e0;
        double e3 = e0;
        int i = off;
        for (int end = off + (n & ~3); i < end; i += 4) {
            e0 = toward(e0, src[i], lowest);
            e1 = toward(e1, src[i + 1], lowest);
            e2 = toward(e2, src[i + 2], lowest);
            e3 = toward(e3, src[i + 3], lowest);
        }
        for (; i < off + n; i++) {
            e0 = toward(e0, src[i], lowest);
        }
        return toward(toward(e0, e1, lowest), toward(e2, e3, lowest), lowest);
    }

    private static double toward(double a, double b, boolean lowest) {
        return lowest ? Math.min(a, b) : Math.max(a, b);
    }

    /**
     * Buckets per unit of value, n / (max - min), or NaN where the JDK sort is used instead: short arrays, equal
     * values, a NaN (min is then NaN), an infinity, or a span too wide or too narrow for a finite scale.
     */
    private static double scale(double[] src, int off, int n, double min) {
        double max = extreme(src, off, n, false);
        double scale = n / (max - min);
        return n >= SHORT && max > min && Double.isFinite(max - min) && Double.isFinite(scale) ? scale : Double.NaN;
    }

    private static void jdkSortInto(double[] src, int off, int n, double[] out) {
        System.arraycopy(src, off, out, 0, n);
        Arrays.sort(out, 0, n);
    }

    /** Double.compare(a, b) > 0 for non-NaN values: -0.0 sorts before 0.0, as in the JDK sort. */
    private static boolean after(double a, double b) {
        return a > b || (a == b && Double.doubleToRawLongBits(a) > Double.doubleToRawLongBits(b));
    }

    /**
     * Sorts a[from .. to) in place, ascending; scratch needs to - from longs, counts to - from + 1 ints. Values
     * are bucketed through doubles ((double) x - (double) min, monotone and free of overflow), compared as longs.
     */
    public static void sort(long[] a, int from, int to, long[] scratch, int[] counts) {
        int n = to - from;
        if (n < SHORT) {
            Arrays.sort(a, from, to);
            return;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = from; i < to; i++) {
            min = Math.min(min, a[i]);
            max = Math.max(max, a[i]);
        }
        double low = min;
        double scale = n / ((double) max - low);
        if (!Double.isFinite(scale)) {
            Arrays.sort(a, from, to); // equal values, or a span that rounds to 0 as doubles
            return;
        }
        int last = n - 1;
        Arrays.fill(counts, 0, n + 1, 0);
        for (int i = from; i < to; i++) {
            counts[Math.min(last, (int) (((double) a[i] - low) * scale)) + 1]++;
        }
        for (int b = 0; b < n; b++) {
            counts[b + 1] += counts[b];
        }
        for (int i = from; i < to; i++) {
            long x = a[i];
            scratch[counts[Math.min(last, (int) (((double) x - low) * scale))]++] = x;
        }
        for (int b = 0, start = 0; b < n; start = counts[b++]) {
            if (counts[b] - start > LARGE_BUCKET) {
                Arrays.sort(scratch, start, counts[b]);
            }
        }
        for (int i = 1; i < n; i++) {
            long x = scratch[i];
            int j = i - 1;
            while (j >= 0 && scratch[j] > x) {
                scratch[j + 1] = scratch[j];
                j--;
            }
            scratch[j + 1] = x;
        }
        System.arraycopy(scratch, 0, a, from, n);
    }
}
