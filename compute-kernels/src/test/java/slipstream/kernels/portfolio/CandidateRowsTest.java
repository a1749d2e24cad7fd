package slipstream.kernels.portfolio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Candidate rows evaluated one at a time (no matrix) must give exactly what the matrix gives: CVaRs and the
 * tail-upside objective's gains, at every step of a selection. Means, summed from the drivers' means, are the
 * rows' means up to rounding, and the same whatever else is asked.
 */
class CandidateRowsTest {
    private static final int SCENARIOS = 1_003; // not a multiple of 64 or of a vector width

    @Test
    void rowsWithoutTheMatrixEqualTheMatrixRoute() {
        SplittableRandom rnd = new SplittableRandom(17);
        int n = 14;
        int roster = 6;
        int[] salary = TestSlates.salaries(n, rnd);
        double[] points = TestSlates.points(salary, TestSlates.teams(n), SCENARIOS, 5);
        int count = 150; // more than one chunk of candidates, and not a multiple of it
        int[] lineups = new int[count * roster];
        for (int c = 0; c < count; c++) {
            long mask = 0;
            while (Long.bitCount(mask) < roster) {
                mask |= 1L << rnd.nextInt(n);
            }
            SlateRules.indices(mask, lineups, c * roster);
        }
        double[] threshold = new double[SCENARIOS];
        for (int s = 0; s < SCENARIOS; s++) {
            threshold[s] = 225 + 10 * rnd.nextGaussian();
        }
        double[] matrix = new double[count * SCENARIOS];
        LineupScorer.scalar().scoreAll(points, SCENARIOS, lineups, roster, count, matrix);

        CandidateRows streamed = CandidateRows.evaluate(points, SCENARIOS, lineups, roster, count, LineupScorer.scalar(),
                new CandidateRows.Needs(0.95, threshold, false), RunControl.none());
        CandidateRows kept = CandidateRows.evaluate(points, SCENARIOS, lineups, roster, count, LineupScorer.scalar(),
                new CandidateRows.Needs(Double.NaN, null, true), RunControl.none());

        CandidateRows meansOnly = CandidateRows.evaluate(points, SCENARIOS, lineups, roster, count,
                LineupScorer.scalar(), CandidateRows.Needs.meansOnly(), RunControl.none());

        assertArrayEquals(matrix, kept.matrix());
        double[] rowMeans = Objectives.means(matrix, count, SCENARIOS);
        for (int c = 0; c < count; c++) {
            assertEquals(rowMeans[c], meansOnly.means()[c], 1e-12 * Math.abs(rowMeans[c]), "candidate " + c);
        }
        assertArrayEquals(meansOnly.means(), streamed.means());
        assertArrayEquals(meansOnly.means(), kept.means());
        assertThrows(IllegalStateException.class, meansOnly::cvars);
        assertThrows(IllegalStateException.class, meansOnly::tailHits);
        assertArrayEquals(Objectives.cvars(matrix, count, SCENARIOS, 0.95, LineupScorer.scalar(), RunControl.none()),
                streamed.cvars());

        MarginalObjective fromMatrix = Objectives.tailUpside(matrix, count, SCENARIOS, threshold);
        MarginalObjective fromHits = Objectives.tailUpside(streamed.tailHits(), SCENARIOS);
        for (int step = 0; step < 5; step++) {
            int best = 0;
            for (int c = 0; c < count; c++) {
                assertEquals(fromMatrix.gain(c), fromHits.gain(c), "candidate " + c + " at step " + step);
                best = fromMatrix.gain(c) > fromMatrix.gain(best) ? c : best;
            }
            fromMatrix.add(best);
            fromHits.add(best);
            assertEquals(fromMatrix.value(), fromHits.value());
        }
        assertThrows(IllegalStateException.class, streamed::matrix);
        assertThrows(IllegalStateException.class, kept::cvars);
    }
}
