package slipstream.kernels.scoring;

import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import slipstream.kernels.vector.LaneSums;

/**
 * Panama twin of {@link CrpsKernel}. Vectorised: min, max and sum |x - y| in one pass; bucket keys; the prefix sum
 * of the bucket counts; and one pass over the bucketed members that does the weighted sum and the in-bucket
 * correction together. The histogram and the scatter stay scalar (the Vector API has no conflict-free
 * scatter-add; a gather/scatter version measured slower).
 *
 * <p>The correction needs no bucket keys: bucket order follows value order, so x_p &gt; x_q with p &lt; q only
 * happens inside a bucket, and every pair less than {@code crowded} apart is compared, inverted or not.
 */
public final class PanamaCrpsKernel implements CrpsKernel {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final VectorSpecies<Integer> KEY_SPECIES =
            VectorSpecies.of(int.class, VectorShape.forBitSize(LANES * Integer.SIZE));
    private static final VectorSpecies<Integer> COUNT_SPECIES = IntVector.SPECIES_PREFERRED;
    private static final int COUNT_LANES = COUNT_SPECIES.length();

    // In-register prefix sum of counts: UP_k moves lanes up k places, ABOVE_k keeps lanes >= k (zeros below).
    private static final VectorShuffle<Integer> UP_1 = up(1);
    private static final VectorShuffle<Integer> UP_2 = up(2);
    private static final VectorShuffle<Integer> UP_4 = up(4);
    private static final VectorShuffle<Integer> UP_8 = up(8);
    private static final VectorMask<Integer> ABOVE_1 = above(1);
    private static final VectorMask<Integer> ABOVE_2 = above(2);
    private static final VectorMask<Integer> ABOVE_4 = above(4);
    private static final VectorMask<Integer> ABOVE_8 = above(8);
    // Steps 16, 32, ...: only species above 512 bits.
    private static final int[] WIDE_STEPS = IntStream.iterate(16, k -> k < COUNT_LANES, k -> 2 * k).toArray();
    @SuppressWarnings("unchecked")
    private static final VectorShuffle<Integer>[] WIDE_UP =
            IntStream.of(WIDE_STEPS).mapToObj(PanamaCrpsKernel::up).toArray(VectorShuffle[]::new);
    @SuppressWarnings("unchecked")
    private static final VectorMask<Integer>[] WIDE_ABOVE =
            IntStream.of(WIDE_STEPS).mapToObj(PanamaCrpsKernel::above).toArray(VectorMask[]::new);
    private static final VectorShuffle<Integer> LAST = VectorShuffle.fromOp(COUNT_SPECIES, i -> COUNT_LANES - 1);

    private static VectorShuffle<Integer> up(int k) {
        return VectorShuffle.fromOp(COUNT_SPECIES, i -> Math.floorMod(i - k, COUNT_LANES));
    }

    private static VectorMask<Integer> above(int k) {
        return IntVector.zero(COUNT_SPECIES).addIndex(1).compare(VectorOperators.GE, k);
    }

