package slipstream.server.optimizer;

import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import slipstream.kernels.portfolio.FeasibilityCheck;
import slipstream.kernels.portfolio.InfeasibleConstraintsException;
import slipstream.kernels.race.LineupEvaluator;
import slipstream.kernels.portfolio.RandomSource;
import slipstream.proto.v1.JobPhase;
import slipstream.proto.v1.OptimizeDiagnostics;
import slipstream.proto.v1.OptimizeResult;
import slipstream.server.error.FailedPreconditionException;
import slipstream.server.error.PreconditionViolation;
import slipstream.server.spec.ConstraintSpec;
import slipstream.server.spec.SpecService;

/**
 * Optimize: resolve the spec and the parameters (a calibration's posterior, or the feature prior), simulate
 * the scenarios, then build and report the portfolio. Deterministic for a request and seed: every random
 * number is keyed by (seed, purpose, index), whatever the thread count.
 */
@Singleton
public class OptimizerService {

    private final SpecService specs;
    private final ScenarioFactory scenarios;

    public OptimizerService(SpecService specs, ScenarioFactory scenarios) {
        this.specs = specs;
        this.scenarios = scenarios;
    }

    public OptimizeResult optimize(OptimizePlan plan, PortfolioPipeline.Progress sink, BooleanSupplier cancelled) {
        PortfolioPipeline.Progress progress = new Throttled(sink);
        Map<String, Double> phaseMillis = new LinkedHashMap<>();
        ConstraintSpec spec = specs.get("spec_id", plan.specId());
        SlateBinding binding = SlateBinding.of(spec, plan);
        requireFeasible(binding);
        // Like infeasible constraints, an unknown or unconverged calibration is refused before any progress message.
        long t0 = System.nanoTime();
        Optional<ScenarioFactory.Parameters> calibration = scenarios.calibration(plan.calibrationId());
        phaseMillis.put("preparing", (System.nanoTime() - t0) / 1e6);
        OptimizeDiagnostics.Builder diagnostics = OptimizeDiagnostics.newBuilder();

        int inSample = plan.scenarioCount();
        int validation = plan.validationScenarioCount();
        progress.report(JobPhase.JOB_PHASE_SIMULATING, 0.0, "simulating " + inSample + " scenarios"
                + (validation > 0 ? " and " + validation + " for validation" : ""));
        // One run simulates both sets: scenario s depends only on (seed, s), so the first scenario_count are the
        // same as without validation, and the rest are fresh ones that selection never sees.
        ScenarioFactory.Simulated simulated = scenarios.simulate(spec, calibration, plan.seed(),
                inSample + validation, f -> progress.report(JobPhase.JOB_PHASE_SIMULATING, 0.45 * f, "simulating"),
                cancelled, phaseMillis);
        diagnostics.setCalibrationId(simulated.calibrationId()).setCalibrationRps(simulated.calibrationRps())
                .setParameterSource(simulated.parameterSource()).addAllCalibrationMetrics(simulated.calibrationMetrics());
        if (!simulated.warning().isEmpty()) {
            diagnostics.addWarnings(simulated.warning());
        }

        RandomSource random = ScenarioFactory.randomSource(plan.seed());
        Scenarios all = simulated.scenarios();
        OptimizeResult result = new PortfolioPipeline(binding, plan, validation == 0 ? all : all.range(0, inSample),
                validation == 0 ? null : all.range(inSample, inSample + validation), random, LineupEvaluator.get(),
                progress, cancelled, phaseMillis).run(diagnostics);
        diagnostics.putAllPhaseMillis(phaseMillis);
        return result.toBuilder().setDiagnostics(diagnostics).build();
    }

    /**
     * Constraints that no portfolio can meet (locks over the cap, exposures that cannot fill the lineups, too few
     * eligible drivers) need no scenarios to find: they are refused before any simulation, so the client hears
     * at once, without progress messages first.
     */
    private static void requireFeasible(SlateBinding binding) {
        try {
            FeasibilityCheck.require(binding.rules(), binding.limits(), binding.driverIds(), binding.teamIds());
        } catch (InfeasibleConstraintsException e) {
            throw new FailedPreconditionException("INFEASIBLE_CONSTRAINTS",
                    "no portfolio satisfies the request's constraints; relax the ones listed", e.violations().stream()
                    .map(v -> new PreconditionViolation("CONSTRAINT", v.constraint(), v.detail())).toList());
        }
    }

    /**
     * Passes on a phase's first report and then one per percent of the job (the kernels report per block: the
     * field alone reports 1,250 times, and each message is a gRPC write).
     */
    static final class Throttled implements PortfolioPipeline.Progress {
        private static final double STEP = 0.01;

        private final PortfolioPipeline.Progress sink;
        private JobPhase phase;
        private double reported = Double.NEGATIVE_INFINITY;

        Throttled(PortfolioPipeline.Progress sink) {
            this.sink = sink;
        }

        @Override
        public synchronized void report(JobPhase next, double fraction, String message) {
            if (next != phase || fraction >= reported + STEP) {
                phase = next;
                reported = fraction;
                sink.report(next, fraction, message);
            }
        }
    }
}
