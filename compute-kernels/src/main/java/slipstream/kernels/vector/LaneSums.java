package slipstream.kernels.vector;

import jdk.incubator.vector.DoubleVector;

/**
 * Lane sums in a fixed order. {@code reduceLanes(ADD)} leaves the order of a floating-point reduction to the
 * implementation, so the Java fallback (before the JIT compiles a kernel) and the intrinsic may round differently;
 * the project promises the same bytes for the same request and seed, so every Panama kernel sums its lanes here.
 */
public final class LaneSums {

    private LaneSums() {}

    /** lane 0 + lane 1 + ... + lane (n - 1), left to right. */
    public static double inOrder(DoubleVector v) {
        double sum = 0;
        for (int i = 0, n = v.length(); i < n; i++) {
            sum += v.lane(i);
        }
        return sum;
    }
}
