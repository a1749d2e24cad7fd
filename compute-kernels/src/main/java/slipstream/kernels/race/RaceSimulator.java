package slipstream.kernels.race;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import slipstream.kernels.rng.Purpose;
import slipstream.kernels.rng.RandomFill;
import slipstream.kernels.rng.RandomStream;

/**
 * Race scenario kernel: samples the race model of DESIGN.md, scenario by scenario.
 *
 * <p><b>Scenario {@code s}</b> uses posterior draw {@code r = s % draws} and only the streams
 * {@code (seed, purpose, s)}, so it is identical whatever batch, thread or shard computes it:
 * <ol>
 *   <li><b>Chaos</b> (purpose CHAOS, element 0): a normal {@code z}; caution share {@code q}, chaos level
 *       {@code c}, caution laps {@code round(q * laps)} and green-flag laps as in {@link ArchetypeChaos}.</li>
 *   <li><b>DNF</b> (purpose DNF): driver {@code d} drops out when uniform {@code d} is below
 *       {@code min(0.95, p_rd * max(0, 1 + dnfPerChaos * c))}; its exit lap is {@code 1 + floor(u * laps)} with
 *       uniform {@code n + d}, and it completes the laps before it.</li>
 *   <li><b>Order</b>: with the race-day shift {@code team effect + noise} (purposes TEAM, STRENGTH_NOISE), places
 *       1..{@code topPlaces} (the model's top tier) are drawn in turn among the finishers not yet placed, with
 *       weights {@code exp(lambda_r * eta_rd + shift)} and one uniform per place (purpose TOP_TIER, element =
 *       place); the other finishers follow by {@code eta_rd + shift + Gumbel} descending (purpose GUMBEL,
 *       Gumbel-max). That is exact two-tier Plackett-Luce (see {@code RaceLikelihood}) when the shifts are 0. The
 *       shift is not scaled by lambda: its constants were fitted as race-day noise on the strength scale, and
 *       scaling it too scored worse on the 2023 holdout (RPS 0.1509 against 0.1505, CRPS of points 12.91 against
 *       12.89, winner's start 12.3 against 11.4 for 9.1 observed). With lambda 1 the tier is skipped: plain
 *       Gumbel-max, the same bytes as before the tier existed. DNFs take the last places, the later exit ahead,
 *       ties by the GUMBEL key.</li>
 *   <li><b>Laps led</b> (the allocation rule): the race is cut into stints of {@value #STINT_LAPS} laps (the last
 *       one shorter). Each stint's laps all go to one driver, drawn with one uniform (purpose LAPS_LED, element =
 *       stint) among the drivers still running at the end of the stint, with probability proportional to
 *       {@code exp(kappa_r * eta_rd) * finish_d^-frontBonus}: strong drivers and drivers running near the front
 *       lead more, and a DNF car can lead only stints it completes. If no car completes a stint, the car that ran
 *       longest gets it. Hence sum of laps led = race laps exactly. From the second stint on, while the last
 *       stint's leader is still running, the same uniform first decides whether it keeps the lead
 *       ({@code u < leadHold}, see {@link ArchetypeChaos}); otherwise {@code (u - leadHold) / (1 - leadHold)}, again
 *       uniform, draws the leader by weight. A hold of 0 draws every stint afresh with {@code u} itself. When
 *       {@code briefLead > 0}, element {@code stints + k} gives a second uniform {@code v}: if {@code v < briefLead}
 *       (and the stint has 2 laps or more), one of its laps goes to the driver drawn by weight with
 *       {@code v / briefLead}, the rest to the stint's leader.</li>
 *   <li><b>Fastest laps</b>: the same rule, without lead spells, in stints of {@value #FASTEST_LAP_STINT_LAPS}
 *       laps, with weights {@code (exp(share * kappa_r * eta_rd) * finish_d^-frontBonus)^fastestLapTemper} (share:
 *       {@link #FASTEST_LAP_STRENGTH_SHARE}), over the scenario's green-flag laps (purpose FASTEST_LAP), green lap
 *       {@code g} mapped to race lap {@code ceil(g * laps / green)} for the running check. Hence sum of fastest laps
 *       = green-flag laps exactly.</li>
 *   <li><b>Points</b> from the {@link ScoringTable}.</li>
 * </ol>
 *
 * <p>Uniforms, Gumbel keys and normals come from a bulk {@link RandomFill}; both twins give the same bits, so the
 * scenarios do not depend on the machine's vector support.
 * Scratch arrays are allocated once per {@link #simulate} call, none per scenario.
 */
