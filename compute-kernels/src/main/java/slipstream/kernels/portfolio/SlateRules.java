package slipstream.kernels.portfolio;

import java.util.Arrays;
import java.util.List;

/**
 * The lineup rules of one slate: roster size, salaries, salary cap and optional floor, locks, excludes and veto
 * groups. Drivers are indices 0..n-1 (n at most 64, so a lineup is also a {@code long} bit mask: bit i for driver
 * i). Immutable; arrays are copied in.
 *
 * <p>{@code eligible} excludes both the request's excludes and the slate's EXCLUDED veto rules; {@code locked}
 * drivers are in every lineup. The field (opponents) uses the same slate with no locks, no request excludes
 * and a floor of its own: build it with {@link #forField(int)}.
 */
public final class SlateRules {
    /** Most drivers a slate may have: lineups are 64-bit masks. */
    public static final int MAX_DRIVERS = 64;

    private final int[] salary;
    private final int[] team;
    private final int teamCount;
    private final int roster;
    private final int salaryCap;
    private final int salaryFloor;
    private final long eligible;
    private final long locked;
    private final long slateEligible;
    private final VetoGroup[] vetoes;

    /**
     * @param salary      salary per driver
     * @param team        team index per driver in 0..teamCount-1, or -1 for none; may be null (no teams)
     * @param roster      drivers per lineup (DraftKings NASCAR: 6)
     * @param salaryCap   most a lineup may cost
     * @param salaryFloor least a lineup may cost (0: none)
     * @param slateExcluded drivers the slate's EXCLUDED rules remove (bit mask)
     * @param requestExcluded drivers the request excludes (bit mask)
     * @param locked      drivers in every lineup (bit mask)
     * @param vetoes      NOT_TOGETHER groups
     */
    public SlateRules(int[] salary, int[] team, int roster, int salaryCap, int salaryFloor, long slateExcluded,
                      long requestExcluded, long locked, List<VetoGroup> vetoes) {
        int n = salary.length;
        if (n < 1 || n > MAX_DRIVERS) {
            throw new IllegalArgumentException("a slate needs 1.." + MAX_DRIVERS + " drivers, got " + n);
        }
        if (roster < 1 || roster > 16) {
            throw new IllegalArgumentException("roster must be 1..16, got " + roster);
        }
        for (int s : salary) {
            if (s < 0) {
                throw new IllegalArgumentException("salaries must be >= 0");
            }
        }
        long all = n == 64 ? -1L : (1L << n) - 1;
        if (((slateExcluded | requestExcluded | locked) & ~all) != 0) {
            throw new IllegalArgumentException("driver masks name drivers beyond " + (n - 1));
        }
        this.salary = salary.clone();
        this.team = team == null ? filled(n) : team.clone();
        if (this.team.length != n) {
            throw new IllegalArgumentException("team array length " + this.team.length + " != drivers " + n);
        }
        this.teamCount = Arrays.stream(this.team).max().orElse(-1) + 1;
        this.roster = roster;
        this.salaryCap = salaryCap;
        this.salaryFloor = salaryFloor;
        this.slateEligible = all & ~slateExcluded;
        this.eligible = all & ~slateExcluded & ~requestExcluded;
        this.locked = locked;
        this.vetoes = vetoes.toArray(new VetoGroup[0]);
        for (VetoGroup g : this.vetoes) {
            if ((g.members() & ~all) != 0) {
                throw new IllegalArgumentException("veto group " + g.name() + " names drivers beyond " + (n - 1));
            }
        }
    }

    /** A slate with no teams, locks, excludes, floor or vetoes (tests, benchmarks). */
    public static SlateRules simple(int[] salary, int roster, int salaryCap) {
        return new SlateRules(salary, null, roster, salaryCap, 0, 0, 0, 0, List.of());
    }

    private static int[] filled(int n) {
        int[] t = new int[n];
        Arrays.fill(t, -1);
        return t;
    }

    /**
     * The same slate as the opponents see it: slate exclusions, the cap and vetoes apply; no locks or request
     * excludes, and the least an opponent spends (0: no floor) in place of the request's floor.
     */
    public SlateRules forField(int opponentSalaryFloor) {
        long all = drivers() == 64 ? -1L : (1L << drivers()) - 1;
        return new SlateRules(salary, team, roster, salaryCap, opponentSalaryFloor, all & ~slateEligible, 0, 0,
                List.of(vetoes));
    }

