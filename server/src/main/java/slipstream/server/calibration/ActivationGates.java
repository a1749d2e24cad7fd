package slipstream.server.calibration;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import slipstream.server.error.FailedPreconditionException;
import slipstream.server.error.InvalidArgumentException;
import slipstream.server.error.PreconditionViolation;

/**
 * Decides whether a calibration may become active, as a model registry would: it must have converged, have
 * been scored on at least {@code slipstream.activation.min-holdout-races} held-out races, and beat the active
 * calibration's held-out RPS on the same held-out window. A forced activation skips only the comparison and
 * the race minimum, needs a reason, and is recorded as forced. Convergence is never skipped.
 */
@Singleton
public class ActivationGates {

    private final int minHoldoutRaces;

    public ActivationGates(@Value("${slipstream.activation.min-holdout-races:10}") int minHoldoutRaces) {
        this.minHoldoutRaces = minHoldoutRaces;
    }

    public void check(CalibrationStore.Stored candidate, Optional<CalibrationStore.Stored> active, boolean force,
                      String reason) {
        if (force && reason.isBlank()) {
            throw InvalidArgumentException.of("reason", "a forced activation needs a reason (it is recorded)");
        }
        List<PreconditionViolation> failed = new ArrayList<>();
        String id = candidate.result().getCalibrationId();
        if (!candidate.converged()) {
            failed.add(new PreconditionViolation("CONVERGENCE", id,
                    "the calibration failed its convergence gates " + candidate.result().getDiagnostics().getFailedGatesList()
                            + "; recalibrate (more warmup, higher target acceptance) — convergence cannot be forced"));
        }
        if (!force && candidate.holdoutRaces() < minHoldoutRaces) {
            failed.add(new PreconditionViolation("HOLDOUT_SIZE", id, "scored on " + candidate.holdoutRaces()
                    + " held-out races, below the minimum of " + minHoldoutRaces + "; widen the held-out window"));
        }
        if (!force && active.isPresent() && !active.get().result().getCalibrationId().equals(id)) {
            CalibrationStore.Stored current = active.get();
            if (!current.holdoutWindow().equals(candidate.holdoutWindow())) {
                failed.add(new PreconditionViolation("HOLDOUT_WINDOW", id, "the active calibration "
                        + current.result().getCalibrationId() + " was scored on held-out window " + current.holdoutWindow()
                        + ", this one on " + candidate.holdoutWindow() + "; RPS is only comparable on the same window. "
                        + "Recalibrate with that window, or force with a reason"));
            } else if (!(candidate.rps() < current.rps())) {
                failed.add(new PreconditionViolation("HOLDOUT_RPS", id, String.format(
                        "held-out RPS %.6f does not beat the active calibration's %.6f on %s", candidate.rps(),
                        current.rps(), candidate.holdoutWindow())));
            }
        }
        if (!failed.isEmpty()) {
            throw new FailedPreconditionException("ACTIVATION_GATE_FAILED",
                    "calibration " + id + " cannot be activated: " + failed.size() + " gate(s) failed", failed);
        }
    }
}
