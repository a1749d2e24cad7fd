package slipstream.server.telemetry;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import slipstream.proto.v1.BuildFeaturesRequest;
import slipstream.proto.v1.BuildFeaturesResponse;
import slipstream.proto.v1.IngestRequest;
import slipstream.proto.v1.IngestResponse;
import slipstream.proto.v1.ListSnapshotsRequest;
import slipstream.proto.v1.ListSnapshotsResponse;
import slipstream.proto.v1.TelemetryKind;
import slipstream.proto.v1.TelemetryServiceGrpc;
import slipstream.server.compute.ComputePool;
import slipstream.server.grpc.Paging;
import slipstream.server.error.StatusMapping;
import slipstream.server.grpc.Rpc;

/** gRPC mapping of TelemetryService: validate, call {@link TelemetryIngest} / {@link FeatureService}, map back. */
@Singleton
public class TelemetryEndpoint extends TelemetryServiceGrpc.TelemetryServiceImplBase {

    private final TelemetryIngest ingest;
    private final TelemetryStore store;
    private final FeatureService features;
    private final ComputePool pool;

    public TelemetryEndpoint(TelemetryIngest ingest, TelemetryStore store, FeatureService features, ComputePool pool) {
        this.ingest = ingest;
        this.store = store;
        this.features = features;
        this.pool = pool;
    }

    @Override
    public void ingest(IngestRequest request, StreamObserver<IngestResponse> observer) {
        Rpc.respondAsync(observer, pool.submit(() -> {
            var result = ingest.ingest(request.getPath(), kind(request.getKind()), request.getMaxReportedErrors());
            return IngestResponse.newBuilder().setSnapshotId(result.snapshotId()).setCreated(result.created())
                    .setRowCount(result.rowCount()).setParquetPath(result.parquetPath())
                    .addAllSeasons(result.seasons()).build();
        }));
    }

    @Override
    public void listSnapshots(ListSnapshotsRequest request, StreamObserver<ListSnapshotsResponse> observer) {
        Rpc.respond(observer, () -> {
            Paging paging = Paging.of(request.getPage());
            var page = store.list(paging.offset(), paging.size());
            var response = ListSnapshotsResponse.newBuilder().setNextPageToken(paging.nextToken(page.size()));
            page.forEach(s -> response.addSnapshots(slipstream.proto.v1.TelemetrySnapshot.newBuilder()
                    .setSnapshotId(s.snapshotId()).setKind(toProto(s.kind())).setRowCount(s.rowCount())
                    .setSourceName(s.sourceName()).addAllSeasons(s.seasons())
                    .setCreatedTime(Timestamp.newBuilder().setSeconds(s.createdAt().getEpochSecond())
                            .setNanos(s.createdAt().getNano()))));
            return response.build();
        });
    }

    @Override
    public void buildFeatures(BuildFeaturesRequest request, StreamObserver<BuildFeaturesResponse> observer) {
        // Names are checked on the calling thread, so a forbidden feature fails fast without queueing.
        try {
            FeatureCatalog.resolve("features", request.getFeaturesList());
        } catch (RuntimeException e) {
            observer.onError(StatusMapping.toStatus(e));
            return;
        }
        Rpc.respondAsync(observer, pool.submit(() -> {
            FeatureSnapshot snapshot = features.build(request.getFeaturesList(), request.getFromSeason(),
                    request.getToSeason());
            var response = BuildFeaturesResponse.newBuilder().setFeatureSnapshotId(snapshot.featureSnapshotId())
                    .addAllTelemetrySnapshotIds(snapshot.telemetrySnapshotIds()).setRowCount(snapshot.rowCount())
                    .setParquetPath(snapshot.parquetPath()).setBuildMillis(snapshot.buildMillis());
            snapshot.features().forEach(f -> response.addFeatures(slipstream.proto.v1.FeatureDeclaration.newBuilder()
                    .setName(f.name()).setSource(toProto(f.source())).setDescription(f.description())));
            return response.build();
        }));
    }

    private static TelemetrySchema kind(TelemetryKind kind) {
        return switch (kind) {
            case TELEMETRY_KIND_RESULTS -> TelemetrySchema.RESULTS;
            case TELEMETRY_KIND_LOOP -> TelemetrySchema.LOOP;
            case TELEMETRY_KIND_LAPS -> TelemetrySchema.LAPS;
            case TELEMETRY_KIND_UNSPECIFIED, UNRECOGNIZED -> null;
        };
    }

    private static TelemetryKind toProto(TelemetrySchema schema) {
        return switch (schema) {
            case RESULTS -> TelemetryKind.TELEMETRY_KIND_RESULTS;
            case LOOP -> TelemetryKind.TELEMETRY_KIND_LOOP;
            case LAPS -> TelemetryKind.TELEMETRY_KIND_LAPS;
        };
    }

    private static slipstream.proto.v1.FeatureSource toProto(FeatureSource source) {
        return switch (source) {
            case HISTORICAL -> slipstream.proto.v1.FeatureSource.FEATURE_SOURCE_HISTORICAL;
            case PRACTICE -> slipstream.proto.v1.FeatureSource.FEATURE_SOURCE_PRACTICE;
            case QUALIFYING -> slipstream.proto.v1.FeatureSource.FEATURE_SOURCE_QUALIFYING;
        };
    }
}
