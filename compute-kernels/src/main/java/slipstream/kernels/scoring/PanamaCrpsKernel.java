package slipstream.kernels.scoring;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import slipstream.kernels.vector.LaneSums;

/**
 * Panama twin of {@link CrpsKernel}. Vectorised: min, max and sum |x - y| in one pass; bucket keys; the weighted
 * pass; and the in-bucket correction, done as one masked pass per distance d = 1 .. (largest bucket - 1) that
 * compares x_p with x_{p+d} where both lie in the same bucket (buckets are contiguous after the counting sort).
 * The histogram and the scatter stay scalar (the Vector API has no conflict-free scatter-add).
 */
public final class PanamaCrpsKernel implements CrpsKernel {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INT_SPECIES =
            VectorSpecies.of(int.class, VectorShape.forBitSize(SPECIES.length() * Integer.SIZE));

    @Override
    public void sums(double[] members, int off, int m, double y, CrpsScratch scratch, double[] out) {
        int lanes = SPECIES.length();
        int bound = SPECIES.loopBound(m);
        DoubleVector vMin = DoubleVector.broadcast(SPECIES, Double.POSITIVE_INFINITY);
        DoubleVector vMax = DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY);
        DoubleVector vAbs = DoubleVector.zero(SPECIES);
        DoubleVector vy = DoubleVector.broadcast(SPECIES, y);
        int i = 0;
        for (; i < bound; i += lanes) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, members, off + i);
            vMin = vMin.min(x);
            vMax = vMax.max(x);
            vAbs = vAbs.add(x.sub(vy).abs());
        }
        double min = vMin.reduceLanes(VectorOperators.MIN);
        double max = vMax.reduceLanes(VectorOperators.MAX);
        double absolute = LaneSums.inOrder(vAbs);
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
        IntVector vTop = IntVector.broadcast(INT_SPECIES, buckets - 1);
        for (i = 0; i < bound; i += lanes) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, members, off + i);
            IntVector key = (IntVector) x.sub(vLow).mul(vScale).convertShape(VectorOperators.D2I, INT_SPECIES, 0);
            key.min(vTop).intoArray(keys, i);
        }
        for (; i < m; i++) {
            keys[i] = Math.min(buckets - 1, (int) ((members[off + i] - min) * scale));
        }
        int[] counts = scratch.counts;
        java.util.Arrays.fill(counts, 0, buckets + 1, 0);
        for (i = 0; i < m; i++) {
            counts[keys[i] + 1]++;
        }
        int crowded = 0;
        for (int b = 0; b < buckets; b++) {
            crowded = Math.max(crowded, counts[b + 1]);
            counts[b + 1] += counts[b];
        }
        if (crowded > CROWDED) {
            out[1] = SortFallback.giniSum(members, off, m, scratch);
            return;
        }
        double[] bucketed = scratch.bucketed;
        double[] bucketKey = scratch.bucketKey;
        for (i = 0; i < m; i++) {
            int key = keys[i];
            int p = counts[key]++;
            bucketed[p] = members[off + i];
            bucketKey[p] = key;
        }
        out[1] = spread(bucketed, m) + 2 * inverted(bucketed, bucketKey, m, crowded);
    }

    /** sum_p (2p + 1 - m) x_p. */
    private static double spread(double[] x, int m) {
        int lanes = SPECIES.length();
        int bound = SPECIES.loopBound(m);
        DoubleVector weight = DoubleVector.zero(SPECIES).addIndex(2).add(1.0 - m);
        DoubleVector step = DoubleVector.broadcast(SPECIES, 2.0 * lanes);
        DoubleVector acc = DoubleVector.zero(SPECIES);
        int p = 0;
        for (; p < bound; p += lanes) {
            acc = DoubleVector.fromArray(SPECIES, x, p).fma(weight, acc);
            weight = weight.add(step);
        }
        double s = LaneSums.inOrder(acc);
        for (; p < m; p++) {
            s += (2.0 * p + 1 - m) * x[p];
        }
        return s;
    }

    /** Total x_p - x_{p+d} over same-bucket pairs with x_p &gt; x_{p+d}, for d below the largest bucket size. */
    private static double inverted(double[] x, double[] key, int m, int crowded) {
        int lanes = SPECIES.length();
        DoubleVector acc = DoubleVector.zero(SPECIES);
        double tail = 0;
        for (int d = 1; d < crowded; d++) {
            int limit = m - d;
            int bound = SPECIES.loopBound(limit);
            int p = 0;
            for (; p < bound; p += lanes) {
                DoubleVector diff = DoubleVector.fromArray(SPECIES, x, p).sub(DoubleVector.fromArray(SPECIES, x, p + d));
                VectorMask<Double> sameBucket =
                        DoubleVector.fromArray(SPECIES, key, p).eq(DoubleVector.fromArray(SPECIES, key, p + d));
                acc = acc.add(diff, sameBucket.and(diff.compare(VectorOperators.GT, 0)));
            }
            for (; p < limit; p++) {
                if (key[p] == key[p + d]) {
                    tail += Math.max(0, x[p] - x[p + d]);
                }
            }
        }
        return LaneSums.inOrder(acc) + tail;
    }
}
