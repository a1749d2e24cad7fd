package slipstream.kernels.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** CRPS against published values, closed forms and the O(m^2) definition. */
class CrpsTest {

    static double[] numpyDraws() throws IOException {
        try (InputStream in = CrpsTest.class.getClassLoader().getResourceAsStream("scoring/randn_seed0_1000.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().mapToDouble(Double::parseDouble).toArray();
        }
    }

    /** The definition: mean|X - y| - (1 / (2 m d)) sum_ij |X_i - X_j| with d = m (standard) or m - 1 (fair). */
    static double bruteForce(double[] x, double y, boolean fair) {
        int m = x.length;
        double a = 0;
        double pairs = 0;
        for (int i = 0; i < m; i++) {
            a += Math.abs(x[i] - y);
            for (int j = 0; j < m; j++) {
                pairs += Math.abs(x[i] - x[j]);
            }
        }
        return a / m - pairs / (2.0 * m * (fair ? m - 1 : m));
    }

    @Test
    void numpyReferenceValues() throws IOException {
        double[] x = numpyDraws();
        assertEquals(1000, x.length);
        assertEquals(0.2297109370729622, Crps.ensemble(x, 0), 1e-13);
        assertEquals(0.22915385, Crps.ensembleFair(x, 0), 5e-9);
    }

    @Test
    void gaussianClosedForm() {
        assertEquals(0.23369497725510913, Crps.gaussian(0, 0, 1), 1e-15);
        // Scale equivariance: CRPS(a y; a mu, a sigma) = a CRPS(y; mu, sigma).
        assertEquals(3 * Crps.gaussian(0.7, 0.2, 1.1), Crps.gaussian(2.1, 0.6, 3.3), 1e-13);
    }

    @Test
    void sortedFormsEqualTheDefinitionIncludingTies() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int m = 1 + rnd.nextInt(60);
            double[] x = new double[m];
            for (int i = 0; i < m; i++) {
                x[i] = trial % 3 == 0 ? rnd.nextInt(5) - 2 : rnd.nextGaussian() * 3 - 1; // every third with ties
            }
            double y = rnd.nextGaussian() * 2;
            assertEquals(bruteForce(x, y, false), Crps.ensemble(x, y), 1e-12, "trial " + trial);
            if (m > 1) {
                assertEquals(bruteForce(x, y, true), Crps.ensembleFair(x, y), 1e-12, "trial " + trial);
            }
        }
    }

    @Test
    void largeGaussianEnsembleConvergesToTheClosedForm() {
        SplittableRandom rnd = new SplittableRandom(5);
        double[] x = new double[200_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1.5 + 2 * rnd.nextGaussian();
        }
        assertEquals(Crps.gaussian(0.4, 1.5, 2), Crps.ensembleFair(x, 0.4), 0.01);
    }

    @Test
    void batchEqualsOneByOne() {
        SplittableRandom rnd = new SplittableRandom(9);
        int m = 37;
        int n = 2 * Crps.PARALLEL_BLOCK + 11; // three blocks, the last one short: the parallel path
        double[] members = new double[m * n];
        double[] obs = new double[n];
        for (int i = 0; i < members.length; i++) {
            members[i] = rnd.nextGaussian();
        }
        for (int k = 0; k < n; k++) {
            obs[k] = rnd.nextGaussian();
        }
        double[] out = new double[n];
        Crps.ensembleBatch(members, m, obs, false, out);
        for (int k = 0; k < n; k++) {
            assertEquals(Crps.ensemble(Arrays.copyOfRange(members, k * m, (k + 1) * m), obs[k]), out[k], 0.0,
                    "bit for bit, whichever thread scored it");
        }
    }

    @Test
    void rpsByHand() {
        // Three places, forecast (0.5, 0.3, 0.2), observed place 2: F = (0.5, 0.8); steps (0, 1).
        double[] pmf = {0.5, 0.3, 0.2};
        double expected = (0.5 * 0.5 + 0.2 * 0.2) / 2;
        assertEquals(expected, Crps.rps(pmf, 0, 3, 2), 1e-15);
        assertEquals(0.29, Crps.fromPmf(pmf, 0, 3, 2), 1e-15);
        assertEquals(0, Crps.rps(new double[] {1, 0, 0}, 0, 3, 1), 1e-15, "a perfect forecast scores 0");
    }

    /** Ensembles that exercise every path: smooth, ties, a constant, heavy tails (sort fallback), huge range. */
    static double[] ensembleOfKind(int kind, int m, SplittableRandom rnd) {
        double[] x = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = switch (kind) {
                case 0 -> rnd.nextGaussian();
                case 1 -> rnd.nextInt(7) - 3; // heavy ties
                case 2 -> 2.5; // constant
                case 3 -> Math.exp(6 * rnd.nextGaussian()); // heavy tail: crowded buckets, sort fallback
                case 4 -> (i % 2 == 0 ? -1e300 : 1e300) * rnd.nextDouble(); // huge range
                default -> Math.floor(40 * rnd.nextDouble()) + 1; // finishing positions
            };
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 1001})
    void scalarAndPanamaTwinsAgree(int m) {
        SplittableRandom rnd = new SplittableRandom(m);
        // Sorted pass (CrpsPass).
        double[] x = ensembleOfKind(0, m, rnd);
        Arrays.sort(x);
        double[] a = new double[2];
        double[] b = new double[2];
        new ScalarCrpsPass().sums(x, m, 0.3, a);
        new PanamaCrpsPass().sums(x, m, 0.3, b);
        // Lanes add partial sums in another order: equal within 1e-12 relative to the magnitude of the sums.
        assertEquals(a[0], b[0], 1e-12 * Math.max(1, Math.abs(a[0])));
        assertEquals(a[1], b[1], 1e-12 * m * Math.max(1, Math.abs(a[0])));
        // Bucketed kernel (CrpsKernel), at an offset inside a larger array, on every kind of ensemble.
        CrpsScratch scratch = new CrpsScratch(m);
        for (int kind = 0; kind < 6; kind++) {
            double[] members = new double[m + 5];
            System.arraycopy(ensembleOfKind(kind, m, rnd), 0, members, 5, m);
            double y = kind == 4 ? 0 : rnd.nextGaussian();
            new ScalarCrpsKernel().sums(members, 5, m, y, scratch, a);
            new PanamaCrpsKernel().sums(members, 5, m, y, scratch, b);
            double[] sorted = Arrays.copyOfRange(members, 5, m + 5);
            Arrays.sort(sorted);
            double[] exact = new double[2];
            new ScalarCrpsPass().sums(sorted, m, y, exact);
            double scaleOfSums = m * (Math.abs(exact[0]) + Math.abs(sorted[0]) + Math.abs(sorted[m - 1]) + 1);
            assertEquals(a[0], b[0], 1e-13 * scaleOfSums, "kind " + kind);
            assertEquals(a[1], b[1], 1e-13 * scaleOfSums, "kind " + kind);
            assertEquals(exact[1], a[1], 1e-13 * scaleOfSums, "kind " + kind + " against the sorted pass");
            assertTrue(a[1] >= 0 && Double.isFinite(b[1]));
        }
    }

    @Test
    void fixtureScriptIsCommittedBesideTheFixture() {
        assertTrue(CrpsTest.class.getClassLoader().getResource("scoring/make_randn_fixture.py") != null);
    }
}
