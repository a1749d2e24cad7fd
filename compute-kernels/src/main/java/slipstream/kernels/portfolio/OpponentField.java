package slipstream.kernels.portfolio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Opponent lineups sampled from ownership projections.
 *
 * <p><b>One fixed sample of opponents, shared by all scenarios.</b> Opponents pick their lineups before the race,
 * so their lineups do not depend on how the race goes: one contest is one set of entries scored under every
 * scenario. Scoring the same M lineups in every scenario is exactly that model, it lets the field be scored as a
 * lineups x scenarios block by the same evaluator as our candidates, and it costs M lineups, not M x S. What it
 * leaves out is the sampling noise of the field's composition between contests (small for M in the thousands).
 *
 * <p><b>Sampling one lineup.</b> Drivers are drawn one at a time without replacement with probability proportional
 * to ownership among the drivers not yet drawn (so ownership is a propensity; realised shares come close to it for
 * drivers well below 100%). The lineup is accepted when it is under the cap and breaks no veto group; otherwise it
 * is rejected (reason counted) and redrawn, up to {@code maxRetries} times. After that the lineup is drawn again
 * with a cap-aware draw that only offers drivers whose salary leaves room for the cheapest completion and who
 * break no veto group, which always succeeds on a feasible slate; those lineups are counted as "fallback".
 * Every draw uses the stream (PURPOSE_FIELD, opponent index, counter), so the field is a function of the seed.
 */
public final class OpponentField {
    private final int[] lineups;
    private final long[] masks;
    private final int roster;
    private final int count;
    private final Map<String, Long> rejections;

    private OpponentField(int[] lineups, long[] masks, int roster, int count, Map<String, Long> rejections) {
        this.lineups = lineups;
        this.masks = masks;
        this.roster = roster;
        this.count = count;
        this.rejections = rejections;
    }

    /**
     * @param rules      the slate as opponents see it ({@link SlateRules#forField(int)}), its floor included
     * @param ownership  propensity per driver (> 0 for at least roster eligible drivers)
     * @param count      opponents to sample
     * @param maxRetries rejection-sampling attempts per opponent before the cap-aware fallback (e.g. 100)
     */
    public static OpponentField sample(SlateRules rules, double[] ownership, int count, RandomSource random,
                                       int maxRetries, RunControl control) {
        int r = rules.roster();
        long usable = usableDrivers(rules, ownership);
        if (Long.bitCount(usable) < r) {
            throw new IllegalArgumentException("only " + Long.bitCount(usable) + " drivers have positive ownership, roster is " + r);
        }
        int[] lineups = new int[count * r];
        long[] masks = new long[count];
        // Opponents in fixed chunks, in parallel: each draws from its own streams, so any split gives the same
        // lineups; the chunks' rejection counts are merged in chunk order (the serial order of first occurrence).
        int chunks = (count + CHUNK - 1) / CHUNK;
        List<Map<String, Long>> chunkRejections = IntStream.range(0, chunks).parallel().mapToObj(k -> {
            control.check();
            Map<String, Long> rejected = new LinkedHashMap<>();
            for (int j = k * CHUNK, end = Math.min(count, j + CHUNK); j < end; j++) {
                masks[j] = drawOne(rules, ownership, usable, random, j, maxRetries, rejected);
                SlateRules.indices(masks[j], lineups, j * r);
            }
            return rejected;
        }).toList();
        Map<String, Long> rejections = new LinkedHashMap<>();
        for (Map<String, Long> rejected : chunkRejections) {
            rejected.forEach((why, times) -> rejections.merge(why, times, Long::sum));
        }
        return new OpponentField(lineups, masks, r, count, rejections);
    }

    /** Drivers opponents may draw: eligible on the slate, with positive ownership. */
    private static long usableDrivers(SlateRules rules, double[] ownership) {
        long usable = 0;
        for (int d = 0; d < rules.drivers(); d++) {
            if ((rules.slateEligible() >>> d & 1) != 0 && ownership[d] > 0) {
                usable |= 1L << d;
            }
        }
        return usable;
    }

    /** Opponents sampled per parallel task. */
    private static final int CHUNK = 128;

