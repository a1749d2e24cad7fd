package slipstream.server.optimizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import slipstream.kernels.portfolio.BootstrapStability;
import slipstream.kernels.portfolio.CandidateGenerator;
import slipstream.kernels.portfolio.CandidateRows;
import slipstream.kernels.portfolio.CandidateSet;
import slipstream.kernels.portfolio.ContestField;
import slipstream.kernels.portfolio.ContestOutcome;
import slipstream.kernels.portfolio.LineupScorer;
import slipstream.kernels.portfolio.MarginalObjective;
import slipstream.kernels.portfolio.Objectives;
import slipstream.kernels.portfolio.OpponentField;
import slipstream.kernels.portfolio.Ownership;
import slipstream.kernels.portfolio.PayoutTable;
import slipstream.kernels.portfolio.PortfolioSelection;
import slipstream.kernels.portfolio.PortfolioSelector;
import slipstream.kernels.portfolio.RandomSource;
import slipstream.kernels.portfolio.Regimes;
import slipstream.kernels.portfolio.RunControl;
import slipstream.kernels.portfolio.SlateRules;
import slipstream.kernels.portfolio.TailMeasures;
import slipstream.proto.v1.DriverProjection;
import slipstream.proto.v1.Explanation;
import slipstream.proto.v1.JobPhase;
import slipstream.proto.v1.Lineup;
import slipstream.proto.v1.Objective;
import slipstream.proto.v1.OptimizeDiagnostics;
import slipstream.proto.v1.OptimizeResult;
import slipstream.proto.v1.Rejection;
import slipstream.server.spec.ConstraintSpec;

/**
 * From simulated scenarios to a portfolio and its report: candidates, the shared contest field, greedy
 * selection on the requested objective, then per-lineup and per-driver statistics, regimes, bootstrap
 * stability and explanations.
 *
 * <p>Selection sees at most {@link #SELECTION_SCENARIOS} scenarios (the first ones: scenario s is the same
 * whatever the total, so this is a deterministic subsample) to keep the candidate x scenario matrix in memory;
 * every reported statistic of the chosen lineups uses all scenarios.
 *
 * <p>Given validation scenarios, the chosen portfolio is also scored on them against a freshly sampled opponent
 * field: the in-sample figures are optimistic (the lineups were picked because they did well on those very
 * scenarios), the out-of-sample ones are not.
 */
final class PortfolioPipeline {

    static final int SELECTION_SCENARIOS = 20_000;
    private static final int BOOTSTRAP_RESAMPLES = 200;
    private static final double TOP_FRACTION = 0.01;
    /**
     * Scenarios per contest range when a report covers more than selection saw: a field keeps ~450 opponent scores
     * per scenario (3.6 GB for a million), so it is built range by range. A multiple of the outcome's 256-scenario
     * blocks, so the result is the same as one field over all.
     */
    private static final int CONTEST_RANGE = 80 * 256;
    /** Doubles of lineup points scored per call, so that cancellation is seen between calls at a million scenarios. */
    private static final int SCORE_CHUNK = 1 << 21;
    /** Validation draws its random numbers at indices from here on, past any index the in-sample run uses. */
    private static final long VALIDATION_INDEX_SHIFT = 1L << 40;

    /** Progress sink: phase and overall fraction done. */
    interface Progress {
        void report(JobPhase phase, double fraction, String message);
    }

    private final ConstraintSpec spec;
    private final OptimizePlan plan;
    private final SlateBinding binding;
    private final Scenarios all;
    /** Fresh scenarios for the out-of-sample check; null when none were asked for. */
    private final Scenarios validation;
    private final RandomSource random;
    private final LineupScorer scorer;
    private final Progress progress;
    private final java.util.function.BooleanSupplier cancelled;
    private final Map<String, Double> phaseMillis;

