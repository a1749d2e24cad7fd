package slipstream.kernels.portfolio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
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
    private static final int CVAR_CHUNK = 128;

    private Objectives() {}

    /** Mean of each candidate's row. */
    public static double[] means(double[] scores, int candidates, int scenarios) {
        double[] m = new double[candidates];
        for (int c = 0; c < candidates; c++) {
            m[c] = TailMeasures.mean(scores, c * scenarios, scenarios);
        }
        return m;
    }

    /**
     * Upper-tail CVaR at alpha of each candidate's row (candidates in parallel chunks, each value its own), rows
     * filtered by the given twin.
     */
    public static double[] cvars(double[] scores, int candidates, int scenarios, double alpha, LineupScorer rows,
                                 RunControl control) {
        double[] v = new double[candidates];
        ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[scenarios]);
        for (int from = 0; from < candidates; from += CVAR_CHUNK) {
            control.check();
            IntStream.range(from, Math.min(candidates, from + CVAR_CHUNK)).parallel().forEach(c ->
                    v[c] = TailMeasures.cvarUpper(scores, c * scenarios, scenarios, alpha, scratch.get(), rows));
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
        long[] hits = new long[candidates * LineupScorer.words(scenarios)];
        // each row is a "lineup" of one "driver": the row itself
        int[] rows = IntStream.range(0, candidates).toArray();
        LineupScorer.scalar().markAbove(scores, scenarios, 0, scenarios, rows, 1, 0, candidates, threshold, hits);
        return new Coverage(hits, scenarios);
    }

    /** TAIL_UPSIDE from each candidate's exceedance bits ({@link CandidateRows#tailHits}). */
    public static MarginalObjective tailUpside(long[] hits, int scenarios) {
        return new Coverage(hits, scenarios);
    }

    /**
     * TOURNAMENT_EQUITY: expected total payout of the portfolio in the shared field.
     *
     * @param scores       candidate points, compared after {@link ContestField#quantize}; those in a scenario's
     *                     money zone must lie within +-2^26 (the construction sorts them as integer keys)
     * @param candidates   at most 65,536 (2^16)
     * @param maxPortfolio largest portfolio that will be built (sizes the per-scenario state)
     */
    public static MarginalObjective tournamentEquity(double[] scores, int candidates, int scenarios,
                                                     ContestField field, int maxPortfolio, RunControl control) {
        return new Equity(scores, candidates, scenarios, field, maxPortfolio, control);
    }

    /** Scenario coverage with one bit per (candidate, scenario). */
    static final class Coverage implements MarginalObjective {
        private final long[] hits;
        private final long[] covered;
        private final int words;
        private final int scenarios;
        private int count;

        Coverage(long[] hits, int scenarios) {
            this.scenarios = scenarios;
            this.words = LineupScorer.words(scenarios);
            this.hits = hits;
            this.covered = new long[words];
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
     * of "pushed down one rank" payout changes, so a candidate's gain costs one binary search per scenario:
     * <pre>
     *   gain_s(c) = own tie group's new payout - its old payout + sum of push-down changes of our entries below c
     * </pre>
     *
     * <p><b>Only the money zone is stored.</b> Below the field's {@link ContestField#moneyLine money line} an entry's
     * block of ranks starts past the last paid rank, so it is paid nothing and pushing it down changes nothing: in a
     * scenario where candidate c scores below the line, c's gain is exactly 0 and c never sits above an entry that
     * is paid. So each candidate keeps only its money-zone scenarios (about the paid share of them, 22% by
     * default), with its opponents above and tied found once; gains and additions touch only those.
     *
     * <p><b>Work is redone only where the state changed.</b> gain_s(c) depends only on scenario s's state, so
     * each (candidate, scenario) term is kept, and a re-evaluation recomputes only the scenarios that an addition
     * entered since c's last evaluation (about 80% of them in a 1,411-candidate kernel benchmark: picks share money
     * zones with the candidates that compete with them). An addition only inserts; a scenario's suffix is rebuilt
     * when a gain next reads it. Both give the bits of recomputing everything.
     */
    static final class Equity implements MarginalObjective {
        /** Scenarios per fill block: the unit of work over the cores, with one cursor per (block, candidate). */
        private static final int FILL_BLOCK = 64;
        /** Fill tasks: contiguous runs of blocks, so a task reuses its key buffer (64 x candidates longs). */
        private static final int FILL_TASKS = 8;
        /** A candidate index must fit a {@link ContestField#descendingKey}. */
        static final int MAX_CANDIDATES = ContestField.MAX_KEY_INDEX;
        /**
         * Suffix readiness is published with release/acquire: gains for distinct candidates may run at once and
         * meet in one scenario; both then rebuild it, writing the same values, and a reader that sees it built
         * sees its values.
         */
        private static final VarHandle SUFFIX_BUILT_AT = MethodHandles.arrayElementVarHandle(int[].class);
        /** Entries per gain chunk: a re-evaluated gain splits into chunks over the cores. */
        private static final int GAIN_CHUNK = 256;
        /** Entries whose scenario state is read ahead together (see chunkGain). */
        private static final int READ_AHEAD = 32;
        private static final int DOUBLES_PER_LINE = 8;
        private static final int INTS_PER_LINE = 16;

        private final int scenarios;
        private final ContestField field;
        private final PayoutTable table;
        private final double w;
        private final int cap;
        /** Candidate c's money-zone entries are entries [start[c], start[c + 1]). */
        private final int[] start;
        private final int[] entryScenario;
        private final double[] entryScore;
        private final int[] entryAbove;
        private final int[] entryEqual;
        private final int[] sizeIn;
        private final double[] ours;
        private final int[] oppAbove;
        private final int[] oppEqual;
        private final double[] suffix;
        /**
         * How many of our entries scenario s held when its suffix was last built. Additions only insert; the suffix
         * is rebuilt when a gain first reads the scenario, so additions in a row pay for one rebuild.
         */
        private final int[] suffixBuiltAt;
        /** Each entry's gain as last computed, valid while its scenario has not changed since (see gain). */
        private final double[] entryGain;
        /** Portfolio size when candidate c's entry gains were last computed; -1 before the first time. */
        private final int[] evaluatedAt;
        /** Portfolio size right after the last addition that touched scenario s (0: never touched). */
        private final int[] changedAt;
        private final RunControl control;
        /**
         * Where read-ahead loads end up, so the JIT keeps them. Never read, so racing writes from gain chunks on
         * several cores are harmless.
         */
        @SuppressWarnings("unused")
        private long readAheadSink;
        private int size;
        private double total;

        Equity(double[] scores, int candidates, int scenarios, ContestField field, int maxPortfolio, RunControl control) {
            this.scenarios = scenarios;
            this.field = field;
            this.table = field.payouts();
            this.w = field.opponentWeight();
            this.cap = maxPortfolio;
            this.control = control;
            if (candidates > MAX_CANDIDATES) {
                throw new IllegalArgumentException(candidates + " candidates: at most " + MAX_CANDIDATES);
            }
            double[] zone = new double[scenarios];
            Arrays.setAll(zone, field::moneyLine);
            int blocks = (scenarios + FILL_BLOCK - 1) / FILL_BLOCK;
            // cursor[b * candidates + c]: first counts of c's money-zone scenarios in block b, then (below) where
            // those entries go, so that each candidate's entries come out in scenario order whoever fills a block.
            int[] cursor = new int[blocks * candidates];
            IntStream.range(0, candidates).parallel().forEach(c -> {
                for (int b = 0, base = c * scenarios; b < blocks; b++) {
                    int n = 0;
                    for (int s = b * FILL_BLOCK, end = Math.min(scenarios, s + FILL_BLOCK); s < end; s++) {
                        n += ContestField.quantize(scores[base + s]) >= zone[s] ? 1 : 0;
                    }
                    cursor[b * candidates + c] = n;
                }
            });
            this.start = new int[candidates + 1];
            for (int c = 0; c < candidates; c++) {
                long next = start[c];
                for (int b = 0; b < blocks; b++) {
                    int n = cursor[b * candidates + c];
                    cursor[b * candidates + c] = (int) Math.min(next, Integer.MAX_VALUE);
                    next += n;
                }
                if (next > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException("too many (candidate, scenario) pairs in the money zone: "
                            + "use fewer candidates or scenarios");
                }
                start[c + 1] = (int) next;
            }
            int entries = start[candidates];
            this.entryScenario = new int[entries];
            this.entryScore = new double[entries];
            this.entryAbove = new int[entries];
            this.entryEqual = new int[entries];
            // Blocks of scenarios over the cores. In each scenario the money-zone candidates are sorted by score,
            // best first, and walked down the field's sorted scores once (as ContestField#payouts does for our
            // entries), instead of a binary search per candidate: those searches were ~70% of this constructor.
            int tasks = Math.min(blocks, FILL_TASKS);
            IntStream.range(0, tasks).parallel().forEach(task -> {
                long[] keys = new long[FILL_BLOCK * candidates];
                int[] inZone = new int[FILL_BLOCK];
                long[] sortScratch = new long[candidates];
                int[] bucketCounts = new int[candidates + 1];
                for (int b = (int) ((long) blocks * task / tasks), last = (int) ((long) blocks * (task + 1) / tasks);
                     b < last; b++) {
                    control.check();
                    int s0 = b * FILL_BLOCK;
                    int s1 = Math.min(scenarios, s0 + FILL_BLOCK);
                    gatherKeys(scores, candidates, s0, s1, zone, keys, inZone);
                    for (int s = s0; s < s1; s++) {
                        walkScenario(s, keys, (s - s0) * candidates, inZone[s - s0], cursor, b * candidates,
                                sortScratch, bucketCounts);
                    }
                }
            });
            this.sizeIn = new int[scenarios];
            this.ours = new double[scenarios * maxPortfolio];
            this.oppAbove = new int[scenarios * maxPortfolio];
            this.oppEqual = new int[scenarios * maxPortfolio];
            this.suffix = new double[scenarios * (maxPortfolio + 1)];
            this.suffixBuiltAt = new int[scenarios];
            this.entryGain = new double[entries];
            this.evaluatedAt = new int[candidates];
            Arrays.fill(evaluatedAt, -1);
            this.changedAt = new int[scenarios];
        }

        /**
         * Block [s0, s1)'s money-zone entries as sort keys (descending score, then candidate), scenario j's at
         * keys[(j - s0) * candidates ..) with inZone[j - s0] of them: read candidate by candidate, so each row's
         * block is one sequential read. Branch-free (whether a candidate is in the money zone is a coin flip for the
         * predictor): every key is written and only the ones in the zone are counted.
         */
        private void gatherKeys(double[] scores, int candidates, int s0, int s1, double[] zone, long[] keys,
                                int[] inZone) {
            Arrays.fill(inZone, 0);
            boolean outOfRange = false;
            for (int c = 0; c < candidates; c++) {
                for (int s = s0, base = c * scenarios; s < s1; s++) {
                    double x = ContestField.quantize(scores[base + s]);
                    boolean in = x >= zone[s];
                    int j = s - s0;
                    keys[j * candidates + inZone[j]] = ContestField.descendingKey(x, c);
                    inZone[j] += in ? 1 : 0;
                    outOfRange |= in & !(Math.abs(x) < ContestField.SCORE_LIMIT);
                }
            }
            if (outOfRange) {
                for (int c = 0; c < candidates; c++) {
                    for (int s = s0; s < s1; s++) {
                        double x = ContestField.quantize(scores[c * scenarios + s]);
                        if (x >= zone[s] && !(Math.abs(x) < ContestField.SCORE_LIMIT)) {
                            throw new IllegalArgumentException("candidate " + c + " scores " + x + " in scenario "
                                    + s + ": scores must lie within +-" + ContestField.SCORE_LIMIT);
                        }
                    }
                }
            }
        }

        /**
         * Scenario s's entries, keys[from .. from + n): sorted ({@link BucketSort}), best first, then one walk down
         * the field's kept scores gives each its opponents above and tied; each goes to its candidate's next slot
         * for the block.
         */
        private void walkScenario(int s, long[] keys, int from, int n, int[] cursor, int cursorBase,
                                  long[] sortScratch, int[] bucketCounts) {
            BucketSort.sort(keys, from, from + n, sortScratch, bucketCounts);
            int oa = 0;
            for (int i = from; i < from + n; i++) {
                int c = ContestField.keyIndex(keys[i]);
                double x = ContestField.keyScore(keys[i]);
                oa = field.countAboveFrom(s, x, oa);
                int e = cursor[cursorBase + c]++;
                entryScenario[e] = s;
                entryScore[e] = x;
                entryAbove[e] = oa;
                entryEqual[e] = field.countEqual(s, oa, x);
            }
        }

        /** Money-zone (scenario, candidate) pairs stored: the work of one full gain pass over all candidates. */
        int storedEntries() {
            return entryScenario.length;
        }

        /**
         * Sums over c's money-zone scenarios (the rest add exactly 0) in fixed chunks of entries, chunk sums added in
         * order. An entry's gain depends only on its scenario's state, so it is recomputed only when an addition has
         * touched that scenario since c was last evaluated, and read back otherwise: the same bits as recomputing
         * all, for a fraction of the scattered reads. Writes only c's own entries: safe for distinct candidates at
         * once, not for the same candidate twice at once.
         */
        @Override
        public double gain(int c) {
            int chunks = chunks(c);
            double g = 0;
            for (int k = 0; k < chunks; k++) {
                g += chunkGain(c, k);
            }
            evaluatedAt[c] = size;
            return g / scenarios;
        }

        /** The same sums as {@link #gain} (same chunks, same order), the chunks computed in parallel. */
        @Override
        public double gainAlone(int c) {
            int chunks = chunks(c);
            if (chunks == 1) {
                return gain(c);
            }
            double[] partial = new double[chunks];
            IntStream.range(0, chunks).parallel().forEach(k -> partial[k] = chunkGain(c, k));
            double g = 0;
            for (double p : partial) {
                g += p;
            }
            evaluatedAt[c] = size;
            return g / scenarios;
        }

        private int chunks(int c) {
            return Math.max(1, (start[c + 1] - start[c] + GAIN_CHUNK - 1) / GAIN_CHUNK);
        }

        /**
         * Entries are taken a group at a time: first every stale entry's scenario state is read ahead (independent
         * loads, so their cache misses overlap), then each gain is computed from cache. Computed directly, each gain
         * waited on its own misses one after another (its binary search chains them). In 8 paired kernel-harness
         * runs selection took 0.83x the time at the median (0.47-1.06x): most when memory is contended.
         */
        private double chunkGain(int c, int k) {
            int since = evaluatedAt[c];
            double g = 0;
            long touched = 0;
            for (int from = start[c] + k * GAIN_CHUNK, end = Math.min(start[c + 1], from + GAIN_CHUNK); from < end;
                 from += READ_AHEAD) {
                int to = Math.min(end, from + READ_AHEAD);
                for (int e = from; e < to; e++) {
                    int s = entryScenario[e];
                    if (changedAt[s] > since) {
                        touched += readAhead(s);
                    }
                }
                for (int e = from; e < to; e++) {
                    int s = entryScenario[e];
                    if (changedAt[s] > since) {
                        entryGain[e] = gainIn(s, entryScore[e], entryAbove[e], entryEqual[e]);
                    }
                    g += entryGain[e];
                }
            }
            readAheadSink = touched;
            return g;
        }

        /**
         * Reads one value per cache line of what {@link #gainIn} will read in scenario s (our scores, the suffix,
         * and what a rebuild reads): returned so the loads are not removed as dead. The plain read of the suffix
         * stamp only chooses what to load; gainIn reads it with acquire before it relies on it.
         */
        private long readAhead(int s) {
            int n = sizeIn[s];
            int b = s * cap;
            int sb = s * (cap + 1);
            long touched = 0;
            for (int j = 0; j < n; j += DOUBLES_PER_LINE) {
                touched += Double.doubleToRawLongBits(ours[b + j]) ^ Double.doubleToRawLongBits(suffix[sb + j]);
            }
            if (suffixBuiltAt[s] != n) {
                for (int j = 0; j < n; j += INTS_PER_LINE) {
                    touched += oppAbove[b + j] ^ oppEqual[b + j];
                }
            }
            return touched;
        }

        private double gainIn(int s, double x, int oa, int oe) {
            int b = s * cap;
            int n = sizeIn[s];
            int above = countAbove(b, n, x);
            int eq = 0;
            while (above + eq < n && ours[b + above + eq] == x) {
                eq++;
            }
            double a = w * oa + above;
            double t = w * oe + eq + 1;
            double g = (table.cumulative(a + t) - table.cumulative(a)) / t * (eq + 1);
            if (eq > 0) {
                g -= (table.cumulative(a + t - 1) - table.cumulative(a)) / (t - 1) * eq;
            }
            if (n == 0) {
                return g; // no entry of ours to push down
            }
            if ((int) SUFFIX_BUILT_AT.getAcquire(suffixBuiltAt, s) != n) {
                rebuildSuffix(s);
            }
            return g + suffix[s * (cap + 1) + above + eq];
        }


        /** Our entries in ours[b..b+n) (descending) scoring above x: branch-free, as {@link ContestField#countAbove}. */
        private int countAbove(int b, int n, double x) {
            if (n == 0) {
                return 0;
            }
            int lo = 0;
            while (n > 1) {
                int half = n >>> 1;
                lo = ours[b + lo + half] > x ? lo + half : lo;
                n -= half;
            }
            return lo + (ours[b + lo] > x ? 1 : 0);
        }

        @Override
        public void add(int c) {
            if (size == cap) {
                throw new IllegalStateException("portfolio already holds " + cap + " lineups");
            }
            total += gain(c);
            // c's entries lie in distinct scenarios and each scenario's state is its own: in parallel.
            IntStream.range(start[c], start[c + 1]).parallel().forEach(e -> {
                int s = entryScenario[e];
                double x = entryScore[e];
                int b = s * cap;
                int n = sizeIn[s];
                int j = n;
                while (j > 0 && ours[b + j - 1] < x) {
                    ours[b + j] = ours[b + j - 1];
                    j--;
                }
                ours[b + j] = x;
                System.arraycopy(oppAbove, b + j, oppAbove, b + j + 1, n - j);
                System.arraycopy(oppEqual, b + j, oppEqual, b + j + 1, n - j);
                oppAbove[b + j] = entryAbove[e];
                oppEqual[b + j] = entryEqual[e];
                sizeIn[s] = n + 1;
                changedAt[s] = size + 1;
            });
            size++;
            control.poll();
        }

        /**
         * suffix[j] = sum over our entries at sorted positions >= j of the payout change when pushed down a rank.
         * One pass from the bottom, tie group by tie group, with the running sum kept in a register.
         */
        private void rebuildSuffix(int s) {
            int b = s * cap;
            int sb = s * (cap + 1);
            int n = sizeIn[s];
            suffix[sb + n] = 0;
            double below = 0;
            int i = n - 1;
            while (i >= 0) {
                int g = i;
                while (g > 0 && ours[b + g - 1] == ours[b + i]) {
                    g--;
                }
                double a = w * oppAbove[b + g] + g;
                double t = w * oppEqual[b + g] + (i - g + 1);
                double before = table.cumulative(a + t) - table.cumulative(a);
                double after = table.cumulative(a + 1 + t) - table.cumulative(a + 1);
                double each = (after - before) / t;
                for (; i >= g; i--) {
                    below += each;
                    suffix[sb + i] = below;
                }
            }
            SUFFIX_BUILT_AT.setRelease(suffixBuiltAt, s, n);
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
