package slipstream.server.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventRecalibrationTest {

    /** Forecasts twice as confident as the truth on the logit scale: temperature scaling recovers beta = 0.5. */
    @Test
    void temperatureRecoversAKnownOverconfidence() {
        SplittableRandom rnd = new SplittableRandom(17);
        int n = 40_000;
        double[] p = new double[n];
        boolean[] o = new boolean[n];
        for (int i = 0; i < n; i++) {
            double logit = -4 + 8 * rnd.nextDouble();
            p[i] = 1 / (1 + Math.exp(-logit));
            o[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-0.5 * logit));
        }
        EventRecalibration.Calibrator t = EventRecalibration.temperature(p, o);
        for (double q : new double[] {0.05, 0.3, 0.9, 0.98}) {
            double truth = 1 / (1 + Math.exp(-0.5 * Math.log(q / (1 - q))));
            assertEquals(truth, t.apply(q), 0.015, "q = " + q);
        }
        assertEquals(0.5, t.apply(0.5), 1e-12, "temperature keeps 0.5 fixed");
        assertNotEquals("none", EventRecalibration.choose(p, o));
    }
}
