package slipstream.kernels.portfolio;

import java.util.stream.IntStream;

/**
 * The portfolio's results in the simulated contest, with standard errors over scenarios (sd / sqrt(S) of the
 * per-scenario values).
 *
 * @param roi               (expected payout - fees) / fees of the whole portfolio
 * @param cashRate          share of our entries paid anything
 * @param winRate           probability that one of our lineups takes first place (a first-place tie counts
 *                          our share of the tie)
 * @param randomEntryReturn expected payout of a simulated opponent entry / entry fee
 * @param equityPerLineup   each lineup's expected payout inside the portfolio
 * @param payoutPerScenario the portfolio's total payout in each scenario
 */
public record ContestOutcome(double roi, double roiSe, double cashRate, double cashRateSe, double winRate,
                             double winRateSe, double randomEntryReturn, double[] equityPerLineup,
                             double[] payoutPerScenario) {
    private static final int BLOCK = 256;
    /** Sums per block ahead of the lineups' equity: roi, roi^2, cash, cash^2, win, win^2, opponent return. */
    private static final int SUMS = 7;

    /**
     * Evaluates a portfolio in the shared field.
     *
     * @param rows     the portfolio's points, rows[p * S + s] (quantised here)
     * @param lineups  P, at most the portfolio size the field was built for
     */
    public static ContestOutcome evaluate(double[] rows, int lineups, ContestField field, RunControl control) {
        Accumulator all = new Accumulator(lineups, field.scenarios(), field.payouts());
        all.add(rows, field, 0, control);
        return all.finish();
    }

    /**
     * An outcome built from consecutive scenario ranges, each with its own field (so a million scenarios need not
     * hold one field of them all). Ranges that start at multiples of {@value #BLOCK} give the same bits as one
     * {@link #evaluate} over all the scenarios: the sums are kept per block of {@value #BLOCK} and added in order.
     */
    public static final class Accumulator {
        private final int lineups;
        private final int scenarios;
        private final PayoutTable table;
        private final double[] total;
        private final java.util.List<double[]> partials = new java.util.ArrayList<>();
        private int next;

        /** For P lineups over S scenarios in all, under one payout table. */
        public Accumulator(int lineups, int scenarios, PayoutTable table) {
            this.lineups = lineups;
            this.scenarios = scenarios;
            this.table = table;
            this.total = new double[scenarios];
        }

        /**
         * Adds scenarios first .. first + field.scenarios() - 1, the next ones in order.
         *
         * @param rows the portfolio's points in those scenarios, rows[p * field.scenarios() + k]
         */
        public Accumulator add(double[] rows, ContestField field, int first, RunControl control) {
            int s = field.scenarios();
            if (first != next || first + s > scenarios || field.payouts() != table) {
                throw new IllegalArgumentException("scenarios " + first + ".." + (first + s) + " do not continue "
                        + next + " within " + scenarios + " under the same payout table");
            }
            if (first % BLOCK != 0 && s > 0) {
                throw new IllegalArgumentException("a range must start at a multiple of " + BLOCK + "; got " + first);
            }
            double fee = table.entryFee();
            double opponents = table.fieldSize() - lineups;
            int blocks = (s + BLOCK - 1) / BLOCK;
            double[][] partial = new double[blocks][];
            // Scenario blocks in parallel, each summing its own scenarios in order; blocks are then added in block
            // order, so the result is the same whatever the thread count.
            IntStream.range(0, blocks).parallel().forEach(b -> {
                control.check();
                double[] ours = new double[lineups];
                double[] pay = new double[lineups];
                ContestField.PayoutScratch scratch = new ContestField.PayoutScratch(lineups);
                double[] sums = new double[lineups + SUMS];
                for (int k = b * BLOCK, end = Math.min(s, k + BLOCK); k < end; k++) {
                    double best = Double.NEGATIVE_INFINITY;
                    for (int p = 0; p < lineups; p++) {
                        ours[p] = ContestField.quantize(rows[p * s + k]);
                        best = Math.max(best, ours[p]);
                    }
                    double t = field.payouts(k, ours, lineups, scratch, pay);
                    total[first + k] = t;
                    int cashed = 0;
                    int atTop = 0;
                    for (int p = 0; p < lineups; p++) {
                        sums[SUMS + p] += pay[p] / scenarios;
                        cashed += pay[p] > 0 ? 1 : 0;
                        atTop += ours[p] == best ? 1 : 0;
                    }
                    double roi = (t - lineups * fee) / (lineups * fee);
                    double cash = (double) cashed / lineups;
                    int oa = field.countAbove(k, best);
                    double win = oa > 0 ? 0 : atTop / (field.opponentWeight() * field.countEqual(k, 0, best) + atTop);
                    sums[0] += roi;
                    sums[1] += roi * roi;
                    sums[2] += cash;
                    sums[3] += cash * cash;
                    sums[4] += win;
                    sums[5] += win * win;
                    sums[6] += (table.pool() - t) / opponents;
                }
                partial[b] = sums;
            });
            partials.addAll(java.util.Arrays.asList(partial));
            next = first + s;
            return this;
        }

        /** The outcome over all S scenarios; every range must have been added. */
        public ContestOutcome finish() {
            if (next != scenarios) {
                throw new IllegalStateException("scenarios " + next + ".." + scenarios + " were never added");
            }
            int s = scenarios;
            double[] sums = new double[lineups + SUMS];
            for (double[] block : partials) {
                for (int i = 0; i < sums.length; i++) {
                    sums[i] += block[i];
                }
            }
            double[] equity = java.util.Arrays.copyOfRange(sums, SUMS, SUMS + lineups);
            return new ContestOutcome(sums[0] / s, se(sums[0], sums[1], s), sums[2] / s, se(sums[2], sums[3], s),
                    sums[4] / s, se(sums[4], sums[5], s), sums[6] / s / table.entryFee(), equity, total);
        }
    }

    private static double se(double sum, double sq, int n) {
        if (n < 2) {
            return Double.NaN;
        }
        double mean = sum / n;
        double var = Math.max(0, (sq - n * mean * mean) / (n - 1));
        return Math.sqrt(var / n);
    }
}
