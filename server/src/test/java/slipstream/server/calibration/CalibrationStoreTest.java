package slipstream.server.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slipstream.proto.v1.CalibrationResult;
import slipstream.proto.v1.CalibrationStatus;
import slipstream.server.store.DuckDb;
import slipstream.server.support.TempDuckDb;

class CalibrationStoreTest {

    /**
     * Each Optimize reads its calibration: once read it comes from memory, the same draws; an id asked for before
     * it was stored is found once it is (misses are not kept); the active id follows each activation.
     */
    @Test
    void readsAreServedFromMemoryWithoutHidingLaterWrites(@TempDir Path dir) throws Exception {
        DuckDb db = TempDuckDb.in(dir);
        try {
            CalibrationStore store = new CalibrationStore(db);
            double[][] posterior = {{1.0, 2.0}, {1.5, 2.5}, {0.5, 3.0}};
            List<String> names = List.of("a", "b");
            ModelScaling scaling = new ModelScaling(new double[] {1, 2}, new double[] {3, 4});
            assertTrue(store.get("second").isEmpty());
            assertTrue(store.activeId().isEmpty());
            store.put(converged("first"), "2015-2022", "2023", 36, 0.20, names, scaling, posterior);
            CalibrationStore.Stored first = store.get("first").orElseThrow();
            assertSame(first, store.get("first").orElseThrow(), "the second read is the kept one");
            assertArrayEquals(posterior, first.posterior());
            store.put(converged("second"), "2015-2022", "2023", 36, 0.19, names, scaling, posterior);
            assertEquals("second", store.get("second").orElseThrow().result().getCalibrationId(),
                    "a miss was not remembered");
            store.activate("first", false, "test");
            assertEquals("first", store.activeId().orElseThrow());
            store.activate("second", false, "test");
            assertEquals("second", store.activeId().orElseThrow(), "the active id follows the newest activation");
        } finally {
            db.close();
        }
    }

    private static CalibrationResult converged(String id) {
        return CalibrationResult.newBuilder().setCalibrationId(id)
                .setStatus(CalibrationStatus.CALIBRATION_STATUS_CONVERGED).build();
    }
}
