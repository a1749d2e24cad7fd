package slipstream.kernels.portfolio;

import java.util.Map;

/**
 * The outcome of greedy portfolio selection.
 *
 * @param chosen          candidate indices in the order chosen
 * @param gains           objective gain of each pick when it was made
 * @param objectiveValue  the objective of the whole portfolio
 * @param status          "GREEDY" (full size reached) or "GREEDY_SHORT" (candidates ran out under the limits)
 * @param note            why a short portfolio stopped, or empty
 * @param rejections      candidates set aside by reason: "exposure", "team_exposure", "uniqueness" (permanent) and
 *                        "min_exposure_first" and "min_exposure_reserve" (times a candidate was deferred to serve
 *                        minimum exposures)
 * @param driverCounts    lineups holding each driver
 * @param lazyExact       true when the objective's gains only shrink, so lazy evaluation equals plain greedy
 */
public record PortfolioSelection(int[] chosen, double[] gains, double objectiveValue, String status, String note,
                                 Map<String, Long> rejections, int[] driverCounts, boolean lazyExact) {
    public int size() {
        return chosen.length;
    }
}
