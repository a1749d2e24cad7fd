package slipstream.kernels.scoring;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import slipstream.kernels.vector.LaneSums;

/** Panama twin of {@link CrpsPass}: lanes accumulate partial sums, combined once at the end. */
public final class PanamaCrpsPass implements CrpsPass {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    @Override
    public void sums(double[] sorted, int len, double y, double[] out) {
        int lanes = SPECIES.length();
        DoubleVector yv = DoubleVector.broadcast(SPECIES, y);
        DoubleVector absolute = DoubleVector.zero(SPECIES);
        DoubleVector spread = DoubleVector.zero(SPECIES);
        double[] iota = new double[lanes];
        for (int j = 0; j < lanes; j++) {
            iota[j] = 2.0 * j + 1 - len;
        }
        DoubleVector weight = DoubleVector.fromArray(SPECIES, iota, 0);
        DoubleVector step = DoubleVector.broadcast(SPECIES, 2.0 * lanes);
        int i = 0;
        int bound = SPECIES.loopBound(len);
        for (; i < bound; i += lanes) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, sorted, i);
            absolute = absolute.add(x.sub(yv).abs());
            spread = x.fma(weight, spread);
            weight = weight.add(step);
        }
        double a = LaneSums.inOrder(absolute);
        double s = LaneSums.inOrder(spread);
        for (; i < len; i++) {
            a += Math.abs(sorted[i] - y);
            s += (2.0 * i + 1 - len) * sorted[i];
        }
        out[0] = a;
        out[1] = s;
    }
}
