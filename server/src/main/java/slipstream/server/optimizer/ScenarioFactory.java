package slipstream.server.optimizer;

import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import java.util.stream.IntStream;
import slipstream.kernels.model.DrawParameters;
import slipstream.kernels.model.ParameterLayout;
import slipstream.kernels.model.RaceModelDensity;
import slipstream.kernels.model.ScalarRaceLikelihood;
import slipstream.kernels.optim.Lbfgs;
import slipstream.kernels.portfolio.RandomSource;
import slipstream.kernels.race.ArchetypeChaos;
import slipstream.kernels.race.RaceInputs;
import slipstream.kernels.race.RaceOutputs;
import slipstream.kernels.race.RaceSimulator;
import slipstream.kernels.race.ScoringTable;
import slipstream.proto.v1.HeldOutMetrics;
import slipstream.server.calibration.CalibrationService;
import slipstream.server.calibration.CalibrationStore;
import slipstream.server.calibration.ModelFeatures;
import slipstream.server.calibration.ModelScaling;
import slipstream.server.calibration.RaceTable;
import slipstream.server.error.FailedPreconditionException;
import slipstream.server.error.NotFoundException;
import slipstream.server.error.PreconditionViolation;
import slipstream.server.spec.ConstraintSpec;
import slipstream.server.store.LruCache;
import slipstream.server.telemetry.DriverFeatures;
import slipstream.server.telemetry.FeatureService;
import slipstream.server.telemetry.TelemetryStore;
import slipstream.server.telemetry.TrainingData;
import slipstream.server.telemetry.UpcomingEntry;

/**
 * Turns a spec plus parameters into simulated scenarios. Parameters come from, in order: the requested
 * calibration; the active calibration; otherwise the <b>feature prior</b>: the same hierarchical race model
 * fitted by maximum a posteriori (L-BFGS) on every loaded race before the slate's date, a single point
 * estimate (so scenarios then carry race randomness but no parameter uncertainty; calibrate for that).
 * Scenario s uses posterior draw s mod D. Features of the slate's drivers are computed as of the race date and
 * standardised with the scaling the parameters were fitted with.
 */
@Singleton
public class ScenarioFactory {

    /** Posterior draws used for simulation (thinned evenly when the calibration has more). */
    static final int MAX_DRAWS = 1000;
    private static final int BATCH = 1024;
    private static final int CACHED_SLATES = 32;

    private final CalibrationStore calibrations;
    private final FeatureService features;
    private final TelemetryStore telemetry;
    /** Feature priors by (race date, telemetry sequence): a new ingest gives a new key. */
    private final ConcurrentHashMap<String, Parameters> priorCache = new ConcurrentHashMap<>();
    /**
     * The slate drivers' raw features by (spec id, telemetry sequence). A spec is immutable and content-addressed,
     * and features change only with telemetry, so repeated Optimize calls on one slate skip the feature query
     * (about 0.2 s of DuckDB work on nine seasons).
     */
    private final LruCache<String, List<DriverFeatures>> slateFeatures = new LruCache<>(CACHED_SLATES);

    public ScenarioFactory(CalibrationStore calibrations, FeatureService features, TelemetryStore telemetry) {
        this.calibrations = calibrations;
        this.features = features;
        this.telemetry = telemetry;
    }

    /**
     * Draws [draw][parameter] with the scaling they were fitted under; {@code warning} is non-empty when the
     * calibration's held-out metrics were scored by another race simulator than this server's.
     */
    record Parameters(String source, String calibrationId, double rps, List<HeldOutMetrics> metrics, double[][] draws,
                      ModelScaling scaling, String warning) {}

    /** The scenarios, where their parameters came from, and a warning about them ("" when none). */
    public record Simulated(Scenarios scenarios, String parameterSource, String calibrationId, double calibrationRps,
                            List<HeldOutMetrics> calibrationMetrics, String warning) {}

    /**
     * The requested calibration, or the active one when none is requested, checked before any work starts: an
     * unknown id is NOT_FOUND and one that failed its gates FAILED_PRECONDITION. Empty when no calibration is
     * requested or active, so the feature prior applies.
     */
    Optional<Parameters> calibration(String requested) {
        String id = requested.isEmpty() ? calibrations.activeId().orElse("") : requested;
        if (id.isEmpty()) {
            return Optional.empty();
        }
        CalibrationStore.Stored stored = calibrations.get(id).orElseThrow(() -> new NotFoundException("calibration", id,
                "List calibrations with CalibrationService/ListCalibrations, or omit calibration_id to use the active one."));
        if (!stored.converged()) {
            throw new FailedPreconditionException("CALIBRATION_NOT_CONVERGED", "calibration " + id
                    + " failed its convergence gates and cannot drive scenarios; recalibrate or pick a converged one",
                    List.of(new PreconditionViolation("CONVERGENCE", id,
                            "failed gates " + stored.result().getDiagnostics().getFailedGatesList())));
        }
        return Optional.of(new Parameters("calibration", id, overallRps(stored), stored.result().getMetricsList(),
                thin(stored.posterior()), stored.scaling(), raceModelWarning(id, stored)));
    }

