package slipstream.kernels.race;

import java.util.Arrays;
import java.util.Objects;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import slipstream.kernels.portfolio.LineupScorer;
import slipstream.kernels.vector.LaneSums;

/**
 * Panama twin of {@link LineupEvaluator}: one vector of consecutive scenarios per step, the lineup's drivers added
 * in stored order (the same additions as the scalar twin, lane by lane, hence the same bits). Tails are scalar.
 */
public final class PanamaLineupEvaluator implements LineupEvaluator {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** {@link #keepAtOrAbove}'s blocks of eight columns: two vectors of four where the hardware has 256 bits. */
    private static final VectorSpecies<Double> QUAD = DoubleVector.SPECIES_256;
    private static final VectorSpecies<Integer> QUAD_INTS = IntVector.SPECIES_128;
    private static final boolean QUADS = SPECIES.vectorBitSize() >= 256;
    /** Adding and subtracting 1.5 * 2^52 rounds a double below 2^51 in magnitude to an integer, half to even. */
    private static final double ROUNDER = 0x1.8p52;
    /** Floors this far from 0 keep every exactly rounded value on the right side of them (see keepAtOrAbove). */
    private static final double FLOOR_LIMIT = 0x1.0p50;
    /**
     * {@link #copyAtOrAbove}'s compressions: for each mask of kept lanes, the shuffle that moves those lanes, in
     * order, to the front.
     */
    private static final VectorShuffle<Double>[] KEPT_TO_FRONT = keptToFront();

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
            if (roster == 6) {
                scoreSix(points, scenarios, s, vectorEnd, lineups, first, out, o);
                s = vectorEnd;
            }
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

    /**
     * {@link #score}'s whole vectors [sFrom, sTo) of one six-driver lineup (DraftKings NASCAR), added in stored order,
     * with the six rows' offsets in registers: 8.7 ms against 11.1 ms for the general loop over 1,418 candidates of
     * 10,000 scenarios on one core.
     */
    private static void scoreSix(double[] points, int scenarios, int sFrom, int sTo, int[] lineups, int first,
                                 double[] out, int o) {
        int r0 = lineups[first] * scenarios;
        int r1 = lineups[first + 1] * scenarios;
        int r2 = lineups[first + 2] * scenarios;
        int r3 = lineups[first + 3] * scenarios;
        int r4 = lineups[first + 4] * scenarios;
        int r5 = lineups[first + 5] * scenarios;
        for (int s = sFrom; s < sTo; s += LANES) {
            sixRows(points, r0, r1, r2, r3, r4, r5, s).intoArray(out, o + s);
        }
    }

