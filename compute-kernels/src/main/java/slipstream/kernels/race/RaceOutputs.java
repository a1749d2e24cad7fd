package slipstream.kernels.race;

/**
 * Caller-owned outputs of a run, struct-of-arrays, one row per driver across scenarios: the value of driver
 * {@code d} in scenario {@code s} is at {@code d * scenarios + s}. Per-scenario arrays are indexed by {@code s}.
 *
 * @param finish        finishing place 1..n (a permutation of 1..n in every scenario)
 * @param dnf           1 when the driver did not finish, else 0
 * @param lapsLed       laps led (sum over drivers = race laps in every scenario)
 * @param fastestLaps   fastest laps (sum over drivers = the scenario's green-flag laps)
 * @param points        DFS points from the scoring table
 * @param cautionLaps   laps run under caution, per scenario
 * @param greenFlagLaps race laps minus caution laps, per scenario
 */
public record RaceOutputs(int drivers, int scenarios, int[] finish, byte[] dnf, int[] lapsLed, int[] fastestLaps,
                          double[] points, int[] cautionLaps, int[] greenFlagLaps) {

    public RaceOutputs {
        long cells = (long) drivers * scenarios;
        if (finish.length < cells || dnf.length < cells || lapsLed.length < cells || fastestLaps.length < cells
                || points.length < cells || cautionLaps.length < scenarios || greenFlagLaps.length < scenarios) {
            throw new IllegalArgumentException("output arrays too short for " + drivers + " x " + scenarios);
        }
    }

    /** Fresh arrays for {@code drivers x scenarios}. */
    public static RaceOutputs allocate(int drivers, int scenarios) {
        int cells = Math.multiplyExact(drivers, scenarios);
        return new RaceOutputs(drivers, scenarios, new int[cells], new byte[cells], new int[cells], new int[cells],
                new double[cells], new int[scenarios], new int[scenarios]);
    }
}
