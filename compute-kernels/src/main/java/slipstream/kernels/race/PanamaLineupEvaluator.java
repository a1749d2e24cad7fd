package slipstream.kernels.race;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import slipstream.kernels.vector.LaneSums;

/**
 * Panama twin of {@link LineupEvaluator}: one vector of consecutive scenarios per step, the lineup's drivers added
 * in stored order (the same additions as the scalar twin, lane by lane, hence the same bits). Tails are scalar.
 */
public final class PanamaLineupEvaluator implements LineupEvaluator {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    @Override
    public void score(double[] points, int scenarios, int sFrom, int sTo, int[] lineups, int roster, int lFrom,
                      int lTo, double[] out) {
        LineupEvaluator.checkScore(points, scenarios, sFrom, sTo, lineups, roster, lFrom, lTo, out);
        int width = sTo - sFrom;
        int vectorEnd = sFrom + SPECIES.loopBound(width);
        for (int l = lFrom; l < lTo; l++) {
            int o = (l - lFrom) * width - sFrom;
            int first = l * roster;
            int row0 = lineups[first] * scenarios;
            int s = sFrom;
            for (; s < vectorEnd; s += LANES) {
                DoubleVector acc = DoubleVector.fromArray(SPECIES, points, row0 + s);
                for (int k = 1; k < roster; k++) {
                    acc = acc.add(DoubleVector.fromArray(SPECIES, points, lineups[first + k] * scenarios + s));
                }
                acc.intoArray(out, o + s);
            }
            for (; s < sTo; s++) {
                double acc = points[row0 + s];
                for (int k = 1; k < roster; k++) {
                    acc += points[lineups[first + k] * scenarios + s];
                }
                out[o + s] = acc;
            }
        }
    }

    @Override
    public double mean(double[] values, int off, int len) {
        int end = SPECIES.loopBound(len);
        DoubleVector acc = DoubleVector.zero(SPECIES);
        int i = 0;
        for (; i < end; i += LANES) {
            acc = acc.add(DoubleVector.fromArray(SPECIES, values, off + i));
        }
        double sum = LaneSums.inOrder(acc);
        for (; i < len; i++) {
            sum += values[off + i];
        }
        return sum / len;
    }

    /** Whole words a vector compare at a time (LANES divides 64), the last partial word scalar. */
    @Override
    public void markAbove(double[] values, int off, int len, double[] threshold, long[] bits, int at) {
        int w = at;
        int from = 0;
        for (; from + 64 <= len; from += 64, w++) {
            long word = 0;
            for (int j = 0; j < 64; j += LANES) {
                DoubleVector v = DoubleVector.fromArray(SPECIES, values, off + from + j);
                word |= v.compare(VectorOperators.GT, DoubleVector.fromArray(SPECIES, threshold, from + j)).toLong()
                        << j;
            }
            bits[w] |= word;
        }
        long word = 0;
        for (int i = from; i < len; i++) {
            word |= (values[off + i] > threshold[i] ? 1L : 0L) << i;
        }
        if (from < len) {
            bits[w] |= word;
        }
    }

    @Override
    public int countAtLeast(double[] values, int off, double[] threshold, int tOff, int len) {
        int end = SPECIES.loopBound(len);
        int c = 0;
        int i = 0;
        for (; i < end; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, values, off + i);
            c += v.compare(VectorOperators.GE, DoubleVector.fromArray(SPECIES, threshold, tOff + i)).trueCount();
        }
        for (; i < len; i++) {
            if (values[off + i] >= threshold[tOff + i]) {
                c++;
            }
        }
        return c;
    }
}
