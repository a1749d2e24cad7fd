package slipstream.kernels.model;

import jdk.incubator.vector.DoubleVector;

/** Touches the Vector API only when called, so the data layout can be built when the module is absent. */
final class PanamaLanes {
    private PanamaLanes() {}

    static int preferred() {
        return DoubleVector.SPECIES_PREFERRED.length();
    }
}
