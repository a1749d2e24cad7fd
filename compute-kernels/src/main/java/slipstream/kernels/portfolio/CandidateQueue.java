package slipstream.kernels.portfolio;

/**
 * The lazy greedy's max-queue of candidates: larger gain first, then larger tie-break value, then the lower index
 * (a total order, so the order of polls does not depend on the order of insertions). A binary heap over primitive
 * arrays holding each entry's keys beside its index: a {@code PriorityQueue<Integer>} with a comparator boxed
 * every index and read both keys through it on every step.
 */
final class CandidateQueue {
    private final double[] gain;
    private final double[] tie;
    private final int[] index;
    private int size;

    CandidateQueue(int capacity) {
        gain = new double[capacity];
        tie = new double[capacity];
        index = new int[capacity];
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Adds candidate c with its current keys (the queue keeps them: change them only by polling and adding). */
    void add(int c, double gainOfC, double tieOfC) {
        if (size == index.length) {
            throw new IllegalStateException("queue full: " + size + " candidates");
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(gainOfC, tieOfC, c, parent)) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, c, gainOfC, tieOfC);
    }

    /** Removes and returns the first candidate. */
    int poll() {
        if (size == 0) {
            throw new IllegalStateException("queue empty");
        }
        int first = index[0];
        int last = --size;
        double g = gain[last];
        double t = tie[last];
        int c = index[last];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(gain[child + 1], tie[child + 1], index[child + 1], child)) {
                child++;
            }
            if (!before(gain[child], tie[child], index[child], g, t, c)) {
                break;
            }
            move(child, i);
            i = child;
        }
        if (size > 0) {
            set(i, c, g, t);
        }
        return first;
    }

    /** Whether (g, t, c) comes before the entry at slot j. */
    private boolean before(double g, double t, int c, int j) {
        return before(g, t, c, gain[j], tie[j], index[j]);
    }

    private static boolean before(double g, double t, int c, double g2, double t2, int c2) {
        int cmp = Double.compare(g, g2);
        if (cmp != 0) {
            return cmp > 0;
        }
        cmp = Double.compare(t, t2);
        return cmp != 0 ? cmp > 0 : c < c2;
    }

    private void move(int from, int to) {
        set(to, index[from], gain[from], tie[from]);
    }

    private void set(int j, int c, double g, double t) {
        index[j] = c;
        gain[j] = g;
        tie[j] = t;
    }
}
