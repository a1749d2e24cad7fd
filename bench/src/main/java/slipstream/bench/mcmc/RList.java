package slipstream.bench.mcmc;

import java.util.Locale;

/** R literals for data files that Rscript reads with {@code dget} (so Stan gets exactly our data). */
final class RList {

    private RList() {}

    static String vector(double[] x) {
        StringBuilder s = new StringBuilder("c(");
        for (int i = 0; i < x.length; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.17g", x[i]));
        }
        return s.append(')').toString();
    }

    static String intVector(int[] x) {
        StringBuilder s = new StringBuilder("c(");
        for (int i = 0; i < x.length; i++) {
            s.append(i == 0 ? "" : ", ").append(x[i]).append('L');
        }
        return s.append(')').toString();
    }

    /** Row-major rows as an R matrix (R stores column-major, hence byrow = TRUE). */
    static String matrix(double[][] rows, int cols) {
        double[] flat = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * cols, cols);
        }
        return "matrix(" + vector(flat) + ", nrow = " + rows.length + ", ncol = " + cols + ", byrow = TRUE)";
    }
}
