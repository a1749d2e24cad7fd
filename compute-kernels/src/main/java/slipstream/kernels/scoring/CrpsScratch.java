package slipstream.kernels.scoring;

/**
 * Caller-owned scratch for {@link CrpsKernel}: bucket keys, counts and the bucketed copy of one ensemble. Holds
 * ensembles of up to {@link #capacity()} members. Not thread-safe: one per thread, reused across observations, so
 * the kernel allocates nothing.
 */
public final class CrpsScratch {

    /**
     * Slack past {@code capacity} in {@link #counts} and {@link #bucketed}, at least one vector of any species:
     * the Panama twin reads whole vectors of counts and compares members with up to {@link CrpsKernel#CROWDED}
     * followers without tail loops.
     */
    static final int PAD = 64;

    final int[] keys;
    final int[] counts;
    final double[] bucketed;

    public CrpsScratch(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        keys = new int[capacity];
        counts = new int[capacity + PAD];
        bucketed = new double[capacity + CrpsKernel.CROWDED + PAD];
    }

    public int capacity() {
        return keys.length;
    }

    /** Number of equal-width buckets for m members: about 3m/4, measured fastest for m = 1000 (0.5m..m). */
    static int buckets(int m) {
        return Math.max(1, m - m / 4);
    }
}
