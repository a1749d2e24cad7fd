package slipstream.kernels.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import slipstream.kernels.race.PanamaLineupEvaluator;
import slipstream.kernels.rng.RandomStream;

/**
 * The mean's bootstrap is the ideal one in closed form: checked by brute force over every resample of a few values
 * and against many drawn resamples. CVaR's draws its indices in blocks; these pin its results to the plain
 * per-element draw ({@code below(PURPOSE_BOOTSTRAP, b, i, S)} one at a time), for sources with and without a bulk
 * override and for scenario counts below, at and across the block size.
 */
class BootstrapStabilityTest {
    private static final int RESAMPLES = 37;
    private static final int[] SCENARIO_COUNTS = {1, 2, 7, 1024, 2500};

    private static RandomSource[] sources() {
        return new RandomSource[] {RandomSource.mixing(3), RandomSource.streams(11)};
    }

    /**
     * Brute force: every one of the S^S resamples of S = 1..6 values (with ties), each equally likely, gives the
     * resampled means whose mean and standard deviation ofMean states in closed form.
     */
    @Test
    void ofMeanIsTheIdealBootstrapOverEveryResample() {
        for (int s = 1; s <= 6; s++) {
            double[] values = values(s, 5, 9);
            for (int i = 0; i < s; i++) {
                values[i] += 10; // a mean well away from 0, so the CV is finite
            }
            long resamples = (long) Math.pow(s, s);
            double sum = 0;
            double squares = 0;
            int[] index = new int[s];
            for (long r = 0; r < resamples; r++) {
                long code = r;
                double total = 0;
                for (int i = 0; i < s; i++) {
                    index[i] = (int) (code % s);
                    code /= s;
                    total += values[index[i]];
                }
                double mean = total / s;
                sum += mean;
                squares += mean * mean;
            }
            double mean = sum / resamples;
            double sd = Math.sqrt(Math.max(0, squares / resamples - mean * mean));
            BootstrapStability.Result got = BootstrapStability.ofMean(values, 0.05);
            assertEquals(mean, got.mean(), 1e-12 * Math.abs(mean) + 1e-15, "S = " + s + ": mean");
            assertEquals(sd, got.sd(), 1e-6 * sd + 1e-7, "S = " + s + ": sd");
            assertEquals(got.sd() / Math.abs(got.mean()), got.cv(), 1e-15, "S = " + s + ": cv");
            assertTrue(got.warning().contains("only " + s + " scenarios"), got.warning());
        }
    }

    /** Drawn resamples (B = 4000, per element) agree with the closed form within their Monte Carlo error. */
    @Test
    void ofMeanMatchesDrawnResamples() {
        int s = 2500;
        int b = 4000;
        double[] values = values(s, 6, 300);
        RandomSource random = RandomSource.streams(12);
        double[] perResample = new double[b];
        for (int r = 0; r < b; r++) {
            double sum = 0;
            for (int i = 0; i < s; i++) {
                sum += values[random.below(RandomSource.PURPOSE_BOOTSTRAP, r, i, s)];
            }
            perResample[r] = sum / s;
        }
        BootstrapStability.Result drawn = BootstrapStability.summarise(perResample, 0.05, s);
        BootstrapStability.Result exact = BootstrapStability.ofMean(values, 0.05);
        // The drawn sd's relative error is about 1 / sqrt(2B) = 1.1%; its mean's is sd / sqrt(B) around the mean.
        assertEquals(exact.sd(), drawn.sd(), 0.045 * exact.sd());
        assertEquals(exact.mean(), drawn.mean(), 4 * exact.sd() / Math.sqrt(b));
        assertEquals("", exact.warning());
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
                        RESAMPLES, 0.05, random, LineupScorer.scalar(), RunControl.none()), "S = " + s);
                // Too few scenarios ordered up front: every walk continues on the full order, same result.
                assertSummaryWithinRounding(perResample, s, BootstrapStability.ofCvar(rows, lineups, s, alpha,
                        RESAMPLES, 0.05, random, new PanamaLineupEvaluator(), RunControl.none(), 1),
                        "S = " + s + ", top 1");
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
        assertEquals(BootstrapStability.ofCvar(rows, 2, s, 0.95, RESAMPLES, 0.05, perElement, LineupScorer.scalar(),
                        RunControl.none()),
                BootstrapStability.ofCvar(rows, 2, s, 0.95, RESAMPLES, 0.05, bulk, new PanamaLineupEvaluator(),
                        RunControl.none()));
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
}
