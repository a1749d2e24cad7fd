package slipstream.kernels.race;

/**
 * Where draws land among one set of cumulative weights, through a guide table (Chen and Asau, 1974): the range
 * [0, total) is cut into G = 8n equal buckets, and each bucket stores how many cumulative weights lie wholly below
 * it. A draw starts its scan there, so it costs one multiply, one table load and rarely more than one step,
 * however deep it lands. The race kernel indexes each scenario's stint weights once ({@link #index}, O(n + G) with
 * no branch per weight) and then draws on them up to a hundred times. Fastest-lap weights are nearly flat, so a
 * scan from the front went deep, and its exit was a mispredicted branch. On realistic stint weights that scan took
 * 14-16 ns per draw and a guided draw takes 5-6 ns (bench/RESULTS.md).
 *
 * <p>{@link #firstAbove} is the first position whose cumulative weight exceeds x among the first {@code running}
 * (the last of them if none does), exactly as a scan from the front gives it: the guide only skips positions that
 * cannot be the answer. Bucket b starts at the count of weights w with {@code w * scale < b}, computed in floating
 * point; a draw x goes to bucket {@code b = (int) (x * scale)}, so {@code b <= x * scale}. Rounding products by the
 * same positive scale never reverses an order, so each skipped w has w < x and is not above it.
 */
public final class GuidedPick {
    private final int[] guide;
    private final int buckets;
    private double[] cum;
    private double scale;

    /** For cumulative arrays of up to {@code positions} weights. */
    public GuidedPick(int positions) {
        this.buckets = Math.max(16, 8 * positions);
        this.guide = new int[buckets + 2];
    }

    /**
     * Indexes cum[0 .. n) (non-decreasing, non-negative) for the draws that follow; the array is read by them, not
     * copied, so it must not change until the next call.
     */
    public void index(double[] cum, int n) {
        this.cum = cum;
        double total = cum[n - 1];
        this.scale = total > 0 && Double.isFinite(total) ? buckets / total : 0;
        java.util.Arrays.fill(guide, 0);
        // w counts towards every bucket b > w * scale: a histogram at floor(w * scale) + 1 (no branch per weight),
        // then running sums
        for (int i = 0; i < n; i++) {
            guide[(int) Math.min(buckets, cum[i] * scale) + 1]++;
        }
        int below = 0;
        for (int b = 0; b <= buckets; b++) {
            below += guide[b];
            guide[b] = below;
        }
    }

    /**
     * @param x       a draw, usually u * cum[running - 1] with u in [0, 1)
     * @param running how many positions may be drawn, at least 1 and at most the indexed count
     */
    public int firstAbove(double x, int running) {
        // NaN and negative draws go to bucket 0, draws at or past the total to the last bucket
        int b = (int) Math.min(buckets, Math.max(0, x * scale));
        int i = guide[b];
        while (i < running && cum[i] <= x) {
            i++;
        }
        return Math.min(i, running - 1);
    }
}
