package slipstream.kernels.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The tree builder with injected parts: exact leapfrog counts, depth, divergence. */
class NutsTransitionTest {

    private static final LogDensity NORMAL_3 = new LogDensity() {
        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public double logDensity(double[] q, double[] g) {
            double lp = 0;
            for (int i = 0; i < q.length; i++) {
                lp -= 0.5 * q[i] * q[i];
                g[i] = -q[i];
            }
            return lp;
        }
    };

    private static Transition run(LogDensity density, UTurnCriterion criterion, int maxDepth, double epsilon,
                                  LeapfrogIntegrator[] integratorOut) {
        DiagonalMetric metric = new DiagonalMetric(density.dimension());
        LeapfrogIntegrator integrator = new LeapfrogIntegrator(density, metric);
        integratorOut[0] = integrator;
        NutsTransition nuts = new NutsTransition(integrator, metric, criterion, new ChainRandom(1, 0),
                density.dimension(), maxDepth);
        PhasePoint z = new PhasePoint(density.dimension());
        z.q[0] = 0.3;
        integrator.evaluate(z);
        return nuts.transition(z, epsilon);
    }

    @Test
    void aCriterionThatNeverStopsBuildsTheFullTree() {
        LeapfrogIntegrator[] integrator = new LeapfrogIntegrator[1];
        for (int depth = 1; depth <= 6; depth++) {
            Transition t = run(NORMAL_3, (a, b, rho) -> true, depth, 0.1, integrator);
            assertEquals((1 << depth) - 1, t.leapfrogSteps(), "depth " + depth);
            assertEquals((1 << depth) - 1, integrator[0].steps());
            assertEquals(depth, t.treeDepth());
            assertFalse(t.divergent());
        }
    }

    @Test
    void aCriterionThatAlwaysStopsEndsAfterOneLeapfrog() {
        LeapfrogIntegrator[] integrator = new LeapfrogIntegrator[1];
        Transition t = run(NORMAL_3, (a, b, rho) -> false, 10, 0.1, integrator);
        assertEquals(1, t.leapfrogSteps());
        assertEquals(1, t.treeDepth());
    }

    @Test
    void stopsAtAUTurnOnAGaussianWellBeforeTheMaximumDepth() {
        LeapfrogIntegrator[] integrator = new LeapfrogIntegrator[1];
        Transition t = run(NORMAL_3, UTurnCriterion.GENERALISED, 10, 0.2, integrator);
        // A unit Gaussian orbit has period 2*pi: with step 0.2 a U-turn comes within about 16 steps.
        assertTrue(t.leapfrogSteps() <= 31 && t.treeDepth() <= 5, t::toString);
        assertTrue(t.acceptStat() > 0.9 && t.acceptStat() <= 1.0);
    }

    @Test
    void anEnergyErrorAboveOneThousandIsADivergence() {
        LogDensity cliff = new LogDensity() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public double logDensity(double[] q, double[] g) {
                g[0] = -1e6 * q[0];
                return -0.5e6 * q[0] * q[0];
            }
        };
        LeapfrogIntegrator[] integrator = new LeapfrogIntegrator[1];
        Transition t = run(cliff, UTurnCriterion.GENERALISED, 10, 1.0, integrator);
        assertTrue(t.divergent());
        assertEquals(1, t.leapfrogSteps(), "building stops at the first divergent step");
    }

    @Test
    void nanCountsAsDivergent() {
        LogDensity broken = new LogDensity() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public double logDensity(double[] q, double[] g) {
                g[0] = 0;
                return Math.abs(q[0]) > 0.5 ? Double.NaN : 0;
            }
        };
        LeapfrogIntegrator[] integrator = new LeapfrogIntegrator[1];
        Transition t = run(broken, (a, b, rho) -> true, 6, 0.3, integrator);
        assertTrue(t.divergent());
    }

    @Test
    void warmupScheduleFollowsStan() {
        WindowedAdaptation w = new WindowedAdaptation(1000);
        assertEquals(75, w.initBuffer());
        assertEquals(50, w.termBuffer());
        java.util.List<Integer> ends = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            boolean end = w.endOfWindow();
            if (end) {
                ends.add(i);
            }
            w.advance(end);
        }
        // Windows 25, 50, 100, 200, then the last one stretched to the terminal buffer.
        assertEquals(java.util.List.of(99, 149, 249, 449, 949), ends);
        WindowedAdaptation small = new WindowedAdaptation(100);
        assertEquals(15, small.initBuffer());
        assertEquals(10, small.termBuffer());
        assertEquals(75, small.baseWindow());
        WindowedAdaptation none = new WindowedAdaptation(19);
        for (int i = 0; i < 19; i++) {
            assertFalse(none.inWindow() || none.endOfWindow());
            none.advance(false);
        }
    }
}
