package slipstream.kernels.rng;

/**
 * A counter-based random stream keyed by {@code (seed, purpose, index)}: element {@code e} of the stream is a pure
 * function of the key and {@code e}, reachable in O(1). That is what makes simulation results independent of
 * threads, batch sizes and machines.
 *
 * <p><b>Layout.</b> Element {@code e} is one 64-bit value: half {@code e & 1} of the Philox4x32-10 block with
 * counter {@code (e >>> 1, purpose, low32(index), high32(index))} under key {@code (low32(seed), high32(seed))}.
 * The map from key and element to counter is injective, so distinct keys never share blocks. A stream has
 * 2<sup>33</sup> elements.
 *
 * <p><b>Distributions.</b> {@link #uniform} takes the top 52 bits and centres them, {@code (b + 0.5) / 2^52}:
 * every value of that grid is an exact double strictly inside (0, 1), so every transform below is finite. (With
 * 53 bits the centred top value {@code 1 - 2^-54} is not a double and rounds to 1, whose Gumbel is infinite.) {@link #normal} is Box-Muller on
 * the block of the element: elements {@code 2k} and {@code 2k + 1} are {@code r cos t} and {@code r sin t} with
 * {@code r = sqrt(-2 log u(2k))}, {@code t = 2 pi u(2k+1)}, so each element is still O(1).
 * {@link #gumbel} is {@code -log(-log u)}, {@link #exponential} is {@code -log u} (rate 1).
 *
 * <p>Bulk fills go through {@link RandomFill#get()}, the scalar or Panama twin chosen by
 * {@code VectorSupport}; both twins give these elements bit for bit.
 */
public final class RandomStream {

    /** Number of elements of one stream (the block counter word is 32 bits and a block holds two elements). */
    public static final long ELEMENTS = 1L << 33;

    static final double TWO_PI = 2 * Math.PI;
    private static final double ULP52 = 0x1.0p-52;

    private final long seed;
    private final int purpose;
    private final long index;

    public RandomStream(long seed, int purpose, long index) {
        this.seed = seed;
        this.purpose = purpose;
        this.index = index;
    }

    public long seed() {
        return seed;
    }

    public int purpose() {
        return purpose;
    }

    public long index() {
        return index;
    }

    /** 64 random bits of element {@code e}. */
    public long bits(long e) {
        return bits(seed, purpose, index, e);
    }

    /** Uniform in (0, 1) from 52 bits (see class note). */
    public double uniform(long e) {
        return toUniform(bits(e));
    }

    /** Standard normal (Box-Muller, see class note). */
    public double normal(long e) {
        return normal(seed, purpose, index, e);
    }

    /** Standard Gumbel (location 0, scale 1). */
    public double gumbel(long e) {
        return -Math.log(-Math.log(uniform(e)));
    }

    /** Exponential with rate 1. */
    public double exponential(long e) {
        return -Math.log(uniform(e));
    }

    public void fillUniform(double[] out, int off, int len, long firstElement) {
        RandomFill.get().fillUniform(seed, purpose, index, out, off, len, firstElement);
    }

    public void fillNormal(double[] out, int off, int len, long firstElement) {
        RandomFill.get().fillNormal(seed, purpose, index, out, off, len, firstElement);
    }

    public void fillGumbel(double[] out, int off, int len, long firstElement) {
        RandomFill.get().fillGumbel(seed, purpose, index, out, off, len, firstElement);
    }

    public void fillExponential(double[] out, int off, int len, long firstElement) {
        RandomFill.get().fillExponential(seed, purpose, index, out, off, len, firstElement);
    }

    /**
     * 64 random bits of element {@code e} of stream {@code (seed, purpose, index)}. Other kernels adapt to this,
     * e.g. the portfolio kernels' {@code RandomSource} as
     * {@code (purpose, index, counter) -> RandomStream.bits(seed, purpose, index, counter)}.
     */
    public static long bits(long seed, int purpose, long index, long e) {
        checkElement(e);
        return Philox4x32.half((int) (e >>> 1), purpose, (int) index, (int) (index >>> 32),
                (int) seed, (int) (seed >>> 32), (int) (e & 1));
    }

    /**
     * {@code out[off + i] = bits(seed, purpose, index, firstElement + i)} for {@code i < len}, with one Philox
     * block per pair of elements (the per-element form computes a block for each half), through
     * {@link RandomFill#get()}.
     */
    public static void bitsInto(long seed, int purpose, long index, long firstElement, long[] out, int off, int len) {
        RandomFill.get().fillBits(seed, purpose, index, out, off, len, firstElement);
    }

    /** Standard normal element {@code e} of stream {@code (seed, purpose, index)}. */
    public static double normal(long seed, int purpose, long index, long e) {
        checkElement(e);
        long block = e >>> 1;
        double u0 = toUniform(Philox4x32.half((int) block, purpose, (int) index, (int) (index >>> 32),
                (int) seed, (int) (seed >>> 32), 0));
        double u1 = toUniform(Philox4x32.half((int) block, purpose, (int) index, (int) (index >>> 32),
                (int) seed, (int) (seed >>> 32), 1));
        double r = Math.sqrt(-2.0 * Math.log(u0));
        double t = TWO_PI * u1;
        return (e & 1) == 0 ? r * Math.cos(t) : r * Math.sin(t);
    }

    /** The uniform in (0, 1) that 64 bits map to: {@code ((bits >>> 12) + 0.5) * 2^-52}, exact. */
    public static double toUniform(long bits) {
        return ((bits >>> 12) + 0.5) * ULP52;
    }

    static void checkElement(long e) {
        if (e < 0 || e >= ELEMENTS) {
            throw new IllegalArgumentException("stream element " + e + " outside [0, 2^33)");
        }
    }

    static void checkRange(double[] out, int off, int len, long firstElement) {
        checkRange(out.length, off, len, firstElement);
    }

    static void checkRange(long[] out, int off, int len, long firstElement) {
        checkRange(out.length, off, len, firstElement);
    }

    private static void checkRange(int length, int off, int len, long firstElement) {
        if (off < 0 || len < 0 || off + len > length) {
            throw new IndexOutOfBoundsException("fill range [" + off + ", " + (off + len) + ") of " + length);
        }
        if (len > 0) {
            checkElement(firstElement);
            checkElement(firstElement + len - 1);
        }
    }
}