public final class RaceSimulator {

    /** Laps per laps-led stint. */
    public static final int STINT_LAPS = 10;
    /** Green-flag laps per fastest-lap stint: shorter, as fastest laps change hands more often than the lead. */
    public static final int FASTEST_LAP_STINT_LAPS = 3;
    /**
     * Share of the laps-led strength term ({@code kappa * eta}) that fastest-lap weights keep. Chosen among 0, 0.2,
     * 0.4, 0.5, 0.6, 0.8 and 1 by the CRPS of fastest-lap points on the validation season of a 2015-2022
     * calibration (2022, fitted on 2015-2021), then checked on the 2023 holdout (bench/RESULTS.md): with the full
     * term the favourites took too many fastest laps (simulated top-3 share 0.60 at short tracks, 0.45 observed).
     */
    public static final double FASTEST_LAP_STRENGTH_SHARE = 0.5;

    /**
     * The allocation and chaos rules' version: bump it with any change to what a seed simulates, so that results
     * keyed by {@link #modelFingerprint()} (calibration ids) are not mistaken for the old model's.
     */
    public static final String RULES_VERSION =
            "2026-11-27 lead spells, tempered fastest laps at half strength, top tier (unscaled shift)";

    private final RandomFill fill;

    /**
     * Uses the random fill {@link RandomFill#get()} picks: the Panama twin where the Vector API runs, which gives
     * the scalar twin's bits (tested) and made 40 drivers x 100,000 scenarios 12-15% faster on one and two
     * threads (bench/RESULTS.md).
     */
    public RaceSimulator() {
        this(RandomFill.get());
    }

    /** Uses the given random fill twin (tests and benchmarks compare twins). */
    public RaceSimulator(RandomFill fill) {
        this.fill = fill;
    }

    /** Fingerprint of the shipped model: {@link #fingerprint} of the rules version and the four archetypes. */
    public static String modelFingerprint() {
        return fingerprint(RULES_VERSION, List.of(ArchetypeChaos.SUPERSPEEDWAY, ArchetypeChaos.INTERMEDIATE,
                ArchetypeChaos.SHORT_TRACK, ArchetypeChaos.ROAD_COURSE));
    }

