package slipstream.kernels.rng;

/**
 * The exact bits of the Panama twin's normals, Gumbels and exponentials for fixed streams, as hex text.
 * {@link PanamaFillJitIndependenceTest} runs {@link #main} in a JVM that only interprets and compares its output
 * with the same text computed by compiled code.
 */
public final class PanamaFillBits {
    /** Odd, so each fill has a vector body and a scalar tail. */
    private static final int LENGTH = 203;

    private PanamaFillBits() {}

    public static void main(String[] args) {
        System.out.print(compute());
    }

    static String compute() {
        RandomFill fill = new PanamaRandomFill();
        double[] values = new double[LENGTH];
        StringBuilder out = new StringBuilder();
        for (int kind = 0; kind < 3; kind++) {
            for (long index = 0; index < 3; index++) {
                switch (kind) {
                    case 0 -> fill.fillNormal(11L, Purpose.STRENGTH_NOISE, index, values, 0, LENGTH, 1);
                    case 1 -> fill.fillGumbel(11L, Purpose.GUMBEL, index, values, 0, LENGTH, 0);
                    default -> fill.fillExponential(11L, Purpose.CHAOS, index, values, 0, LENGTH, 0);
                }
                for (double v : values) {
                    out.append(Long.toHexString(Double.doubleToRawLongBits(v))).append('\n');
                }
            }
        }
        return out.toString();
    }
}
