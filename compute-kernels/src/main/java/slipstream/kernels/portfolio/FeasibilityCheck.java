package slipstream.kernels.portfolio;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds constraints that no portfolio can satisfy, before any search, with the numbers that show it. Every check
 * is a proof of infeasibility (a necessary condition that fails); passing them all does not promise a full
 * portfolio (the selector then reports how far it got).
 */
public final class FeasibilityCheck {
    private FeasibilityCheck() {}

    private static String name(String[] ids, int d) {
        return ids == null || d >= ids.length ? String.valueOf(d) : ids[d];
    }

    /** Throws {@link InfeasibleConstraintsException} listing every violation found, if any. */
    public static void require(SlateRules rules, PortfolioConstraints limits, String[] driverIds, String[] teamIds) {
        List<ConstraintViolation> v = violations(rules, limits, driverIds, teamIds);
        if (!v.isEmpty()) {
            throw new InfeasibleConstraintsException(v);
        }
    }

    /**
     * @param driverIds names used in messages (spec driver ids), or null for driver indices
     * @param teamIds   names of the teams by index (spec team ids), or null for team indices
     */
    public static List<ConstraintViolation> violations(SlateRules rules, PortfolioConstraints limits,
                                                       String[] driverIds, String[] teamIds) {
        String[] ids = driverIds;
        List<ConstraintViolation> out = new ArrayList<>();
        int r = rules.roster();
        int n = rules.drivers();
        long eligible = rules.eligible();
        if ((rules.locked() & ~eligible) != 0) {
            out.add(new ConstraintViolation("locks", "locked drivers " + list(ids, rules.locked() & ~eligible)
                    + " are excluded (by the request or the slate)"));
        }
        int eligibleCount = Long.bitCount(eligible);
        if (eligibleCount < r) {
            out.add(new ConstraintViolation("eligible_drivers", eligibleCount + " eligible drivers ("
                    + (n - eligibleCount) + " of " + n + " excluded) for a roster of " + r + " ("
                    + (r - eligibleCount) + " short)"));
        }
        fixedDrivers(rules, rules.locked(), "locks", "locked drivers", out, ids);
        // A driver whose minimum exposure is every lineup is as good as locked: once the locks pass, the same checks
        // run on the locks together with those drivers.
        long required = requiredEverywhere(rules, limits) & ~rules.locked();
        long inEveryLineup = rules.locked() | required;
        if (required != 0 && out.isEmpty()) {
            fixedDrivers(rules, inEveryLineup, "min_exposure", "drivers locked or required in every lineup", out, ids);
        }
        if (rules.salaryFloor() > rules.salaryCap()) {
            out.add(new ConstraintViolation("salary_floor", "floor " + rules.salaryFloor() + " is above the cap "
                    + rules.salaryCap() + " by " + (rules.salaryFloor() - rules.salaryCap())));
        }
        exposures(rules, limits, inEveryLineup, out, ids, teamIds);
        uniqueness(rules, limits, inEveryLineup, required != 0, out);
        return out;
    }

    /**
     * Checks that hold for any set of drivers that every lineup must contain: how many, their salary with the
     * cheapest (dearest) fill against the cap (floor), and the vetoes among them.
     */
    private static void fixedDrivers(SlateRules rules, long fixed, String kind, String what,
                                     List<ConstraintViolation> out, String[] ids) {
        int r = rules.roster();
        int fixedCount = Long.bitCount(fixed);
        if (fixedCount > r) {
            out.add(new ConstraintViolation(kind, fixedCount + " " + what + " but a lineup holds " + r
                    + " (" + (fixedCount - r) + " too many)"));
        }
        int fixedSalary = rules.salaryOf(fixed);
        if (fixedSalary > rules.salaryCap()) {
            out.add(new ConstraintViolation("salary_cap", what + " cost " + fixedSalary + ", "
                    + (fixedSalary - rules.salaryCap()) + " over the cap of " + rules.salaryCap()));
        }
        for (int g = 0; g < rules.vetoCount(); g++) {
            VetoGroup v = rules.veto(g);
            if (v.violatedBy(fixed)) {
                out.add(new ConstraintViolation("veto:" + v.name(), what + " " + list(ids, fixed & v.members())
                        + " may not appear together (at most " + v.maxTogether() + " of the group)"));
            }
        }
        int need = r - fixedCount;
        long free = rules.eligible() & ~fixed;
        if (fixedCount <= r && Long.bitCount(free) >= need && fixedSalary <= rules.salaryCap()) {
            int cheapest = rules.extremeSalary(free, need, true);
            if (fixedSalary + cheapest > rules.salaryCap()) {
                out.add(new ConstraintViolation("salary_cap", "the " + what + " plus the " + need
                        + " cheapest eligible drivers cost " + (fixedSalary + cheapest) + ", "
                        + (fixedSalary + cheapest - rules.salaryCap()) + " over the cap of " + rules.salaryCap()));
            }
            int dearest = rules.extremeSalary(free, need, false);
            if (fixedSalary + dearest < rules.salaryFloor()) {
                out.add(new ConstraintViolation("salary_floor", "the " + what + " plus the " + need
                        + " dearest eligible drivers cost " + (fixedSalary + dearest) + ", "
                        + (rules.salaryFloor() - fixedSalary - dearest) + " below the floor of " + rules.salaryFloor()));
            }
        }
    }