    /**
     * First 12 hex digits of SHA-256 over the rules version, the stint lengths and the archetype constants: what,
     * besides the seed and the inputs, decides a simulated scenario.
     */
    public static String fingerprint(String rulesVersion, List<ArchetypeChaos> archetypes) {
        StringBuilder text = new StringBuilder(rulesVersion).append('|').append(STINT_LAPS).append('|')
                .append(FASTEST_LAP_STINT_LAPS).append('|').append(FASTEST_LAP_STRENGTH_SHARE);
        for (ArchetypeChaos a : archetypes) {
            text.append('|').append(a);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** Scenarios {@code sFrom .. sTo - 1} into {@code out}. */
    public void simulate(RaceInputs in, int sFrom, int sTo, RaceOutputs out) {
        if (sFrom < 0 || sTo > in.scenarios() || sFrom > sTo) {
            throw new IndexOutOfBoundsException("scenario range [" + sFrom + ", " + sTo + ") of " + in.scenarios());
        }
        if (out.drivers() != in.drivers() || out.scenarios() != in.scenarios()) {
            throw new IllegalArgumentException("outputs are " + out.drivers() + " x " + out.scenarios()
                    + ", inputs " + in.drivers() + " x " + in.scenarios());
        }
        new Worker(in, out, fill).run(sFrom, sTo);
    }

    /**
     * All scenarios, in batches of {@code batch} scenarios run on {@code executor}; identical to
     * {@code simulate(in, 0, S, out)} for any batch size and thread count. Waits for all batches.
     */
    public void simulateParallel(RaceInputs in, RaceOutputs out, Executor executor, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1");
        }
        List<CompletableFuture<Void>> jobs = new ArrayList<>();
        for (int s = 0; s < in.scenarios(); s += batch) {
            int a = s;
            int b = Math.min(in.scenarios(), s + batch);
            jobs.add(CompletableFuture.runAsync(() -> simulate(in, a, b, out), executor));
        }
        try {
            CompletableFuture.allOf(jobs.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Per-call scratch and the scenario loop. */
    private static final class Worker {
        private final RaceInputs in;
        private final RaceOutputs out;
        private final RandomFill fill;
        private final int n;
        private final int teams;
        private final int laps;
        private final double meanQ;
        private final double[] key;
        private final double[] shift;
        private final double[] topWeight;
        private final int[] tierRank;
        private final double[] noise;
        private final double[] teamEffect;
        private final double[] uniforms;
        private final int[] exitLap;
        private final boolean[] dnf;
        private final int[] order;
        /** Laps led and fastest laps by finishing position, written to the outputs once per scenario. */
        private final int[] lapsLedAt;
        private final int[] fastestLapsAt;
        private final double[] cum;
        private final double[] cumFastest;
        private final double[] logPlace;
        private final long[] stintBits;
        private final GuidedPick stintPick;

        Worker(RaceInputs in, RaceOutputs out, RandomFill fill) {
            this.in = in;
            this.out = out;
            this.fill = fill;
            this.n = in.drivers();
            this.teams = in.teams();
            this.laps = in.raceLaps();
            this.meanQ = in.chaos().meanCautionShare();
            this.key = new double[n];
            this.shift = new double[n];
            this.topWeight = new double[n];
            this.tierRank = new int[n];
            this.noise = new double[n];
            this.teamEffect = new double[Math.max(1, teams)];
            this.uniforms = new double[2 * n];
            this.exitLap = new int[n];
            this.dnf = new boolean[n];
            this.order = new int[n];
            this.lapsLedAt = new int[n];
            this.fastestLapsAt = new int[n];
            this.cum = new double[n];
            this.cumFastest = new double[n];
            this.logPlace = new double[n + 1];
            // laps-led spell and brief-lead uniforms, or one per fastest-lap stint
            this.stintBits = new long[Math.max(2 * ((laps + STINT_LAPS - 1) / STINT_LAPS),
                    (laps + FASTEST_LAP_STINT_LAPS - 1) / FASTEST_LAP_STINT_LAPS)];
            this.stintPick = new GuidedPick(n);
            for (int k = 1; k <= n; k++) {
                logPlace[k] = Math.log(k);
            }
        }

        void run(int sFrom, int sTo) {
            for (int s = sFrom; s < sTo; s++) {
                scenario(s);
            }
        }

        private void scenario(int s) {
            final long seed = in.seed();
            final int S = in.scenarios();
            final int r = s % in.draws();
            final int base = r * n;
            final double[] eta = in.eta();
            final ArchetypeChaos chaos = in.chaos();

            // 1. chaos and cautions
            double z = RandomStream.normal(seed, Purpose.CHAOS, s, 0);
            double q = chaos.cautionShare(z);
            double c = q / meanQ - 1;
            int caution = (int) Math.min(laps, Math.max(0, Math.round(q * laps)));
            int green = laps - caution;
            out.cautionLaps()[s] = caution;
            out.greenFlagLaps()[s] = green;

            // 2. DNFs and exit laps
            double dnfScale = Math.max(0, 1 + chaos.dnfPerChaos() * c);
            fill.fillUniform(seed, Purpose.DNF, s, uniforms, 0, 2 * n, 0);
            double[] p = in.dnfProbability();
            for (int d = 0; d < n; d++) {
                boolean out1 = uniforms[d] < Math.min(0.95, p[base + d] * dnfScale);
                dnf[d] = out1;
                exitLap[d] = out1 ? 1 + (int) (uniforms[n + d] * laps) : laps + 1;
            }

            // 3. keys: eta + shift (team + noise) + Gumbel, and the top tier
            fill.fillGumbel(seed, Purpose.GUMBEL, s, key, 0, n, 0);
            double noiseSd = chaos.strengthNoisePerChaos() * Math.max(0, c);
            if (noiseSd > 0) {
                fill.fillNormal(seed, Purpose.STRENGTH_NOISE, s, noise, 0, n, 0);
            }
            double teamSd = chaos.teamSd();
            if (teamSd > 0 && teams > 0) {
                fill.fillNormal(seed, Purpose.TEAM, s, teamEffect, 0, teams, 0);
            }
            int[] team = in.team();
            for (int d = 0; d < n; d++) {
                // summed in this order so that lambda 1 gives the keys, and the bytes, of the one-scale kernel
                double k = eta[base + d];
                if (noiseSd > 0) {
                    k += noiseSd * noise[d];
                }
                if (teamSd > 0 && team[d] >= 0) {
                    k += teamSd * teamEffect[team[d]];
                }
                shift[d] = k - eta[base + d];
                key[d] = k + key[d];
            }
            rankTopTier(seed, s, in.topScale()[r], base);
            sortOrder();

            // 4-5. stint weights in finish order: finishers first, then DNFs by exit lap descending, so the cars
            // still running at any lap form a prefix of the order and one cumulative array serves every stint.
            double kappa = in.kappa()[r];
            double front = chaos.frontBonus();
            double maxLog = Double.NEGATIVE_INFINITY;
            for (int pos = 0; pos < n; pos++) {
                double lw = kappa * eta[base + order[pos]] - front * logPlace[pos + 1];
                cum[pos] = lw;
                maxLog = Math.max(maxLog, lw);
            }
            double temper = chaos.fastestLapTemper();
            // cumFastest holds the fastest-lap log weights until the pass below turns them into cumulative sums.
            double maxF = Double.NEGATIVE_INFINITY;
            for (int pos = 0; pos < n; pos++) {
                double lf = FASTEST_LAP_STRENGTH_SHARE * kappa * eta[base + order[pos]] - front * logPlace[pos + 1];
                cumFastest[pos] = lf;
                maxF = Math.max(maxF, lf);
            }
            double acc = 0;
            double accFastest = 0;
            for (int pos = 0; pos < n; pos++) {
                double lw = cum[pos] - maxLog;
                acc += Math.exp(lw);
                accFastest += Math.exp(temper * (cumFastest[pos] - maxF));
                cum[pos] = acc;
                cumFastest[pos] = accFastest;
            }
            allocate(seed, Purpose.LAPS_LED, s, laps, laps, STINT_LAPS, cum, chaos.leadHold(), chaos.briefLead(),
                    lapsLedAt);
            allocate(seed, Purpose.FASTEST_LAP, s, green, laps, FASTEST_LAP_STINT_LAPS, cumFastest, 0, 0,
                    fastestLapsAt);

            // 6. outputs and points, one write per driver row (the rows are S apart)
            ScoringTable table = in.scoring();
            int[] start = in.start();
            for (int pos = 0; pos < n; pos++) {
                int d = order[pos];
                int i = d * S + s;
                out.finish()[i] = pos + 1;
                out.dnf()[i] = (byte) (dnf[d] ? 1 : 0);
                out.lapsLed()[i] = lapsLedAt[pos];
                out.fastestLaps()[i] = fastestLapsAt[pos];
                out.points()[i] = table.points(start[d], pos + 1, lapsLedAt[pos], fastestLapsAt[pos]);
            }
        }

        /**
         * Gives {@code total} laps in stints of {@code stintLaps} to running drivers, drawn by the cumulative
         * weights {@code weights} (finish order); stint end {@code e} (in units of {@code total}) is checked against
         * race lap {@code ceil(e * laps / total)}. A running leader keeps the next stint with probability
         * {@code hold}; with probability {@code brief} one lap of a stint goes to a brief leader. Writes each
         * finishing position's laps to {@code lapsAt}.
         */
        private void allocate(long seed, int purpose, int s, int total, int laps, int stintLaps, double[] weights,
                              double hold, double brief, int[] lapsAt) {
            Arrays.fill(lapsAt, 0);
            stintPick.index(weights, n);
            int stints = (total + stintLaps - 1) / stintLaps;
            // Element k of the stream, as RandomStream.bits would give it, two per Philox block.
            fill.fillBits(seed, purpose, s, stintBits, 0, brief > 0 ? 2 * stints : stints, 0);
            int running = n;
            int leader = -1; // position in order of the last stint's leader
            for (int k = 0; k < stints; k++) {
                int lapsInStint = Math.min(stintLaps, total - k * stintLaps);
                long endUnits = (long) k * stintLaps + lapsInStint;
                int endLap = (int) ((endUnits * laps + total - 1) / total);
                while (running > 1 && exitLap[order[running - 1]] <= endLap) {
                    running--;
                }
                double u = RandomStream.toUniform(stintBits[k]);
                boolean leaderRunning = leader >= 0 && leader < running;
                if (!(leaderRunning && u < hold)) {
                    if (leaderRunning) {
                        u = (u - hold) / (1 - hold); // u >= hold here, so hold < 1
                    }
                    leader = stintPick.firstAbove(u * weights[running - 1], running);
                }
                if (brief > 0 && lapsInStint > 1) {
                    double v = RandomStream.toUniform(stintBits[stints + k]);
                    if (v < brief) {
                        lapsAt[stintPick.firstAbove(v / brief * weights[running - 1], running)] += 1;
                        lapsInStint--;
                    }
                }
                lapsAt[leader] += lapsInStint;
            }
        }

        /**
         * Marks the top tier: tierRank[d] = t for the finisher drawn for place t (0-based) with weights
         * {@code exp(lambda * eta + shift)} among those not yet placed, {@code topPlaces} (no tier) for everyone
         * else. Sequential draws cost one uniform per place, against n Gumbel keys and a top-k selection (the
         * kernel took 947 ms instead of 688 ms per 100,000 scenarios that way).
         */
        private void rankTopTier(long seed, int s, double lambda, int base) {
            int places = in.topPlaces();
            Arrays.fill(tierRank, places);
            if (lambda == 1.0 || places == 0) {
                return;
            }
            double[] eta = in.eta();
            double max = Double.NEGATIVE_INFINITY;
            for (int d = 0; d < n; d++) {
                // log weights first, kept in topWeight, then shifted by their maximum before exp
                topWeight[d] = lambda * eta[base + d] + shift[d];
                if (!dnf[d]) {
                    max = Math.max(max, topWeight[d]);
                }
            }
            if (max == Double.NEGATIVE_INFINITY) {
                return;
            }
            for (int d = 0; d < n; d++) {
                topWeight[d] = dnf[d] ? 0.0 : Math.exp(topWeight[d] - max);
            }
            int draws = Math.min(places, n);
            fill.fillUniform(seed, Purpose.TOP_TIER, s, uniforms, 0, draws, 0);
            double full = 0.0;
            for (int d = 0; d < n; d++) {
                full += topWeight[d];
            }
            double total = full;
            for (int t = 0; t < draws; t++) {
                // Subtracting the placed weights cancels badly once the heavy favourites are gone: sum afresh then.
                if (total < 1e-6 * full) {
                    total = 0.0;
                    for (int d = 0; d < n; d++) {
                        total += topWeight[d];
                    }
                    if (total == 0.0) {
                        return;
                    }
                }
                double x = uniforms[t] * total;
                double acc = 0.0;
                int pick = -1;
                for (int d = 0; d < n; d++) {
                    if (topWeight[d] > 0.0) {
                        acc += topWeight[d];
                        pick = d;
                        if (x < acc) {
                            break;
                        }
                    }
                }
                tierRank[pick] = t;
                total -= topWeight[pick];
                topWeight[pick] = 0.0;
            }
        }

        /**
         * Insertion sort of drivers: finishers by top-tier rank, then key descending; then DNFs by exit lap and key
         * descending.
         */
        private void sortOrder() {
            for (int i = 0; i < n; i++) {
                int d = i;
                int j = i - 1;
                while (j >= 0 && before(d, order[j])) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = d;
            }
        }

        private boolean before(int a, int b) {
            if (exitLap[a] != exitLap[b]) {
                return exitLap[a] > exitLap[b];
            }
            if (tierRank[a] != tierRank[b]) {
                return tierRank[a] < tierRank[b];
            }
            return key[a] > key[b];
        }
    }
}