    PortfolioPipeline(SlateBinding binding, OptimizePlan plan, Scenarios scenarios, Scenarios validation,
                      RandomSource random, LineupScorer scorer, Progress progress,
                      java.util.function.BooleanSupplier cancelled, Map<String, Double> phaseMillis) {
        this.spec = binding.spec();
        this.plan = plan;
        this.binding = binding;
        this.all = scenarios;
        this.validation = validation;
        this.random = random;
        this.scorer = scorer;
        this.progress = progress;
        this.cancelled = cancelled;
        this.phaseMillis = phaseMillis;
    }

    /** Polls the client's cancellation and reports nothing (for work inside a phase already reported). */
    private RunControl cancellationOnly() {
        return new RunControl(cancelled, f -> { });
    }

    private RunControl control(JobPhase phase, double from, double to) {
        return new RunControl(cancelled, f -> progress.report(phase, from + (to - from) * f, phase.name()));
    }

    OptimizeResult run(OptimizeDiagnostics.Builder diagnostics) {
        SlateRules rules = binding.rules();
        int n = rules.drivers();
        int roster = rules.roster();

        int selS = Math.min(all.count(), SELECTION_SCENARIOS);
        double[] selPoints = selS == all.count() ? all.points() : all.pointsIn(0, selS);

        control(JobPhase.JOB_PHASE_FIELD, 0.45, 0.45).check();
        long t0 = System.nanoTime();
        double[] meansAll = new double[n];
        CandidateGenerator.driverMeans(all.points(), n, all.count(), meansAll);
        double[] ownership = ownership(meansAll, rules);
        OpponentField opponents = OpponentField.sample(fieldRules(), ownership, plan.contest().simulatedOpponents(),
                random, 100, control(JobPhase.JOB_PHASE_FIELD, 0.45, 0.48));
        PayoutTable payouts = payoutTable();
        ContestField selField = ContestField.simulate(selPoints, selS, opponents, payouts, plan.portfolioSize(), scorer,
                control(JobPhase.JOB_PHASE_FIELD, 0.48, 0.55));
        phaseMillis.put("field", ms(t0));

        t0 = System.nanoTime();
        CandidateSet candidates = CandidateGenerator.generate(rules, selPoints, selS,
                CandidateGenerator.Settings.defaults(), binding.limits(), random,
                control(JobPhase.JOB_PHASE_CANDIDATES, 0.55, 0.65));
        int c = candidates.count();
        double[] selThreshold = threshold(selField);
        CandidateRows rows = CandidateRows.evaluate(selPoints, selS, candidates.lineups(), roster, c, scorer,
                rowNeeds(selThreshold), control(JobPhase.JOB_PHASE_CANDIDATES, 0.65, 0.7));
        phaseMillis.put("candidates", ms(t0));

        t0 = System.nanoTime();
        double[] candidateMeans = rows.means();
        RunControl selecting = control(JobPhase.JOB_PHASE_SELECTING, 0.7, 0.9);
        MarginalObjective objective = switch (plan.objective()) {
            case OBJECTIVE_TAIL_UPSIDE -> Objectives.tailUpside(rows.tailHits(), selS);
            case OBJECTIVE_TOURNAMENT_EQUITY ->
                    Objectives.tournamentEquity(rows.matrix(), c, selS, selField, plan.portfolioSize(), selecting);
            case OBJECTIVE_CVAR -> Objectives.modular(rows.cvars());
            default -> Objectives.modular(candidateMeans);
        };
        PortfolioSelection selection = new PortfolioSelector(rules, binding.limits())
                .select(candidates.masks(), c, objective, candidateMeans, selecting);
        phaseMillis.put("selecting", ms(t0));

        t0 = System.nanoTime();
        selecting.check();
        progress.report(JobPhase.JOB_PHASE_DIAGNOSTICS, 0.9, "reporting");
        int[] lineups = chosenLineups(candidates, selection, roster);
        OptimizeResult.Builder result = report(candidates, selection, lineups, opponents, payouts, selField,
                diagnostics);
        phaseMillis.put("diagnostics", ms(t0));
        if (validation != null && selection.size() > 0) {
            t0 = System.nanoTime();
            progress.report(JobPhase.JOB_PHASE_DIAGNOSTICS, 0.95,
                    "validating on " + validation.count() + " fresh scenarios");
            result.setOutOfSample(outOfSample(lineups, selection.size(), ownership, payouts));
            phaseMillis.put("validating", ms(t0));
        }
        return result.build();
    }

