package slipstream.server.calibration;

import com.google.protobuf.util.JsonFormat;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import slipstream.kernels.mcmc.Diagnostics;
import slipstream.kernels.mcmc.Nuts;
import slipstream.kernels.mcmc.NutsConfig;
import slipstream.kernels.mcmc.NutsListener;
import slipstream.kernels.mcmc.NutsResult;
import slipstream.kernels.model.ParameterLayout;
import slipstream.kernels.model.RaceModelData;
import slipstream.kernels.model.Parameterisation;
import slipstream.kernels.model.RaceModelDensity;
import slipstream.kernels.model.UnpooledFit;
import slipstream.kernels.race.RaceSimulator;
import slipstream.kernels.race.ScoringTable;
import slipstream.kernels.rng.RandomStream;
import slipstream.proto.v1.CalibrateRequest;
import slipstream.proto.v1.CalibrationProgress;
import slipstream.proto.v1.CalibrationResult;
import slipstream.proto.v1.CalibrationStatus;
import slipstream.proto.v1.ConvergenceDiagnostics;
import slipstream.proto.v1.HeldOutMetrics;
import slipstream.proto.v1.JobPhase;
import slipstream.proto.v1.Lineage;
import slipstream.proto.v1.ParameterSummary;
import slipstream.proto.v1.TrackArchetype;
import slipstream.server.config.SlipstreamConfig;
import slipstream.server.error.FailedPreconditionException;
import slipstream.server.error.PreconditionViolation;
import slipstream.server.store.DuckDb;
import slipstream.server.telemetry.FeatureService;
import slipstream.server.telemetry.TrainingData;

/**
 * Calibrate: as-of features, a NUTS fit of the hierarchical race model, the convergence gate, held-out scoring
 * by simulation, post-hoc recalibration chosen on a validation split, baselines, and a content-addressed,
 * append-only calibration version with ArviZ-readable artifacts.
 *
 * <p>Splits: the last season of the training window (or its last fifth of races when it holds one season) is
 * the validation split: the model is fitted on the rest, and recalibration methods are chosen on validation.
 * Held-out races are only ever scored.
 */
@Singleton
public class CalibrationService {
    private static final String RACE_MODEL_MARK = "+race.";
    private static final Logger LOG = LoggerFactory.getLogger(CalibrationService.class);

    static final double MAX_RHAT = 1.01;
    static final double MIN_ESS = 400;
    static final double MIN_EBFMI = 0.3;
    private static final int SCORING_DRAWS = 400;
    private static final int PIT_PURPOSE = 0x5C0_0001;

    /** Receives progress messages (already coalesced downstream). */
    @FunctionalInterface
    public interface Progress {
        void report(CalibrationProgress progress);
    }

    private final FeatureService features;
    private final CalibrationStore store;
    private final DuckDb db;
    private final SlipstreamConfig config;

    public CalibrationService(FeatureService features, CalibrationStore store, DuckDb db, SlipstreamConfig config) {
        this.features = features;
        this.store = store;
        this.db = db;
        this.config = config;
    }

    /** Fits, scores and stores; FAILED_PRECONDITION (the attempt is stored) when a convergence gate fails. */
    public CalibrationResult calibrate(CalibrateRequest request, CalibrationPlan plan, Progress progress,
                                       BooleanSupplier cancelled) {
        CalibrationResult done = attempt(request, plan, progress, cancelled);
        if (done.getStatus() == CalibrationStatus.CALIBRATION_STATUS_FAILED_GATE) {
            throw notConverged(done);
        }
        return done;
    }

    /** The error a stored failed attempt ends its RPC with: the gates that failed and the suggestion. */
    static FailedPreconditionException notConverged(CalibrationResult failed) {
        List<PreconditionViolation> violations = new ArrayList<>();
        for (String gate : failed.getDiagnostics().getFailedGatesList()) {
            violations.add(new PreconditionViolation("CONVERGENCE", gate, gateDetail(gate, failed.getDiagnostics())));
        }
        return new FailedPreconditionException("CALIBRATION_NOT_CONVERGED", "calibration " + failed.getCalibrationId()
                + " failed its convergence gates and was stored as a failed attempt. " + failed.getSuggestion(),
                violations);
    }

