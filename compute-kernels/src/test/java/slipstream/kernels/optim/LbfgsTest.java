package slipstream.kernels.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LbfgsTest {

    private static final double[] SCALE = {1, 3, 10, 30, 0.3};
    private static final double[] MEAN = {3, -2, 0.5, 7, -1};

    /** offset - sum ((x - MEAN) / SCALE)^2 / 2: a Gaussian log density with a constant, as sums of many terms carry. */
    private static Lbfgs.Objective poorlyScaledLogNormal(double offset) {
        return (x, g) -> {
            double v = offset;
            for (int i = 0; i < x.length; i++) {
                double z = (x[i] - MEAN[i]) / SCALE[i];
                v -= 0.5 * z * z;
                g[i] = -z / SCALE[i];
            }
            return v;
        };
    }

    @Test
    void findsTheRosenbrockMaximumOfMinusRosenbrock() {
        Lbfgs.Objective minusRosenbrock = (x, g) -> {
            double a = 1 - x[0];
            double b = x[1] - x[0] * x[0];
            g[0] = -(-2 * a - 400 * x[0] * b);
            g[1] = -(200 * b);
            return -(a * a + 100 * b * b);
        };
        Lbfgs.Result r = new Lbfgs(8, 500, 1e-10).maximise(minusRosenbrock, new double[] {-1.2, 1.0});
        assertEquals(1.0, r.x()[0], 1e-6);
        assertEquals(1.0, r.x()[1], 1e-6);
        assertTrue(r.value() > -1e-12);
    }

    @Test
    void solvesAPoorlyScaledGaussianExactly() {
        Lbfgs.Result r = new Lbfgs(10, 1000, 1e-12).maximise(poorlyScaledLogNormal(0), new double[5]);
        assertTrue(r.converged() && r.iterations() < 100, () -> "iterations " + r.iterations());
        for (int i = 0; i < 5; i++) {
            assertEquals(MEAN[i], r.x()[i], 1e-6 * SCALE[i]);
        }
    }

    /**
     * A log density that is a sum over many terms carries a large constant: near the optimum the decrease left is
     * below the round-off of f (here the ulp of 1e9 is 1.2e-7) while the gradient is still far from zero. Armijo alone
     * stalls there; the approximate Wolfe test carries on to the gradient tolerance.
     */
    @Test
    void reachesTheGradientToleranceWhereTheDecreaseIsBelowRoundOff() {
        Lbfgs.Result r = new Lbfgs(10, 1000, 1e-9).maximise(poorlyScaledLogNormal(1e9), new double[5]);
        assertTrue(r.converged(), () -> "stalled after " + r.iterations() + " iterations");
        for (int i = 0; i < 5; i++) {
            assertEquals(MEAN[i], r.x()[i], 1e-6 * SCALE[i] * SCALE[i]);
        }
    }
}
