package slipstream.kernels.model;

import java.util.SplittableRandom;
import slipstream.kernels.vector.LaneMath;

/**
 * The exact bits of the Panama likelihood's value and gradient at fixed points of a fixed data set, and of
 * {@link LaneMath} on inputs across its range, as hex text. {@link JitIndependenceTest} runs {@link #main} in a
 * JVM that only interprets and compares its output with the same text computed by compiled code.
 */
public final class LikelihoodBits {
    private static final RaceModelData DATA = SyntheticRaces.small(41, 13, 0);
    private static final double[] LANE_MATH_INPUTS = {-746, -745.1, -708.9, -300.25, -37.5, -2.75, -1, -0.3, -1e-9,
            0, 1e-12, 0.2, 0.6931, 1, 1.4142, 3.5, 17.25, 123.456, 709.7, 709.9, 1e-310, 5e-324, 1e300};

    private LikelihoodBits() {}

    public static void main(String[] args) {
        System.out.print(compute());
    }

    /** Value and gradient at three points, then exp, log and log1p of each input. */
    static String compute() {
        StringBuilder out = new StringBuilder();
        RaceModelDensity density = new RaceModelDensity(new PanamaRaceLikelihood(DATA));
        SplittableRandom rnd = new SplittableRandom(7);
        double[] gradient = new double[density.dimension()];
        for (int point = 0; point < 3; point++) {
            double[] x = SyntheticRaces.randomPoint(rnd, density.dimension(), 1.5);
            append(out, density.logDensity(x, gradient));
            for (double g : gradient) {
                append(out, g);
            }
        }
        for (int f = 0; f < 3; f++) {
            double[] values = LANE_MATH_INPUTS.clone();
            for (int i = 0; i < values.length; i++) {
                values[i] = f == 0 ? values[i] : Math.abs(values[i]);
            }
            switch (f) {
                case 0 -> LaneMath.expInPlace(values, 0, values.length);
                case 1 -> LaneMath.logInPlace(values, 0, values.length);
                default -> LaneMath.log1p(values.clone(), values, 0, values.length);
            }
            for (double v : values) {
                append(out, v);
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, double v) {
        out.append(Long.toHexString(Double.doubleToRawLongBits(v))).append('\n');
    }
}
