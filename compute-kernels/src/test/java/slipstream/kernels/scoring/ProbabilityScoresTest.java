package slipstream.kernels.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProbabilityScoresTest {

    @Test
    void eceAndBrierOnHandMadeBins() {
        // Bin [0, 1/15): forecasts 0.05, 0.05, outcomes 0, 1 -> |0.5 - 0.05| with weight 2/4.
        // Bin [14/15, 1]: forecasts 0.95, 1.0, outcomes 1, 1 -> |1 - 0.975| with weight 2/4.
        double[] p = {0.05, 0.05, 0.95, 1.0};
        boolean[] o = {false, true, true, true};
        assertEquals(0.5 * 0.45 + 0.5 * 0.025, BinaryScores.ece(p, o), 1e-15);
        assertEquals(0.45, BinaryScores.mce(p, o), 1e-15);
        assertEquals((0.05 * 0.05 + 0.95 * 0.95 + 0.05 * 0.05 + 0) / 4, BinaryScores.brier(p, o), 1e-15);
        List<BinaryScores.Bin> bins = BinaryScores.reliability(p, o);
        assertEquals(2, bins.size());
        assertEquals(new BinaryScores.Bin(0.05, 0.5, 2), bins.get(0));
    }

    @Test
    void intervalsAndPit() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        assertTrue(Intervals.covers(sorted, 0.8, 6));
        assertFalse(Intervals.covers(sorted, 0.5, 10));
        assertEquals(2.0 + 2 / 0.2 * 1.0, Intervals.winkler(3, 5, 0.2, 6), 1e-15);
        double[] pmf = {0.2, 0.5, 0.3};
        assertEquals(0.2 + 0.25, Intervals.randomisedPit(pmf, 0, 2, 0.5), 1e-15);
        assertTrue(Intervals.pitCovers(0.45, 0.5) && !Intervals.pitCovers(0.05, 0.8));
        assertEquals(List.of(1, 0, 2), java.util.Arrays.stream(Intervals.histogram(new double[] {0.1, 0.9, 1.0}, 3)).boxed().toList());
    }

    @Test
    void logScores() {
        assertEquals(Math.log((3 + 0.5) / (10 + 1.5)), LogScore.fromCounts(new int[] {3, 7, 0}, 0, 3, 10, 1), 1e-15);
        assertTrue(Double.isFinite(LogScore.fromCounts(new int[] {3, 7, 0}, 0, 3, 10, 3)), "unseen outcome stays finite");
        double[] members = new java.util.SplittableRandom(2).doubles(20_000).map(u -> u * 2 - 1).toArray();
        // KDE of a Uniform(-1, 1) sample at 0 approaches log(1/2).
        assertEquals(Math.log(0.5), LogScore.kde(members, 0), 0.05);
    }

    @Test
    void jointEventsZScore() {
        boolean[] a = {true, true, false, true};
        boolean[] b = {true, false, false, true};
        assertEquals(0.5, JointEvents.coHit(a, b, 4, 0), 1e-15);
        JointEvents.Check c = JointEvents.compare(new double[] {0.5, 0.5}, new boolean[] {true, true});
        assertEquals(0.5, c.predicted(), 1e-15);
        assertEquals(1.0, c.observed(), 1e-15);
        assertEquals(1.0 / Math.sqrt(0.5), c.zScore(), 1e-12);
    }
}
