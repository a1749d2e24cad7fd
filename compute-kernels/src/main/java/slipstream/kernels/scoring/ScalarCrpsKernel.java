package slipstream.kernels.scoring;

/** Scalar twin of {@link CrpsKernel}: counting sort into buckets, weighted pass, in-bucket inversion correction. */
public final class ScalarCrpsKernel implements CrpsKernel {

    @Override
    public void sums(double[] members, int off, int m, double y, CrpsScratch scratch, double[] out) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double absolute = 0;
        for (int i = 0; i < m; i++) {
            double x = members[off + i];
            min = Math.min(min, x);
            max = Math.max(max, x);
            absolute += Math.abs(x - y);
        }
        out[0] = absolute;
        if (!(max > min)) {
            out[1] = 0; // all members equal (or m = 1): no spread
            return;
        }
        int buckets = CrpsScratch.buckets(m);
        double scale = buckets / (max - min);
        if (!Double.isFinite(scale) || !Double.isFinite(max - min)) {
            out[1] = SortFallback.giniSum(members, off, m, scratch);
            return;
        }
        int[] keys = scratch.keys;
        int[] counts = scratch.counts;
        java.util.Arrays.fill(counts, 0, buckets + 1, 0);
        for (int i = 0; i < m; i++) {
            // (x - min) * scale is monotone in x under rounding, so bucket order never contradicts value order.
            int key = Math.min(buckets - 1, (int) ((members[off + i] - min) * scale));
            keys[i] = key;
            counts[key + 1]++;
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
        for (int i = 0; i < m; i++) {
            bucketed[counts[keys[i]]++] = members[off + i];
        }
        // Now counts[b] is the end of bucket b.
        double spread = 0;
        for (int p = 0; p < m; p++) {
            spread += (2.0 * p + 1 - m) * bucketed[p];
        }
        double inverted = 0;
        int begin = 0;
        for (int b = 0; b < buckets; b++) {
            int end = counts[b];
            for (int p = begin; p < end - 1; p++) {
                double xp = bucketed[p];
                for (int q = p + 1; q < end; q++) {
                    inverted += Math.max(0, xp - bucketed[q]);
                }
            }
            begin = end;
        }
        out[1] = spread + 2 * inverted;
    }
}
