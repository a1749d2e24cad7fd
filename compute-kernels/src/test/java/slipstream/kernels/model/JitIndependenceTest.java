package slipstream.kernels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
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
        String compiled = "";
        for (int i = 0; i < WARM_UP; i++) {
            compiled = LikelihoodBits.compute();
        }
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(List.of(java, "-Xint", "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), LikelihoodBits.class.getName()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] output = child.getInputStream().readAllBytes();
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the interpreted run did not finish");
        assertEquals(0, child.exitValue(), "the interpreted run failed");
        String interpreted = new String(output, StandardCharsets.UTF_8);
        assertEquals(compiled.lines().count(), interpreted.lines().count(), "interpreted output: " + interpreted);
        assertEquals(compiled, interpreted, "bits differ between interpreted and compiled code");
    }
}
