package slipstream.bench.race;

import slipstream.kernels.race.ArchetypeChaos;
import slipstream.kernels.race.RaceInputs;
import slipstream.kernels.race.RaceOutputs;
import slipstream.kernels.race.RaceSimulator;
import slipstream.kernels.race.ScoringTable;

/**
 * Sanity check against history (not pass/fail): a 36-car 2023-like field per archetype with strengths by a simple
 * rule, {@code eta = -beta_a * z(start)} (z: standardised start; beta_a is the start-only slope from
 * bench/scripts/race/fit_archetype_chaos.py), DNF probability = the archetype's 2015-2023 DNF rate, teams of 3.
 * Prints the simulated DNF rate and laps-led concentration (mean share of the top leader and of the top 3, and how
 * often the top leader leads half the race: the dominator regime) beside the 2015-2023 actuals, for a few kappa.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp <bench classpath> slipstream.bench.race.RaceHistoryCheck}
 */
public final class RaceHistoryCheck {

    private RaceHistoryCheck() {}

    record Archetype(String name, ArchetypeChaos chaos, double beta, double dnfRate, int laps, double histDnf,
                     double histTop1, double histTop3, double histDominator) {}

    public static void main(String[] args) {
        Archetype[] all = {
            new Archetype("SUPERSPEEDWAY", ArchetypeChaos.SUPERSPEEDWAY, 0.3302, 0.2858, 200, 0.2858, 0.330, 0.6189, 0.125),
            new Archetype("INTERMEDIATE", ArchetypeChaos.INTERMEDIATE, 0.7564, 0.1150, 267, 0.1150, 0.471, 0.8109, 0.346),
            new Archetype("SHORT_TRACK", ArchetypeChaos.SHORT_TRACK, 0.8798, 0.1049, 400, 0.1049, 0.475, 0.8627, 0.367),
            new Archetype("ROAD_COURSE", ArchetypeChaos.ROAD_COURSE, 0.6174, 0.1060, 90, 0.1060, 0.445, 0.8223, 0.333),
        };
        int n = 36;
        int scenarios = 20_000;
        System.out.println("| archetype | kappa | sim DNF rate | hist DNF rate | sim top-1 laps-led share "
                + "| hist top-1 | sim top-3 share | hist top-3 | sim P(top-1 >= 50%) | hist P | sim leaders per race "
                + "| sim fastest-lap top-3 share | sim drivers with a fastest lap | sim median green share |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Archetype a : all) {
            for (double kappa : new double[] {0.5, 1.0, 2.0}) {
                double[] eta = new double[n];
                double[] p = new double[n];
                int[] start = new int[n];
                int[] team = new int[n];
                double mean = (n + 1) / 2.0;
                double sd = Math.sqrt((n * (double) n - 1) / 12.0);
                for (int d = 0; d < n; d++) {
                    start[d] = d + 1;
                    eta[d] = -a.beta() * (start[d] - mean) / sd;
                    p[d] = a.dnfRate();
                    team[d] = d % 12;
                }
                RaceInputs in = new RaceInputs(n, scenarios, 1, eta, p, new double[] {kappa}, new double[] {1.0}, 0,
                        start, team, a.laps(), a.chaos(), 2023L, ScoringTable.DRAFTKINGS_CLASSIC);
                RaceOutputs out = RaceOutputs.allocate(n, scenarios);
                new RaceSimulator().simulate(in, 0, scenarios, out);
                long dnfs = 0;
                double top1 = 0;
                double top3 = 0;
                int dominated = 0;
                long leaders = 0;
                double fastTop3 = 0;
                long fastDrivers = 0;
                int[] fast = new int[n];
                int[] led = new int[n];
                double[] green = new double[scenarios];
                for (int s = 0; s < scenarios; s++) {
                    for (int d = 0; d < n; d++) {
                        dnfs += out.dnf()[d * scenarios + s];
                        led[d] = out.lapsLed()[d * scenarios + s];
                        fast[d] = out.fastestLaps()[d * scenarios + s];
                    }
                    java.util.Arrays.sort(led);
                    for (int x : led) {
                        leaders += x > 0 ? 1 : 0;
                    }
                    java.util.Arrays.sort(fast);
                    int greenLaps = Math.max(1, out.greenFlagLaps()[s]);
                    fastTop3 += (double) (fast[n - 1] + fast[n - 2] + fast[n - 3]) / greenLaps;
                    for (int x : fast) {
                        fastDrivers += x > 0 ? 1 : 0;
                    }
                    top1 += (double) led[n - 1] / a.laps();
                    top3 += (double) (led[n - 1] + led[n - 2] + led[n - 3]) / a.laps();
                    dominated += 2 * led[n - 1] >= a.laps() ? 1 : 0;
                    green[s] = (double) out.greenFlagLaps()[s] / a.laps();
                }
                java.util.Arrays.sort(green);
                System.out.printf("| %s | %.1f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.2f | %.3f | %.1f | %.3f |%n",
                        a.name(), kappa, dnfs / (double) (n * scenarios), a.histDnf(), top1 / scenarios, a.histTop1(),
                        top3 / scenarios, a.histTop3(), (double) dominated / scenarios, a.histDominator(),
                        (double) leaders / scenarios, fastTop3 / scenarios, (double) fastDrivers / scenarios, green[scenarios / 2]);
            }
        }
    }
}
