package slipstream.kernels.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    @Test
    void ensemblePitByHandAndUniformForExchangeableObservations() {
        double[] members = {3, 1, 2, 2, 5};
        // y = 2: one member below, two equal: (1 + v (2 + 1)) / 6.
        assertEquals((1 + 0.5 * 3) / 6, Intervals.ensemblePit(members, 0, 5, 2, 0.5), 1e-15);
        assertEquals(5.25 / 6, Intervals.ensemblePit(members, 0, 5, 9, 0.25), 1e-15);
        // Observation drawn like the members (integers, many ties): the randomised PIT histogram is flat.
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(17);
        int n = 20_000;
        int m = 9;
        double[] all = new double[n * m];
        double[] y = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < all.length; i++) {
            all[i] = rnd.nextInt(4);
        }
        for (int k = 0; k < n; k++) {
            y[k] = rnd.nextInt(4);
            v[k] = rnd.nextDouble();
        }
        double[] pit = new double[n];
        Intervals.ensemblePitBatch(all, m, y, v, pit);
        int[] counts = new int[10];
        Intervals.histogram(pit, counts);
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - n / 10.0) * (c - n / 10.0) / (n / 10.0);
        }
        assertTrue(chi2 < 27.9, "chi-square with 9 df, p = 0.001: " + chi2);
        int[] hits = new int[3];
        Intervals.coverageCounts(pit, Intervals.DEFAULT_LEVELS, hits);
        assertEquals(0.5, hits[0] / (double) n, 0.015);
        assertEquals(0.8, hits[1] / (double) n, 0.015);
        assertEquals(0.95, hits[2] / (double) n, 0.01);
    }

    @Test
    void winklerFromEnsembleQuantilesByHand() {
        double[] sorted = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        // 80% interval: type-7 quantiles at 0.1 and 0.9 are 1 and 9; y = 12 misses by 3: 8 + (2 / 0.2) 3.
        assertEquals(8 + 10 * 3, Intervals.winklerFromSorted(sorted, 11, 0.8, 12), 1e-12);
        assertEquals(8, Intervals.winklerFromSorted(sorted, 11, 0.8, 5), 1e-12);
        assertEquals(2.5, Intervals.quantile(sorted, 11, 0.25), 1e-15);
    }

    @Test
    void reliabilityArraysMatchTheBinList() {
        double[] p = {0.05, 0.05, 0.5, 0.52, 0.95, 1.0};
        boolean[] o = {false, true, true, false, true, true};
        double[] mean = new double[BinaryScores.BINS];
        double[] freq = new double[BinaryScores.BINS];
        int[] count = new int[BinaryScores.BINS];
        BinaryScores.reliability(p, o, mean, freq, count);
        assertEquals(2, count[0]);
        assertEquals(2, count[7]); // 0.5 and 0.52 lie in [7/15, 8/15)
        assertEquals(0.51, mean[7], 1e-15);
        assertEquals(0.5, freq[7], 1e-15);
        assertTrue(Double.isNaN(mean[3]) && count[3] == 0);
        int b = 0;
        for (BinaryScores.Bin bin : BinaryScores.reliability(p, o)) {
            while (count[b] == 0) {
                b++;
            }
            assertEquals(new BinaryScores.Bin(mean[b], freq[b], count[b]), bin);
            b++;
        }
        // ECE = sum (n_b / N) |freq - mean|: bins 0, 7 and 14.
        double ece = 2.0 / 6 * Math.abs(0.5 - 0.05) + 2.0 / 6 * Math.abs(0.5 - 0.51) + 2.0 / 6 * Math.abs(1 - 0.975);
        assertEquals(ece, BinaryScores.ece(p, o), 1e-15);
    }

    @Test
    void jointEventsFromByteMatricesAcrossEntities() {
        int scenarios = 4;
        // Entity 0 and 1 are teammates: top-10 in scenarios {0, 1, 3} and {1, 2, 3}: both in {1, 3}.
        byte[] top10 = {1, 1, 0, 1, 0, 1, 1, 1};
        byte[] noDnf = {1, 0, 1, 1, 1, 1, 1, 0};
        double[] out = new double[3];
        JointEvents.coHit(top10, new int[] {0, 0, 1}, top10, new int[] {1, 0, 1}, scenarios, out);
        assertArrayEquals(new double[] {0.5, 0.75, 0.75}, out, 1e-15);
        JointEvents.coHit(top10, new int[] {0}, noDnf, new int[] {0}, scenarios, out);
        assertEquals(0.5, out[0], 1e-15);
        // z-score: predicted 0.2 for 100 trials, observed 30: (30 - 20) / sqrt(100 * 0.16) = 2.5.
        double[] predicted = new double[100];
        boolean[] observed = new boolean[100];
        java.util.Arrays.fill(predicted, 0.2);
        for (int i = 0; i < 30; i++) {
            observed[i] = true;
        }
        JointEvents.Check c = JointEvents.compare(predicted, observed);
        assertEquals(2.5, c.zScore(), 1e-12);
        assertEquals(0.1, c.absoluteGap(), 1e-12);
    }
}