    /** Fits, scores and stores, converged or not (a failed gate is in the result's status and diagnostics). */
    public CalibrationResult attempt(CalibrateRequest request, CalibrationPlan plan, Progress progress,
                                     BooleanSupplier cancelled) {
        Map<String, Double> phaseMillis = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        progress.report(phase(JobPhase.JOB_PHASE_FEATURES, 0, "building as-of features"));
        Set<String> archetypes = plan.archetypes().stream()
                .map(a -> a.name().substring("TRACK_ARCHETYPE_".length())).collect(Collectors.toSet());
        TrainingData train = features.dataset(plan.train().from(), plan.train().to(), archetypes, List.of());
        TrainingData holdout = features.dataset(plan.holdout().from(), plan.holdout().to(), archetypes, List.of());
        requireRaces(train, "train_seasons", plan.train());
        requireRaces(holdout, "holdout_seasons", plan.holdout());
        RaceTable trainTable = RaceTable.of(train, train.scaling());
        RaceTable heldOutTable = RaceTable.of(holdout, train.scaling());
        RaceTable[] split = splitValidation(trainTable);
        RaceTable fitTable = split[0];
        RaceTable validationTable = split[1];
        ModelScaling scaling = ModelScaling.of(train.featureNames(), train.scaling());
        phaseMillis.put("features", ms(t0));

        t0 = System.nanoTime();
        RaceModelData data = fitTable.toModelData();
        ParameterLayout layout = data.layout();
        NutsConfig nutsConfig = new NutsConfig(plan.chains(), plan.warmup(), plan.draws(), plan.seed(),
                plan.targetAccept(), plan.maxTreeDepth());
        NutsResult nuts = sample(data, nutsConfig, plan.denseMetric(), progress, cancelled);
        double samplingSeconds = java.util.Arrays.stream(nuts.samplingSeconds()).sum();
        phaseMillis.put("nuts", ms(t0));

        ConvergenceDiagnostics diagnostics = diagnose(nuts, layout, samplingSeconds);
        boolean converged = diagnostics.getFailedGatesCount() == 0;

        t0 = System.nanoTime();
        progress.report(phase(JobPhase.JOB_PHASE_SCORING, 0.9, "simulating held-out races"));
        double[][] draws = pooledDraws(nuts, SCORING_DRAWS);
        HeldOutEvaluator evaluator = new HeldOutEvaluator(ScoringTable.DRAFTKINGS_CLASSIC);
        HeldOutEvaluator.Evaluation scored = evaluator.evaluate(heldOutTable, draws, layout, plan.scoringScenarios(),
                plan.seed(), cancelled, f -> progress.report(phase(JobPhase.JOB_PHASE_SCORING, 0.9 + 0.05 * f, "scoring")));
        HeldOutEvaluator.Evaluation validation = evaluator.evaluate(validationTable, draws, layout,
                plan.scoringScenarios(), plan.seed() + 1, cancelled, f -> { });
        var reliability = EventRecalibration.evaluate(validation.events(), scored.events());
        var baselines = Baselines.score(fitTable, heldOutTable, pitUniforms(heldOutTable, plan.seed()));
        phaseMillis.put("scoring", ms(t0));

        t0 = System.nanoTime();
        progress.report(phase(JobPhase.JOB_PHASE_PERSISTING, 0.97, "writing the calibration"));
        String requestJson = canonical(request);
        List<String> lineage = new ArrayList<>(train.telemetrySnapshotIds());
        lineage.add(train.datasetId());
        lineage.add(holdout.datasetId());
        String id = CalibrationArtifacts.contentId(requestJson + "|" + codeVersion(), lineage, nuts.draws());
        List<String> names = List.of(layout.names());
        CalibrationResult.Builder result = CalibrationResult.newBuilder().setCalibrationId(id)
                .setStatus(converged ? CalibrationStatus.CALIBRATION_STATUS_CONVERGED : CalibrationStatus.CALIBRATION_STATUS_FAILED_GATE)
                .setDiagnostics(diagnostics).addAllMetrics(scored.metrics()).addAllBaselines(baselines)
                .addAllReliability(reliability).addAllJointEvents(scored.joint()).addAllPredictiveChecks(scored.checks())
                .setLineage(Lineage.newBuilder().addAllTelemetrySnapshotIds(train.telemetrySnapshotIds())
                        .setFeatureSnapshotId(train.datasetId()).setSeed(plan.seed()).setCodeVersion(codeVersion())
                        .setRequestJson(requestJson))
                .setSuggestion(converged ? "" : suggestion(diagnostics, plan.targetAccept()));
        result.addAllArtifacts(CalibrationArtifacts.write(config.dataPath(), id, names, nuts, fitTable, reliability,
                scored.pit(), scored.checks(), db, Map.of("inference_library", "slipstream NUTS",
                        "calibration_id", id, "parameter_names", String.join(",", names))));
        phaseMillis.put("persisting", ms(t0));
        result.putAllPhaseMillis(phaseMillis);
        result.addArtifacts(CalibrationArtifacts.writeMetrics(config.dataPath(), id, result.build()));
        CalibrationResult done = result.build();
        double rps = overall(done).getRps();
        store.put(done, plan.train().label(), plan.holdout().label(), scored.races(), rps, names, scaling, flatten(nuts));
        return done;
    }