    /** The chosen candidates' drivers, lineup i at [i * roster, (i + 1) * roster). */
    private static int[] chosenLineups(CandidateSet candidates, PortfolioSelection selection, int roster) {
        int[] lineups = new int[selection.size() * roster];
        for (int i = 0; i < selection.size(); i++) {
            System.arraycopy(candidates.lineups(), selection.chosen()[i] * roster, lineups, i * roster, roster);
        }
        return lineups;
    }

    /**
     * The portfolio on the validation scenarios, against opponents sampled afresh from the same ownership (the
     * in-sample field's opponents took part in choosing the lineups too).
     */
    private slipstream.proto.v1.OutOfSample outOfSample(int[] lineups, int p, double[] ownership, PayoutTable payouts) {
        int v = validation.count();
        RunControl none = cancellationOnly();
        RandomSource fresh = random.shifted(VALIDATION_INDEX_SHIFT);
        OpponentField opponents = OpponentField.sample(fieldRules(), ownership, plan.contest().simulatedOpponents(),
                fresh, 100, none);
        double[] rows = score(validation, lineups, p);
        Contest played = contest(rows, p, validation, opponents, payouts, null);
        ContestOutcome contest = played.outcome();
        double[] threshold = played.threshold();
        LineupStats[] stats = lineupStats(rows, p, v, played, regimes(validation));
        Assessment objective = assess(rows, p, v, threshold, contest, stats, fresh);
        slipstream.proto.v1.OutOfSample.Builder out = slipstream.proto.v1.OutOfSample.newBuilder().setScenarios(v)
                .setObjectiveValue(objective.value()).setObjectiveValueSe(objective.stability().sd())
                .setContest(contestMessage(contest));
        String unstable = objective.stability().warning();
        if (unstable != null && !unstable.isEmpty()) {
            out.addWarnings(unstable);
        }
        for (int i = 0; i < p; i++) {
            out.addLineupEquity(contest.equityPerLineup()[i]).addLineupMeanPoints(stats[i].mean());
        }
        return out.build();
    }

    /** The chosen lineups' points in every scenario of a set, rows[i * count + k]; cancellable between calls. */
    private double[] score(Scenarios set, int[] lineups, int p) {
        int s = set.count();
        int roster = binding.rules().roster();
        double[] rows = new double[p * s];
        int group = Math.max(1, SCORE_CHUNK / Math.max(1, s));
        if (group >= p) {
            scorer.scoreAll(set.points(), s, lineups, roster, p, rows);
            return rows;
        }
        RunControl none = cancellationOnly();
        double[] chunk = new double[group * s];
        for (int from = 0; from < p; from += group) {
            none.check();
            int to = Math.min(p, from + group);
            // Lineups [from, to) over all scenarios are one contiguous run of rows.
            scorer.score(set.points(), s, 0, s, lineups, roster, from, to, chunk);
            System.arraycopy(chunk, 0, rows, from * s, (to - from) * s);
        }
        return rows;
    }

    /**
     * A portfolio's contest outcome (null without lineups), each scenario's tail threshold, and the field's top
     * scores per reported top fraction, fieldTop[k][s].
     */
    private record Contest(ContestOutcome outcome, double[] threshold, double[][] fieldTop) {}

