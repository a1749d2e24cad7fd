package slipstream.kernels.portfolio;

/**
 * Scenario regime labels from simulated race facts, checked in this order (first match wins):
 * <ol>
 *   <li><b>chaos</b> (1): at least {@code chaosDnf} cars out, or a caution share of laps of at least
 *       {@code chaosCautionShare} — wrecks reshuffle the order and place differential dominates;</li>
 *   <li><b>dominator</b> (2): the driver who led most laps led at least {@code dominatorShare} of them —
 *       laps-led points concentrate on one driver;</li>
 *   <li><b>fuel_mileage</b> (3): caution share at most {@code fuelMileageCautionShare} — long green runs, the
 *       race decided on pit strategy and fastest laps spread across the field;</li>
 *   <li><b>normal</b> (0): everything else.</li>
 * </ol>
 * Defaults: 6 DNFs, 22% caution laps, 50% laps led, 8% caution laps. Cup races average about 16% caution laps
 * (84% green, 2019-2023 loop data), so 22% is a caution-heavy race and 8% an unusually green one. The thresholds
 * are labels for reporting, not model parameters; pass others to suit a track.
 */
public final class Regimes {
    public static final int NORMAL = 0;
    public static final int CHAOS = 1;
    public static final int DOMINATOR = 2;
    public static final int FUEL_MILEAGE = 3;
    /** Names indexed by label. */
    public static final String[] NAMES = {"normal", "chaos", "dominator", "fuel_mileage"};

    /** Thresholds of the rules. */
    public record Rules(int chaosDnf, double chaosCautionShare, double dominatorShare, double fuelMileageCautionShare) {
        public static Rules defaults() {
            return new Rules(6, 0.22, 0.50, 0.08);
        }
    }

    private Regimes() {}

    /**
     * @param topLapsLedShare per scenario: laps led by the top leader / race laps
     * @param dnfCount        per scenario: cars that did not finish
     * @param cautionShare    per scenario: caution laps / race laps (1 - green-flag share)
     * @param out             receives a label per scenario
     */
    public static void classify(double[] topLapsLedShare, int[] dnfCount, double[] cautionShare, Rules rules,
                                int[] out) {
        for (int s = 0; s < out.length; s++) {
            if (dnfCount[s] >= rules.chaosDnf() || cautionShare[s] >= rules.chaosCautionShare()) {
                out[s] = CHAOS;
            } else if (topLapsLedShare[s] >= rules.dominatorShare()) {
                out[s] = DOMINATOR;
            } else if (cautionShare[s] <= rules.fuelMileageCautionShare()) {
                out[s] = FUEL_MILEAGE;
            } else {
                out[s] = NORMAL;
            }
        }
    }

    /** Share of scenarios per label (indexed like {@link #NAMES}). */
    public static double[] mix(int[] labels) {
        double[] m = new double[NAMES.length];
        for (int l : labels) {
            m[l] += 1.0 / labels.length;
        }
        return m;
    }

    /** Mean of row x[off .. off+S) within each regime; NaN for a regime with no scenario. */
    public static double[] meanByRegime(double[] x, int off, int[] labels) {
        double[] sum = new double[NAMES.length];
        int[] count = new int[NAMES.length];
        for (int s = 0; s < labels.length; s++) {
            sum[labels[s]] += x[off + s];
            count[labels[s]]++;
        }
        for (int g = 0; g < sum.length; g++) {
            sum[g] = count[g] == 0 ? Double.NaN : sum[g] / count[g];
        }
        return sum;
    }
}
