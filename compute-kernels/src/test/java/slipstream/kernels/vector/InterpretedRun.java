package slipstream.kernels.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a test class's {@code main} in a child JVM that only interprets ({@code -Xint}) and returns what it printed.
 * Tests compare that with the same text computed here after a warm-up, by compiled code: the Vector API runs
 * lane by lane in Java until C2 compiles the caller, so only such a comparison shows whether results depend on
 * when the JIT steps in.
 */
public final class InterpretedRun {

    private InterpretedRun() {}

    /**
     * Computes {@code bits} {@code warmUps} times here (enough for C2 to compile what it runs), then asserts that
     * the last result equals what {@code mainClass}, printing the same text, prints when only interpreted.
     */
    public static void assertSameBitsCompiledAndInterpreted(Supplier<String> bits, int warmUps, Class<?> mainClass)
            throws Exception {
        String compiled = "";
        for (int i = 0; i < warmUps; i++) {
            compiled = bits.get();
        }
        String interpreted = output(mainClass);
        assertEquals(compiled.lines().count(), interpreted.lines().count(), "interpreted output: " + interpreted);
        assertEquals(compiled, interpreted, "bits differ between interpreted and compiled code");
    }

    private static String output(Class<?> mainClass) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(List.of(java, "-Xint", "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), mainClass.getName()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] output = child.getInputStream().readAllBytes();
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the interpreted run did not finish");
        assertEquals(0, child.exitValue(), "the interpreted run failed");
        return new String(output, StandardCharsets.UTF_8);
    }
}
