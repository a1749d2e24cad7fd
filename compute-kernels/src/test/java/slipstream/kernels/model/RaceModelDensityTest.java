package slipstream.kernels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import slipstream.kernels.vector.VectorSupport;

class RaceModelDensityTest {

    private static List<Function<RaceModelData, RaceLikelihood>> twins() {
        List<Function<RaceModelData, RaceLikelihood>> list = new ArrayList<>();
        list.add(ScalarRaceLikelihood::new);
        if (VectorSupport.panamaEnabled()) {
            list.add(PanamaRaceLikelihood::new);
        }
        return list;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void gradientMatchesCentralFiniteDifferences(boolean dnfsInDenominator) {
        RaceModelData data = SyntheticRaces.small(11, 13, 0, dnfsInDenominator);
        SplittableRandom rnd = new SplittableRandom(5);
        boolean[] someBeta = new boolean[Archetype.COUNT * data.features()];
        for (int i = 0; i < someBeta.length; i += 3) {
            someBeta[i] = true;
        }
        Parameterisation mixed = new Parameterisation(someBeta, new boolean[] {true, false, true, false});
        for (var twin : twins()) {
            for (Parameterisation par : List.of(Parameterisation.nonCentred(data.features()), mixed)) {
                assertGradientMatchesFiniteDifferences(new RaceModelDensity(twin.apply(data), par), rnd);
            }
        }
    }

    private static void assertGradientMatchesFiniteDifferences(RaceModelDensity density, SplittableRandom rnd) {
        int dim = density.dimension();
        double[] grad = new double[dim];
        double[] scratch = new double[dim];
        for (int trial = 0; trial < 4; trial++) {
            double[] x = SyntheticRaces.randomPoint(rnd, dim, 1.5);
            density.logDensity(x, grad);
            double h = 1e-6;
            for (int i = 0; i < dim; i++) {
                double keep = x[i];
                x[i] = keep + h;
                double up = density.logDensity(x, scratch);
                x[i] = keep - h;
                double down = density.logDensity(x, scratch);
                x[i] = keep;
                double fd = (up - down) / (2 * h);
                assertEquals(fd, grad[i], 1e-5 * Math.max(1.0, Math.abs(fd)), density.layout().name(i) + " trial "
                        + trial + " centred " + density.parameterisation().centredNames(density.layout()));
            }
        }
    }

    /**
     * Centred and non-centred are one model: at a point and its centred image the log densities differ by exactly
     * the log-Jacobian of beta = mu + tau z (log tau per centred coefficient, log alpha_tau per centred intercept),
     * and {@link Parameterisation#toNonCentred} maps the image back.
     */
    @Test
    void centredIsTheSameModelUpToTheJacobian() {
        RaceModelData data = SyntheticRaces.small(11, 13, 0, true);
        Parameterisation centred = Parameterisation.byArchetype(data.features(), true, true, false, true);
        RaceModelDensity nc = new RaceModelDensity(new ScalarRaceLikelihood(data));
        RaceModelDensity c = new RaceModelDensity(new ScalarRaceLikelihood(data), centred);
        ParameterLayout lay = nc.layout();
        SplittableRandom rnd = new SplittableRandom(8);
        double[] g = new double[nc.dimension()];
        for (int trial = 0; trial < 5; trial++) {
            double[] z = SyntheticRaces.randomPoint(rnd, nc.dimension(), 1.5);
            double[] image = z.clone();
            double logJacobian = 0;
            double alphaTau = Math.exp(z[lay.logAlphaTau()]);
            for (int a = 0; a < Archetype.COUNT; a++) {
                if (!centred.centredAlpha(a)) {
                    continue;
                }
                for (int f = 0; f < lay.features(); f++) {
                    image[lay.z(a, f)] = z[lay.mu(f)] + Math.exp(z[lay.logTau(f)]) * z[lay.z(a, f)];
                    logJacobian += z[lay.logTau(f)];
                }
                image[lay.alphaZ(a)] = z[lay.alphaMu()] + alphaTau * z[lay.alphaZ(a)];
                logJacobian += z[lay.logAlphaTau()];
            }
            assertEquals(nc.logDensity(z, g) - logJacobian, c.logDensity(image, g), 1e-9);
            centred.toNonCentred(lay, image);
            for (int i = 0; i < z.length; i++) {
                assertEquals(z[i], image[i], 1e-12, lay.name(i));
            }
        }
    }

    /**
     * Sum over every order of the DNFs of the full two-tier Plackett-Luce probability (place 1 at scale lambda, the
     * rest at 1) = ties-at-the-back likelihood.
     */
    @Test
    void tinyRaceMatchesBruteForceProducts() {
        double[] eta = {0.7, -0.2, 1.1, 0.3, -0.9};
        int nFinish = 2; // drivers 0, 1 finish in that order; 2, 3, 4 are DNFs
        double[] w = {0.5, -1.0, 2.0, 0.0, 1.5};
        int[] laps = {40, 10, 25, 0, 5};
        double alpha = -1.3;
        double gamma = 0.4;
        double kappa = 1.7;
        double lambda = 2.3;
        int a = Archetype.SHORT_TRACK.ordinal();

        double[][] x = new double[5][1];
        double[][] wr = new double[5][1];
        boolean[] dnf = new boolean[5];
        for (int i = 0; i < 5; i++) {
            x[i][0] = eta[i]; // beta = 1 makes eta = x
            wr[i][0] = w[i];
            dnf[i] = i >= nFinish;
        }
        int[][] perms = {{2, 3, 4}, {2, 4, 3}, {3, 2, 4}, {3, 4, 2}, {4, 2, 3}, {4, 3, 2}};
        double plProb = 0;
        for (int[] perm : perms) {
            int[] order = {0, 1, perm[0], perm[1], perm[2]};
            double prob = 1;
            for (int k = 0; k < 5; k++) {
                double scale = k == 0 ? lambda : 1.0;
                double denom = 0;
                for (int m = k; m < 5; m++) {
                    denom += Math.exp(scale * eta[order[m]]);
                }
                prob *= Math.exp(scale * eta[order[k]]) / denom;
            }
            plProb += prob;
        }
        double dnfProb = 1;
        double lapsLog = 0;
        double z = 0;
        for (int i = 0; i < 5; i++) {
            z += Math.exp(kappa * eta[i]);
        }
        for (int i = 0; i < 5; i++) {
            double p = 1 / (1 + Math.exp(-(alpha + gamma * w[i])));
            dnfProb *= dnf[i] ? p : 1 - p;
            lapsLog += laps[i] * Math.log(Math.exp(kappa * eta[i]) / z);
        }
        double tiesAtBack = Math.log(plProb) + Math.log(dnfProb) + lapsLog;
        double e0 = Math.exp(eta[0]);
        double e1 = Math.exp(eta[1]);
        double finishersOnly = Math.log(Math.pow(e0, lambda) / (Math.pow(e0, lambda) + Math.pow(e1, lambda)))
                + Math.log(dnfProb) + lapsLog;

        for (int mode = 0; mode < 6; mode++) {
            int lanes = new int[] {1, 3, 4}[mode % 3];
            boolean ties = mode < 3;
            double expected = ties ? tiesAtBack : finishersOnly;
            RaceModelData data = RaceModelData.builder(1, 1).lanes(lanes).dnfsInDenominator(ties).topPlaces(1)
                    .addRace(a, x, wr, dnf, laps).build();
            List<RaceLikelihood> impls = new ArrayList<>(List.of(new ScalarRaceLikelihood(data)));
            if (VectorSupport.panamaEnabled() && lanes == data.lanes() && lanes == PanamaLanes.preferred()) {
                impls.add(new PanamaRaceLikelihood(data));
            }
            for (RaceLikelihood lik : impls) {
                double[] beta = new double[4];
                beta[a] = 1.0;
                double[] alphas = {9, 9, alpha, 9};
                double[] kappas = {9, 9, kappa, 9};
                double[] lambdas = {9, 9, lambda, 9};
                double got = lik.evaluate(beta, alphas, new double[] {gamma}, kappas, lambdas,
                        new double[4], new double[4], new double[1], new double[4], new double[4]);
                assertEquals(expected, got, 1e-12 * Math.abs(expected), lik.getClass() + " lanes " + lanes);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 8, 9, 12, 17, -1, -2, -3, -4, -5, -8, -13})
    void twinsAgreeOnValueAndGradient(int signedRaces) {
        assumeTrue(VectorSupport.panamaEnabled(), "Panama twin not available in this JVM");
        int races = Math.abs(signedRaces); // negative: Plackett-Luce among finishers only
        RaceModelData data = SyntheticRaces.small(100 + races, races, 0, signedRaces > 0);
        RaceModelDensity scalar = new RaceModelDensity(new ScalarRaceLikelihood(data));
        RaceModelDensity panama = new RaceModelDensity(new PanamaRaceLikelihood(data));
        SplittableRandom rnd = new SplittableRandom(races);
        int dim = scalar.dimension();
        for (int trial = 0; trial < 5; trial++) {
            double[] x = SyntheticRaces.randomPoint(rnd, dim, 2.0);
            double[] gs = new double[dim];
            double[] gp = new double[dim];
            double vs = scalar.logDensity(x, gs);
            double vp = panama.logDensity(x, gp);
            assertEquals(vs, vp, 1e-10 * Math.abs(vs), "value");
            double scale = 0;
            for (double g : gs) {
                scale = Math.max(scale, Math.abs(g));
            }
            for (int i = 0; i < dim; i++) {
                assertEquals(gs[i], gp[i], 1e-10 * Math.max(Math.abs(gs[i]), 1e-3 * scale), scalar.layout().name(i));
            }
        }
    }

    /** The lane layout is an implementation detail: any lane count gives the same density. */
    @Test
    void laneCountDoesNotChangeTheDensity() {
        RaceModelData one = SyntheticRaces.small(7, 11, 1);
        RaceModelData three = SyntheticRaces.small(7, 11, 3);
        RaceModelData eight = SyntheticRaces.small(7, 11, 8);
        RaceModelDensity d1 = new RaceModelDensity(new ScalarRaceLikelihood(one));
        RaceModelDensity d3 = new RaceModelDensity(new ScalarRaceLikelihood(three));
        RaceModelDensity d8 = new RaceModelDensity(new ScalarRaceLikelihood(eight));
        double[] x = SyntheticRaces.randomPoint(new SplittableRandom(3), d1.dimension(), 1.0);
        double[] g1 = new double[x.length];
        double[] g3 = new double[x.length];
        double[] g8 = new double[x.length];
        double v1 = d1.logDensity(x, g1);
        assertEquals(v1, d3.logDensity(x, g3), 1e-11 * Math.abs(v1));
        assertEquals(v1, d8.logDensity(x, g8), 1e-11 * Math.abs(v1));
        for (int i = 0; i < x.length; i++) {
            assertEquals(g1[i], g3[i], 1e-9 * Math.max(1, Math.abs(g1[i])));
            assertEquals(g1[i], g8[i], 1e-9 * Math.max(1, Math.abs(g1[i])));
        }
        assertEquals(11, one.races());
        assertEquals(2, eight.blocks);
        assertEquals(11, one.blocks);
    }

    @Test
    void selectionFollowsVectorSupport() {
        RaceModelData data = SyntheticRaces.small(1, 5, 0);
        RaceLikelihood chosen = RaceLikelihood.of(data);
        assertEquals(VectorSupport.panamaEnabled(), chosen instanceof PanamaRaceLikelihood);
        if (VectorSupport.panamaEnabled()) {
            assertEquals(PanamaLanes.preferred(), data.lanes());
            RaceModelData odd = SyntheticRaces.small(1, 5, PanamaLanes.preferred() + 1);
            assertThrows(IllegalArgumentException.class, () -> new PanamaRaceLikelihood(odd));
        }
    }

    @Test
    void builderRejectsFinisherAfterDnf() {
        var b = RaceModelData.builder(1, 0);
        double[][] x = {{0}, {1}};
        double[][] w = {{}, {}};
        assertThrows(IllegalArgumentException.class, () -> b.addRace(0, x, w, new boolean[] {true, false}, null));
        assertThrows(IllegalArgumentException.class, () -> b.addRace(4, x, w, new boolean[] {false, true}, null));
    }

    @Test
    void layoutNamesAndDrawHelpers() {
        String[] feats = {"start_position", "finish_mean_last10"};
        ParameterLayout lay = new ParameterLayout(feats, new String[] {"dnf_rate_last20"});
        assertEquals(6 * 2 + 14 + 1, lay.dimension());
        assertEquals(lay.mu(0), lay.indexOf("mu[start_position]"));
        assertEquals(lay.logTau(1), lay.indexOf("log_tau[finish_mean_last10]"));
        assertEquals(lay.z(1, 1), lay.indexOf("z[INTERMEDIATE,finish_mean_last10]"));
        assertEquals(lay.alphaZ(2), lay.indexOf("alpha_z[SHORT_TRACK]"));
        assertEquals(lay.gamma(0), lay.indexOf("gamma[dnf_rate_last20]"));
        assertEquals(lay.logKappa(3), lay.indexOf("log_kappa[ROAD_COURSE]"));
        assertEquals(lay.logLambda(1), lay.indexOf("log_lambda[INTERMEDIATE]"));
        assertEquals(lay.dimension() - 4, lay.plainPlackettLuceDimension());
        assertEquals(lay.alphaMu(), lay.indexOf("alpha_mu"));
        assertEquals(lay.logAlphaTau(), lay.indexOf("log_alpha_tau"));
        java.util.Set<String> unique = new java.util.HashSet<>(List.of(lay.names()));
        assertEquals(lay.dimension(), unique.size());

        double[] pos = SyntheticRaces.randomPoint(new SplittableRandom(9), lay.dimension(), 1.0);
        int a = Archetype.ROAD_COURSE.ordinal();
        double lambda = Math.exp(pos[lay.logLambda(a)]);
        double top0 = pos[lay.mu(0)] + Math.exp(pos[lay.logTau(0)]) * pos[lay.z(a, 0)];
        double top1 = pos[lay.mu(1)] + Math.exp(pos[lay.logTau(1)]) * pos[lay.z(a, 1)];
        assertEquals(top0, lay.topBeta(pos, new double[8])[a * 2], 1e-15);
        double b0 = top0 / lambda;
        double b1 = top1 / lambda;
        double[] betaFlat = lay.beta(pos, new double[8]);
        assertEquals(b0, betaFlat[a * 2], 1e-15);
        assertEquals(b1, betaFlat[a * 2 + 1], 1e-15);
        double[] xs = {1.0, 2.0, -0.5, 0.25};
        double[] eta = lay.strengths(pos, a, xs, 2, new double[2]);
        assertEquals(b0 + 2 * b1, eta[0], 1e-13);
        assertEquals(-0.5 * b0 + 0.25 * b1, eta[1], 1e-13);
        double alpha = pos[lay.alphaMu()] + Math.exp(pos[lay.logAlphaTau()]) * pos[lay.alphaZ(a)];
        assertEquals(alpha, lay.alpha(pos, new double[4])[a], 1e-15);
        double[] p = lay.dnfProbabilities(pos, a, new double[] {0.7}, 1, new double[1]);
        assertEquals(1 / (1 + Math.exp(-(alpha + 0.7 * pos[lay.gamma(0)]))), p[0], 1e-15);
        assertEquals(Math.exp(pos[lay.logKappa(a)]), lay.kappaTop(pos, new double[4])[a], 1e-15);
        assertEquals(Math.exp(pos[lay.logKappa(a)]) * lambda, lay.kappa(pos, a), 1e-15);
        assertEquals(lay.kappa(pos, a), lay.kappa(pos, new double[4])[a], 0.0);
        assertEquals(lambda, lay.lambda(pos, a), 1e-15);
        assertEquals(lay.lambda(pos, a), lay.lambda(pos, new double[4])[a], 0.0);
        // A draw stored before the top-tier scales existed is the layout's prefix and reads as plain Plackett-Luce.
        double[] plain = java.util.Arrays.copyOf(pos, lay.plainPlackettLuceDimension());
        assertEquals(1.0, lay.lambda(plain, a), 0.0);
        assertEquals(Math.exp(pos[lay.logKappa(a)]), lay.kappa(plain, a), 0.0);
        assertEquals(top0, lay.beta(plain, new double[8])[a * 2], 0.0);
    }

    @Test
    void densityIsFiniteAtExtremePoints() {
        RaceModelData data = SyntheticRaces.small(21, 6, 0);
        RaceModelDensity density = new RaceModelDensity(data);
        double[] g = new double[density.dimension()];
        for (double v : new double[] {-6, 6}) {
            double[] x = new double[density.dimension()];
            java.util.Arrays.fill(x, v);
            double lp = density.logDensity(x, g);
            assertTrue(Double.isFinite(lp), "lp at " + v);
            for (double gi : g) {
                assertTrue(Double.isFinite(gi), "gradient at " + v);
            }
        }
    }
}
