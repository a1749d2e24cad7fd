package slipstream.kernels.vector;

import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * Decides, once per JVM, whether kernels run their Panama ({@code jdk.incubator.vector}) twin or their
 * scalar twin, in the manner of Lucene's {@code VectorizationProvider}.
 *
 * <p>The Panama twin is chosen when the incubator module is in the boot layer, is readable by this code,
 * and its preferred species is at least 128 bits wide. Setting the system property
 * {@value #PROPERTY}{@code =false} forces the scalar twins everywhere. Any fallback is logged once.
 *
 * <p>Each kernel family owns an interface with a scalar and a Panama implementation and obtains the
 * one to use through {@link #select(Supplier, Supplier)}; no kernel decides this on its own.
 */
public final class VectorSupport {

    /** System property: {@code false} forces every kernel onto its scalar twin. */
    public static final String PROPERTY = "slipstream.vector";

    private static final String MODULE = "jdk.incubator.vector";
    private static final int MIN_VECTOR_BITS = 128;
    private static final System.Logger LOG = System.getLogger(VectorSupport.class.getName());
    private static final Decision DECISION = decide();

    private VectorSupport() {}

    /** Whether Panama twins are in use in this JVM. */
    public static boolean panamaEnabled() {
        return DECISION.panama();
    }

    /** Why the decision was taken, for start-up logs and diagnostics. */
    public static String reason() {
        return DECISION.reason();
    }

    /** Returns the Panama twin when enabled, otherwise the scalar twin. Suppliers are only invoked when chosen. */
    public static <T> T select(Supplier<? extends T> scalar, Supplier<? extends T> panama) {
        return DECISION.panama() ? panama.get() : scalar.get();
    }

    private record Decision(boolean panama, String reason) {}

    private static Decision decide() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim())) {
            return fallback("-D" + PROPERTY + "=false forces the scalar twins");
        }
        var module = ModuleLayer.boot().findModule(MODULE);
        if (module.isEmpty()) {
            return fallback(MODULE + " is not in the boot layer (start java with --add-modules " + MODULE + ")");
        }
        if (!VectorSupport.class.getModule().canRead(module.get())) {
            return fallback(MODULE + " is not readable by " + VectorSupport.class.getModule());
        }
        try {
            int bits = PanamaProbe.preferredDoubleBits();
            if (bits < MIN_VECTOR_BITS) {
                return fallback("preferred vector width is " + bits + " bits, below " + MIN_VECTOR_BITS);
            }
            return new Decision(true, "Panama twins: preferred vector width " + bits + " bits");
        } catch (LinkageError | RuntimeException e) {
            return fallback("the Vector API failed to load: " + e);
        }
    }

    private static Decision fallback(String why) {
        LOG.log(Level.INFO, "Slipstream kernels use scalar twins: " + why);
        return new Decision(false, "scalar twins: " + why);
    }
}