    private NutsResult sample(RaceModelData data, NutsConfig nutsConfig, boolean denseMetric, Progress progress,
                              BooleanSupplier cancelled) {
        int total = nutsConfig.warmup() + nutsConfig.draws();
        AtomicIntegerArray done = new AtomicIntegerArray(nutsConfig.chains());
        NutsListener listener = (phase, chain, iteration, iterations, divergences, stepSize) -> {
            done.set(chain, phase == NutsListener.Phase.WARMUP ? iteration : nutsConfig.warmup() + iteration);
            long sum = 0;
            for (int c = 0; c < done.length(); c++) {
                sum += done.get(c);
            }
            progress.report(CalibrationProgress.newBuilder()
                    .setPhase(phase == NutsListener.Phase.WARMUP ? JobPhase.JOB_PHASE_WARMUP : JobPhase.JOB_PHASE_SAMPLING)
                    .setChain(chain).setIteration(iteration).setTotalIterations(iterations).setDivergences(divergences)
                    .setStepSize(stepSize).setFractionDone(0.05 + 0.85 * sum / ((double) total * done.length()))
                    .build());
        };
        // Chains run on their own threads (at most one per core), not on the compute pool that runs this job,
        // so a job never waits on work queued behind itself.
        int threads = Math.max(1, Math.min(nutsConfig.chains(), Runtime.getRuntime().availableProcessors()));
        ExecutorService chains = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "nuts-chain");
            t.setDaemon(true);
            return t;
        });
        try {
            // Coefficients the data pin more tightly than the archetypes differ sample better centred (see
            // Parameterisation); draws are stored non-centred either way.
            UnpooledFit unpooled = UnpooledFit.of(data);
            int[] races = data.racesPerArchetype();
            Parameterisation parameterisation = Parameterisation.choose(unpooled, races);
            LOG.info("parameterisation: tau estimates {} (alpha last), unpooled beta se {}, alpha se {}; centred {}",
                    rounded(Parameterisation.tauEstimates(unpooled, races)), rounded(unpooled.betaSe()),
                    rounded(unpooled.alphaSe()), parameterisation.centredNames(data.layout()));
            NutsResult result = Nuts.sample(() -> new RaceModelDensity(data, parameterisation), nutsConfig, chains,
                    listener, cancelled, denseMetric);
            result.transformDraws(draw -> parameterisation.toNonCentred(data.layout(), draw));
            return result;
        } finally {
            chains.shutdownNow();
        }
    }

    private static String rounded(double[] values) {
        return java.util.Arrays.stream(values).mapToObj(v -> String.format(java.util.Locale.ROOT, "%.3f", v))
                .collect(Collectors.joining(" ", "[", "]"));
    }

    static ConvergenceDiagnostics diagnose(NutsResult nuts, ParameterLayout layout, double samplingSeconds) {
        ConvergenceDiagnostics.Builder d = ConvergenceDiagnostics.newBuilder();
        double maxRhat = 0;
        double minBulk = Double.POSITIVE_INFINITY;
        double minTail = Double.POSITIVE_INFINITY;
        for (int j = 0; j < layout.dimension(); j++) {
            double[][] x = nuts.parameter(j);
            double[] all = Diagnostics.flatten(x);
            double[] sorted = all.clone();
            java.util.Arrays.sort(sorted);
            double mean = java.util.Arrays.stream(all).average().orElse(Double.NaN);
            double var = 0;
            for (double v : all) {
                var += (v - mean) * (v - mean);
            }
            double rhat = Diagnostics.rhat(x);
            double bulk = Diagnostics.essBulk(x);
            double tail = Diagnostics.essTail(x);
            maxRhat = Math.max(maxRhat, Double.isNaN(rhat) ? Double.POSITIVE_INFINITY : rhat);
            minBulk = Math.min(minBulk, Double.isNaN(bulk) ? 0 : bulk);
            minTail = Math.min(minTail, Double.isNaN(tail) ? 0 : tail);
            d.addParameters(ParameterSummary.newBuilder().setName(layout.name(j)).setMean(mean)
                    .setSd(Math.sqrt(var / Math.max(1, all.length - 1))).setQ5(sorted[(int) (0.05 * (sorted.length - 1))])
                    .setQ95(sorted[(int) (0.95 * (sorted.length - 1))]).setRhat(rhat).setEssBulk(bulk).setEssTail(tail)
                    .setMcseMean(Diagnostics.mcseMean(x)));
        }
        double[] ebfmi = nuts.ebfmi();
        d.setMaxRhat(maxRhat).setMinEssBulk(minBulk).setMinEssTail(minTail).setDivergences(nuts.divergences())
                .setSamplingSeconds(samplingSeconds);
        for (double e : ebfmi) {
            d.addEbfmi(e);
        }
        if (!(maxRhat < MAX_RHAT)) {
            d.addFailedGates("max_rhat");
        }
        if (!(minBulk >= MIN_ESS)) {
            d.addFailedGates("min_ess_bulk");
        }
        if (!(minTail >= MIN_ESS)) {
            d.addFailedGates("min_ess_tail");
        }
        if (nuts.divergences() > 0) {
            d.addFailedGates("divergences");
        }
        if (java.util.Arrays.stream(ebfmi).anyMatch(e -> !(e >= MIN_EBFMI))) {
            d.addFailedGates("ebfmi");
        }
        return d.build();
    }

    private static String gateDetail(String gate, ConvergenceDiagnostics d) {
        return switch (gate) {
            case "max_rhat" -> String.format("max R-hat %.4f, must be < %.2f", d.getMaxRhat(), MAX_RHAT);
            case "min_ess_bulk" -> String.format("min bulk ESS %.1f, must be >= %.0f", d.getMinEssBulk(), MIN_ESS);
            case "min_ess_tail" -> String.format("min tail ESS %.1f, must be >= %.0f", d.getMinEssTail(), MIN_ESS);
            case "divergences" -> d.getDivergences() + " post-warmup divergences, must be 0";
            default -> "E-BFMI " + d.getEbfmiList() + ", every chain must be >= " + MIN_EBFMI;
        };
    }

    private static String suggestion(ConvergenceDiagnostics d, double targetAccept) {
        List<String> s = new ArrayList<>();
        if (d.getFailedGatesList().contains("divergences")) {
            s.add(targetAccept < 0.95 ? "raise target_accept (e.g. 0.95) to shrink the step size"
                    : targetAccept < 0.99 ? "raise target_accept further (e.g. 0.99) to shrink the step size"
                    : "target_accept is already " + targetAccept + ": the divergences come from the model's geometry "
                    + "(tau near zero for some feature); fewer features or a tighter prior on tau would remove them");
        }
        if (d.getFailedGatesList().contains("max_rhat")) {
            s.add("run longer warmup so the chains agree");
        }
        if (d.getFailedGatesList().contains("min_ess_bulk") || d.getFailedGatesList().contains("min_ess_tail")) {
            s.add("draw more iterations (or more chains) to reach 400 effective draws");
        }
        if (d.getFailedGatesList().contains("ebfmi")) {
            s.add("the energy distribution is poorly explored: consider reparameterising or more warmup");
        }
        return "Try: " + String.join("; ", s) + ".";
    }

    private static RaceTable[] splitValidation(RaceTable train) {
        List<RaceTable.Race> races = train.races();
        int lastSeason = races.get(races.size() - 1).season();
        boolean multiSeason = races.get(0).season() != lastSeason;
        int cut = multiSeason ? (int) races.stream().filter(r -> r.season() != lastSeason).count()
                : Math.max(1, races.size() - Math.max(1, races.size() / 5));
        if (cut >= races.size()) {
            cut = races.size() - 1;
        }
        if (cut < 1) {
            throw new FailedPreconditionException("TOO_FEW_RACES", "the training window needs at least two races "
                    + "(one to fit, one to validate the recalibration)",
                    List.of(new PreconditionViolation("DATA", "train_seasons", "only " + races.size() + " race(s)")));
        }
        return new RaceTable[] {new RaceTable(races.subList(0, cut), train.strengthFeatures(), train.dnfFeatures()),
                new RaceTable(races.subList(cut, races.size()), train.strengthFeatures(), train.dnfFeatures())};
    }

    private static void requireRaces(TrainingData data, String field, SeasonWindow window) {
        if (data.rows().isEmpty()) {
            throw new FailedPreconditionException("NO_RACES_IN_WINDOW", "no races of the selected archetypes are "
                    + "loaded in " + window.label() + "; ingest those seasons with TelemetryService/Ingest "
                    + "(or ./slipstream ingest) first",
                    List.of(new PreconditionViolation("DATA", field, "no races between " + window.from() + " and " + window.to())));
        }
    }

    /** Chains concatenated, thinned evenly to at most {@code max} draws. */
    private static double[][] pooledDraws(NutsResult nuts, int max) {
        List<double[]> all = new ArrayList<>();
        for (double[][] chain : nuts.draws()) {
            all.addAll(List.of(chain));
        }
        if (all.size() <= max) {
            return all.toArray(double[][]::new);
        }
        double[][] out = new double[max][];
        for (int i = 0; i < max; i++) {
            out[i] = all.get((int) ((long) i * all.size() / max));
        }
        return out;
    }

    private static double[][] flatten(NutsResult nuts) {
        List<double[]> all = new ArrayList<>();
        for (double[][] chain : nuts.draws()) {
            all.addAll(List.of(chain));
        }
        return all.toArray(double[][]::new);
    }

    private static double[] pitUniforms(RaceTable table, long seed) {
        double[] u = new double[table.observations()];
        int k = 0;
        for (int r = 0; r < table.races().size(); r++) {
            for (int d = 0; d < table.races().get(r).drivers(); d++) {
                u[k++] = RandomStream.toUniform(RandomStream.bits(seed, PIT_PURPOSE, r, d));
            }
        }
        return u;
    }

    static HeldOutMetrics overall(CalibrationResult r) {
        return r.getMetricsList().stream().filter(m -> m.getArchetype() == TrackArchetype.TRACK_ARCHETYPE_UNSPECIFIED)
                .findFirst().orElseThrow();
    }

    private static CalibrationProgress phase(JobPhase phase, double fraction, String message) {
        return CalibrationProgress.newBuilder().setPhase(phase).setFractionDone(fraction).setMessage(message).build();
    }

    private static String canonical(CalibrateRequest request) {
        try {
            return JsonFormat.printer().omittingInsignificantWhitespace().print(request);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Build version plus the race simulator's model fingerprint: held-out scores depend on the simulator's
     * constants, so a kernel change gives a new calibration id instead of returning the stored one.
     */
    static String codeVersion() {
        String v = CalibrationService.class.getPackage().getImplementationVersion();
        return (v == null ? "0.1.0-SNAPSHOT" : v) + RACE_MODEL_MARK + RaceSimulator.modelFingerprint();
    }

    /** The race simulator's model fingerprint that a calibration's code version records ("" if none). */
    public static String raceModelOf(String codeVersion) {
        int at = codeVersion.lastIndexOf(RACE_MODEL_MARK);
        return at < 0 ? "" : codeVersion.substring(at + RACE_MODEL_MARK.length());
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

}
