package slipstream.kernels.vector;

import jdk.incubator.vector.DoubleVector;

/** Touches the Vector API only when called, so that {@link VectorSupport} can load without the module. */
final class PanamaProbe {
    private PanamaProbe() {}

    static int preferredDoubleBits() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize();
    }
}