    /**
     * The portfolio's contest over a scenario set, in one field: the given one when it covers the set, else fields
     * simulated range by range ({@link #CONTEST_RANGE}), with the same results as one field over all.
     */
    private Contest contest(double[] rows, int p, Scenarios set, OpponentField opponents, PayoutTable payouts,
                            ContestField covering) {
        RunControl none = cancellationOnly();
        int s = set.count();
        if (covering != null && covering.scenarios() == s) {
            return new Contest(p == 0 ? null : ContestOutcome.evaluate(rows, p, covering, none), threshold(covering),
                    fieldTop(covering));
        }
        double[] threshold = new double[s];
        double[][] fieldTop = new double[plan.reportTopFractions().size()][s];
        ContestOutcome.Accumulator outcome = new ContestOutcome.Accumulator(p, s, payouts);
        for (int from = 0; from < s; from += CONTEST_RANGE) {
            int to = Math.min(s, from + CONTEST_RANGE);
            boolean whole = to - from == s;
            ContestField field = ContestField.simulate(whole ? set.points() : set.pointsIn(from, to), to - from,
                    opponents, payouts, plan.portfolioSize(), scorer, none);
            System.arraycopy(threshold(field), 0, threshold, from, to - from);
            double[][] top = fieldTop(field);
            for (int k = 0; k < top.length; k++) {
                System.arraycopy(top[k], 0, fieldTop[k], from, to - from);
            }
            if (p > 0) {
                outcome.add(whole ? rows : Scenarios.columns(rows, p, s, from, to), field, from, none);
            }
        }
        return new Contest(p == 0 ? null : outcome.finish(), threshold, fieldTop);
    }

    /** The slate as the opponents see it, with the contest's opponent salary floor. */
    private SlateRules fieldRules() {
        return binding.rules().forField(plan.contest().opponentSalaryFloor());
    }

    /** The field's top score per scenario for each reported top fraction. */
    private double[][] fieldTop(ContestField field) {
        return plan.reportTopFractions().stream().map(field::thresholds).toArray(double[][]::new);
    }

    /** Each scenario's regime (index into {@link Regimes#NAMES}). */
    private int[] regimes(Scenarios set) {
        int[] regimes = new int[set.count()];
        Regimes.classify(set.topLapsLedShare(spec.raceLaps()), set.dnfCount(), set.cautionShare(),
                Regimes.Rules.defaults(), regimes);
        return regimes;
    }

    /**
     * Each lineup's statistics over the s scenarios of rows. One partial sort per lineup
     * ({@link TailMeasures#orderForTails}) serves its quantiles and CVaRs; lineups are independent, so in parallel.
     */
    private LineupStats[] lineupStats(double[] rows, int p, int s, Contest played, int[] regimes) {
        LineupStats[] stats = new LineupStats[p];
        double[] cvarLevels = LineupStats.cvarLevels(plan.reportCvarLevels(), plan.cvarAlpha());
        RunControl none = cancellationOnly();
        ThreadLocal<OrderBuffers> buffers = OrderBuffers.perThread(s);
        IntStream.range(0, p).parallel().forEach(i -> {
            none.check(); // a million-scenario sort takes ~0.1 s: cancellation is seen between them
            stats[i] = LineupStats.of(rows, i * s, s, played.threshold(), played.fieldTop(), regimes, cvarLevels,
                    buffers.get(), scorer);
        });
        return stats;
    }

    /**
     * A thread's buffers for {@link TailMeasures#orderForTails} over rows of s scenarios, reused row after row (a
     * fresh pair per row was 18 MB per call for 150 lineups of 10,000 scenarios).
     */
    private record OrderBuffers(double[] ordered, int[] counts) {
        static ThreadLocal<OrderBuffers> perThread(int s) {
            return ThreadLocal.withInitial(() -> new OrderBuffers(new double[s], new int[s + 1]));
        }
    }

    /** The tail threshold per scenario of a field: the request's fixed one, else the field's top-1% score. */
    private double[] threshold(ContestField field) {
        return plan.tailThreshold() > 0 ? constant(field.scenarios(), plan.tailThreshold())
                : field.thresholds(TOP_FRACTION);
    }

