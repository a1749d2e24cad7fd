package slipstream.server.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import slipstream.proto.v1.CalibrateRequest;
import slipstream.proto.v1.NutsMetric;
import slipstream.server.error.FieldViolation;
import slipstream.server.error.InvalidArgumentException;

class CalibrationPlanTest {

    @Test
    void defaultsApplyAndSeasonsBecomeDateWindows() {
        CalibrationPlan plan = CalibrationPlan.from(CalibrateRequest.newBuilder()
                .setTrainSeasons("2015-2022").setHoldoutSeasons("2023").setSeed(7).build());
        assertEquals(LocalDate.of(2015, 1, 1), plan.train().from());
        assertEquals(LocalDate.of(2022, 12, 31), plan.train().to());
        assertEquals("2023", plan.holdout().label());
        assertEquals(4, plan.chains());
        assertEquals(1000, plan.warmup());
        assertEquals(1000, plan.draws());
        assertEquals(0.8, plan.targetAccept());
        assertEquals(4, plan.archetypes().size());
        assertEquals(false, plan.denseMetric());
        assertEquals(true, CalibrationPlan.from(CalibrateRequest.newBuilder().setTrainSeasons("2022")
                .setHoldoutSeasons("2023").setMetric(NutsMetric.NUTS_METRIC_DENSE).build()).denseMetric());
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> CalibrationPlan.from(
                CalibrateRequest.newBuilder().setTrainSeasons("2015-2023").setHoldoutSeasons("2023")
                        .setChains(99).setDraws(-1).setTargetAccept(1.5).setFeatureSet("secret").setMetricValue(7).build()));
        assertEquals(List.of("holdout_seasons", "chains", "draws", "target_accept", "feature_set", "metric"),
                e.violations().stream().map(FieldViolation::field).toList());
    }

    @Test
    void malformedWindowsAreRejected() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> CalibrationPlan.from(
                CalibrateRequest.newBuilder().setTrainSeasons("last year").setHoldoutStartDate("2023-02-30")
                        .setHoldoutEndDate("2023-12-01").build()));
        assertEquals(List.of("train_seasons", "holdout_start_date"),
                e.violations().stream().map(FieldViolation::field).toList());
        InvalidArgumentException missing = assertThrows(InvalidArgumentException.class,
                () -> CalibrationPlan.from(CalibrateRequest.getDefaultInstance()));
        assertEquals(List.of("train_seasons", "holdout_seasons"),
                missing.violations().stream().map(FieldViolation::field).toList());
    }
}
