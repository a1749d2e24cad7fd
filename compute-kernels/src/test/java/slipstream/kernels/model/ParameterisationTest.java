package slipstream.kernels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ParameterisationTest {
    private static final double LAMBDA = 2.0;

    /**
     * Feature 0 differs strongly between archetypes and 320 races pin it: centred everywhere. Feature 1 is the same
     * in every archetype (tau = 0): non-centred everywhere. DNF intercepts differ by 1.5 on logit scale over
     * thousands of driver-races: centred. One top-tier scale for all archetypes, so feature 1 is shared on the
     * sampled (top-tier) scale too, where the unpooled fit reports lambda * beta.
     */
    @Test
    void centresWhatTheDataPinAndLeavesWhatTheArchetypesShare() {
        double[][] beta = {{-0.8, 0.4}, {0.0, 0.4}, {0.8, 0.4}, {1.6, 0.4}};
        double[] alpha = {-3.0, -1.5, -2.2, -2.6};
        RaceModelData data = SyntheticRaces.simulate(new SplittableRandom(3), 320, 30, 38, beta, alpha,
                new double[] {0.6}, new double[] {0.6, 1.2, 1.6, 2.0}, 150, 1, 0, false,
                new double[] {LAMBDA, LAMBDA, LAMBDA, LAMBDA}, RaceModelData.DEFAULT_TOP_PLACES);
        UnpooledFit fit = UnpooledFit.of(data);
        for (int a = 0; a < Archetype.COUNT; a++) {
            double se = fit.betaSe()[a * 2];
            assertTrue(se > 0.005 && se < 0.1, "standard error " + se);
            assertEquals(LAMBDA * beta[a][0], fit.beta()[a * 2], 4 * se, "unpooled estimate, archetype " + a);
        }
        Parameterisation p = Parameterisation.choose(data);
        for (int a = 0; a < Archetype.COUNT; a++) {
            assertTrue(p.centredBeta(a, 0), "feature 0, archetype " + a);
            assertFalse(p.centredBeta(a, 1), "feature 1, archetype " + a);
            assertTrue(p.centredAlpha(a), "alpha, archetype " + a);
        }
    }

    @Test
    void weakDataAndMissingArchetypesStayNonCentred() {
        // Standard errors larger than the spread: tau estimate <= 0.
        UnpooledFit noisy = new UnpooledFit(new double[] {0.1, -0.1, 0.2, 0.0}, new double[] {0.5, 0.5, 0.5, 0.5},
                new double[] {-2, -2.1, -1.9, -2}, new double[] {0.4, 0.4, 0.4, 0.4});
        Parameterisation p = Parameterisation.choose(noisy, new int[] {5, 5, 5, 5});
        assertEquals(0, p.centredNames(new ParameterLayout(new String[] {"x"}, new String[0])).size());
        // Clear spread, but only one archetype has races: nothing to estimate tau from.
        UnpooledFit one = new UnpooledFit(new double[] {2.0, 0, 0, 0}, new double[] {0.01, 3, 3, 3},
                new double[] {-2, 0, 0, 0}, new double[] {0.01, 3, 3, 3});
        Parameterisation q = Parameterisation.choose(one, new int[] {40, 0, 0, 0});
        assertFalse(q.centredBeta(0, 0));
        assertFalse(q.centredAlpha(0));
        // The same clear spread as below, but a fit of fewer than MIN_RACES races: nothing is centred.
        UnpooledFit clear = new UnpooledFit(new double[] {-1, 0, 1, 0}, new double[] {0.05, 0.05, 0.05, 0.05},
                new double[] {-2, -1, -3, 0}, new double[] {0.05, 0.05, 0.05, 0.05});
        assertEquals(0, Parameterisation.choose(clear, new int[] {20, 20, 20, 20})
                .centredNames(new ParameterLayout(new String[] {"x"}, new String[0])).size());
        assertEquals(8, Parameterisation.choose(clear, new int[] {30, 30, 30, 30})
                .centredNames(new ParameterLayout(new String[] {"x"}, new String[0])).size());
        // Clear spread over three archetypes with races; the fourth has none and stays non-centred.
        UnpooledFit three = new UnpooledFit(new double[] {-1, 0, 1, 0}, new double[] {0.05, 0.05, 0.05, 3},
                new double[] {-2, -1, -3, 0}, new double[] {0.05, 0.05, 0.05, 3});
        Parameterisation r = Parameterisation.choose(three, new int[] {50, 50, 50, 0});
        assertTrue(r.centredBeta(0, 0) && r.centredBeta(1, 0) && r.centredBeta(2, 0));
        assertFalse(r.centredBeta(3, 0));
        assertTrue(r.centredAlpha(2));
        assertFalse(r.centredAlpha(3));
        // A feature is centred in all its archetypes or in none: one archetype's standard error (0.85) above the
        // tau estimate (about 0.74) keeps the whole feature non-centred.
        UnpooledFit oneLoose = new UnpooledFit(new double[] {-1, 0, 1, 0.5}, new double[] {0.05, 0.05, 0.05, 0.85},
                new double[] {-2, -1, -3, -2}, new double[] {0.05, 0.05, 0.05, 0.05});
        Parameterisation loose = Parameterisation.choose(oneLoose, new int[] {40, 40, 40, 40});
        assertEquals(0.739, Parameterisation.tauEstimates(oneLoose, new int[] {40, 40, 40, 40})[0], 1e-3);
        for (int a = 0; a < Archetype.COUNT; a++) {
            assertFalse(loose.centredBeta(a, 0), "archetype " + a);
            assertTrue(loose.centredAlpha(a), "alpha, archetype " + a);
        }
    }
}
