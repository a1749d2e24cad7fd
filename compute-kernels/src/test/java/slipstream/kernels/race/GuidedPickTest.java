package slipstream.kernels.race;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every draw lands where the definition puts it (the first cumulative weight above x among the running positions,
 * else the last running one): over 1 to 43 positions, guides of 8 buckets per position and of 16 in all, several
 * running counts per index, zero weights (flat runs of the cumulative array), weights that differ by orders of
 * magnitude (many positions in one bucket), draws exactly on a cumulative weight or a bucket edge, and draws at 0,
 * at the total and past it.
 */
class GuidedPickTest {

    @Test
    void everyDrawLandsWhereTheDefinitionPutsIt() {
        SplittableRandom random = new SplittableRandom(20261127);
        for (int n = 1; n <= 43; n++) {
            for (int trial = 0; trial < 40; trial++) {
                // 8 buckets per position, or the minimum of 16 for up to 43 positions (many in one bucket)
                GuidedPick pick = new GuidedPick(trial % 2 == 0 ? n : 1);
                double[] cum = new double[n];
                double acc = 0;
                for (int i = 0; i < n; i++) {
                    acc += random.nextInt(4) == 0 ? 0 : Math.exp(4 * random.nextGaussian()) / (i + 1);
                    cum[i] = acc;
                }
                pick.index(cum, n);
                for (int r = 0; r < 4; r++) {
                    int running = 1 + random.nextInt(n);
                    double total = cum[running - 1];
                    double bucketEdge = Math.floor(random.nextDouble() * 16) / 16 * cum[n - 1];
                    double[] draws = {random.nextDouble() * total, cum[random.nextInt(running)], 0, total, 2 * total,
                            random.nextDouble() * cum[Math.min(running - 1, 3)], bucketEdge, Math.nextDown(total)};
                    for (double x : draws) {
                        assertEquals(definition(cum, x, running), pick.firstAbove(x, running),
                                "n=" + n + " running=" + running + " x=" + x);
                    }
                }
            }
        }
    }

    @Test
    void allZeroWeightsLandOnTheLastRunningPosition() {
        GuidedPick pick = new GuidedPick(5);
        double[] cum = new double[5];
        pick.index(cum, 5);
        assertEquals(2, pick.firstAbove(0, 3));
        assertEquals(4, pick.firstAbove(0, 5));
    }

    private static int definition(double[] cum, double x, int running) {
        for (int i = 0; i < running; i++) {
            if (cum[i] > x) {
                return i;
            }
        }
        return running - 1;
    }
}