    /** Only tournament equity needs every candidate score; the other objectives need one value per candidate. */
    private CandidateRows.Needs rowNeeds(double[] threshold) {
        return switch (plan.objective()) {
            case OBJECTIVE_TAIL_UPSIDE -> new CandidateRows.Needs(Double.NaN, threshold, false);
            case OBJECTIVE_TOURNAMENT_EQUITY -> new CandidateRows.Needs(Double.NaN, null, true);
            case OBJECTIVE_CVAR -> new CandidateRows.Needs(plan.cvarAlpha(), null, false);
            default -> CandidateRows.Needs.meansOnly();
        };
    }

    private OptimizeResult.Builder report(CandidateSet candidates, PortfolioSelection selection, int[] lineups,
                                          OpponentField opponents, PayoutTable payouts, ContestField selField,
                                          OptimizeDiagnostics.Builder diagnostics) {
        int roster = binding.rules().roster();
        int s = all.count();
        int p = selection.size();
        double[] rows = score(all, lineups, p);
        // Selection saw every scenario unless there are more than SELECTION_SCENARIOS: then its field is reused.
        Contest played = contest(rows, p, all, opponents, payouts, selField);
        double[] threshold = played.threshold();
        ContestOutcome contest = played.outcome();

        int[] regimes = regimes(all);
        double[] mix = Regimes.mix(regimes);

        OptimizeResult.Builder out = OptimizeResult.newBuilder();
        for (int r = 0; r < Regimes.NAMES.length; r++) {
            out.putRegimeMix(Regimes.NAMES[r], mix[r]);
        }
        Explanation.Builder explanation = Explanation.newBuilder();
        LineupStats[] stats = lineupStats(rows, p, s, played, regimes);
        String[] cvarKeys = plan.reportCvarLevels().stream().map(PortfolioPipeline::levelKey).toArray(String[]::new);
        String[] topKeys = plan.reportTopFractions().stream().map(PortfolioPipeline::levelKey).toArray(String[]::new);
        // Each lineup's message is its own; they are built in parallel and added in order.
        LineupReport[] reports = new LineupReport[p];
        IntStream.range(0, p).parallel().forEach(i -> reports[i] = lineupReport(i,
                java.util.Arrays.copyOfRange(lineups, i * roster, (i + 1) * roster), stats[i],
                contest == null ? 0 : contest.equityPerLineup()[i], cvarKeys, topKeys));
        List<int[]> chosenLineups = new ArrayList<>();
        for (LineupReport report : reports) {
            chosenLineups.add(report.drivers());
            out.addLineups(report.message());
            explanation.addLineupNotes(report.note());
        }
        projections(out, selection, p);
        if (contest != null) {
            out.setContest(contestMessage(contest));
        }
        Assessment objective = assess(rows, p, s, threshold, contest, stats, random);
        BootstrapStability.Result stability = objective.stability();
        out.setObjectiveValue(objective.value());
        diagnostics.setBootstrapCv(stability.cv());
        if (stability.warning() != null && !stability.warning().isEmpty()) {
            diagnostics.addWarnings(stability.warning());
        }
        if (selection.note() != null && !selection.note().isEmpty()) {
            diagnostics.addWarnings(selection.note());
        }
        diagnostics.setScenarios(s).setCandidatesEvaluated(candidates.count())
                .setSolverStatus(solverStatus(selection));
        Map<String, Long> rejections = new LinkedHashMap<>(candidates.rejections());
        selection.rejections().forEach((k, v) -> rejections.merge(k, v, Long::sum));
        opponents.rejections().forEach((k, v) -> rejections.merge("field:" + k, v, Long::sum));
        rejections.forEach((k, v) -> {
            if (v > 0) {
                diagnostics.addRejections(Rejection.newBuilder().setReason(k).setCount((int) Math.min(Integer.MAX_VALUE, v)));
            }
        });
        long[] chosenMasks = java.util.Arrays.stream(selection.chosen()).mapToLong(c -> candidates.masks()[c]).toArray();
        explanation.addAllBindingConstraints(BindingConstraints.of(binding, selection, chosenMasks,
                plan.minUniqueDrivers()));
        out.setExplanation(explanation).setDraftkingsCsv(DraftKingsCsv.of(spec, chosenLineups));
        return out;
    }

