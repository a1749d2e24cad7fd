package slipstream.kernels.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import slipstream.kernels.vector.InterpretedRun;
import slipstream.kernels.vector.VectorSupport;

/**
 * The Panama likelihood gives the same bits whether the JIT has compiled it or not. The Vector API runs each
 * operation lane by lane in Java until C2 compiles the caller and with intrinsics after; for exact operations the
 * two agree, for its transcendental ones they did not, and a NUTS chain then depended on when the JIT stepped in
 * (Calibrate gave different draws for the same request and seed from one run to the next).
 */
class JitIndependenceTest {
    /** Enough evaluations for C2 to compile the likelihood and LaneMath in this JVM. */
    private static final int WARM_UP = 20_000;

    @Test
    void panamaLikelihoodGivesTheSameBitsInterpretedAndCompiled() throws Exception {
        assumeTrue(VectorSupport.panamaEnabled(), "Panama twin not available in this JVM");
        InterpretedRun.assertSameBitsCompiledAndInterpreted(LikelihoodBits::compute, WARM_UP, LikelihoodBits.class);
    }
}
