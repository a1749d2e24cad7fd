package slipstream.kernels.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VectorSupportTest {

    @Test
    void decisionFollowsThePropertyAndTheModule() {
        boolean forcedOff = "false".equalsIgnoreCase(System.getProperty(VectorSupport.PROPERTY, "true"));
        boolean moduleThere = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        // The surefire argLine adds the module and AVX2 gives 256 bits, so Panama is on unless forced off.
        assertEquals(!forcedOff && moduleThere, VectorSupport.panamaEnabled(), VectorSupport.reason());
        assertEquals(VectorSupport.panamaEnabled() ? "panama" : "scalar",
                VectorSupport.select(() -> "scalar", () -> "panama"));
        assertTrue(VectorSupport.reason().length() > 10);
    }
}
