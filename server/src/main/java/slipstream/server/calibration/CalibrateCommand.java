package slipstream.server.calibration;

import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import slipstream.proto.v1.CalibrateRequest;
import slipstream.proto.v1.CalibrationResult;
import slipstream.proto.v1.CalibrationStatus;
import slipstream.proto.v1.HeldOutMetrics;
import slipstream.proto.v1.NutsMetric;
import slipstream.server.error.FailedPreconditionException;
import slipstream.server.error.InvalidArgumentException;
import slipstream.server.error.SlipstreamException;

/**
 * {@code ./slipstream calibrate --train 2015-2022 --holdout 2023 [--chains N] [--warmup N] [--draws N] [--seed N]
 * [--target-accept X] [--scenarios N] [--metric diagonal|dense]}: the same work and artifacts as CalibrationService/Calibrate, with a
 * progress bar, for scripts and cron. Exit code 0 when the calibration converged, 1 when a gate failed (the
 * reason is printed), 2 for bad arguments.
 */
public final class CalibrateCommand {

    private CalibrateCommand() {}

    public static int run(ApplicationContext context, List<String> args, PrintStream out, PrintStream err) {
        CalibrateRequest.Builder request = CalibrateRequest.newBuilder();
        try {
            for (int i = 0; i < args.size(); i++) {
                String flag = args.get(i);
                String value = i + 1 < args.size() ? args.get(++i) : "";
                switch (flag) {
                    case "--train" -> request.setTrainSeasons(value);
                    case "--holdout" -> request.setHoldoutSeasons(value);
                    case "--chains" -> request.setChains(Integer.parseInt(value));
                    case "--warmup" -> request.setWarmup(Integer.parseInt(value));
                    case "--draws" -> request.setDraws(Integer.parseInt(value));
                    case "--seed" -> request.setSeed(Long.parseLong(value));
                    case "--target-accept" -> request.setTargetAccept(Double.parseDouble(value));
                    case "--scenarios" -> request.setScoringScenarios(Integer.parseInt(value));
                    case "--metric" -> request.setMetric(switch (value) {
                        case "diagonal" -> NutsMetric.NUTS_METRIC_DIAGONAL;
                        case "dense" -> NutsMetric.NUTS_METRIC_DENSE;
                        default -> throw new NumberFormatException("--metric must be diagonal or dense, got '" + value + "'");
                    });
                    default -> {
                        err.println("calibrate: unknown option " + flag + "; run ./slipstream --help");
                        return 2;
                    }
                }
            }
        } catch (NumberFormatException e) {
            err.println("calibrate: " + e.getMessage());
            return 2;
        }
        CalibrationPlan plan;
        try {
            plan = CalibrationPlan.from(request.build());
        } catch (InvalidArgumentException e) {
            e.violations().forEach(v -> err.println("calibrate: --" + v.field() + ": " + v.description()));
            return 2;
        }
        CalibrationService service = context.getBean(CalibrationService.class);
        try {
            CalibrationResult r = service.attempt(request.build(), plan, p -> err.printf(Locale.ROOT,
                    "\r[%-40s] %5.1f%% %-22s chain %d it %d/%d div %d eps %.3g   ",
                    "#".repeat((int) Math.round(40 * Math.min(1, p.getFractionDone()))), 100 * p.getFractionDone(),
                    p.getPhase().name().replace("JOB_PHASE_", ""), p.getChain(), p.getIteration(), p.getTotalIterations(),
                    p.getDivergences(), p.getStepSize()), () -> false);
            err.println();
            print(r, out);
            if (r.getStatus() == CalibrationStatus.CALIBRATION_STATUS_FAILED_GATE) {
                throw CalibrationService.notConverged(r);
            }
            return 0;
        } catch (FailedPreconditionException e) {
            err.println();
            err.println("calibrate: FAILED: " + e.getMessage());
            e.violations().forEach(v -> err.println("  " + v.subject() + ": " + v.description()));
            return 1;
        } catch (SlipstreamException e) {
            err.println();
            err.println("calibrate: " + e.getMessage());
            return 1;
        }
    }

    static void print(CalibrationResult r, PrintStream out) {
        var d = r.getDiagnostics();
        out.printf(Locale.ROOT, "calibration %s %s%n", r.getCalibrationId(), r.getStatus());
        out.printf(Locale.ROOT, "  max R-hat %.4f, min ESS bulk %.0f tail %.0f, divergences %d, E-BFMI %s, sampling %.1f s%n",
                d.getMaxRhat(), d.getMinEssBulk(), d.getMinEssTail(), d.getDivergences(), d.getEbfmiList(),
                d.getSamplingSeconds());
        out.println("  archetype            races    RPS     CRPS   log    cov50  cov80  cov95  CRPS(pts)");
        for (HeldOutMetrics m : r.getMetricsList()) {
            out.printf(Locale.ROOT, "  %-20s %5d  %.4f  %6.3f  %6.3f  %.3f  %.3f  %.3f  %.2f%n",
                    m.getArchetype().name().replace("TRACK_ARCHETYPE_", "").replace("UNSPECIFIED", "OVERALL"), m.getRaces(),
                    m.getRps(), m.getCrps(), m.getLogScore(), m.getCoverage50(), m.getCoverage80(), m.getCoverage95(),
                    m.getCrpsPoints());
        }
        r.getBaselinesList().forEach(b -> b.getMetricsList().stream()
                .filter(m -> m.getArchetype() == slipstream.proto.v1.TrackArchetype.TRACK_ARCHETYPE_UNSPECIFIED)
                .forEach(m -> out.printf(Locale.ROOT, "  baseline %-11s RPS %.4f  CRPS %.3f  log %.3f  cov80 %.3f%n",
                        b.getBaseline(), m.getRps(), m.getCrps(), m.getLogScore(), m.getCoverage80())));
        r.getArtifactsList().forEach(a -> out.println("  artifact " + a.getPath()));
        out.println("  phases (ms) " + r.getPhaseMillisMap());
    }
}