    @Override
    public void sums(double[] members, int off, int m, double y, CrpsScratch scratch, double[] out) {
        int bound = SPECIES.loopBound(m);
        // Two accumulators each, and compare-blend rather than min()/max() (whose NaN and -0.0 handling costs
        // several instructions): the loop was latency-bound on one chain. Members are not NaN.
        DoubleVector first = DoubleVector.broadcast(SPECIES, members[off]);
        DoubleVector min0 = first;
        DoubleVector max0 = first;
        DoubleVector min1 = first;
        DoubleVector max1 = first;
        DoubleVector abs0 = DoubleVector.zero(SPECIES);
        DoubleVector abs1 = abs0;
        DoubleVector vy = DoubleVector.broadcast(SPECIES, y);
        int i = 0;
        for (; i < bound - LANES; i += 2 * LANES) {
            DoubleVector x0 = DoubleVector.fromArray(SPECIES, members, off + i);
            DoubleVector x1 = DoubleVector.fromArray(SPECIES, members, off + i + LANES);
            min0 = min0.blend(x0, x0.compare(VectorOperators.LT, min0));
            max0 = max0.blend(x0, x0.compare(VectorOperators.GT, max0));
            abs0 = abs0.add(x0.sub(vy).abs());
            min1 = min1.blend(x1, x1.compare(VectorOperators.LT, min1));
            max1 = max1.blend(x1, x1.compare(VectorOperators.GT, max1));
            abs1 = abs1.add(x1.sub(vy).abs());
        }
        for (; i < bound; i += LANES) {
            DoubleVector x0 = DoubleVector.fromArray(SPECIES, members, off + i);
            min0 = min0.blend(x0, x0.compare(VectorOperators.LT, min0));
            max0 = max0.blend(x0, x0.compare(VectorOperators.GT, max0));
            abs0 = abs0.add(x0.sub(vy).abs());
        }
        double min = min0.min(min1).reduceLanes(VectorOperators.MIN);
        double max = max0.max(max1).reduceLanes(VectorOperators.MAX);
        double absolute = LaneSums.inOrder(abs0.add(abs1));
        for (; i < m; i++) {
            double x = members[off + i];
            min = Math.min(min, x);
            max = Math.max(max, x);
            absolute += Math.abs(x - y);
        }
        out[0] = absolute;
        if (!(max > min)) {
            out[1] = 0;
            return;
        }
        int buckets = CrpsScratch.buckets(m);
        double scale = buckets / (max - min);
        if (!Double.isFinite(scale) || !Double.isFinite(max - min)) {
            out[1] = SortFallback.giniSum(members, off, m, scratch);
            return;
        }
        int[] keys = scratch.keys;
        DoubleVector vLow = DoubleVector.broadcast(SPECIES, min);
        DoubleVector vScale = DoubleVector.broadcast(SPECIES, scale);
        IntVector vTop = IntVector.broadcast(KEY_SPECIES, buckets - 1);
        for (i = 0; i < bound; i += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, members, off + i);
            IntVector key = (IntVector) x.sub(vLow).mul(vScale).convertShape(VectorOperators.D2I, KEY_SPECIES, 0);
            key.min(vTop).intoArray(keys, i);
        }
        for (; i < m; i++) {
            keys[i] = Math.min(buckets - 1, (int) ((members[off + i] - min) * scale));
        }
        int[] counts = scratch.counts;
        int padded = COUNT_SPECIES.loopBound(buckets + COUNT_LANES - 1);
        java.util.Arrays.fill(counts, 0, padded, 0);
        for (i = 0; i < m; i++) {
            counts[keys[i]]++;
        }
        int crowded = startsOfBuckets(counts, padded);
        if (crowded > CROWDED) {
            out[1] = SortFallback.giniSum(members, off, m, scratch);
            return;
        }
        double[] bucketed = scratch.bucketed;
        for (i = 0; i < m; i++) {
            // Written out: the compound bucketed[counts[key]++] = ... measured ~30% slower here.
            int key = keys[i];
            int p = counts[key];
            counts[key] = p + 1;
            bucketed[p] = members[off + i];
        }
        // Followers past the end compare as not inverted (x_p - max <= 0), so the pass below needs no tail checks.
        java.util.Arrays.fill(bucketed, m, m + crowded + LANES, max);
        out[1] = giniOfBucketed(bucketed, m, crowded);
    }

    /**
     * Replaces {@code counts[0 .. padded)} by their exclusive prefix sums (the start of each bucket) and returns the
     * largest count. In-register scan (log2(lanes) shifted adds per vector, plus a running carry): ~0.1 us less
     * than the scalar loop for m = 1000, whose running maximum was a two-cycle dependency chain.
     */
    private static int startsOfBuckets(int[] counts, int padded) {
        IntVector zero = IntVector.zero(COUNT_SPECIES);
        IntVector carry = zero;
        IntVector largest = zero;
        for (int b = 0; b < padded; b += COUNT_LANES) {
            IntVector c = IntVector.fromArray(COUNT_SPECIES, counts, b);
            largest = largest.max(c);
            IntVector scan = c.add(c.rearrange(UP_1, ABOVE_1));
            if (COUNT_LANES > 2) {
                scan = scan.add(scan.rearrange(UP_2, ABOVE_2));
            }
            if (COUNT_LANES > 4) {
                scan = scan.add(scan.rearrange(UP_4, ABOVE_4));
            }
            if (COUNT_LANES > 8) {
                scan = scan.add(scan.rearrange(UP_8, ABOVE_8));
            }
            for (int w = 0; w < WIDE_STEPS.length; w++) {
                scan = scan.add(scan.rearrange(WIDE_UP[w], WIDE_ABOVE[w]));
            }
            scan.sub(c).add(carry).intoArray(counts, b);
            carry = carry.add(scan.rearrange(LAST));
        }
        return largest.reduceLanes(VectorOperators.MAX);
    }

    /**
     * sum_p (2p + 1 - m) x_p + 2 * (total x_p - x_q over pairs p &lt; q &lt; p + crowded with x_p &gt; x_q), in one
     * pass over blocks of {@code LANES} members; {@code x[m ..]} holds at least crowded + LANES copies of the max.
     * One accumulator per distance: with one or two the masked adds were latency-bound.
     */
    private static double giniOfBucketed(double[] x, int m, int crowded) {
        DoubleVector weight = DoubleVector.zero(SPECIES).addIndex(2).add(1.0 - m);
        DoubleVector step = DoubleVector.broadcast(SPECIES, 2.0 * LANES);
        DoubleVector spread = DoubleVector.zero(SPECIES);
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector inv1 = zero;
        DoubleVector inv2 = zero;
        DoubleVector inv3 = zero;
        DoubleVector inv4 = zero;
        DoubleVector inv5 = zero;
        DoubleVector inv6 = zero;
        DoubleVector inv7 = zero;
        DoubleVector invFar = zero;
        int bound = SPECIES.loopBound(m);
        int p = 0;
        for (; p < bound; p += LANES) {
            DoubleVector xp = DoubleVector.fromArray(SPECIES, x, p);
            spread = xp.fma(weight, spread);
            weight = weight.add(step);
            inv1 = inverted(inv1, xp, DoubleVector.fromArray(SPECIES, x, p + 1));
            if (crowded > 2) {
                inv2 = inverted(inv2, xp, DoubleVector.fromArray(SPECIES, x, p + 2));
            }
            if (crowded > 3) {
                inv3 = inverted(inv3, xp, DoubleVector.fromArray(SPECIES, x, p + 3));
            }
            if (crowded > 4) {
                inv4 = inverted(inv4, xp, DoubleVector.fromArray(SPECIES, x, p + 4));
            }
            if (crowded > 5) {
                inv5 = inverted(inv5, xp, DoubleVector.fromArray(SPECIES, x, p + 5));
            }
            if (crowded > 6) {
                inv6 = inverted(inv6, xp, DoubleVector.fromArray(SPECIES, x, p + 6));
            }
            if (crowded > 7) {
                inv7 = inverted(inv7, xp, DoubleVector.fromArray(SPECIES, x, p + 7));
            }
            for (int d = 8; d < crowded; d++) {
                invFar = inverted(invFar, xp, DoubleVector.fromArray(SPECIES, x, p + d));
            }
        }
        double s = LaneSums.inOrder(spread);
        double inv = LaneSums.inOrder(inv1.add(inv2).add(inv3).add(inv4).add(inv5).add(inv6).add(inv7).add(invFar));
        for (; p < m; p++) {
            s += (2.0 * p + 1 - m) * x[p];
            for (int d = 1; d < crowded; d++) {
                inv += Math.max(0, x[p] - x[p + d]);
            }
        }
        return s + 2 * inv;
    }

    /** acc + max(0, xp - xq) lane-wise (a masked add: no NaN here, and cheaper than max()). */
    private static DoubleVector inverted(DoubleVector acc, DoubleVector xp, DoubleVector xq) {
        DoubleVector diff = xp.sub(xq);
        return acc.add(diff, diff.compare(VectorOperators.GT, 0));
    }
}