    /** Opponent j's lineup: rejection sampling, then the cap-aware draw; counts each rejection's reason. */
    private static long drawOne(SlateRules rules, double[] ownership, long usable, RandomSource random, int j,
                                int maxRetries, Map<String, Long> rejections) {
        int r = rules.roster();
        long mask = 0;
        for (int attempt = 0; attempt < maxRetries && mask == 0; attempt++) {
            long m = drawFree(ownership, usable, r, random, j, (long) attempt * r);
            String why = rules.violation(m);
            if (why == null) {
                mask = m;
            } else {
                rejections.merge(why, 1L, Long::sum);
            }
        }
        for (int attempt = 0; mask == 0; attempt++) {
            if (attempt == 16) {
                throw new IllegalStateException("no lineup under the cap and veto rules could be drawn for opponent " + j);
            }
            mask = drawCapAware(rules, ownership, usable, random, j, (long) (maxRetries + attempt) * r);
            if (mask != 0) {
                rejections.merge("fallback", 1L, Long::sum);
            }
        }
        return mask;
    }

    private static long drawFree(double[] own, long usable, int r, RandomSource random, int j, long counter) {
        long mask = 0;
        for (int k = 0; k < r; k++) {
            mask |= 1L << pick(own, usable & ~mask, random.uniform(RandomSource.PURPOSE_FIELD, j, counter + k));
        }
        return mask;
    }

    private static long drawCapAware(SlateRules rules, double[] own, long usable, RandomSource random, int j,
                                     long counter) {
        int r = rules.roster();
        long mask = 0;
        int budget = rules.salaryCap();
        int floor = rules.salaryFloor();
        for (int k = 0; k < r; k++) {
            int left = r - k - 1;
            long offer = 0;
            for (long f = usable & ~mask; f != 0; f &= f - 1) {
                int d = Long.numberOfTrailingZeros(f);
                long with = mask | 1L << d;
                long rest = usable & ~with;
                if (rules.salary(d) + rules.extremeSalary(rest, left, true) <= budget
                        && rules.salary(d) + rules.extremeSalary(rest, left, false) >= floor && !breaksVeto(rules, with)) {
                    offer |= 1L << d;
                }
            }
            if (offer == 0) {
                return 0;
            }
            int d = pick(own, offer, random.uniform(RandomSource.PURPOSE_FIELD, j, counter + k));
            mask |= 1L << d;
            budget -= rules.salary(d);
            floor -= rules.salary(d);
        }
        return mask;
    }

    private static boolean breaksVeto(SlateRules rules, long mask) {
        for (int g = 0; g < rules.vetoCount(); g++) {
            if (rules.veto(g).violatedBy(mask)) {
                return true;
            }
        }
        return false;
    }

    /** Driver drawn with probability proportional to weight among the mask's drivers. */
    private static int pick(double[] w, long among, double u) {
        double total = 0;
        for (long f = among; f != 0; f &= f - 1) {
            total += w[Long.numberOfTrailingZeros(f)];
        }
        double target = u * total;
        int last = -1;
        for (long f = among; f != 0; f &= f - 1) {
            int d = Long.numberOfTrailingZeros(f);
            if (w[d] > 0) {
                last = d;
                target -= w[d];
                if (target < 0) {
                    return d;
                }
            }
        }
        return last;
    }

    /** Opponent lineups, flat, {@code roster} ascending driver indices each. */
    public int[] lineups() {
        return lineups;
    }

    public long mask(int j) {
        return masks[j];
    }

    public int count() {
        return count;
    }

    public int roster() {
        return roster;
    }

    /** Rejected draws by reason ("salary_cap", "veto:NAME") and "fallback" lineups, in first-seen order. */
    public Map<String, Long> rejections() {
        return rejections;
    }

    /** Realised share of opponent lineups holding each driver. */
    public double[] realisedOwnership(int drivers) {
        double[] own = new double[drivers];
        for (int j = 0; j < count; j++) {
            for (long m = masks[j]; m != 0; m &= m - 1) {
                own[Long.numberOfTrailingZeros(m)] += 1.0 / count;
            }
        }
        return own;
    }
}
