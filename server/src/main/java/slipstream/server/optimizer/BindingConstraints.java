package slipstream.server.optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import slipstream.kernels.portfolio.PortfolioConstraints;
import slipstream.kernels.portfolio.PortfolioSelection;
import slipstream.kernels.portfolio.SlateRules;

/**
 * The explanation's binding constraints: which limits the chosen portfolio sits at. A limit binds when the
 * portfolio reaches it (a driver or team at its cap, a driver held at its minimum) or when it removed candidates
 * (uniqueness); the salary cap line counts the lineups that spend within 200 of it.
 */
final class BindingConstraints {
    private static final int NEAR_CAP = 200;

    private BindingConstraints() {}

    /**
     * @param binding   the request bound to its spec
     * @param selection the greedy selection
     * @param masks     the chosen lineups as driver masks
     */
    static List<String> of(SlateBinding binding, PortfolioSelection selection, long[] masks, int minUniqueDrivers) {
        SlateRules rules = binding.rules();
        PortfolioConstraints limits = binding.limits();
        int p = masks.length;
        int size = limits.size();
        List<String> lines = new ArrayList<>();
        int nearCap = 0;
        for (long m : masks) {
            nearCap += rules.salaryOf(m) >= rules.salaryCap() - NEAR_CAP ? 1 : 0;
        }
        lines.add(String.format(Locale.ROOT, "salary cap: %d of %d lineups within %d of %d", nearCap, p, NEAR_CAP,
                rules.salaryCap()));
        for (int d = 0; d < rules.drivers(); d++) {
            int count = selection.driverCounts()[d];
            int max = limits.maxCount()[d];
            int min = limits.minCount()[d];
            if (count >= max && max < size) {
                lines.add("exposure: " + binding.driverIds()[d] + " at its cap of " + max + " of " + size + " lineups");
            }
            if (min > 0 && count == min) {
                lines.add("minimum exposure: " + binding.driverIds()[d] + " held at its floor of " + min + " of " + size
                        + " lineups");
            }
        }
        String[] teams = binding.teamIds();
        int[] teamMax = limits.teamMaxCount();
        for (int t = 0; t < Math.min(teamMax.length, teams.length); t++) {
            if (teamMax[t] >= size) {
                continue;
            }
            int count = 0;
            for (long m : masks) {
                count += (rules.teamsOf(m) >>> t & 1) != 0 ? 1 : 0;
            }
            if (count >= teamMax[t]) {
                lines.add("team exposure: " + teams[t] + " at its cap of " + teamMax[t] + " of " + size + " lineups");
            }
        }
        long uniqueness = selection.rejections().getOrDefault("uniqueness", 0L);
        if (uniqueness > 0) {
            lines.add("uniqueness: " + uniqueness + " candidates dropped for sharing more than "
                    + (rules.roster() - minUniqueDrivers) + " drivers with a chosen lineup");
        }
        return lines;
    }
}
