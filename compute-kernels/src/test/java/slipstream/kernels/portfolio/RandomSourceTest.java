package slipstream.kernels.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RandomSourceTest {

    /**
     * The bulk draw is the per-element draw, for any start (odd ones too), length and offset: the default one and
     * the Philox streams' block-filling one.
     */
    @Test
    void bitsIntoEqualsPerElementBits() {
        RandomSource mixing = RandomSource.mixing(17);
        RandomSource lambda = (purpose, index, counter) -> purpose * 31L + index * 7L + counter;
        for (RandomSource source : new RandomSource[] {mixing, lambda, RandomSource.streams(20_260_522L)}) {
            for (long first : new long[] {0, 1, 2, 5, 1023, 1L << 32}) {
                for (int len : new int[] {0, 1, 2, 3, 7, 64, 1025}) {
                    for (int off : new int[] {0, 1, 3}) {
                        long[] out = new long[off + len + 2];
                        source.bitsInto(RandomSource.PURPOSE_BOOTSTRAP, 9, first, out, off, len);
                        for (int i = 0; i < len; i++) {
                            assertEquals(source.bits(RandomSource.PURPOSE_BOOTSTRAP, 9, first + i), out[off + i],
                                    "first " + first + " len " + len + " off " + off + " i " + i);
                        }
                        assertEquals(0, out[off + len], "nothing written past the range");
                    }
                }
            }
        }
    }

    /** A shifted view draws the base's keys at index + shift, per element and in bulk (the Philox override too). */
    @Test
    void shiftedViewReadsTheBaseAtTheShiftedIndex() {
        RandomSource base = RandomSource.streams(99);
        long shift = 1L << 40;
        RandomSource view = base.shifted(shift);
        long[] bulk = new long[5];
        view.bitsInto(RandomSource.PURPOSE_FIELD, 3, 1, bulk, 0, 5);
        for (int i = 0; i < 5; i++) {
            long expected = base.bits(RandomSource.PURPOSE_FIELD, 3 + shift, 1 + i);
            assertEquals(expected, view.bits(RandomSource.PURPOSE_FIELD, 3, 1 + i));
            assertEquals(expected, bulk[i]);
        }
        assertEquals(false, view.bits(RandomSource.PURPOSE_FIELD, 3, 1) == base.bits(RandomSource.PURPOSE_FIELD, 3, 1));
    }

    @Test
    void bitsIntoRejectsARangeOutsideTheArray() {
        RandomSource source = RandomSource.mixing(1);
        assertThrows(IndexOutOfBoundsException.class, () -> source.bitsInto(1, 0, 0, new long[4], 2, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> source.bitsInto(1, 0, 0, new long[4], -1, 2));
    }

    @Test
    void belowFromBitsIsWhatBelowDraws() {
        RandomSource source = RandomSource.mixing(5);
        for (int bound : new int[] {1, 2, 3, 10_000, Integer.MAX_VALUE}) {
            for (long c = 0; c < 50; c++) {
                int got = RandomSource.belowFromBits(source.bits(2, 3, c), bound);
                assertEquals(source.below(2, 3, c, bound), got);
                assertEquals(true, got >= 0 && got < bound);
            }
        }
    }
}
