package slipstream.kernels.portfolio;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random slates shaped like DraftKings NASCAR: salaries 4,500..11,500 in steps of 100, values rising with salary. */
final class TestSlates {
    private TestSlates() {}

    static int[] salaries(int n, SplittableRandom rnd) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = 4500 + 100 * rnd.nextInt(71);
        }
        return s;
    }

    static double[] values(int[] salary, SplittableRandom rnd) {
        double[] v = new double[salary.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = salary[i] / 250.0 + 12 * rnd.nextGaussian();
        }
        return v;
    }

    /**
     * Per-driver points over S scenarios, flat points[d * S + s]: a driver strength plus a shared per-scenario
     * chaos term, a team term and a heavy right tail (a "dominator" bonus), so lineups differ in mean and tail.
     */
    static double[] points(int[] salary, int[] team, int scenarios, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = salary.length;
        double[] p = new double[n * scenarios];
        double[] teamShock = new double[16];
        for (int s = 0; s < scenarios; s++) {
            double chaos = rnd.nextGaussian();
            for (int t = 0; t < teamShock.length; t++) {
                teamShock[t] = rnd.nextGaussian();
            }
            int dominator = rnd.nextInt(n);
            for (int d = 0; d < n; d++) {
                double strength = (salary[d] - 8000) / 400.0;
                double vol = 4 + (d % 5) * 2.5;
                double x = 35 + strength + vol * rnd.nextGaussian() + 3 * chaos * ((d % 3) - 1)
                        + (team == null || team[d] < 0 ? 0 : 3 * teamShock[team[d] % 16]);
                if (d == dominator && rnd.nextDouble() < 0.6) {
                    x += 25 + 20 * rnd.nextDouble();
                }
                p[d * scenarios + s] = Math.rint(x * 20) / 20;
            }
        }
        return p;
    }

    static int[] teams(int n) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = i % 12;
        }
        return t;
    }

    /** Enumerates every r-subset of eligible drivers; calls back valid lineups (rules.violation == null). */
    interface LineupVisitor {
        void visit(long mask);
    }

    static void forEachValid(SlateRules rules, LineupVisitor v) {
        int n = rules.drivers();
        List<Integer> el = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            if ((rules.eligible() >>> d & 1) != 0) {
                el.add(d);
            }
        }
        int[] e = el.stream().mapToInt(Integer::intValue).toArray();
        enumerate(rules, e, 0, rules.roster(), 0L, 0, v);
    }

    private static void enumerate(SlateRules rules, int[] e, int start, int left, long mask, int salary,
                                  LineupVisitor v) {
        if (left == 0) {
            if (rules.violation(mask) == null) {
                v.visit(mask);
            }
            return;
        }
        for (int i = start; i <= e.length - left; i++) {
            int s = salary + rules.salary(e[i]);
            if (s > rules.salaryCap()) {
                continue; // salaries are >= 0, so this subtree is over the cap too
            }
            enumerate(rules, e, i + 1, left - 1, mask | 1L << e[i], s, v);
        }
    }

    static double value(long mask, double[] values) {
        double s = 0;
        for (long m = mask; m != 0; m &= m - 1) {
            s += values[Long.numberOfTrailingZeros(m)];
        }
        return s;
    }
}
