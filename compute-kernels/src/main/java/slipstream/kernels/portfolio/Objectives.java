package slipstream.kernels.portfolio;

import java.util.stream.IntStream;

/**
 * The four portfolio objectives over a candidate score matrix {@code scores[c * S + s]} (candidate c's points in
 * scenario s).
 *
 * <ul>
 *   <li><b>MEAN_POINTS</b>: the sum of the lineups' mean points. Modular (each lineup adds its own mean), so
 *       greedy picks the best lineups that the exposure and uniqueness limits allow.</li>
 *   <li><b>CVAR</b>: the sum of each lineup's upper-tail CVaR at alpha ({@link TailMeasures#cvarUpper}), each
 *       computed by selecting that lineup's best (1 - alpha) share of scenarios. Also modular.</li>
 *   <li><b>TAIL_UPSIDE</b>: the probability that at least one lineup beats a per-scenario threshold (default the
 *       field's top-1% score). A coverage function: monotone and submodular.</li>
 *   <li><b>TOURNAMENT_EQUITY</b>: the expected total payout of the portfolio inside the one shared field, ties
 *       split. Adding a lineup pays it and pushes our lower lineups down a rank, so gains usually shrink as the
 *       portfolio grows, but not always (prize steps are uneven): it is not submodular in general.</li>
 * </ul>
 */
public final class Objectives {
    private Objectives() {}

    /** Mean of each candidate's row. */
    public static double[] means(double[] scores, int candidates, int scenarios) {
        double[] m = new double[candidates];
        for (int c = 0; c < candidates; c++) {
            m[c] = TailMeasures.mean(scores, c * scenarios, scenarios);
        }
        return m;
    }

    /** Upper-tail CVaR at alpha of each candidate's row. */
    public static double[] cvars(double[] scores, int candidates, int scenarios, double alpha, RunControl control) {
        double[] v = new double[candidates];
        double[] scratch = new double[scenarios];
        for (int c = 0; c < candidates; c++) {
            control.poll();
            v[c] = TailMeasures.cvarUpper(scores, c * scenarios, scenarios, alpha, scratch);
        }
        return v;
    }

    /** A modular objective: each candidate adds its own value (MEAN_POINTS with means, CVAR with CVaRs). */
    public static MarginalObjective modular(double[] valuePerCandidate) {
        return new MarginalObjective() {
            private double total;

            @Override
            public double gain(int c) {
                return valuePerCandidate[c];
            }

            @Override
            public void add(int c) {
                total += valuePerCandidate[c];
            }

            @Override
            public double value() {
                return total;
            }

            @Override
            public boolean gainsOnlyShrink() {
                return true;
            }

            @Override
            public boolean gainsFixed() {
                return true;
            }
        };
    }

    /** TAIL_UPSIDE: P(max over the portfolio of points > threshold[s]). */
    public static MarginalObjective tailUpside(double[] scores, int candidates, int scenarios, double[] threshold) {
        return new Coverage(scores, candidates, scenarios, threshold);
    }

    /**
     * TOURNAMENT_EQUITY: expected total payout of the portfolio in the shared field.
     *
     * @param quantizedScores scores already passed through {@link ContestField#quantize}
     * @param maxPortfolio    largest portfolio that will be built (sizes the per-scenario state)
     */
    public static MarginalObjective tournamentEquity(double[] quantizedScores, int candidates, int scenarios,
                                                     ContestField field, int maxPortfolio, RunControl control) {
        return new Equity(quantizedScores, scenarios, field, maxPortfolio, control);
    }

    /** Scenario coverage with one bit per (candidate, scenario). */
    static final class Coverage implements MarginalObjective {
        private final long[] hits;
        private final long[] covered;
        private final int words;
        private final int scenarios;
        private int count;

        Coverage(double[] scores, int candidates, int scenarios, double[] threshold) {
            this.scenarios = scenarios;
            this.words = (scenarios + 63) >>> 6;
            this.hits = new long[candidates * words];
            this.covered = new long[words];
            for (int c = 0; c < candidates; c++) {
                int base = c * scenarios;
                for (int s = 0; s < scenarios; s++) {
                    if (scores[base + s] > threshold[s]) {
                        hits[c * words + (s >>> 6)] |= 1L << s;
                    }
                }
            }
        }

        @Override
        public double gain(int c) {
            int g = 0;
            int b = c * words;
            for (int w = 0; w < words; w++) {
                g += Long.bitCount(hits[b + w] & ~covered[w]);
            }
            return (double) g / scenarios;
        }

        @Override
        public void add(int c) {
            int b = c * words;
            for (int w = 0; w < words; w++) {
                covered[w] |= hits[b + w];
            }
            count = 0;
            for (long w : covered) {
                count += Long.bitCount(w);
            }
        }

        @Override
        public double value() {
            return (double) count / scenarios;
        }

        @Override
        public boolean gainsOnlyShrink() {
            return true;
        }
    }

