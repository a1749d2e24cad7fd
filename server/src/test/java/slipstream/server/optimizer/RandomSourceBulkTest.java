package slipstream.server.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import slipstream.kernels.portfolio.RandomSource;

/** The server's portfolio randomness draws the same values in bulk as one at a time. */
class RandomSourceBulkTest {

    @Test
    void bulkBitsEqualPerElementBits() {
        RandomSource random = ScenarioFactory.randomSource(20_260_522L);
        for (long first : new long[] {0, 1, 3, 10_000}) {
            for (int len : new int[] {1, 2, 5, 1024, 1025}) {
                for (int off : new int[] {0, 3}) {
                    long[] out = new long[off + len];
                    random.bitsInto(RandomSource.PURPOSE_BOOTSTRAP, 199, first, out, off, len);
                    for (int i = 0; i < len; i++) {
                        assertEquals(random.bits(RandomSource.PURPOSE_BOOTSTRAP, 199, first + i), out[off + i],
                                "first " + first + " len " + len + " off " + off + " i " + i);
                    }
                }
            }
        }
    }
}