    /** Eligible drivers whose minimum count is the whole portfolio. */
    private static long requiredEverywhere(SlateRules rules, PortfolioConstraints limits) {
        long required = 0;
        for (int d = 0; d < rules.drivers(); d++) {
            if (limits.minCount()[d] >= limits.size() && (rules.eligible() >>> d & 1) != 0) {
                required |= 1L << d;
            }
        }
        return required;
    }

    /** @param inEveryLineup locked drivers and those whose minimum exposure is every lineup */
    private static void exposures(SlateRules rules, PortfolioConstraints limits, long inEveryLineup,
                                  List<ConstraintViolation> out, String[] ids, String[] teamIds) {
        int r = rules.roster();
        int size = limits.size();
        int[] min = limits.minCount();
        int[] max = limits.maxCount();
        long minSum = 0;
        long maxSum = 0;
        for (int d = 0; d < rules.drivers(); d++) {
            boolean eligible = (rules.eligible() >>> d & 1) != 0;
            boolean locked = (rules.locked() >>> d & 1) != 0;
            if (min[d] > max[d]) {
                out.add(new ConstraintViolation("min_exposure", "driver " + name(ids, d) + " needs at least " + min[d]
                        + " lineups but may appear in at most " + max[d]));
            }
            if (!eligible && min[d] > 0) {
                out.add(new ConstraintViolation("min_exposure", "driver " + name(ids, d) + " is excluded but needs at least "
                        + min[d] + " of " + size + " lineups"));
            }
            if (locked && max[d] < size) {
                out.add(new ConstraintViolation("max_exposure", "driver " + name(ids, d) + " is locked (in all " + size
                        + " lineups) but capped at " + max[d] + " (" + (size - max[d]) + " too few)"));
            }
            if (min[d] > size) {
                out.add(new ConstraintViolation("min_exposure", "driver " + name(ids, d) + " needs " + min[d]
                        + " lineups of " + size));
            }
            minSum += min[d];
            if (eligible) {
                maxSum += locked ? size : Math.min(max[d], size);
            }
        }
        long slots = (long) r * size;
        if (minSum > slots) {
            out.add(new ConstraintViolation("min_exposure", "minimum exposures need " + minSum
                    + " driver slots but " + size + " lineups of " + r + " hold " + slots + " (" + (minSum - slots)
                    + " over)"));
        }
        if (maxSum < slots) {
            out.add(new ConstraintViolation("max_exposure", "eligible drivers' exposure caps allow " + maxSum
                    + " driver slots but " + size + " lineups of " + r + " need " + slots + " ("
                    + (slots - maxSum) + " short)"));
        }
        int[] teamMax = limits.teamMaxCount();
        for (int t = 0; t < teamMax.length; t++) {
            long teamLocked = 0;
            for (long m = inEveryLineup; m != 0; m &= m - 1) {
                int d = Long.numberOfTrailingZeros(m);
                if (rules.team(d) == t) {
                    teamLocked |= 1L << d;
                }
            }
            if (teamLocked != 0 && teamMax[t] < size) {
                out.add(new ConstraintViolation("team_exposure", "team " + name(teamIds, t) + " has drivers locked or"
                        + " required in every lineup " + list(ids, teamLocked) + " but is capped at " + teamMax[t]
                        + " of " + size + " lineups"));
            }
        }
    }

    /**
     * Two lineups differing by at least u drivers share at most {@code k - u} of their k free (unlocked) slots,
     * so each (k - u + 1)-subset of the m free eligible drivers lies in at most one lineup:
     * {@code N <= C(m, k-u+1) / C(k, k-u+1)} (the packing bound). With u > k only one lineup exists.
     */
    private static void uniqueness(SlateRules rules, PortfolioConstraints limits, long inEveryLineup,
                                   boolean anyRequired, List<ConstraintViolation> out) {
        int size = limits.size();
        int u = limits.minUnique();
        int r = rules.roster();
        int k = r - Long.bitCount(inEveryLineup);
        int m = Long.bitCount(rules.eligible() & ~inEveryLineup);
        if (size <= 1 || k < 0 || m < k) {
            return;
        }
        if (u > k) {
            out.add(new ConstraintViolation("uniqueness", "lineups must differ by " + u + " drivers but only " + k
                    + " slots are free of " + (anyRequired ? "locks and drivers required in every lineup" : "locks")
                    + ", so only 1 lineup is possible, not " + size));
            return;
        }
        if (u > m - k) {
            // Two k-subsets of m drivers share at least 2k - m, so they differ by at most m - k.
            out.add(new ConstraintViolation("uniqueness", "lineups must differ by " + u + " drivers but with " + m
                    + " free eligible drivers for " + k + " free slots any two differ by at most " + (m - k)
                    + ", so at most 1 lineups are possible, not " + size));
            return;
        }
        int t = k - u + 1;
        double bound = Math.floor(binomial(m, t) / binomial(k, t) + 1e-9);
        if (bound < size) {
            out.add(new ConstraintViolation("uniqueness", "with " + m + " free eligible drivers and " + k
                    + " free slots, at most " + (long) bound + " lineups can differ pairwise by " + u
                    + " drivers; " + size + " asked (" + (size - (long) bound) + " too many)"));
        }
    }

    private static double binomial(int n, int k) {
        double b = 1;
        for (int i = 0; i < k; i++) {
            b = b * (n - i) / (i + 1);
        }
        return b;
    }

    private static String list(String[] ids, long mask) {
        StringBuilder b = new StringBuilder("[");
        for (long m = mask; m != 0; m &= m - 1) {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append(name(ids, Long.numberOfTrailingZeros(m)));
        }
        return b.append(']').toString();
    }
}
