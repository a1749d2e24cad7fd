package slipstream.kernels.race;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import slipstream.kernels.portfolio.LineupScorer;
import slipstream.kernels.rng.Purpose;
import slipstream.kernels.rng.RandomStream;

class LineupEvaluatorTest {

    private static final int DRIVERS = 40;
    private static final int ROSTER = 6;
    private static final int LINEUPS = 13;

    /** Twins on odd and even scenario counts, including loop remainders and offset ranges. */
    @ParameterizedTest(name = "S = {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 64, 101})
    void twinsAgreeWithEachOtherAndWithBruteForce(int S) {
        RandomStream rs = new RandomStream(1L, Purpose.BOOTSTRAP, S);
        double[] points = new double[DRIVERS * S];
        for (int i = 0; i < points.length; i++) {
            points[i] = Math.floor(rs.uniform(i) * 120) - 10 + 0.25 * (i % 4) + 0.45 * (i % 3) * 0.1;
        }
        LineupEvaluator scalar = new ScalarLineupEvaluator();
        LineupEvaluator panama = new PanamaLineupEvaluator();
        for (int roster : new int[] {ROSTER, 1, 7}) { // six drivers: the Panama twin's own loop
            assertScores(points, S, randomLineups(rs, roster), roster, scalar, panama);
        }
        int[] lineups = randomLineups(rs, ROSTER);
        double[] all = new double[LINEUPS * S];
        panama.scoreAll(points, S, lineups, ROSTER, LINEUPS, all);
        double[] threshold = new double[all.length];
        for (int i = 0; i < threshold.length; i++) {
            threshold[i] = 150 + 60 * rs.uniform(5_000_000 + i);
        }
        for (int i = 0; i < threshold.length; i += 3) {
            threshold[i] = all[i]; // ties are not above
        }
        for (int len : new int[] {0, 1, 3, 5, all.length / 2, all.length - 1, all.length}) {
            int count = 0;
            double sum = 0;
            for (int i = 0; i < len; i++) {
                count += all[i] > threshold[i] ? 1 : 0;
                sum += all[i];
            }
            assertEquals(count, scalar.countAbove(all, 0, len, threshold));
            assertEquals(count, panama.countAbove(all, 0, len, threshold));
            assertEquals(count, LineupScorer.scalar().countAbove(all, 0, len, threshold));
            if (len > 1) {
                int shifted = 0;
                for (int i = 0; i < len - 1; i++) {
                    shifted += all[1 + i] > threshold[i] ? 1 : 0;
                }
                assertEquals(shifted, panama.countAbove(all, 1, len - 1, threshold), "values from an offset");
            }
            if (len > 0) {
                assertEquals(sum / len, scalar.mean(all, 0, len), 1e-12 * Math.abs(sum / len));
                assertEquals(sum / len, panama.mean(all, 0, len), 1e-12 * Math.abs(sum / len));
            }
        }
    }

    /** LINEUPS lineups of roster random drivers each (repeats allowed: the sums do not care). */
    private static int[] randomLineups(RandomStream rs, int roster) {
        int[] lineups = new int[LINEUPS * roster];
        for (int i = 0; i < lineups.length; i++) {
            lineups[i] = (int) (rs.uniform(1_000_000 + 100 * roster + i) * DRIVERS);
        }
        return lineups;
    }

    private static void assertScores(double[] points, int S, int[] lineups, int roster, LineupEvaluator scalar,
                                     LineupEvaluator panama) {
        int[][] ranges = {{0, S, 0, LINEUPS}, {S / 3, S, 2, 11}, {1 % S, Math.max(1 % S, S - 1), 5, 6}};
        for (int[] r : ranges) {
            int sFrom = r[0], sTo = r[1], lFrom = r[2], lTo = r[3];
            int width = sTo - sFrom;
            double[] a = new double[(lTo - lFrom) * width + 2];
            double[] b = new double[a.length];
            double[] c = new double[a.length];
            double[] brute = new double[a.length];
            scalar.score(points, S, sFrom, sTo, lineups, roster, lFrom, lTo, a);
            panama.score(points, S, sFrom, sTo, lineups, roster, lFrom, lTo, b);
            LineupScorer.scalar().score(points, S, sFrom, sTo, lineups, roster, lFrom, lTo, c);
            for (int l = lFrom; l < lTo; l++) {
                for (int s = sFrom; s < sTo; s++) {
                    double sum = 0;
                    for (int k = 0; k < roster; k++) {
                        sum += points[lineups[l * roster + k] * S + s];
                    }
                    brute[(l - lFrom) * width + s - sFrom] = sum;
                }
            }
            assertArrayEquals(brute, a, "roster " + roster);
            assertArrayEquals(brute, b, "roster " + roster);
            assertArrayEquals(brute, c, "roster " + roster);
        }
    }

    /**
     * Exceedance bits of the twins against scoring then comparing: scenario counts around whole words and the
     * vector width, six-driver lineups (the Panama twin's own loop) and others, blocks that start past the first
     * word and end inside a word, a range of lineups, words or-ed after ones already set, ties, a NaN score and NaN
     * thresholds never a hit; a start inside a word is refused.
     */
    @ParameterizedTest(name = "S = {0}")
    @ValueSource(ints = {1, 3, 4, 5, 63, 64, 65, 127, 128, 130, 1001})
    void twinsMarkTheSameExceedances(int scenarios) {
        RandomStream rs = new RandomStream(2L, Purpose.BOOTSTRAP, scenarios);
        double[] points = new double[DRIVERS * scenarios];
        for (int i = 0; i < points.length; i++) {
            points[i] = Math.floor(rs.uniform(i) * 60) * 0.05 + (i % 7) * 0.1;
        }
        points[scenarios / 2] = Double.NaN;
        for (int roster : new int[] {ROSTER, 1, 7}) {
            int[] lineups = randomLineups(rs, roster);
            lineups[0] = 0; // lineup 0 holds the NaN
            assertMarks(points, scenarios, lineups, roster, rs);
        }
    }

    private static void assertMarks(double[] points, int scenarios, int[] lineups, int roster, RandomStream rs) {
        double[] scores = new double[LINEUPS * scenarios];
        new ScalarLineupEvaluator().scoreAll(points, scenarios, lineups, roster, LINEUPS, scores);
        double[] threshold = new double[scenarios];
        for (int s = 0; s < scenarios; s++) {
            threshold[s] = switch (s % 5) {
                case 0 -> scores[(s % LINEUPS) * scenarios + s]; // a tie
                case 1 -> Double.NaN;
                default -> scores[((s + 3) % LINEUPS) * scenarios + s] + 0.05 * (s % 3 - 1);
            };
        }
        int words = (scenarios + 63) / 64;
        long[] preset = new long[LINEUPS * words];
        for (int w = 0; w < preset.length; w++) {
            preset[w] = 0x5L << (w % 60);
        }
        int[][] ranges = {{0, scenarios, 0, LINEUPS}, {64, scenarios, 2, 11}, {0, Math.min(scenarios, 64) - 1, 5, 6},
                {128, scenarios - 1, 0, 4}};
        int hitsSeen = 0;
        for (int[] r : ranges) {
            int sFrom = r[0], sTo = r[1], lFrom = r[2], lTo = r[3];
            if (sFrom > sTo) {
                continue;
            }
            long[] expected = preset.clone();
            for (int l = lFrom; l < lTo; l++) {
                for (int s = sFrom; s < sTo; s++) {
                    if (scores[l * scenarios + s] > threshold[s]) {
                        expected[l * words + s / 64] |= 1L << (s % 64);
                        hitsSeen++;
                    }
                }
            }
            for (LineupScorer twin : new LineupScorer[] {new ScalarLineupEvaluator(), new PanamaLineupEvaluator(),
                    LineupScorer.scalar()}) {
                long[] bits = preset.clone();
                twin.markAbove(points, scenarios, sFrom, sTo, lineups, roster, lFrom, lTo, threshold, bits);
                assertArrayEquals(expected, bits,
                        twin.getClass().getSimpleName() + " roster " + roster + " " + Arrays.toString(r));
            }
        }
        if (scenarios > 10) {
            assertTrue(hitsSeen > 0, "some scenarios are hits");
        }
        LineupScorer panama = new PanamaLineupEvaluator();
        if (scenarios > 1) {
            assertThrows(IllegalArgumentException.class, () -> panama.markAbove(points, scenarios, 1, scenarios,
                    lineups, roster, 0, 1, threshold, new long[LINEUPS * words]), "a start inside a word");
        }
        assertThrows(IndexOutOfBoundsException.class, () -> panama.markAbove(points, scenarios, 0, scenarios,
                lineups, roster, 0, LINEUPS, threshold, new long[LINEUPS * words - 1]), "bits too short");
    }

    /**
     * The row filter of both twins against the definition: lengths around the vector width, values offset into
     * their array, ties with the floor (kept), NaN and -0.0 (never kept; kept at a floor of 0.0), floors that keep
     * none, some and all, and scratch past the count left alone by the check.
     */
    @ParameterizedTest(name = "len = {0}")
    @ValueSource(ints = {0, 1, 3, 4, 5, 7, 8, 9, 63, 64, 65, 1001})
    void twinsCopyTheSameValuesAtOrAboveAFloor(int len) {
        RandomStream rs = new RandomStream(4L, Purpose.BOOTSTRAP, len);
        int off = 5;
        double[] values = new double[off + len + 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (i % 7) {
                case 0 -> Double.NaN;
                case 1 -> -0.0;
                default -> Math.floor(rs.uniform(i) * 20) * 0.5 - 3;
            };
        }
        for (double floor : new double[] {0.0, 1.5, -1e300, 1e300, Double.NEGATIVE_INFINITY}) {
            double[] expected = new double[len];
            int n = 0;
            for (int i = 0; i < len; i++) {
                if (values[off + i] >= floor) {
                    expected[n++] = values[off + i];
                }
            }
            for (LineupScorer twin : new LineupScorer[] {new ScalarLineupEvaluator(), new PanamaLineupEvaluator(),
                    LineupScorer.scalar()}) {
                double[] out = new double[len];
                String name = twin.getClass().getSimpleName() + " floor " + floor;
                assertEquals(n, twin.copyAtOrAbove(values, off, len, floor, out), name);
                assertArrayEquals(Arrays.copyOf(expected, n), Arrays.copyOf(out, n), name);
            }
        }
        LineupScorer panama = new PanamaLineupEvaluator();
        assertThrows(IndexOutOfBoundsException.class,
                () -> panama.copyAtOrAbove(values, off, len + 3, 0, new double[len + 3]), "values past the array");
        assertThrows(IndexOutOfBoundsException.class,
                () -> panama.copyAtOrAbove(values, 0, len + 1, 0, new double[len]), "an output shorter than len");
    }

    /**
     * The fused score-and-keep of both twins against scoring then filtering: blocks of eight columns (the Panama
     * twin's fused loop) and other widths, floors at, above and below the scores (ties are kept), a NaN score
     * (never kept, never the widest), and a floor far from 0 (the Panama twin hands it to the plain loop).
     */
    @ParameterizedTest(name = "width = {0}")
    @ValueSource(ints = {1, 3, 7, 8, 9, 16})
    void twinsKeepTheSameScoresAtOrAboveEachFloor(int width) {
        int scenarios = 40;
        int count = 301;
        RandomStream rs = new RandomStream(3L, Purpose.BOOTSTRAP, width);
        double[] points = new double[DRIVERS * scenarios];
        for (int i = 0; i < points.length; i++) {
            points[i] = Math.floor(rs.uniform(i) * 60) * 0.05 - 0.5 + (i % 11 == 0 ? 1e-9 : 0);
        }
        points[3 * scenarios + 5] = Double.NaN;
        int[] lineups = new int[count * ROSTER];
        for (int i = 0; i < lineups.length; i++) {
            lineups[i] = (int) (rs.uniform(1_000_000 + i) * DRIVERS);
        }
        int sFrom = 2;
        double scale = 0x1.0p20;
        double[] scores = new double[count * scenarios];
        new ScalarLineupEvaluator().scoreAll(points, scenarios, lineups, ROSTER, count, scores);
        for (double[] floor : floors(width, scores, scenarios, sFrom, scale)) {
            int[] expectedCount = new int[width];
            int[][] expected = new int[width][count];
            double widest = 0;
            for (int l = 0; l < count; l++) {
                for (int c = 0; c < width; c++) {
                    double offset = Math.rint(scores[l * scenarios + sFrom + c] * scale) - floor[c];
                    if (offset >= 0) {
                        expected[c][expectedCount[c]++] = (int) offset;
                        widest = Math.max(widest, offset);
                    }
                }
            }
            for (LineupScorer twin : new LineupScorer[] {new ScalarLineupEvaluator(), new PanamaLineupEvaluator(),
                    LineupScorer.scalar()}) {
                int[] kept = new int[width * count];
                int[] keptCount = new int[width];
                Arrays.fill(keptCount, 99);
                String name = twin.getClass().getSimpleName() + " floor " + floor[0];
                assertEquals(widest, twin.keepAtOrAbove(points, scenarios, sFrom, width, lineups, ROSTER, count,
                        scale, floor, kept, keptCount), name);
                assertArrayEquals(expectedCount, keptCount, name);
                for (int c = 0; c < width; c++) {
                    assertArrayEquals(Arrays.copyOf(expected[c], expectedCount[c]),
                            Arrays.copyOfRange(kept, c * count, c * count + keptCount[c]), name + " column " + c);
                }
            }
        }
    }

    /** Per column: its median grid position (some kept, ties at the floor), below every score, and far off. */
    private static double[][] floors(int width, double[] scores, int scenarios, int sFrom, double scale) {
        double[] median = new double[width];
        for (int c = 0; c < width; c++) {
            double[] column = new double[LINEUPS_FOR_FLOORS];
            for (int l = 0; l < column.length; l++) {
                column[l] = Math.rint(scores[l * scenarios + sFrom + c] * scale);
            }
            Arrays.sort(column);
            median[c] = column[column.length / 2];
        }
        double[] below = new double[width];
        Arrays.fill(below, -1e12);
        double[] far = new double[width];
        Arrays.fill(far, 0x1.0p51);
        far[0] = median[0];
        return new double[][] {median, below, far};
    }

    private static final int LINEUPS_FOR_FLOORS = 101;

    /** A driver without a points row is named before anything is written, by both twins. */
    @Test
    void refusesADriverWithoutPoints() {
        int scenarios = 9;
        double[] points = new double[3 * scenarios];
        for (LineupEvaluator twin : new LineupEvaluator[] {new ScalarLineupEvaluator(), new PanamaLineupEvaluator()}) {
            for (int bad : new int[] {3, -1}) {
                int[] lineups = {0, 1, 2, 1, bad, 0};
                double[] out = new double[2 * scenarios];
                Arrays.fill(out, 7);
                IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                        () -> twin.score(points, scenarios, 0, scenarios, lineups, 3, 0, 2, out));
                assertTrue(e.getMessage().contains("driver " + bad), e.getMessage());
                assertTrue(Arrays.stream(out).allMatch(v -> v == 7), "nothing written");
            }
        }
    }

    @Test
    void evaluatesSimulatedPoints() {
        int S = 1_000;
        RaceInputs in = RaceSimulatorTest.field(S, ArchetypeChaos.INTERMEDIATE, 0.1, 8L);
        RaceOutputs race = RaceOutputs.allocate(40, S);
        new RaceSimulator().simulate(in, 0, S, race);
        int[] strong = {0, 1, 2, 3, 4, 5};
        int[] weak = {34, 35, 36, 37, 38, 39};
        double[] a = new double[S];
        double[] b = new double[S];
        LineupEvaluator ev = LineupEvaluator.get();
        ev.score(race.points(), S, 0, S, strong, ROSTER, 0, 1, a);
        ev.score(race.points(), S, 0, S, weak, ROSTER, 0, 1, b);
        // the strong lineup outscores the weak one on average (strong drivers finish and lead more)
        assertEquals(1.0, Math.signum(ev.mean(a, 0, S) - ev.mean(b, 0, S)));
    }
}
