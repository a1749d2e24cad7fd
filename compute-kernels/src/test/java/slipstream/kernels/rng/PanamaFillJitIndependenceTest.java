package slipstream.kernels.rng;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import slipstream.kernels.vector.InterpretedRun;
import slipstream.kernels.vector.VectorSupport;

/**
 * The Panama random fill gives the same bits whether the JIT has compiled it or not: with the Vector API's LOG,
 * SIN and COS it did not (they round one way lane by lane in Java, another in the compiled vector library).
 */
class PanamaFillJitIndependenceTest {
    /** Enough fills for C2 to compile the Panama fill in this JVM. */
    private static final int WARM_UP = 3_000;

    @Test
    void panamaFillGivesTheSameBitsInterpretedAndCompiled() throws Exception {
        assumeTrue(VectorSupport.panamaEnabled(), "Panama twin not available in this JVM");
        InterpretedRun.assertSameBitsCompiledAndInterpreted(PanamaFillBits::compute, WARM_UP, PanamaFillBits.class);
    }
}
