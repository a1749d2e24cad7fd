package slipstream.kernels.optim;

/**
 * Limited-memory BFGS (Nocedal and Wright, algorithm 7.4/7.5) for smooth maximisation of a log density, with
 * a backtracking Armijo line search. Used for maximum a posteriori point estimates (the Optimize feature
 * prior when no calibration is active). Deterministic; allocates only at construction.
 */
public final class Lbfgs {

    /** The function to maximise: returns f(x) and fills its gradient. */
    @FunctionalInterface
    public interface Objective {
        double value(double[] x, double[] gradientOut);
    }

    /** Outcome: the argmax, its value, iterations used and whether the gradient tolerance was met. */
    public record Result(double[] x, double value, int iterations, boolean converged) {}

    private static final double ARMIJO = 1e-4;
    private static final double CURVATURE = 0.9;
    /** Relative size of f's round-off (sums of many terms lose a few digits of double precision). */
    private static final double APPROXIMATE_WOLFE_EPSILON = 1e-12;

    private final int memory;
    private final int maxIterations;
    private final double gradientTolerance;

    public Lbfgs(int memory, int maxIterations, double gradientTolerance) {
        this.memory = memory;
        this.maxIterations = maxIterations;
        this.gradientTolerance = gradientTolerance;
    }

    public Result maximise(Objective objective, double[] start) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        // Work on the minimisation problem of -f.
        double f = -objective.value(x, g);
        negate(g);
        double[][] s = new double[memory][n];
        double[][] y = new double[memory][n];
        double[] rho = new double[memory];
        double[] alpha = new double[memory];
        double[] direction = new double[n];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        double[] valueOut = new double[1];
        int stored = 0;
        int next = 0;
        for (int iter = 0; iter < maxIterations; iter++) {
            if (norm(g) <= gradientTolerance * Math.max(1.0, norm(x))) {
                return new Result(x, -f, iter, true);
            }
            // Two-loop recursion: direction = -H g.
            System.arraycopy(g, 0, direction, 0, n);
            for (int k = 0; k < stored; k++) {
                int i = Math.floorMod(next - 1 - k, memory);
                alpha[i] = rho[i] * dot(s[i], direction);
                axpy(-alpha[i], y[i], direction);
            }
            double scale = stored == 0 ? 1.0 / Math.max(1.0, norm(g)) : dot(s[Math.floorMod(next - 1, memory)],
                    y[Math.floorMod(next - 1, memory)]) / dot(y[Math.floorMod(next - 1, memory)], y[Math.floorMod(next - 1, memory)]);
            for (int j = 0; j < n; j++) {
                direction[j] *= scale;
            }
            for (int k = stored - 1; k >= 0; k--) {
                int i = Math.floorMod(next - 1 - k, memory);
                double beta = rho[i] * dot(y[i], direction);
                axpy(alpha[i] - beta, s[i], direction);
            }
            negate(direction);
            double slope = dot(g, direction);
            if (slope >= 0) { // not a descent direction: restart from steepest descent
                for (int j = 0; j < n; j++) {
                    direction[j] = -g[j] / Math.max(1.0, norm(g));
                }
                slope = dot(g, direction);
                stored = 0;
            }
            if (!acceptableStep(objective, x, f, slope, direction, xNew, gNew, valueOut)) {
                return new Result(x, -f, iter, false); // line search failed: no further progress possible
            }
            double fNew = valueOut[0];
            double[] si = s[next];
            double[] yi = y[next];
            for (int j = 0; j < n; j++) {
                si[j] = xNew[j] - x[j];
                yi[j] = gNew[j] - g[j];
            }
            double sy = dot(si, yi);
            if (sy > 1e-12) {
                rho[next] = 1.0 / sy;
                next = (next + 1) % memory;
                stored = Math.min(stored + 1, memory);
            }
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            f = fNew;
        }
        return new Result(x, -f, maxIterations, norm(g) <= gradientTolerance * Math.max(1.0, norm(x)));
    }

    /**
     * Backtracking from a unit step. A step is accepted by Armijo's sufficient decrease or, where the change in f is
     * within round-off of f, by Hager and Zhang's approximate Wolfe test on the directional derivative: near the
     * optimum of a sum over thousands of terms the decrease left is below the precision of f while the gradient still
     * points the way. Leaves the accepted point in xNew, the gradient of -f there in gNew and -f in valueOut[0];
     * returns false when no step in 60 halvings is acceptable.
     */
    private static boolean acceptableStep(Objective objective, double[] x, double f, double slope,
            double[] direction, double[] xNew, double[] gNew, double[] valueOut) {
        double roundOff = APPROXIMATE_WOLFE_EPSILON * Math.abs(f);
        double step = 1.0;
        for (int tries = 0; tries < 60; tries++) {
            for (int j = 0; j < x.length; j++) {
                xNew[j] = x[j] + step * direction[j];
            }
            double fNew = -objective.value(xNew, gNew);
            if (Double.isFinite(fNew)) {
                if (fNew <= f + ARMIJO * step * slope) {
                    negate(gNew);
                    valueOut[0] = fNew;
                    return true;
                }
                if (fNew <= f + roundOff) {
                    double slopeNew = -dot(gNew, direction); // gNew still holds the gradient of +f here
                    if (slopeNew >= CURVATURE * slope && slopeNew <= (2 * ARMIJO - 1) * slope) {
                        negate(gNew);
                        valueOut[0] = fNew;
                        return true;
                    }
                }
            }
            step *= 0.5;
        }
        return false;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static void negate(double[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = -a[i];
        }
    }
}
