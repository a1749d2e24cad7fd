package slipstream.kernels.scoring;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import slipstream.kernels.vector.LaneSums;

/**
 * Panama twin of {@link CrpsKernel}. Vectorised: min, max and sum |x - y| in one pass; bucket keys; the largest
 * bucket count; and one pass over the bucketed members that does the weighted sum and the in-bucket correction
 * together. The histogram, the prefix sum and the scatter stay scalar (the Vector API has no conflict-free
 * scatter-add; a gather/scatter version measured slower). For m = 1000 the scatter is the largest step (~1.3 us
 * of ~2.7 us), then the fused pass (~0.7 us) and the first pass (~0.4 us, reading the members from memory).
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
        int crowded = startsOfBuckets(counts, buckets, padded);
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
     * Replaces {@code counts[0 .. buckets)} by their exclusive prefix sums (the start of each bucket) and returns the
     * largest count, read with vectors from {@code counts[0 .. padded)}: a running maximum in the scalar loop was a
     * two-cycle dependency chain (~0.4 us for m = 1000). (An in-register vector scan made C2 box vectors.)
     */
    private static int startsOfBuckets(int[] counts, int buckets, int padded) {
        IntVector largest = IntVector.zero(COUNT_SPECIES);
        for (int b = 0; b < padded; b += COUNT_LANES) {
            largest = largest.max(IntVector.fromArray(COUNT_SPECIES, counts, b));
        }
        int start = 0;
        for (int b = 0; b < buckets; b++) {
            int count = counts[b];
            counts[b] = start;
            start += count;
        }
        return largest.reduceLanes(VectorOperators.MAX);
    }

    /**
     * sum_p (2p + 1 - m) x_p + 2 * (total x_p - x_q over pairs p &lt; q &lt; p + crowded with x_p &gt; x_q), in one
     * pass over blocks of {@code LANES} members; {@code x[m ..]} holds at least crowded + LANES copies of the max.
     * One accumulator per distance: with one or two the masked adds were latency-bound. Each update is
     * acc + max(0, x_p - x_q) as a masked add (no NaN here, and cheaper than max()), written out in place: as a
     * helper method it fell out of C2's inlining budget, and the vectors were boxed.
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
            DoubleVector diff1 = xp.sub(DoubleVector.fromArray(SPECIES, x, p + 1));
            inv1 = inv1.add(diff1, diff1.compare(VectorOperators.GT, 0));
            if (crowded > 2) {
                DoubleVector diff2 = xp.sub(DoubleVector.fromArray(SPECIES, x, p + 2));
                inv2 = inv2.add(diff2, diff2.compare(VectorOperators.GT, 0));
            }
            if (crowded > 3) {
                DoubleVector diff3 = xp.sub(DoubleVector.fromArray(SPECIES, x, p + 3));
                inv3 = inv3.add(diff3, diff3.compare(VectorOperators.GT, 0));
            }
            if (crowded > 4) {
                DoubleVector diff4 = xp.sub(DoubleVector.fromArray(SPECIES, x, p + 4));
                inv4 = inv4.add(diff4, diff4.compare(VectorOperators.GT, 0));
            }
            if (crowded > 5) {
                DoubleVector diff5 = xp.sub(DoubleVector.fromArray(SPECIES, x, p + 5));
                inv5 = inv5.add(diff5, diff5.compare(VectorOperators.GT, 0));
            }
            if (crowded > 6) {
                DoubleVector diff6 = xp.sub(DoubleVector.fromArray(SPECIES, x, p + 6));
                inv6 = inv6.add(diff6, diff6.compare(VectorOperators.GT, 0));
            }
            if (crowded > 7) {
                DoubleVector diff7 = xp.sub(DoubleVector.fromArray(SPECIES, x, p + 7));
                inv7 = inv7.add(diff7, diff7.compare(VectorOperators.GT, 0));
            }
            for (int d = 8; d < crowded; d++) {
                DoubleVector far = xp.sub(DoubleVector.fromArray(SPECIES, x, p + d));
                invFar = invFar.add(far, far.compare(VectorOperators.GT, 0));
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
}