    /** One lineup as reported: its drivers by salary (highest first, then id), its message and its note. */
    private record LineupReport(int[] drivers, Lineup message, String note) {}

    private LineupReport lineupReport(int i, int[] lineup, LineupStats st, double equity, String[] cvarKeys,
                                      String[] topKeys) {
        List<ConstraintSpec.Entry> entries = spec.entries();
        int[] drivers = IntStream.of(lineup).boxed()
                .sorted((a, b) -> entries.get(a).salary() != entries.get(b).salary()
                        ? Integer.compare(entries.get(b).salary(), entries.get(a).salary())
                        : entries.get(a).driverId().compareTo(entries.get(b).driverId()))
                .mapToInt(Integer::intValue).toArray();
        int salary = 0;
        Lineup.Builder l = Lineup.newBuilder();
        for (int d : drivers) {
            l.addDriverIds(entries.get(d).driverId()).addDriverNames(entries.get(d).driverName());
            salary += entries.get(d).salary();
        }
        l.setSalary(salary).setMeanPoints(st.mean()).setP50Points(st.p50()).setP90Points(st.p90())
                .setP99Points(st.p99()).setTailProbability(st.tailProbability()).setEquity(equity);
        for (int k = 0; k < cvarKeys.length; k++) {
            l.putCvar(cvarKeys[k], st.cvar(k));
        }
        for (int k = 0; k < topKeys.length; k++) {
            l.putTopProbability(topKeys[k], st.topProbability()[k]);
        }
        for (int r = 0; r < Regimes.NAMES.length; r++) {
            if (!Double.isNaN(st.byRegime()[r])) {
                l.putRegimeMeanPoints(Regimes.NAMES[r], st.byRegime()[r]);
            }
        }
        String note = String.format(Locale.ROOT,
                "lineup %d: mean %.1f, p99 %.1f, CVaR95 %.1f (upside %+.1f over the mean), P(beat threshold) %.3f",
                i + 1, st.mean(), st.p99(), st.cvar95(), st.cvar95() - st.mean(), st.tailProbability());
        return new LineupReport(drivers, l.build(), note);
    }

    /** A driver's reported quantiles: p10, p50, p90. */
    private static final double[] PROJECTION_QUANTILES = {0.1, 0.5, 0.9};
    private static final double[] NO_LEVELS = {};

    private void projections(OptimizeResult.Builder out, PortfolioSelection selection, int p) {
        int s = all.count();
        DriverProjection[] projections = new DriverProjection[binding.rules().drivers()];
        // Drivers are independent: in parallel, one partial sort each for the three quantiles.
        RunControl none = cancellationOnly();
        ThreadLocal<OrderBuffers> buffers = OrderBuffers.perThread(s);
        IntStream.range(0, projections.length).parallel().forEach(d -> {
            none.check();
            int off = d * s;
            double mean = TailMeasures.mean(all.points(), off, s);
            double var = 0;
            int wins = 0;
            double finish = 0;
            for (int k = 0; k < s; k++) {
                double x = all.points()[off + k] - mean;
                var += x * x;
                wins += all.finish()[off + k] == 1 ? 1 : 0;
                finish += all.finish()[off + k];
            }
            double[] ordered = buffers.get().ordered();
            TailMeasures.orderForTails(all.points(), off, s, PROJECTION_QUANTILES, NO_LEVELS, ordered,
                    buffers.get().counts());
            ConstraintSpec.Entry e = spec.entries().get(d);
            projections[d] = DriverProjection.newBuilder().setDriverId(e.driverId()).setMeanPoints(mean)
                    .setSdPoints(Math.sqrt(var / Math.max(1, s - 1)))
                    .setP10Points(TailMeasures.sortedQuantile(ordered, s, PROJECTION_QUANTILES[0]))
                    .setP50Points(TailMeasures.sortedQuantile(ordered, s, PROJECTION_QUANTILES[1]))
                    .setP90Points(TailMeasures.sortedQuantile(ordered, s, PROJECTION_QUANTILES[2]))
                    .setWinProbability(wins / (double) s).setMeanFinish(finish / s)
                    .setExposure(p == 0 ? 0 : selection.driverCounts()[d] / (double) p).setSalary(e.salary()).build();
        });
        for (DriverProjection projection : projections) {
            out.addProjections(projection);
        }
    }

