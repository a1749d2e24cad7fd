package slipstream.server.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.PreconditionFailure;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import slipstream.kernels.race.RaceSimulator;
import slipstream.proto.v1.ActivateCalibrationRequest;
import slipstream.proto.v1.CalibrateRequest;
import slipstream.proto.v1.CalibrateResponse;
import slipstream.proto.v1.CalibrationResult;
import slipstream.proto.v1.CalibrationServiceGrpc;
import slipstream.proto.v1.CalibrationStatus;
import slipstream.proto.v1.CompileSpecRequest;
import slipstream.proto.v1.GetCalibrationRequest;
import slipstream.proto.v1.HeldOutMetrics;
import slipstream.proto.v1.JobPhase;
import slipstream.proto.v1.ListCalibrationsRequest;
import slipstream.proto.v1.OptimizeRequest;
import slipstream.proto.v1.OptimizeResponse;
import slipstream.proto.v1.OptimizerServiceGrpc;
import slipstream.proto.v1.SpecServiceGrpc;
import slipstream.proto.v1.TrackArchetype;
import slipstream.server.support.GrpcErrors;
import slipstream.server.support.TestServer;

/**
 * Calibrate end to end on the bundled 2022-2023 Cup telemetry: train on 2022, hold out 2023, over a real server.
 * One converging run (checked against the gates, the baselines, the artifacts read back by xarray, activation
 * and use by Optimize), one that fails its gates, bad requests and cancellation.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CalibrateTest implements TestPropertyProvider {

    @Inject
    CalibrationStore store;

    private final int port = TestServer.freePort();
    private final Path dataDir = TestServer.tempDataDir();
    private ManagedChannel channel;
    private String convergedId;

    @Override
    public Map<String, String> getProperties() {
        return TestServer.properties(port, dataDir);
    }

    private ManagedChannel channel() {
        if (channel == null) {
            channel = TestServer.channel(port);
        }
        return channel;
    }

    @AfterAll
    void close() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private List<CalibrateResponse> calibrate(CalibrateRequest request) {
        List<CalibrateResponse> out = new ArrayList<>();
        CalibrationServiceGrpc.newBlockingStub(channel()).withDeadlineAfter(10, TimeUnit.MINUTES).calibrate(request)
                .forEachRemaining(out::add);
        return out;
    }

    private static CalibrateRequest.Builder request() {
        return CalibrateRequest.newBuilder().setTrainSeasons("2022").setHoldoutSeasons("2023").setSeed(7);
    }

    @Test
    @Order(1)
    void convergesScoresPersistsAndCanBeActivatedAndUsed() throws Exception {
        // Target 0.99: at 0.95 one divergence in 2,400 draws (in the tail of a tau) appears on some CPUs (AVX2, seed
        // 7) and fails the zero-divergence gate; at 0.99 AVX-512, AVX2, AVX and the scalar kernels all converge.
        List<CalibrateResponse> messages = calibrate(request().setChains(4).setWarmup(400).setDraws(600)
                .setTargetAccept(0.99).setScoringScenarios(500).build());
        assertTrue(messages.stream().anyMatch(m -> m.hasProgress() && m.getProgress().getPhase() == JobPhase.JOB_PHASE_WARMUP));
        assertTrue(messages.stream().anyMatch(m -> m.hasProgress() && m.getProgress().getPhase() == JobPhase.JOB_PHASE_SAMPLING
                && m.getProgress().getStepSize() > 0));
        CalibrationResult r = messages.get(messages.size() - 1).getResult();
        convergedId = r.getCalibrationId();
        assertTrue(convergedId.matches("[0-9a-f]{64}"));
        assertTrue(r.getLineage().getCodeVersion().endsWith("+race." + RaceSimulator.modelFingerprint()),
                r.getLineage().getCodeVersion());
        assertEquals(CalibrationStatus.CALIBRATION_STATUS_CONVERGED, r.getStatus());
        assertTrue(r.getDiagnostics().getMaxRhat() < 1.01);
        assertTrue(r.getDiagnostics().getMinEssBulk() >= 400 && r.getDiagnostics().getMinEssTail() >= 400);
        assertEquals(0, r.getDiagnostics().getDivergences());
        assertEquals(4, r.getDiagnostics().getEbfmiCount());

        HeldOutMetrics overall = CalibrationService.overall(r);
        assertEquals(36, overall.getRaces(), "all 2023 races are held out");
        assertEquals(5, r.getMetricsCount(), "four archetypes and the overall row");
        assertTrue(overall.getRps() > 0 && overall.getRps() < 0.25);
        assertTrue(overall.getCoverage50() < overall.getCoverage80() && overall.getCoverage80() < overall.getCoverage95());
        double uniformRps = r.getBaselinesList().stream().filter(b -> b.getBaseline().equals("uniform")).findFirst()
                .orElseThrow().getMetricsList().stream()
                .filter(m -> m.getArchetype() == TrackArchetype.TRACK_ARCHETYPE_UNSPECIFIED).findFirst().orElseThrow().getRps();
        assertTrue(overall.getRps() < uniformRps, "the model beats a uniform forecast: " + overall.getRps() + " vs " + uniformRps);
        assertEquals(5, r.getReliabilityCount());
        assertEquals(3, r.getJointEventsCount());
        assertEquals(3, r.getPredictiveChecksCount());

        // ArviZ-readable artifacts: the documented one-liner with xarray.
        Path dir = dataDir.resolve("calibrations").resolve(convergedId);
        for (String f : List.of("posterior.nc", "sample_stats.nc", "observed_data.nc", "draws.parquet", "metrics.json",
                "reliability.svg", "pit.svg", "ppc.svg")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        String out = NetCdf3WriterTest.python("""
                import xarray as xr
                d = '%s'
                groups = {g: xr.open_dataset(f"{d}/{g}.nc") for g in ("posterior", "sample_stats", "observed_data")}
                p = groups['posterior']
                print(p.sizes['chain'], p.sizes['draw'], int(groups['sample_stats']['diverging'].sum()), sorted(p.data_vars)[0])
                """.formatted(dir));
        assertEquals("4 600 0 alpha_mu", out);

        var stub = CalibrationServiceGrpc.newBlockingStub(channel());
        assertEquals(r, stub.getCalibration(GetCalibrationRequest.newBuilder().setCalibrationId(convergedId).build()).getResult());
        assertTrue(stub.listCalibrations(ListCalibrationsRequest.getDefaultInstance()).getCalibrationsList().stream()
                .anyMatch(c -> c.getCalibrationId().equals(convergedId)));
        var activation = stub.activateCalibration(ActivateCalibrationRequest.newBuilder().setCalibrationId(convergedId).build());
        assertEquals("", activation.getActivation().getPreviousCalibrationId());
        assertTrue(stub.getCalibration(GetCalibrationRequest.newBuilder().setCalibrationId(convergedId).build()).getActive());

        // Optimize now draws its scenarios from the active calibration's posterior.
        String specId = SpecServiceGrpc.newBlockingStub(channel())
                .compileSpec(CompileSpecRequest.newBuilder().setSlateId("demo").build()).getSpec().getSpecId();
        List<OptimizeResponse> opt = new ArrayList<>();
        OptimizerServiceGrpc.newBlockingStub(channel()).optimize(OptimizeRequest.newBuilder().setSpecId(specId)
                .setScenarioCount(1000).setSeed(1).build()).forEachRemaining(opt::add);
        var diagnostics = opt.get(opt.size() - 1).getResult().getDiagnostics();
        assertEquals("calibration", diagnostics.getParameterSource());
        assertEquals(convergedId, diagnostics.getCalibrationId());
        assertEquals(overall.getRps(), diagnostics.getCalibrationRps(), 1e-12);
        assertEquals(r.getMetricsList(), diagnostics.getCalibrationMetricsList(), "the calibration's held-out metrics");
        assertTrue(diagnostics.getWarningsList().stream().noneMatch(w -> w.contains("race model")),
                diagnostics.getWarningsList()::toString);

        // A calibration scored by an older race simulator still drives scenarios, and Optimize says so.
        CalibrationStore.Stored stored = store.get(convergedId).orElseThrow();
        String olderId = "0".repeat(64);
        CalibrationResult older = stored.result().toBuilder().setCalibrationId(olderId).setLineage(stored.result()
                .getLineage().toBuilder().setCodeVersion("0.1.0-SNAPSHOT+race.0123456789ab")).build();
        assertTrue(store.put(older, stored.trainWindow(), stored.holdoutWindow(), stored.holdoutRaces(), stored.rps(),
                stored.parameterNames(), stored.scaling(), stored.posterior()));
        List<OptimizeResponse> withOlder = new ArrayList<>();
        OptimizerServiceGrpc.newBlockingStub(channel()).optimize(OptimizeRequest.newBuilder().setSpecId(specId)
                .setCalibrationId(olderId).setScenarioCount(1000).setSeed(1).build()).forEachRemaining(withOlder::add);
        var olderDiagnostics = withOlder.get(withOlder.size() - 1).getResult().getDiagnostics();
        assertEquals(olderId, olderDiagnostics.getCalibrationId());
        assertTrue(olderDiagnostics.getWarningsList().stream().anyMatch(w -> w.contains("race model 0123456789ab")
                && w.contains(RaceSimulator.modelFingerprint()) && w.contains(olderId)),
                olderDiagnostics.getWarningsList()::toString);
    }

    @Test
    @Order(2)
    void aFailedGateIsStoredAsAFailedAttemptAndCannotBeActivated() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> calibrate(request().setChains(2)
                .setWarmup(40).setDraws(40).setScoringScenarios(100).build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        List<String> gates = GrpcErrors.preconditionViolations(e).stream().map(PreconditionFailure.Violation::getSubject).toList();
        assertTrue(gates.contains("min_ess_bulk"), gates::toString);
        assertTrue(e.getStatus().getDescription().contains("Try:"), "the error suggests what to do");
        var stub = CalibrationServiceGrpc.newBlockingStub(channel());
        var failed = stub.listCalibrations(ListCalibrationsRequest.getDefaultInstance()).getCalibrationsList().stream()
                .filter(c -> c.getStatus() == CalibrationStatus.CALIBRATION_STATUS_FAILED_GATE).findFirst().orElseThrow();
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> stub.activateCalibration(
                ActivateCalibrationRequest.newBuilder().setCalibrationId(failed.getCalibrationId()).setForce(true)
                        .setReason("testing").build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, refused.getStatus().getCode());
    }

    @Test
    @Order(3)
    void badRequestsNameTheirFields() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> calibrate(CalibrateRequest.newBuilder()
                .setTrainSeasons("2015-2023").setHoldoutSeasons("2023").setChains(99).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals(List.of("holdout_seasons", "chains"), GrpcErrors.badFields(e));
        StatusRuntimeException noData = assertThrows(StatusRuntimeException.class, () -> calibrate(CalibrateRequest.newBuilder()
                .setTrainSeasons("1990-1991").setHoldoutSeasons("1992").build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, noData.getStatus().getCode());
    }

    /** A cancelled calibration stops its chains and stores nothing. */
    @Test
    @Order(4)
    void cancellationStoresNothing() throws Exception {
        var stub = CalibrationServiceGrpc.newBlockingStub(channel());
        int before = stub.listCalibrations(ListCalibrationsRequest.getDefaultInstance()).getCalibrationsCount();
        Context.CancellableContext ctx = Context.current().withCancellation();
        @SuppressWarnings("unchecked")
        Iterator<CalibrateResponse>[] stream = new Iterator[1];
        ctx.run(() -> stream[0] = CalibrationServiceGrpc.newBlockingStub(channel())
                .calibrate(request().setWarmup(20000).setDraws(20000).build()));
        while (!(stream[0].next().getProgress().getPhase() == JobPhase.JOB_PHASE_WARMUP)) {
            // wait until the chains run
        }
        ctx.cancel(null);
        // A later call is served by the same single compute pool, and the cancelled job added nothing.
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> calibrate(CalibrateRequest.newBuilder()
                .setTrainSeasons("1990").setHoldoutSeasons("1991").build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, refused.getStatus().getCode());
        assertEquals(before, stub.listCalibrations(ListCalibrationsRequest.getDefaultInstance()).getCalibrationsCount());
    }

    @Inject
    ApplicationContext context;

    /**
     * The CLI: exit 2 naming the bad flag, exit 1 on a failed gate, and the summary it prints is the attempt it just
     * made, even when an identical earlier attempt was stored before a newer one.
     */
    @Test
    @Order(5)
    void cliExitCodesAndItPrintsTheAttemptItMade() {
        List<String> tiny = List.of("--train", "2022", "--holdout", "2023", "--chains", "2", "--warmup", "40",
                "--draws", "40", "--scenarios", "100", "--seed");
        String first = failedCliRunId(tiny, "99");
        String newer = failedCliRunId(tiny, "100");
        assertNotEquals(first, newer);
        assertEquals(first, failedCliRunId(tiny, "99"), "same command and seed, same calibration id");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, CalibrateCommand.run(context, List.of("--train", "2022", "--holdout", "2023", "--chains", "99"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)));
        assertTrue(err.toString().contains("--chains"), err::toString);
    }

    /** Runs the CLI, expects exit 1, and returns the id its summary printed (checked against its error line). */
    private String failedCliRunId(List<String> args, String seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new java.util.ArrayList<>(args);
        all.add(seed);
        assertEquals(1, CalibrateCommand.run(context, all, new PrintStream(out), new PrintStream(err)), err::toString);
        java.util.regex.Matcher printed = java.util.regex.Pattern.compile("calibration ([0-9a-f]{64}) CALIBRATION_STATUS_FAILED_GATE")
                .matcher(out.toString());
        assertTrue(printed.find(), out::toString);
        assertTrue(err.toString().contains("calibrate: FAILED: calibration " + printed.group(1)), err::toString);
        return printed.group(1);
    }
}
