package slipstream.kernels.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import slipstream.kernels.rng.RandomStream;

/**
 * The bootstrap draws its indices in blocks; these pin its results to the plain per-element draw
 * ({@code below(PURPOSE_BOOTSTRAP, b, i, S)} one at a time), for sources with and without a bulk override and for
 * scenario counts below, at and across the block size.
 */
class BootstrapStabilityTest {
    private static final int RESAMPLES = 37;
    private static final int[] SCENARIO_COUNTS = {1, 2, 7, 1024, 2500};

    private static RandomSource[] sources() {
        return new RandomSource[] {RandomSource.mixing(3), RandomSource.streams(11)};
    }

    @Test
    void ofMeanEqualsThePerElementDraw() {
        for (RandomSource random : sources()) {
            for (int s : SCENARIO_COUNTS) {
                double[] values = values(s, 1, s);
                double[] perResample = new double[RESAMPLES];
                for (int b = 0; b < RESAMPLES; b++) {
                    double sum = 0;
                    for (int i = 0; i < s; i++) {
                        sum += values[random.below(RandomSource.PURPOSE_BOOTSTRAP, b, i, s)];
                    }
                    perResample[b] = sum / s;
                }
                assertSameSummary(perResample, s,
                        BootstrapStability.ofMean(values, RESAMPLES, 0.05, random, RunControl.none()), "S = " + s);
            }
        }
    }

    @Test
    void ofCvarEqualsThePerElementDraw() {
        int lineups = 3;
        double alpha = 0.9;
        for (RandomSource random : sources()) {
            for (int s : SCENARIO_COUNTS) {
                double[] rows = values(lineups * s, 2, s);
                double mass = (1 - alpha) * s;
                double[] perResample = new double[RESAMPLES];
                for (int b = 0; b < RESAMPLES; b++) {
                    int[] counts = new int[s];
                    for (int i = 0; i < s; i++) {
                        counts[random.below(RandomSource.PURPOSE_BOOTSTRAP, b, i, s)]++;
                    }
                    for (int p = 0; p < lineups; p++) {
                        perResample[b] += tailMean(rows, p * s, s, counts, mass);
                    }
                }
                assertSummaryWithinRounding(perResample, s, BootstrapStability.ofCvar(rows, lineups, s, alpha,
                        RESAMPLES, 0.05, random, RunControl.none()), "S = " + s);
                // Too few scenarios ordered up front: every walk continues on the full order, same result.
                assertSummaryWithinRounding(perResample, s, BootstrapStability.ofCvar(rows, lineups, s, alpha,
                        RESAMPLES, 0.05, random, RunControl.none(), 1), "S = " + s + ", top 1");
            }
        }
    }

    /** The documented tail walk: scenarios from best down, taking their counts until the mass is reached. */
    private static double tailMean(double[] rows, int off, int s, int[] counts, double mass) {
        int[] order = BootstrapStability.descendingOrder(rows, off, s);
        double left = mass;
        double sum = 0;
        for (int j = 0; j < s && left > 0; j++) {
            double take = Math.min(left, counts[order[j]]);
            sum += take * rows[off + order[j]];
            left -= take;
        }
        return sum / mass;
    }

    /** The same draws in any block layout: the result depends only on (b, i). */
    @Test
    void ofCvarMatchesItsOwnPerElementSource() {
        int s = 2500;
        double[] rows = values(2 * s, 4, 17);
        RandomSource bulk = RandomSource.streams(8);
        RandomSource perElement = (purpose, index, counter) -> RandomStream.bits(8, purpose, index, counter);
        assertEquals(BootstrapStability.ofCvar(rows, 2, s, 0.95, RESAMPLES, 0.05, perElement, RunControl.none()),
                BootstrapStability.ofCvar(rows, 2, s, 0.95, RESAMPLES, 0.05, bulk, RunControl.none()));
        assertEquals(BootstrapStability.ofMean(rows, RESAMPLES, 0.05, perElement, RunControl.none()),
                BootstrapStability.ofMean(rows, RESAMPLES, 0.05, bulk, RunControl.none()));
    }

    /** Values with ties (a small integer part) so tail selection meets equal values. */
    private static double[] values(int n, long seed, int distinct) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextInt(Math.max(1, distinct / 3)) + (rnd.nextBoolean() ? rnd.nextGaussian() : 0);
        }
        return x;
    }

    /**
     * The kernel's summary of the resampled values computed here, up to the order of summation: the kernel sums a
     * walk in four partial sums, the reference in one (a wrong count or a wrong last take moves a value by a whole
     * scenario's points, far beyond this tolerance).
     */
    private static void assertSummaryWithinRounding(double[] v, int scenarios, BootstrapStability.Result got,
                                                    String what) {
        BootstrapStability.Result want = BootstrapStability.summarise(v, 0.05, scenarios);
        assertEquals(want.mean(), got.mean(), 1e-12 * Math.abs(want.mean()), what + ": mean");
        assertEquals(want.sd(), got.sd(), 1e-9 * want.sd() + 1e-12, what + ": sd");
        assertEquals(want.cv(), got.cv(), 1e-9 * want.cv() + 1e-15, what + ": cv");
        assertEquals(want.warning(), got.warning(), what + ": warning");
    }

    /** The kernel's summary (mean, sd, CV, warning) of the resampled values computed here, bit for bit. */
    private static void assertSameSummary(double[] v, int scenarios, BootstrapStability.Result got, String what) {
        assertEquals(BootstrapStability.summarise(v, 0.05, scenarios), got, what);
    }
}
