package slipstream.kernels.rng;

/**
 * The Philox4x32-10 block function (Salmon, Moraes, Dror, Shaw, "Parallel random numbers: as easy as 1, 2, 3",
 * SC 2011): a keyed bijection of a 128-bit counter under a 64-bit key, ten rounds. Written from the published
 * description and checked against the Random123 known-answer vectors.
 *
 * <p>Words are Java {@code int}s read as unsigned 32-bit values.
 */
public final class Philox4x32 {

    /** Round multipliers. */
    static final long M0 = 0xD2511F53L;
    static final long M1 = 0xCD9E8D57L;
    /** Key schedule increments (golden ratio and sqrt(3) - 1, as 32-bit fractions). */
    static final int W0 = 0x9E3779B9;
    static final int W1 = 0xBB67AE85;
    static final int ROUNDS = 10;

    private Philox4x32() {}

    /**
     * Encrypts the counter {@code (c0, c1, c2, c3)} under the key {@code (k0, k1)} and writes the four output
     * words to {@code out[off..off+3]}.
     */
    public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out, int off) {
        for (int r = 0; r < ROUNDS; r++) {
            if (r > 0) {
                k0 += W0;
                k1 += W1;
            }
            long p0 = M0 * (c0 & 0xFFFF_FFFFL);
            long p1 = M1 * (c2 & 0xFFFF_FFFFL);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            c1 = (int) p1;
            c3 = (int) p0;
            c0 = n0;
            c2 = n2;
        }
        out[off] = c0;
        out[off + 1] = c1;
        out[off + 2] = c2;
        out[off + 3] = c3;
    }

    /** Array form: {@code out = philox(counter[0..3], key[0..1])}. */
    public static void block(int[] counter, int[] key, int[] out) {
        block(counter[0], counter[1], counter[2], counter[3], key[0], key[1], out, 0);
    }

    /**
     * The 64-bit half {@code half} (0: words 0 and 1, 1: words 2 and 3, high word first) of the block, without
     * allocating.
     */
    public static long half(int c0, int c1, int c2, int c3, int k0, int k1, int half) {
        for (int r = 0; r < ROUNDS; r++) {
            if (r > 0) {
                k0 += W0;
                k1 += W1;
            }
            long p0 = M0 * (c0 & 0xFFFF_FFFFL);
            long p1 = M1 * (c2 & 0xFFFF_FFFFL);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            c1 = (int) p1;
            c3 = (int) p0;
            c0 = n0;
            c2 = n2;
        }
        return half == 0
                ? ((long) c0 << 32) | (c1 & 0xFFFF_FFFFL)
                : ((long) c2 << 32) | (c3 & 0xFFFF_FFFFL);
    }

    /** Both 64-bit halves of the block into {@code out[off]} (words 0,1) and {@code out[off + 1]} (words 2,3). */
    public static void halves(int c0, int c1, int c2, int c3, int k0, int k1, long[] out, int off) {
        for (int r = 0; r < ROUNDS; r++) {
            if (r > 0) {
                k0 += W0;
                k1 += W1;
            }
            long p0 = M0 * (c0 & 0xFFFF_FFFFL);
            long p1 = M1 * (c2 & 0xFFFF_FFFFL);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            c1 = (int) p1;
            c3 = (int) p0;
            c0 = n0;
            c2 = n2;
        }
        out[off] = ((long) c0 << 32) | (c1 & 0xFFFF_FFFFL);
        out[off + 1] = ((long) c2 << 32) | (c3 & 0xFFFF_FFFFL);
    }
}