    /** The same rules with extra locks and excludes (variations during candidate generation). */
    public SlateRules with(long extraLocked, long extraExcluded) {
        long all = drivers() == 64 ? -1L : (1L << drivers()) - 1;
        return new SlateRules(salary, team, roster, salaryCap, salaryFloor, all & ~slateEligible,
                (all & ~eligible & slateEligible) | extraExcluded, locked | extraLocked, List.of(vetoes));
    }

    public int drivers() {
        return salary.length;
    }

    public int salary(int driver) {
        return salary[driver];
    }

    /** Team index of a driver, or -1. */
    public int team(int driver) {
        return team[driver];
    }

    public int teamCount() {
        return teamCount;
    }

    public int roster() {
        return roster;
    }

    public int salaryCap() {
        return salaryCap;
    }

    public int salaryFloor() {
        return salaryFloor;
    }

    /** Drivers that may appear in our lineups (bit mask). */
    public long eligible() {
        return eligible;
    }

    /** Drivers the slate itself allows (before the request's excludes). */
    public long slateEligible() {
        return slateEligible;
    }

    public long locked() {
        return locked;
    }

    public int vetoCount() {
        return vetoes.length;
    }

    public VetoGroup veto(int i) {
        return vetoes[i];
    }

    /** The teams of a lineup mask, one bit per team index (drivers without a team add nothing). */
    public long teamsOf(long mask) {
        long teams = 0;
        for (long m = mask; m != 0; m &= m - 1) {
            int t = team(Long.numberOfTrailingZeros(m));
            if (t >= 0) {
                teams |= 1L << t;
            }
        }
        return teams;
    }

    /**
     * Salary of the t cheapest (or dearest) drivers of a mask; past any cap (below any floor) when the mask holds
     * fewer than t. No allocation: opponent sampling calls it per offered driver.
     */
    public int extremeSalary(long from, int t, boolean cheapest) {
        int sum = 0;
        long left = from;
        for (int i = 0; i < t; i++) {
            int best = -1;
            for (long f = left; f != 0; f &= f - 1) {
                int d = Long.numberOfTrailingZeros(f);
                if (best < 0 || (cheapest ? salary[d] < salary[best] : salary[d] > salary[best])) {
                    best = d;
                }
            }
            if (best < 0) {
                return cheapest ? Integer.MAX_VALUE / 4 : Integer.MIN_VALUE / 4;
            }
            sum += salary[best];
            left &= ~(1L << best);
        }
        return sum;
    }

    /** Total salary of a lineup mask. */
    public int salaryOf(long mask) {
        int s = 0;
        for (long m = mask; m != 0; m &= m - 1) {
            s += salary[Long.numberOfTrailingZeros(m)];
        }
        return s;
    }

    /**
     * Why a lineup breaks the rules, or null when it is valid. Reasons: "roster", "excluded", "locks",
     * "salary_cap", "salary_floor", "veto:NAME" (the first broken rule in that order).
     */
    public String violation(long mask) {
        if (Long.bitCount(mask) != roster) {
            return "roster";
        }
        if ((mask & ~eligible) != 0) {
            return "excluded";
        }
        if ((mask & locked) != locked) {
            return "locks";
        }
        int s = salaryOf(mask);
        if (s > salaryCap) {
            return "salary_cap";
        }
        if (s < salaryFloor) {
            return "salary_floor";
        }
        for (VetoGroup g : vetoes) {
            if (g.violatedBy(mask)) {
                return "veto:" + g.name();
            }
        }
        return null;
    }

    /** Bit mask of a lineup given as driver indices. */
    public static long mask(int[] lineup, int offset, int roster) {
        long m = 0;
        for (int k = 0; k < roster; k++) {
            m |= 1L << lineup[offset + k];
        }
        return m;
    }

    /** Writes the drivers of a mask, ascending, to {@code out[offset..]}. */
    public static void indices(long mask, int[] out, int offset) {
        int k = offset;
        for (long m = mask; m != 0; m &= m - 1) {
            out[k++] = Long.numberOfTrailingZeros(m);
        }
    }
}
