package slipstream.kernels.portfolio;

import java.util.Arrays;

/**
 * Exact top-k lineup search by branch and bound: the k lineups with the largest sum of per-driver values
 * that satisfy the roster size, salary cap and floor, locks, excludes and veto groups of a {@link SlateRules}.
 *
 * <p><b>Method.</b> Locked drivers are placed first. The free eligible drivers are sorted by value, descending,
 * and lineups are enumerated as increasing index sequences over that order (each lineup exactly once). At a node
 * with t drivers still to pick from sorted positions i.. the search stops (and, because every later position is
 * worse on both bounds, breaks out of the loop) when
 * <ul>
 *   <li>value so far + the t best remaining values (a prefix sum, since values are sorted) cannot beat the
 *       current k-th best: the bound is an upper bound because it relaxes the salary constraints;</li>
 *   <li>salary so far + the t cheapest remaining salaries exceeds the cap (salary-aware feasibility, from a
 *       precomputed suffix table), or salary so far + the t dearest remaining salaries is below the floor.</li>
 * </ul>
 * Since only lineups that cannot be in the top k are cut, the result equals brute force over all C(n, r)
 * lineups (tested exhaustively). Ties in value are broken by search order (deterministic).
 *
 * <p>Instances are reusable and not thread-safe; after construction a solve allocates nothing.
 */
public final class LineupSearch {
    private static final int INF = Integer.MAX_VALUE / 4;

    private final SlateRules rules;
    private final int n;
    private final int r;
    private final int[] order;
    private final double[] val;
    private final int[] sal;
    private final long[] bit;
    private final double[] valPrefix;
    private final int[] minSal;
    private final int[] maxSal;
    private final int[] cheap;
    private final int[] dear;
    private final long[] groupMask;
    private final int[] groupMax;
    private final int[] groupCount;
    private final long[] vetoCuts;
    private long capCuts;
    private long floorCuts;
    private long nodes;
    private int stride;
    private int m;
    private int k;
    private int heapSize;
    private double[] heapVal;
    private long[] heapMask;
    private RunControl control;

    public LineupSearch(SlateRules rules) {
        this.rules = rules;
        this.n = rules.drivers();
        this.r = rules.roster();
        this.order = new int[n];
        this.val = new double[n];
        this.sal = new int[n];
        this.bit = new long[n];
        this.valPrefix = new double[n + 1];
        this.stride = r + 1;
        this.minSal = new int[(n + 1) * stride];
        this.maxSal = new int[(n + 1) * stride];
        this.cheap = new int[r + 1];
        this.dear = new int[r + 1];
        int g = rules.vetoCount();
        this.groupMask = new long[g];
        this.groupMax = new int[g];
        this.groupCount = new int[g];
        for (int i = 0; i < g; i++) {
            groupMask[i] = rules.veto(i).members();
            groupMax[i] = rules.veto(i).maxTogether();
        }
        this.vetoCuts = new long[g];
        this.heapVal = new double[1];
        this.heapMask = new long[1];
    }

    public SlateRules rules() {
        return rules;
    }

    /** The single best lineup as a mask, or 0 when no lineup satisfies the rules. */
    public long best(double[] values) {
        long[] mask = new long[1];
        double[] v = new double[1];
        return solve(values, 0, 0, 1, mask, v, RunControl.none()) == 1 ? mask[0] : 0L;
    }

