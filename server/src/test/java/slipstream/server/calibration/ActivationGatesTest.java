package slipstream.server.calibration;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slipstream.proto.v1.CalibrationResult;
import slipstream.proto.v1.CalibrationStatus;
import slipstream.proto.v1.ConvergenceDiagnostics;
import slipstream.server.error.FailedPreconditionException;
import slipstream.server.error.InvalidArgumentException;
import slipstream.server.error.PreconditionViolation;
import slipstream.server.store.DuckDb;
import slipstream.server.support.TempDuckDb;

/** Activation gates against a real DuckDB registry. */
class ActivationGatesTest {

    private static final ModelScaling SCALING = new ModelScaling(new double[] {1, 2}, new double[] {3, 4});

    private static CalibrationResult result(String id, CalibrationStatus status) {
        return CalibrationResult.newBuilder().setCalibrationId(id).setStatus(status)
                .setDiagnostics(ConvergenceDiagnostics.newBuilder()
                        .addAllFailedGates(status == CalibrationStatus.CALIBRATION_STATUS_CONVERGED ? List.of() : List.of("max_rhat")))
                .build();
    }

    @Test
    void gatesConvergenceHoldoutSizeAndRpsAndRecordHistory(@TempDir Path dir) throws Exception {
        DuckDb db = TempDuckDb.in(dir);
        CalibrationStore store = new CalibrationStore(db);
        ActivationGates gates = new ActivationGates(10);
        double[][] posterior = {{1.0, 2.0}, {1.5, 2.5}};
        List<String> names = List.of("a", "b");
        store.put(result("good", CalibrationStatus.CALIBRATION_STATUS_CONVERGED), "2015-2022", "2023", 36, 0.20, names, SCALING, posterior);
        store.put(result("better", CalibrationStatus.CALIBRATION_STATUS_CONVERGED), "2015-2022", "2023", 36, 0.19, names, SCALING, posterior);
        store.put(result("worse", CalibrationStatus.CALIBRATION_STATUS_CONVERGED), "2015-2022", "2023", 36, 0.21, names, SCALING, posterior);
        store.put(result("diverged", CalibrationStatus.CALIBRATION_STATUS_FAILED_GATE), "2015-2022", "2023", 36, 0.10, names, SCALING, posterior);
        store.put(result("tiny", CalibrationStatus.CALIBRATION_STATUS_CONVERGED), "2015-2022", "2023", 3, 0.10, names, SCALING, posterior);

        assertEquals(2.5, store.get("good").orElseThrow().posterior()[1][1]);
        assertEquals(4.0, store.get("good").orElseThrow().scaling().sds()[1]);
        assertDoesNotThrow(() -> gates.check(store.get("good").orElseThrow(), Optional.empty(), false, ""));
        store.activate("good", false, "");
        var active = store.get(store.activeId().orElseThrow());

        assertDoesNotThrow(() -> gates.check(store.get("better").orElseThrow(), active, false, ""));
        FailedPreconditionException worse = assertThrows(FailedPreconditionException.class,
                () -> gates.check(store.get("worse").orElseThrow(), active, false, ""));
        assertEquals(List.of("HOLDOUT_RPS"), worse.violations().stream().map(PreconditionViolation::type).toList());
        FailedPreconditionException diverged = assertThrows(FailedPreconditionException.class,
                () -> gates.check(store.get("diverged").orElseThrow(), active, true, "I insist"));
        assertEquals(List.of("CONVERGENCE"), diverged.violations().stream().map(PreconditionViolation::type).toList());
        FailedPreconditionException tiny = assertThrows(FailedPreconditionException.class,
                () -> gates.check(store.get("tiny").orElseThrow(), Optional.empty(), false, ""));
        assertEquals(List.of("HOLDOUT_SIZE"), tiny.violations().stream().map(PreconditionViolation::type).toList());
        assertThrows(InvalidArgumentException.class, () -> gates.check(store.get("worse").orElseThrow(), active, true, " "));
        assertDoesNotThrow(() -> gates.check(store.get("worse").orElseThrow(), active, true, "rollback after a bad week"));

        store.activate("worse", true, "rollback after a bad week");
        var history = store.history();
        assertEquals(2, history.size());
        assertEquals("good", history.get(1).previousId());
        assertTrue(history.get(1).forced());
        assertEquals("worse", store.activeId().orElseThrow());
        db.close();
    }
}
