package slipstream.kernels.portfolio;

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

    /**
     * Evaluates a portfolio in the shared field.
     *
     * @param rows     the portfolio's points, rows[p * S + s] (quantised here)
     * @param lineups  P, at most the portfolio size the field was built for
     */
    public static ContestOutcome evaluate(double[] rows, int lineups, ContestField field, RunControl control) {
        int s = field.scenarios();
        PayoutTable table = field.payouts();
        double fee = table.entryFee();
        double[] ours = new double[lineups];
        double[] pay = new double[lineups];
        int[] order = new int[lineups];
        double[] equity = new double[lineups];
        double[] total = new double[s];
        double roiSum = 0, roiSq = 0, cashSum = 0, cashSq = 0, winSum = 0, winSq = 0, oppSum = 0;
        double opponents = table.fieldSize() - lineups;
        for (int k = 0; k < s; k++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < lineups; p++) {
                ours[p] = ContestField.quantize(rows[p * s + k]);
                best = Math.max(best, ours[p]);
            }
            double t = field.payouts(k, ours, lineups, order, pay);
            total[k] = t;
            int cashed = 0;
            int atTop = 0;
            for (int p = 0; p < lineups; p++) {
                equity[p] += pay[p] / s;
                cashed += pay[p] > 0 ? 1 : 0;
                atTop += ours[p] == best ? 1 : 0;
            }
            double roi = (t - lineups * fee) / (lineups * fee);
            double cash = (double) cashed / lineups;
            int oa = field.countAbove(k, best);
            double win = oa > 0 ? 0 : atTop / (field.opponentWeight() * field.countEqual(k, 0, best) + atTop);
            roiSum += roi;
            roiSq += roi * roi;
            cashSum += cash;
            cashSq += cash * cash;
            winSum += win;
            winSq += win * win;
            oppSum += (table.pool() - t) / opponents;
            control.poll();
        }
        return new ContestOutcome(roiSum / s, se(roiSum, roiSq, s), cashSum / s, se(cashSum, cashSq, s), winSum / s,
                se(winSum, winSq, s), oppSum / s / fee, equity, total);
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
