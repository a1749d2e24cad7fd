package slipstream.server.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import slipstream.proto.v1.BuildFeaturesRequest;
import slipstream.proto.v1.FeatureSource;
import slipstream.proto.v1.IngestRequest;
import slipstream.proto.v1.IngestResponse;
import slipstream.proto.v1.ListSnapshotsRequest;
import slipstream.proto.v1.TelemetryKind;
import slipstream.proto.v1.TelemetryServiceGrpc;
import slipstream.server.support.GrpcErrors;
import slipstream.server.support.TestServer;

/** TelemetryService over gRPC against a real server on a free port, with the demo telemetry loaded at start. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelemetryServiceTest implements TestPropertyProvider {

    private final int port = TestServer.freePort();
    private final Path dataDir = TestServer.tempDataDir();
    private ManagedChannel channel;

    @Override
    public Map<String, String> getProperties() {
        return TestServer.properties(port, dataDir);
    }

    private TelemetryServiceGrpc.TelemetryServiceBlockingStub stub() {
        if (channel == null) {
            channel = TestServer.channel(port);
        }
        return TelemetryServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    @AfterAll
    void closeChannel() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void demoTelemetryIsLoadedAtStartUp() {
        var snapshots = stub().listSnapshots(ListSnapshotsRequest.getDefaultInstance()).getSnapshotsList();
        assertTrue(snapshots.stream().anyMatch(s -> s.getKind() == TelemetryKind.TELEMETRY_KIND_RESULTS
                && s.getRowCount() == 2642 && s.getSeasonsList().equals(List.of(2022, 2023))), snapshots.toString());
        assertTrue(snapshots.stream().anyMatch(s -> s.getKind() == TelemetryKind.TELEMETRY_KIND_LOOP));
    }

    @Test
    void ingestWithThePinnedJsonShapeAndAgainIsANoOp() throws IOException {
        Files.copy(TelemetryFixture.bundled("cup_results_2022_2023.csv"), dataDir.resolve("pinned.csv"));
        // 2023 only: new content, so a new snapshot.
        List<String> lines = Files.readAllLines(dataDir.resolve("pinned.csv"));
        Files.write(dataDir.resolve("pinned.csv"), lines.stream().filter(l -> !l.startsWith("2022,")).toList());
        IngestRequest.Builder request = IngestRequest.newBuilder();
        JsonFormat.parser().merge("{\"path\":\"pinned.csv\",\"kind\":\"TELEMETRY_KIND_RESULTS\"}", request);
        IngestResponse first = stub().ingest(request.build());
        assertTrue(first.getCreated());
        assertEquals(64, first.getSnapshotId().length());
        assertEquals(lines.size() - 1 - lines.stream().filter(l -> l.startsWith("2022,")).count(), first.getRowCount());
        assertEquals(List.of(2023), first.getSeasonsList());
        assertTrue(Files.isRegularFile(dataDir.resolve(first.getParquetPath())));
        String json = JsonFormat.printer().print(first);
        assertTrue(json.contains("\"snapshotId\": \"" + first.getSnapshotId() + "\""), json);

        IngestResponse again = stub().ingest(request.build());
        assertFalse(again.getCreated());
        assertEquals(first.getSnapshotId(), again.getSnapshotId());
        assertEquals(first.getSnapshotId(), stub().listSnapshots(ListSnapshotsRequest.getDefaultInstance())
                .getSnapshots(0).getSnapshotId());
    }

    @Test
    void ingestErrorsCarryTheirStatusAndDetails() throws IOException {
        Files.writeString(dataDir.resolve("bad.csv"), """
                season,race,race_date,track,archetype,race_laps,driver,team,start,finish,laps_led,status,dnf
                2024,1,2024-02-18T14:30:00,Daytona,superspeedway,200,William Byron,Hendrick,1,1,201,running,0
                2024,1,2024-02-18T14:30:00,Daytona,superspeedway,200,Alex Bowman,Hendrick,2,5,0,running,0
                """);
        var bad = assertThrows(StatusRuntimeException.class, () -> stub().ingest(IngestRequest.newBuilder()
                .setPath("bad.csv").setKind(TelemetryKind.TELEMETRY_KIND_RESULTS).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, bad.getStatus().getCode());
        assertEquals(List.of("path", "rows[1].laps_led", "rows[2].finish"), GrpcErrors.badFields(bad));

        var noKind = assertThrows(StatusRuntimeException.class,
                () -> stub().ingest(IngestRequest.newBuilder().setPath("bad.csv").build()));
        assertEquals(List.of("kind"), GrpcErrors.badFields(noKind));

        var escape = assertThrows(StatusRuntimeException.class, () -> stub().ingest(IngestRequest.newBuilder()
                .setPath("../../etc/passwd").setKind(TelemetryKind.TELEMETRY_KIND_RESULTS).build()));
        assertEquals(Status.Code.PERMISSION_DENIED, escape.getStatus().getCode());

        var missing = assertThrows(StatusRuntimeException.class, () -> stub().ingest(IngestRequest.newBuilder()
                .setPath("nope.csv").setKind(TelemetryKind.TELEMETRY_KIND_LOOP).build()));
        assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());
    }

    @Test
    void buildFeaturesRejectsRaceDayOutcomesAndBuildsTheStandardSet() {
        var forbidden = assertThrows(StatusRuntimeException.class, () -> stub().buildFeatures(
                BuildFeaturesRequest.newBuilder().addFeatures("finish_mean_last5").addFeatures("laps_led").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, forbidden.getStatus().getCode());
        assertEquals(List.of("features[1]"), GrpcErrors.badFields(forbidden));

        var built = stub().buildFeatures(BuildFeaturesRequest.newBuilder().setFromSeason(2023).setToSeason(2023).build());
        assertEquals(64, built.getFeatureSnapshotId().length());
        assertEquals(39, built.getFeaturesCount());
        assertEquals(FeatureSource.FEATURE_SOURCE_QUALIFYING, built.getFeaturesList().stream()
                .filter(f -> f.getName().equals("start_position")).findFirst().orElseThrow().getSource());
        assertTrue(built.getRowCount() > 1000);
        assertFalse(built.getTelemetrySnapshotIdsList().isEmpty());
        assertTrue(Files.isRegularFile(dataDir.resolve(built.getParquetPath())));
    }
}