    /**
     * @param calibration from {@link #calibration}; empty for the feature prior (fitted here, or cached)
     * @param phaseMillis adds to "preparing" (parameters and features) and puts "simulating" (the race kernel)
     */
    Simulated simulate(ConstraintSpec spec, Optional<Parameters> calibration, long seed, int count,
                       DoubleConsumer progress, BooleanSupplier cancelled, Map<String, Double> phaseMillis) {
        long t0 = System.nanoTime();
        long telemetrySequence = telemetry.latestSequence();
        Parameters parameters = calibration.orElseGet(() -> priorCache.computeIfAbsent(
                spec.raceDate() + "|" + telemetrySequence, key -> featurePrior(LocalDate.parse(spec.raceDate()), cancelled)));
        throwIfCancelled(cancelled);
        int n = spec.entries().size();
        int a = ModelFeatures.ARCHETYPES.indexOf(spec.track().archetype());
        ParameterLayout layout = new ParameterLayout(ModelFeatures.STRENGTH.toArray(String[]::new),
                ModelFeatures.DNF.toArray(String[]::new));
        int f = ModelFeatures.STRENGTH.size();
        int g = ModelFeatures.DNF.size();
        List<DriverFeatures> raw = slateFeatures.computeIfAbsent(spec.specId() + "|" + telemetrySequence,
                key -> features.asOf(LocalDate.parse(spec.raceDate()).atStartOfDay(), spec.track().archetype(),
                        spec.entries().stream().map(e -> new UpcomingEntry(e.driverId(),
                                e.startPosition() > 0 ? e.startPosition() : null)).toList(), List.of()));
        List<String> catalogue = slipstream.server.telemetry.FeatureCatalog.STANDARD;
        double[] x = new double[n * f];
        double[] w = new double[n * g];
        double[] startGuess = new double[n];
        for (int d = 0; d < n; d++) {
            parameters.scaling().standardise(catalogue, raw.get(d).features(), x, d * f, w, d * g);
            startGuess[d] = raw.get(d).features()[catalogue.indexOf("start_position")];
        }
        int[] start = startPositions(spec, startGuess);
        int draws = parameters.draws().length;
        DrawParameters perDraw = layout.perDraw(parameters.draws(), a, x, w, n);
        int[] team = new int[n];
        List<String> teams = spec.teams().stream().map(ConstraintSpec.Team::teamId).toList();
        for (int d = 0; d < n; d++) {
            team[d] = teams.indexOf(spec.entries().get(d).teamId());
        }
        ConstraintSpec.ScoringRules rules = spec.scoring();
        ScoringTable scoring = new ScoringTable(rules.finishPoints().stream().mapToDouble(Double::doubleValue).toArray(),
                rules.placeDifferentialPoints(), rules.lapLedPoints(), rules.fastestLapPoints());
        RaceInputs inputs = new RaceInputs(n, count, draws, perDraw.eta(), perDraw.dnfProbability(), perDraw.kappa(),
                perDraw.topScale(), perDraw.topPlaces(), start, team, spec.raceLaps(),
                ArchetypeChaos.of(spec.track().archetype()), seed, scoring);
        phaseMillis.merge("preparing", (System.nanoTime() - t0) / 1e6, Double::sum);
        t0 = System.nanoTime();
        RaceOutputs out = RaceOutputs.allocate(n, count);
        RaceSimulator simulator = new RaceSimulator();
        int batches = (count + BATCH - 1) / BATCH;
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        // Batches are independent (scenario s depends only on (seed, s)), so any split gives the same bytes.
        IntStream.range(0, batches).parallel().forEach(b -> {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled by the client");
            }
            simulator.simulate(inputs, b * BATCH, Math.min(count, (b + 1) * BATCH), out);
            progress.accept(done.incrementAndGet() / (double) batches);
        });
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled by the client");
        }
        throwIfCancelled(cancelled);
        boolean[] dnfFlags = new boolean[n * count];
        for (int i = 0; i < dnfFlags.length; i++) {
            dnfFlags[i] = out.dnf()[i] != 0;
        }
        double[] cautionShare = new double[count];
        for (int s = 0; s < count; s++) {
            cautionShare[s] = out.cautionLaps()[s] / (double) spec.raceLaps();
        }
        Scenarios scenarios = new Scenarios(n, count, out.points(), out.finish(), out.lapsLed(), dnfFlags, cautionShare);
        phaseMillis.put("simulating", (System.nanoTime() - t0) / 1e6);
        return new Simulated(scenarios, parameters.source(), parameters.calibrationId(), parameters.rps(),
                parameters.metrics(), parameters.warning());
    }

    /** Portfolio randomness on the project's counter-based streams. */
    public static RandomSource randomSource(long seed) {
        return RandomSource.streams(seed);
    }

    /** The spec's start positions; when qualifying is unknown, drivers are ranked by their expected start. */
    private static int[] startPositions(ConstraintSpec spec, double[] expected) {
        int n = spec.entries().size();
        int[] start = new int[n];
        boolean known = spec.entries().stream().allMatch(e -> e.startPosition() > 0);
        if (known) {
            for (int d = 0; d < n; d++) {
                start[d] = spec.entries().get(d).startPosition();
            }
            return start;
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, (p, q) -> expected[p] != expected[q] ? Double.compare(expected[p], expected[q])
                : spec.entries().get(p).driverId().compareTo(spec.entries().get(q).driverId()));
        for (int rank = 0; rank < n; rank++) {
            start[order[rank]] = rank + 1;
        }
        return start;
    }

    private static void throwIfCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled by the client");
        }
    }

    /**
     * The posterior does not depend on the simulator, but the held-out metrics shown beside it do: a calibration
     * scored before the race rules or constants changed describes another simulator than the one now drawing its
     * scenarios.
     */
    private static String raceModelWarning(String id, CalibrationStore.Stored stored) {
        String scoredWith = CalibrationService.raceModelOf(stored.result().getLineage().getCodeVersion());
        String current = RaceSimulator.modelFingerprint();
        if (scoredWith.equals(current)) {
            return "";
        }
        return "calibration " + id + " was scored with race model " + (scoredWith.isEmpty() ? "(unrecorded)"
                : scoredWith) + ", this server simulates with " + current + ": its posterior drives the scenarios, "
                + "but its held-out metrics describe the other simulator; recalibrate to score this one";
    }

    private static double overallRps(CalibrationStore.Stored stored) {
        return stored.result().getMetricsList().stream()
                .filter(m -> m.getArchetype() == slipstream.proto.v1.TrackArchetype.TRACK_ARCHETYPE_UNSPECIFIED)
                .mapToDouble(HeldOutMetrics::getRps).findFirst().orElse(stored.rps());
    }

    private static double[][] thin(double[][] draws) {
        if (draws.length <= MAX_DRAWS) {
            return draws;
        }
        double[][] out = new double[MAX_DRAWS][];
        for (int i = 0; i < MAX_DRAWS; i++) {
            out[i] = draws[(int) ((long) i * draws.length / MAX_DRAWS)];
        }
        return out;
    }

    /** MAP fit of the race model on every loaded race before {@code raceDate}. */
    private Parameters featurePrior(LocalDate raceDate, BooleanSupplier cancelled) {
        TrainingData data = features.dataset(LocalDate.of(1900, 1, 1), raceDate.minusDays(1), Set.of(), List.of());
        if (data.rows().isEmpty()) {
            throw new FailedPreconditionException("NO_TELEMETRY", "no calibration is active and no races before "
                    + raceDate + " are loaded to build the feature prior; ingest results (TelemetryService/Ingest) or calibrate",
                    List.of(new PreconditionViolation("DATA", "telemetry", "no results before " + raceDate)));
        }
        ModelScaling scaling = ModelScaling.of(data.featureNames(), data.scaling());
        // The scalar likelihood: the Panama twin sums in lanes, so its last bits depend on the machine's vector width,
        // and this point estimate should be the same on every server (it is cheap: one fit per race date, cached).
        RaceModelDensity density = new RaceModelDensity(new ScalarRaceLikelihood(RaceTable.of(data, data.scaling()).toModelData()));
        // The fit polls the client's cancellation at every evaluation (an interrupted fit is not cached).
        Lbfgs.Result map = new Lbfgs(10, 500, 1e-6).maximise((x, g) -> {
            throwIfCancelled(cancelled);
            return density.logDensity(x, g);
        }, new double[density.dimension()]);
        return new Parameters("feature_prior", "", 0, List.of(), new double[][] {map.x()}, scaling, "");
    }
}
