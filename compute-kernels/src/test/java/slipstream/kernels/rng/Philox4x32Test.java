package slipstream.kernels.rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Known-answer vectors published with Random123 (kat_vectors, philox4x32 10 rounds). */
class Philox4x32Test {

    private static int[] run(int[] ctr, int[] key) {
        int[] out = new int[4];
        Philox4x32.block(ctr, key, out);
        return out;
    }

    @Test
    void zeroCounterZeroKey() {
        assertArrayEquals(new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8},
                run(new int[4], new int[2]));
    }

    @Test
    void allOnes() {
        int f = 0xffffffff;
        assertArrayEquals(new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd},
                run(new int[] {f, f, f, f}, new int[] {f, f}));
    }

    @Test
    void piDigits() {
        assertArrayEquals(new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1},
                run(new int[] {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, new int[] {0xa4093822, 0x299f31d0}));
    }

    @Test
    void halvesMatchTheBlock() {
        int[] out = run(new int[] {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, new int[] {0xa4093822, 0x299f31d0});
        long h0 = Philox4x32.half(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, 0);
        long h1 = Philox4x32.half(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, 1);
        assertEquals(0xd16cfe0994fdccebL, h0);
        assertEquals(((long) out[2] << 32) | (out[3] & 0xFFFF_FFFFL), h1);
    }
}