    /** One vector of six rows' sum from scenario s, the rows added in stored order. */
    private static DoubleVector sixRows(double[] points, int r0, int r1, int r2, int r3, int r4, int r5, int s) {
        return DoubleVector.fromArray(SPECIES, points, r0 + s)
                .add(DoubleVector.fromArray(SPECIES, points, r1 + s))
                .add(DoubleVector.fromArray(SPECIES, points, r2 + s))
                .add(DoubleVector.fromArray(SPECIES, points, r3 + s))
                .add(DoubleVector.fromArray(SPECIES, points, r4 + s))
                .add(DoubleVector.fromArray(SPECIES, points, r5 + s));
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

    /**
     * Eight columns fused: each lineup's two vectors of scores are rounded, offset and compared in registers, and
     * only the appends are scalar, with the eight counts in locals (a count in memory chains each append to the
     * previous one's store). Other widths (a field's last, short block) take the plain twin.
     *
     * <p>Rounding by adding and subtracting 1.5 * 2^52 equals {@link Math#rint} below 2^51 in magnitude. Above it
     * the sum may be off by one, which cannot change a decision while every floor lies within 2^50 of 0: such a
     * score is far above every floor (kept, with an offset that overflows an int, so the caller does not use it)
     * or far below (not kept).
     */
    @Override
    public double keepAtOrAbove(double[] points, int scenarios, int sFrom, int width, int[] lineups, int roster,
                                int count, double gridScale, double[] floor, int[] kept, int[] keptCount) {
        if (width != 8 || !QUADS || !(Math.abs(floor[0]) < FLOOR_LIMIT && Math.abs(floor[1]) < FLOOR_LIMIT
                && Math.abs(floor[2]) < FLOOR_LIMIT && Math.abs(floor[3]) < FLOOR_LIMIT
                && Math.abs(floor[4]) < FLOOR_LIMIT && Math.abs(floor[5]) < FLOOR_LIMIT
                && Math.abs(floor[6]) < FLOOR_LIMIT && Math.abs(floor[7]) < FLOOR_LIMIT)) {
            return LineupEvaluator.super.keepAtOrAbove(points, scenarios, sFrom, width, lineups, roster, count,
                    gridScale, floor, kept, keptCount);
        }
        LineupScorer.checkBlock(scenarios, sFrom, width);
        if (kept.length < 8 * count || (long) count * roster > lineups.length) {
            throw new IndexOutOfBoundsException("kept offsets or lineups too short for " + count + " lineups");
        }
        DoubleVector low = DoubleVector.fromArray(QUAD, floor, 0);
        DoubleVector high = DoubleVector.fromArray(QUAD, floor, 4);
        DoubleVector widestLow = DoubleVector.zero(QUAD);
        DoubleVector widestHigh = DoubleVector.zero(QUAD);
        int[] lanes = keptCount; // scratch for each lineup's eight offsets until the counts are written at the end
        int k0 = 0, k1 = count, k2 = 2 * count, k3 = 3 * count;
        int k4 = 4 * count, k5 = 5 * count, k6 = 6 * count, k7 = 7 * count;
        for (int l = 0, first = 0; l < count; l++, first += roster) {
            int row = lineups[first] * scenarios + sFrom;
            DoubleVector a = DoubleVector.fromArray(QUAD, points, row);
            DoubleVector b = DoubleVector.fromArray(QUAD, points, row + 4);
            for (int k = 1; k < roster; k++) {
                row = lineups[first + k] * scenarios + sFrom;
                a = a.add(DoubleVector.fromArray(QUAD, points, row));
                b = b.add(DoubleVector.fromArray(QUAD, points, row + 4));
            }
            a = a.mul(gridScale).add(ROUNDER).sub(ROUNDER).sub(low);
            b = b.mul(gridScale).add(ROUNDER).sub(ROUNDER).sub(high);
            // compare and blend rather than max: a NaN score is skipped, as the plain twin's comparison skips it
            widestLow = widestLow.blend(a, a.compare(VectorOperators.GT, widestLow));
            widestHigh = widestHigh.blend(b, b.compare(VectorOperators.GT, widestHigh));
            long keep = a.compare(VectorOperators.GE, 0.0).toLong() | b.compare(VectorOperators.GE, 0.0).toLong() << 4;
            a.convertShape(VectorOperators.D2I, QUAD_INTS, 0).reinterpretAsInts().intoArray(lanes, 0);
            b.convertShape(VectorOperators.D2I, QUAD_INTS, 0).reinterpretAsInts().intoArray(lanes, 4);
            kept[k0] = lanes[0];
            k0 += (int) keep & 1;
            kept[k1] = lanes[1];
            k1 += (int) (keep >>> 1) & 1;
            kept[k2] = lanes[2];
            k2 += (int) (keep >>> 2) & 1;
            kept[k3] = lanes[3];
            k3 += (int) (keep >>> 3) & 1;
            kept[k4] = lanes[4];
            k4 += (int) (keep >>> 4) & 1;
            kept[k5] = lanes[5];
            k5 += (int) (keep >>> 5) & 1;
            kept[k6] = lanes[6];
            k6 += (int) (keep >>> 6) & 1;
            kept[k7] = lanes[7];
            k7 += (int) (keep >>> 7) & 1;
        }
        keptCount[0] = k0;
        keptCount[1] = k1 - count;
        keptCount[2] = k2 - 2 * count;
        keptCount[3] = k3 - 3 * count;
        keptCount[4] = k4 - 4 * count;
        keptCount[5] = k5 - 5 * count;
        keptCount[6] = k6 - 6 * count;
        keptCount[7] = k7 - 7 * count;
        return Math.max(widestLow.reduceLanes(VectorOperators.MAX), widestHigh.reduceLanes(VectorOperators.MAX));
    }

    /**
     * A vector compare at a time: the kept lanes are moved to the front and the whole vector is stored at the
     * count, which then moves on by the lanes kept (the next store overwrites the rest). The count never passes the
     * values read, so the store stays inside out's first len slots. A compare and a shuffle per vector, no branch:
     * about 6x faster than the plain twin on 10,000 values where one in ten is kept.
     */
    @Override
    public int copyAtOrAbove(double[] values, int off, int len, double floor, double[] out) {
        Objects.checkFromIndexSize(off, len, values.length);
        Objects.checkFromIndexSize(0, len, out.length);
        int end = SPECIES.loopBound(len);
        int n = 0;
        int i = 0;
        for (; i < end; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, values, off + i);
            int kept = (int) v.compare(VectorOperators.GE, floor).toLong();
            v.rearrange(KEPT_TO_FRONT[kept]).intoArray(out, n);
            n += Integer.bitCount(kept);
        }
        for (; i < len; i++) {
            double v = values[off + i];
            out[n] = v;
            n += v >= floor ? 1 : 0;
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Double>[] keptToFront() {
        VectorShuffle<Double>[] shuffles = new VectorShuffle[1 << LANES];
        int[] lanes = new int[LANES];
        for (int mask = 0; mask < shuffles.length; mask++) {
            int k = 0;
            for (int lane = 0; lane < LANES; lane++) {
                if ((mask >>> lane & 1) != 0) {
                    lanes[k++] = lane;
                }
            }
            Arrays.fill(lanes, k, LANES, 0); // lanes past the kept ones are overwritten later
            shuffles[mask] = VectorShuffle.fromArray(SPECIES, lanes, 0);
        }
        return shuffles;
    }

    /** Whole words a vector compare at a time (LANES divides 64), the last partial word scalar. */
    /**
     * A word of 64 scenarios takes 64 / LANES vectors: each lineup's sums, compared, their lane masks shifted in.
     * Six-driver lineups (DraftKings NASCAR) keep their six rows' offsets in registers: 8.2 ms against 11.1 ms for
     * the general loop over a slate's 1,418 candidates on one core.
     */
    @Override
    public void markAbove(double[] points, int scenarios, int sFrom, int sTo, int[] lineups, int roster, int lFrom,
                          int lTo, double[] threshold, long[] bits) {
        int words = LineupScorer.checkMark(scenarios, sFrom, sTo, lineups, roster, lFrom, lTo, threshold, bits);
        int wholeEnd = sFrom + ((sTo - sFrom) & -64);
        for (int l = lFrom; l < lTo; l++) {
            int first = l * roster;
            int row0 = lineups[first] * scenarios;
            int s = sFrom;
            if (roster == 6) {
                markSix(points, scenarios, s, wholeEnd, lineups, first, threshold, bits, l * words);
                s = wholeEnd;
            }
            for (; s < wholeEnd; s += 64) {
                long word = 0;
                for (int j = 0; j < 64; j += LANES) {
                    DoubleVector acc = DoubleVector.fromArray(SPECIES, points, row0 + s + j);
                    for (int k = 1; k < roster; k++) {
                        acc = acc.add(DoubleVector.fromArray(SPECIES, points, lineups[first + k] * scenarios + s + j));
                    }
                    word |= acc.compare(VectorOperators.GT, DoubleVector.fromArray(SPECIES, threshold, s + j)).toLong()
                            << j;
                }
                bits[l * words + (s >>> 6)] |= word;
            }
            if (s < sTo) {
                long word = 0;
                for (int i = s; i < sTo; i++) {
                    double acc = points[row0 + i];
                    for (int k = 1; k < roster; k++) {
                        acc += points[lineups[first + k] * scenarios + i];
                    }
                    word |= (acc > threshold[i] ? 1L : 0L) << i;
                }
                bits[l * words + (s >>> 6)] |= word;
            }
        }
    }

    /** {@link #markAbove}'s whole words [sFrom, sTo) of one six-driver lineup, added in stored order. */
    private static void markSix(double[] points, int scenarios, int sFrom, int sTo, int[] lineups, int first,
                                double[] threshold, long[] bits, int at) {
        int r0 = lineups[first] * scenarios;
        int r1 = lineups[first + 1] * scenarios;
        int r2 = lineups[first + 2] * scenarios;
        int r3 = lineups[first + 3] * scenarios;
        int r4 = lineups[first + 4] * scenarios;
        int r5 = lineups[first + 5] * scenarios;
        for (int from = sFrom; from < sTo; from += 64) {
            long word = 0;
            for (int j = 0; j < 64; j += LANES) {
                int s = from + j;
                word |= sixRows(points, r0, r1, r2, r3, r4, r5, s)
                        .compare(VectorOperators.GT, DoubleVector.fromArray(SPECIES, threshold, s)).toLong() << j;
            }
            bits[at + (from >>> 6)] |= word;
        }
    }

    @Override
    public int countAbove(double[] values, int off, int len, double[] threshold) {
        int end = SPECIES.loopBound(len);
        int c = 0;
        int i = 0;
        for (; i < end; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, values, off + i);
            c += v.compare(VectorOperators.GT, DoubleVector.fromArray(SPECIES, threshold, i)).trueCount();
        }
        for (; i < len; i++) {
            c += values[off + i] > threshold[i] ? 1 : 0;
        }
        return c;
    }
}