    private static slipstream.proto.v1.ContestOutcome contestMessage(ContestOutcome contest) {
        return slipstream.proto.v1.ContestOutcome.newBuilder().setRoi(contest.roi()).setRoiSe(contest.roiSe())
                .setCashRate(contest.cashRate()).setCashRateSe(contest.cashRateSe())
                .setWinRate(contest.winRate()).setWinRateSe(contest.winRateSe())
                .setRandomEntryReturn(contest.randomEntryReturn()).build();
    }

    /** A portfolio's objective value and its spread over bootstrap resamples of the scenarios. */
    private record Assessment(double value, BootstrapStability.Result stability) {}

    /**
     * The objective of the p lineups whose points are rows[i * s + k], exactly (CVAR sums each lineup's CVaR, the
     * others average their per-scenario value), and its bootstrap spread.
     */
    private Assessment assess(double[] rows, int p, int s, double[] threshold, ContestOutcome contest,
                              LineupStats[] stats, RandomSource draws) {
        if (p == 0) {
            return new Assessment(0, new BootstrapStability.Result(0, 0, 0, "no lineup could be chosen"));
        }
        if (plan.objective() == Objective.OBJECTIVE_CVAR) {
            double total = 0;
            for (LineupStats lineup : stats) {
                total += lineup.objectiveCvar();
            }
            return new Assessment(total, BootstrapStability.ofCvar(rows, p, s, plan.cvarAlpha(), BOOTSTRAP_RESAMPLES,
                    BootstrapStability.DEFAULT_WARN_CV, draws, scorer, cancellationOnly()));
        }
        double[] perScenario = perScenario(rows, p, s, threshold, contest);
        return new Assessment(TailMeasures.mean(perScenario, 0, s), BootstrapStability.ofMean(perScenario,
                BootstrapStability.DEFAULT_WARN_CV));
    }

    /** Per scenario: MEAN_POINTS the lineups' total, TAIL_UPSIDE 1 when any beats the threshold, equity the payout. */
    private double[] perScenario(double[] rows, int p, int s, double[] threshold, ContestOutcome contest) {
        if (plan.objective() == Objective.OBJECTIVE_TOURNAMENT_EQUITY) {
            return contest.payoutPerScenario();
        }
        double[] perScenario = new double[s];
        boolean tail = plan.objective() == Objective.OBJECTIVE_TAIL_UPSIDE;
        // Lineup by lineup, so that each row is read in order (scenario by scenario the reads strode across all the
        // rows); each scenario's total still adds the lineups in the same order.
        for (int i = 0; i < p; i++) {
            int off = i * s;
            if (tail) {
                for (int k = 0; k < s; k++) {
                    perScenario[k] = Math.max(perScenario[k], rows[off + k] > threshold[k] ? 1 : 0);
                }
            } else {
                for (int k = 0; k < s; k++) {
                    perScenario[k] += rows[off + k];
                }
            }
        }
        return perScenario;
    }

    private String solverStatus(PortfolioSelection selection) {
        boolean single = plan.portfolioSize() == 1 && plan.objective() == Objective.OBJECTIVE_MEAN_POINTS;
        return single && selection.size() == 1 ? "OPTIMAL" : selection.status();
    }

