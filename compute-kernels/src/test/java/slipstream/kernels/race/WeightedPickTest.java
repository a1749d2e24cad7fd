package slipstream.kernels.race;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Both twins land every draw where the definition puts it (the first cumulative weight above x among the running
 * positions, else the last running one), over odd running counts around the vector width, with zero weights
 * (flat runs of the cumulative array), draws exactly on a cumulative weight, and draws at and past the total.
 */
class WeightedPickTest {

    @Test
    void twinsLandEveryDrawWhereTheDefinitionPutsIt() {
        WeightedPick[] twins = {new ScalarWeightedPick(), new PanamaWeightedPick()};
        SplittableRandom random = new SplittableRandom(20261127);
        for (int n = 1; n <= 43; n++) {
            for (int trial = 0; trial < 40; trial++) {
                double[] cum = new double[n + 3];
                double acc = 0;
                for (int i = 0; i < cum.length; i++) {
                    acc += random.nextInt(4) == 0 ? 0 : Math.exp(2 * random.nextGaussian()) / (i + 1);
                    cum[i] = acc;
                }
                int running = 1 + random.nextInt(n);
                double total = cum[running - 1];
                double[] draws = {random.nextDouble() * total, cum[random.nextInt(running)], 0, total, 2 * total,
                        random.nextDouble() * cum[Math.min(running - 1, 3)]};
                for (double x : draws) {
                    int expected = running - 1;
                    for (int i = 0; i < running; i++) {
                        if (cum[i] > x) {
                            expected = i;
                            break;
                        }
                    }
                    for (WeightedPick twin : twins) {
                        assertEquals(expected, twin.firstAbove(cum, x, running),
                                twin.getClass().getSimpleName() + " n=" + n + " running=" + running + " x=" + x);
                    }
                }
            }
        }
    }
}