    /**
     * Per scenario, our entries' scores in descending order with the opponents above/equal each, and the suffix sum
     * of "pushed down one rank" payout changes, so a candidate's gain costs two binary searches per scenario:
     * <pre>
     *   gain_s(c) = own tie group's new payout - its old payout + sum of push-down changes of our entries below c
     * </pre>
     */
    static final class Equity implements MarginalObjective {
        /** Scenarios per parallel block of a gain: large enough to pay for the fork, small enough to balance. */
        private static final int GAIN_BLOCK = 512;

        private final double[] scores;
        private final int scenarios;
        private final ContestField field;
        private final PayoutTable table;
        private final double w;
        private final int cap;
        private final double[] ours;
        private final int[] oppAbove;
        private final int[] oppEqual;
        private final double[] suffix;
        private final RunControl control;
        private int size;
        private double total;

        Equity(double[] scores, int scenarios, ContestField field, int maxPortfolio, RunControl control) {
            this.scores = scores;
            this.scenarios = scenarios;
            this.field = field;
            this.table = field.payouts();
            this.w = field.opponentWeight();
            this.cap = maxPortfolio;
            this.ours = new double[scenarios * maxPortfolio];
            this.oppAbove = new int[scenarios * maxPortfolio];
            this.oppEqual = new int[scenarios * maxPortfolio];
            this.suffix = new double[scenarios * (maxPortfolio + 1)];
            this.control = control;
        }

        /**
         * Scenario blocks in parallel; block sums are added in block order, so the value (and every choice
         * made from it) is the same whatever the thread count.
         */
        @Override
        public double gain(int c) {
            int base = c * scenarios;
            int blocks = (scenarios + GAIN_BLOCK - 1) / GAIN_BLOCK;
            double[] partial = new double[blocks];
            IntStream.range(0, blocks).parallel().forEach(k -> {
                double g = 0;
                for (int s = k * GAIN_BLOCK, end = Math.min(scenarios, s + GAIN_BLOCK); s < end; s++) {
                    g += gainIn(s, scores[base + s]);
                }
                partial[k] = g;
            });
            double g = 0;
            for (double v : partial) {
                g += v;
            }
            control.poll();
            return g / scenarios;
        }

        private double gainIn(int s, double x) {
            int oa = field.countAbove(s, x);
            int oe = field.countEqual(s, oa, x);
            int b = s * cap;
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ours[b + mid] > x) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            int above = lo;
            int eq = 0;
            while (above + eq < size && ours[b + above + eq] == x) {
                eq++;
            }
            double a = w * oa + above;
            double t = w * oe + eq + 1;
            double g = (table.cumulative(a + t) - table.cumulative(a)) / t * (eq + 1);
            if (eq > 0) {
                g -= (table.cumulative(a + t - 1) - table.cumulative(a)) / (t - 1) * eq;
            }
            return g + suffix[s * (cap + 1) + above + eq];
        }

        @Override
        public void add(int c) {
            if (size == cap) {
                throw new IllegalStateException("portfolio already holds " + cap + " lineups");
            }
            total += gain(c);
            int base = c * scenarios;
            for (int s = 0; s < scenarios; s++) {
                double x = scores[base + s];
                int b = s * cap;
                int j = size;
                while (j > 0 && ours[b + j - 1] < x) {
                    ours[b + j] = ours[b + j - 1];
                    j--;
                }
                ours[b + j] = x;
                int oa = field.countAbove(s, x);
                System.arraycopy(oppAbove, b + j, oppAbove, b + j + 1, size - j);
                System.arraycopy(oppEqual, b + j, oppEqual, b + j + 1, size - j);
                oppAbove[b + j] = oa;
                oppEqual[b + j] = field.countEqual(s, oa, x);
            }
            size++;
            IntStream.range(0, scenarios).parallel().forEach(this::rebuildSuffix); // each s writes its own rows
            control.poll();
        }

        /** suffix[j] = sum over our entries at sorted positions >= j of the payout change when pushed down a rank. */
        private void rebuildSuffix(int s) {
            int b = s * cap;
            int sb = s * (cap + 1);
            suffix[sb + size] = 0;
            int i = 0;
            while (i < size) {
                int q = 1;
                while (i + q < size && ours[b + i + q] == ours[b + i]) {
                    q++;
                }
                double a = w * oppAbove[b + i] + i;
                double t = w * oppEqual[b + i] + q;
                double before = table.cumulative(a + t) - table.cumulative(a);
                double after = table.cumulative(a + 1 + t) - table.cumulative(a + 1);
                double each = (after - before) / t;
                for (int k = 0; k < q; k++) {
                    suffix[sb + i + k] = each; // per-entry change, summed below
                }
                i += q;
            }
            for (int j = size - 1; j >= 0; j--) {
                suffix[sb + j] += suffix[sb + j + 1];
            }
        }

        @Override
        public double value() {
            return total;
        }

        @Override
        public boolean gainsOnlyShrink() {
            return false;
        }
    }
}
