package slipstream.server.optimizer;

/**
 * Simulated race scenarios of a slate, struct-of-arrays, one row per driver across scenarios
 * ({@code x[driver * count + s]}), drivers in the spec's entry order.
 *
 * @param cautionShare per scenario: laps under caution / race laps
 */
public record Scenarios(int drivers, int count, double[] points, int[] finish, int[] lapsLed, boolean[] dnf,
                        double[] cautionShare) {

    /** Scenarios [from, to) as a set of their own (the same drivers, rows copied). */
    public Scenarios range(int from, int to) {
        int k = to - from;
        return new Scenarios(drivers, k, pointsIn(from, to), rows(finish, new int[drivers * k], from, to),
                rows(lapsLed, new int[drivers * k], from, to), rows(dnf, new boolean[drivers * k], from, to),
                java.util.Arrays.copyOfRange(cautionShare, from, to));
    }

    /** The points of scenarios [from, to), laid out as {@link #points} for to - from scenarios. */
    public double[] pointsIn(int from, int to) {
        return rows(points, new double[drivers * (to - from)], from, to);
    }

    /** Copies each driver's row segment [from, to) of a per-driver array into dst, rows of to - from. */
    private <A> A rows(A src, A dst, int from, int to) {
        return copyColumns(src, drivers, count, from, to, dst);
    }

    /**
     * Columns [from, to) of rowCount rows of count values each (row r at x[r * count ..)), as rows of to - from:
     * e.g. lineups' points restricted to a range of scenarios.
     */
    public static double[] columns(double[] x, int rowCount, int count, int from, int to) {
        return copyColumns(x, rowCount, count, from, to, new double[rowCount * (to - from)]);
    }

    private static <A> A copyColumns(A src, int rowCount, int count, int from, int to, A dst) {
        java.util.Objects.checkFromToIndex(from, to, count);
        int k = to - from;
        for (int r = 0; r < rowCount; r++) {
            System.arraycopy(src, r * count + from, dst, r * k, k);
        }
        return dst;
    }

    /** Laps led by the scenario's top leader as a share of the race, per scenario. */
    public double[] topLapsLedShare(int raceLaps) {
        double[] out = new double[count];
        for (int d = 0; d < drivers; d++) {
            for (int s = 0; s < count; s++) {
                out[s] = Math.max(out[s], lapsLed[d * count + s] / (double) raceLaps);
            }
        }
        return out;
    }

    /** Cars that did not finish, per scenario. */
    public int[] dnfCount() {
        int[] out = new int[count];
        for (int d = 0; d < drivers; d++) {
            for (int s = 0; s < count; s++) {
                if (dnf[d * count + s]) {
                    out[s]++;
                }
            }
        }
        return out;
    }
}
