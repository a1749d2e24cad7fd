package slipstream.server.optimizer;

/**
 * Simulated race scenarios of a slate, struct-of-arrays, one row per driver across scenarios
 * ({@code x[driver * count + s]}), drivers in the spec's entry order.
 *
 * @param cautionShare per scenario: laps under caution / race laps
 */
public record Scenarios(int drivers, int count, double[] points, int[] finish, int[] lapsLed, boolean[] dnf,
                        double[] cautionShare) {

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
