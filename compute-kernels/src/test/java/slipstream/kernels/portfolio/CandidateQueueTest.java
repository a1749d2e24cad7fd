package slipstream.kernels.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The queue polls in the selector's total order (gain, then tie-break value, larger first, then lower index),
 * checked against a {@link PriorityQueue} with that comparator over random adds and polls whose keys tie often.
 */
class CandidateQueueTest {

    @Test
    void pollsInTheTotalOrderWhateverTheInsertionOrder() {
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 500;
        double[] gain = new double[n];
        double[] tie = new double[n];
        boolean[] queued = new boolean[n];
        CandidateQueue queue = new CandidateQueue(n);
        PriorityQueue<Integer> reference = new PriorityQueue<>(Comparator
                .comparingDouble((Integer c) -> -gain[c]).thenComparingDouble(c -> -tie[c]).thenComparingInt(c -> c));
        int polls = 0;
        for (int step = 0; step < 20_000; step++) {
            int c = rnd.nextInt(n);
            if (!queued[c] && rnd.nextInt(3) > 0) {
                gain[c] = rnd.nextInt(6) * 0.5 - (rnd.nextInt(10) == 0 ? 0.0 : 1.0);
                tie[c] = rnd.nextInt(3) == 0 ? -0.0 : rnd.nextInt(3);
                queue.add(c, gain[c], tie[c]);
                reference.add(c);
                queued[c] = true;
            } else if (!reference.isEmpty()) {
                int expected = reference.poll();
                assertEquals(expected, queue.poll(), "poll " + polls);
                queued[expected] = false;
                polls++;
            }
            assertEquals(reference.isEmpty(), queue.isEmpty());
        }
        while (!reference.isEmpty()) {
            assertEquals(reference.poll(), queue.poll());
        }
        assertTrue(polls > 5_000, "the queue was polled often: " + polls);
        assertThrows(IllegalStateException.class, queue::poll);
        CandidateQueue one = new CandidateQueue(1);
        one.add(0, 1, 1);
        assertThrows(IllegalStateException.class, () -> one.add(1, 1, 1));
    }
}