    private double[] ownership(double[] means, SlateRules rules) {
        return binding.givenOwnership() != null ? binding.givenOwnership()
                : Ownership.defaultFrom(means, salaries(), rules.slateEligible(), rules.roster());
    }

    private int[] salaries() {
        return spec.entries().stream().mapToInt(ConstraintSpec.Entry::salary).toArray();
    }

    private PayoutTable payoutTable() {
        OptimizePlan.Contest c = plan.contest();
        if (c.payouts().isEmpty()) {
            return PayoutTable.defaultTable(c.fieldSize(), c.entryFee(), c.rake());
        }
        int k = c.payouts().size();
        int[] first = new int[k];
        int[] last = new int[k];
        double[] share = new double[k];
        for (int i = 0; i < k; i++) {
            first[i] = c.payouts().get(i).getFirstRank();
            last[i] = c.payouts().get(i).getLastRank();
            share[i] = c.payouts().get(i).getShare();
        }
        return PayoutTable.fromTiers(c.fieldSize(), c.entryFee(), c.rake(), first, last, share);
    }

    private static double[] constant(int s, double v) {
        double[] out = new double[s];
        java.util.Arrays.fill(out, v);
        return out;
    }

    /**
     * One lineup's reported statistics over a set of scenarios.
     *
     * @param cvars upper-tail CVaR at each of {@link #cvarLevels}: 0.95 first, then the requested levels, then
     *              the CVAR objective's level
     */
    private record LineupStats(double mean, double p50, double p90, double p99, double tailProbability,
                               double[] topProbability, double[] cvars, double[] byRegime) {
        /** The reported quantiles: p50, p90, p99. */
        private static final double[] QUANTILES = {0.5, 0.9, 0.99};

        /** The CVaR levels to compute: 0.95 (for the notes), the requested ones, and the objective's. */
        static double[] cvarLevels(List<Double> requested, double objectiveAlpha) {
            double[] levels = new double[requested.size() + 2];
            levels[0] = 0.95;
            for (int k = 0; k < requested.size(); k++) {
                levels[k + 1] = requested.get(k);
            }
            levels[levels.length - 1] = objectiveAlpha;
            return levels;
        }

        static LineupStats of(double[] rows, int off, int s, double[] threshold, double[][] fieldTop, int[] regimes,
                              double[] cvarLevels, OrderBuffers buffers, LineupScorer scorer) {
            double[] ordered = buffers.ordered();
            TailMeasures.orderForTails(rows, off, s, QUANTILES, cvarLevels, ordered, buffers.counts());
            double[] cvars = new double[cvarLevels.length];
            for (int k = 0; k < cvars.length; k++) {
                cvars[k] = TailMeasures.sortedCvarUpper(ordered, s, cvarLevels[k]);
            }
            double[] top = new double[fieldTop.length];
            for (int k = 0; k < top.length; k++) {
                top[k] = (double) scorer.countAbove(rows, off, s, fieldTop[k]) / s;
            }
            return new LineupStats(TailMeasures.mean(rows, off, s), TailMeasures.sortedQuantile(ordered, s, QUANTILES[0]),
                    TailMeasures.sortedQuantile(ordered, s, QUANTILES[1]),
                    TailMeasures.sortedQuantile(ordered, s, QUANTILES[2]),
                    (double) scorer.countAbove(rows, off, s, threshold) / s, top, cvars,
                    Regimes.meanByRegime(rows, off, regimes));
        }

        double cvar95() {
            return cvars[0];
        }

        /** CVaR at the CVAR objective's level (cvar_alpha). */
        double objectiveCvar() {
            return cvars[cvars.length - 1];
        }

        /** CVaR at the k-th requested level. */
        double cvar(int k) {
            return cvars[k + 1];
        }
    }

    /** A reported level's map key, as the request wrote it: "0.95", "0.975", "0.001". */
    static String levelKey(double level) {
        return java.math.BigDecimal.valueOf(level).stripTrailingZeros().toPlainString();
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
