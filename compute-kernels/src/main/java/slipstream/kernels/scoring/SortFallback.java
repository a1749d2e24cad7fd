package slipstream.kernels.scoring;

import java.util.Arrays;

/** The exact O(m log m) path shared by both CRPS kernel twins when bucketing would not pay. */
final class SortFallback {

    private SortFallback() {}

    /** Gini sum sum_{i<j} |x_i - x_j| by sorting a copy into {@code scratch.bucketed}. */
    static double giniSum(double[] members, int off, int m, CrpsScratch scratch) {
        double[] sorted = scratch.bucketed;
        System.arraycopy(members, off, sorted, 0, m);
        Arrays.sort(sorted, 0, m);
        double spread = 0;
        for (int i = 0; i < m; i++) {
            spread += (2.0 * i + 1 - m) * sorted[i];
        }
        return spread;
    }
}