    /**
     * Finds the k best lineups.
     *
     * @param values        value per driver (e.g. mean points, or one scenario's points), length n
     * @param extraLocked   drivers locked for this call only, on top of the rules' locks
     * @param extraExcluded drivers excluded for this call only
     * @param k             how many lineups, >= 1
     * @param outMasks      receives the lineups as driver bit masks, best first (length >= k)
     * @param outValues     receives their values (length >= k)
     * @return how many lineups were found (fewer than k when fewer are feasible; 0 when none)
     */
    public int solve(double[] values, long extraLocked, long extraExcluded, int k, long[] outMasks,
                     double[] outValues, RunControl control) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1");
        }
        if (values.length < n) {
            throw new IllegalArgumentException("values has " + values.length + " entries for " + n + " drivers");
        }
        this.control = control;
        ensureHeap(k);
        this.k = k;
        this.heapSize = 0;
        long forced = rules.locked() | extraLocked;
        long allowed = rules.eligible() & ~extraExcluded;
        if ((forced & ~allowed) != 0 || Long.bitCount(forced) > r) {
            return 0;
        }
        int baseSalary = 0;
        double baseValue = 0;
        for (long f = forced; f != 0; f &= f - 1) {
            int d = Long.numberOfTrailingZeros(f);
            baseSalary += rules.salary(d);
            baseValue += values[d];
        }
        for (int g = 0; g < groupMask.length; g++) {
            groupCount[g] = Long.bitCount(groupMask[g] & forced);
            if (groupCount[g] > groupMax[g]) {
                return 0;
            }
        }
        sortFree(values, allowed & ~forced);
        int need = r - Long.bitCount(forced);
        buildSalaryTables(need);
        if (need == 0) {
            if (baseSalary <= rules.salaryCap() && baseSalary >= rules.salaryFloor()) {
                offer(forced, baseValue);
            }
        } else {
            dfs(0, need, forced, baseSalary, baseValue);
        }
        int found = heapSize;
        // Drain the min-heap: worst comes out first, so fill the outputs from the back.
        for (int i = found - 1; i >= 0; i--) {
            outMasks[i] = heapMask[0];
            outValues[i] = heapVal[0];
            popMin();
        }
        this.control = null;
        return found;
    }

    /** Search nodes visited since construction (diagnostics). */
    public long nodes() {
        return nodes;
    }

    /** Branches cut because even the cheapest completion exceeds the salary cap, since construction. */
    public long capCuts() {
        return capCuts;
    }

    /** Branches cut because even the dearest completion stays below the salary floor. */
    public long floorCuts() {
        return floorCuts;
    }

    /** Branches cut by veto group g. */
    public long vetoCuts(int g) {
        return vetoCuts[g];
    }

    private void dfs(int start, int t, long mask, int salary, double value) {
        if ((++nodes & 1023) == 0) {
            control.poll();
        }
        int cap = rules.salaryCap();
        int floor = rules.salaryFloor();
        int last = m - t;
        for (int i = start; i <= last; i++) {
            double threshold = heapSize < k ? Double.NEGATIVE_INFINITY : heapVal[0];
            if (value + (valPrefix[i + t] - valPrefix[i]) <= threshold) {
                return;
            }
            if (salary + minSal[i * stride + t] > cap) {
                capCuts++;
                return;
            }
            if (salary + maxSal[i * stride + t] < floor) {
                floorCuts++;
                return;
            }
            int s2 = salary + sal[i];
            if (s2 + minSal[(i + 1) * stride + t - 1] > cap) {
                capCuts++;
                continue;
            }
            if (s2 + maxSal[(i + 1) * stride + t - 1] < floor) {
                floorCuts++;
                continue;
            }
            long b = bit[i];
            if (!vetoAllows(b)) {
                continue;
            }
            if (t == 1) {
                offer(mask | b, value + val[i]);
            } else {
                vetoAdd(b, 1);
                dfs(i + 1, t - 1, mask | b, s2, value + val[i]);
                vetoAdd(b, -1);
            }
        }
    }

    private boolean vetoAllows(long b) {
        for (int g = 0; g < groupMask.length; g++) {
            if ((groupMask[g] & b) != 0 && groupCount[g] + 1 > groupMax[g]) {
                vetoCuts[g]++;
                return false;
            }
        }
        return true;
    }

    private void vetoAdd(long b, int delta) {
        for (int g = 0; g < groupMask.length; g++) {
            if ((groupMask[g] & b) != 0) {
                groupCount[g] += delta;
            }
        }
    }

    private void sortFree(double[] values, long free) {
        m = 0;
        for (long f = free; f != 0; f &= f - 1) {
            int d = Long.numberOfTrailingZeros(f);
            // Insertion sort by value descending, index ascending: n <= 64, and it allocates nothing.
            double v = values[d];
            int j = m++;
            while (j > 0 && val[j - 1] < v) {
                val[j] = val[j - 1];
                order[j] = order[j - 1];
                j--;
            }
            val[j] = v;
            order[j] = d;
        }
        valPrefix[0] = 0;
        for (int i = 0; i < m; i++) {
            sal[i] = rules.salary(order[i]);
            bit[i] = 1L << order[i];
            valPrefix[i + 1] = valPrefix[i] + val[i];
        }
    }

    /** minSal[i][t] / maxSal[i][t]: sum of the t cheapest / dearest salaries among sorted positions i..m-1. */
    private void buildSalaryTables(int need) {
        int have = 0;
        for (int i = m; i >= 0; i--) {
            if (i < m && need > 0) {
                int s = sal[i];
                keepSmallest(cheap, have, need, s);
                keepLargest(dear, have, need, s);
                have = Math.min(have + 1, need);
            }
            int sumCheap = 0;
            int sumDear = 0;
            minSal[i * stride] = 0;
            maxSal[i * stride] = 0;
            for (int t = 1; t <= need; t++) {
                if (t <= have) {
                    sumCheap += cheap[t - 1];
                    sumDear += dear[t - 1];
                    minSal[i * stride + t] = sumCheap;
                    maxSal[i * stride + t] = sumDear;
                } else {
                    minSal[i * stride + t] = INF;
                    maxSal[i * stride + t] = -INF;
                }
            }
        }
    }

    /** a[0..count) ascending holds the smallest values seen; insert s keeping at most limit of them. */
    private static void keepSmallest(int[] a, int count, int limit, int s) {
        int j;
        if (count < limit) {
            j = count;
        } else if (s < a[limit - 1]) {
            j = limit - 1;
        } else {
            return;
        }
        while (j > 0 && a[j - 1] > s) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = s;
    }

    /** a[0..count) descending holds the largest values seen; insert s keeping at most limit of them. */
    private static void keepLargest(int[] a, int count, int limit, int s) {
        int j;
        if (count < limit) {
            j = count;
        } else if (s > a[limit - 1]) {
            j = limit - 1;
        } else {
            return;
        }
        while (j > 0 && a[j - 1] < s) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = s;
    }

    private void ensureHeap(int k) {
        if (heapVal.length < k) {
            heapVal = new double[k];
            heapMask = new long[k];
        }
    }

    /** Min-heap on (value, then larger mask first out) so that the kept set is deterministic. */
    private boolean less(double va, long ma, double vb, long mb) {
        return va < vb || (va == vb && Long.compareUnsigned(ma, mb) > 0);
    }

    private void offer(long mask, double value) {
        if (heapSize < k) {
            int i = heapSize++;
            while (i > 0) {
                int p = (i - 1) >>> 1;
                if (!less(value, mask, heapVal[p], heapMask[p])) {
                    break;
                }
                heapVal[i] = heapVal[p];
                heapMask[i] = heapMask[p];
                i = p;
            }
            heapVal[i] = value;
            heapMask[i] = mask;
        } else if (less(heapVal[0], heapMask[0], value, mask)) {
            heapVal[0] = value;
            heapMask[0] = mask;
            siftDown(0);
        }
    }

    private void popMin() {
        heapSize--;
        if (heapSize > 0) {
            heapVal[0] = heapVal[heapSize];
            heapMask[0] = heapMask[heapSize];
            siftDown(0);
        }
    }

    private void siftDown(int i) {
        double v = heapVal[i];
        long msk = heapMask[i];
        while (true) {
            int c = 2 * i + 1;
            if (c >= heapSize) {
                break;
            }
            if (c + 1 < heapSize && less(heapVal[c + 1], heapMask[c + 1], heapVal[c], heapMask[c])) {
                c++;
            }
            if (!less(heapVal[c], heapMask[c], v, msk)) {
                break;
            }
            heapVal[i] = heapVal[c];
            heapMask[i] = heapMask[c];
            i = c;
        }
        heapVal[i] = v;
        heapMask[i] = msk;
    }

    @Override
    public String toString() {
        return "LineupSearch[n=" + n + ", r=" + r + ", nodes=" + nodes + ", vetoCuts=" + Arrays.toString(vetoCuts) + "]";
    }
}
