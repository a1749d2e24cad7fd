package slipstream.server.calibration;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Instant;
import java.util.Optional;
import slipstream.proto.v1.Activation;
import slipstream.proto.v1.ActivateCalibrationRequest;
import slipstream.proto.v1.ActivateCalibrationResponse;
import slipstream.proto.v1.CalibrateRequest;
import slipstream.proto.v1.CalibrateResponse;
import slipstream.proto.v1.CalibrationServiceGrpc;
import slipstream.proto.v1.CalibrationSummary;
import slipstream.proto.v1.GetCalibrationRequest;
import slipstream.proto.v1.GetCalibrationResponse;
import slipstream.proto.v1.ListCalibrationsRequest;
import slipstream.proto.v1.ListCalibrationsResponse;
import slipstream.server.compute.ComputePool;
import slipstream.server.error.InvalidArgumentException;
import slipstream.server.error.NotFoundException;
import slipstream.server.grpc.JobStream;
import slipstream.server.grpc.Paging;
import slipstream.server.grpc.Rpc;

/** gRPC mapping of CalibrationService. Calibrate runs on the compute pool and streams coalesced progress. */
@Singleton
public class CalibrationEndpoint extends CalibrationServiceGrpc.CalibrationServiceImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(CalibrationEndpoint.class);

    private final CalibrationService calibrations;
    private final CalibrationStore store;
    private final ActivationGates gates;
    private final ComputePool pool;

    public CalibrationEndpoint(CalibrationService calibrations, CalibrationStore store, ActivationGates gates,
                               ComputePool pool) {
        this.calibrations = calibrations;
        this.store = store;
        this.gates = gates;
        this.pool = pool;
    }

    @Override
    public void calibrate(CalibrateRequest request, StreamObserver<CalibrateResponse> observer) {
        JobStream<CalibrateResponse> stream = new JobStream<>(observer);
        CalibrationPlan plan;
        try {
            plan = CalibrationPlan.from(request);
        } catch (RuntimeException e) {
            stream.fail(e);
            return;
        }
        pool.submit(() -> calibrations.calibrate(request, plan,
                        p -> stream.progress(CalibrateResponse.newBuilder().setProgress(p).build()), stream::cancelled))
                .whenComplete((result, failure) -> {
                    if (stream.millisSinceCancel() >= 0) {
                        LOG.info("calibrate job stopped {} ms after the client cancelled", String.format("%.1f", stream.millisSinceCancel()));
                    }
                    if (failure != null) {
                        stream.fail(failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure);
                    } else {
                        stream.finish(CalibrateResponse.newBuilder().setResult(result).build());
                    }
                });
    }

    @Override
    public void getCalibration(GetCalibrationRequest request, StreamObserver<GetCalibrationResponse> observer) {
        Rpc.respond(observer, () -> {
            CalibrationStore.Stored stored = find("calibration_id", request.getCalibrationId());
            return GetCalibrationResponse.newBuilder().setResult(stored.result())
                    .setCreatedTime(timestamp(stored.createdAt()))
                    .setActive(store.activeId().map(request.getCalibrationId()::equals).orElse(false)).build();
        });
    }

    @Override
    public void listCalibrations(ListCalibrationsRequest request, StreamObserver<ListCalibrationsResponse> observer) {
        Rpc.respond(observer, () -> {
            Paging paging = Paging.of(request.getPage());
            var page = store.list(paging.offset(), paging.size());
            String active = store.activeId().orElse("");
            var response = ListCalibrationsResponse.newBuilder().setNextPageToken(paging.nextToken(page.size()));
            for (CalibrationStore.Stored s : page) {
                response.addCalibrations(CalibrationSummary.newBuilder().setCalibrationId(s.result().getCalibrationId())
                        .setStatus(s.result().getStatus()).setRps(s.rps()).setHoldoutWindow(s.holdoutWindow())
                        .setTrainWindow(s.trainWindow())
                        .setCreatedTime(timestamp(s.createdAt()))
                        .setActive(active.equals(s.result().getCalibrationId())));
            }
            return response.build();
        });
    }

    @Override
    public void activateCalibration(ActivateCalibrationRequest request,
                                    StreamObserver<ActivateCalibrationResponse> observer) {
        Rpc.respond(observer, () -> {
            CalibrationStore.Stored candidate = find("calibration_id", request.getCalibrationId());
            Optional<CalibrationStore.Stored> active = store.activeId().flatMap(store::get);
            gates.check(candidate, active, request.getForce(), request.getReason());
            CalibrationStore.ActivationRow row = store.activate(request.getCalibrationId(), request.getForce(),
                    request.getReason());
            return ActivateCalibrationResponse.newBuilder().setActivation(Activation.newBuilder()
                    .setCalibrationId(row.calibrationId()).setPreviousCalibrationId(row.previousId())
                    .setForced(row.forced()).setReason(row.reason()).setActivatedTime(timestamp(row.at()))).build();
        });
    }

    private CalibrationStore.Stored find(String field, String id) {
        if (!id.matches("[0-9a-f]{64}")) {
            throw InvalidArgumentException.of(field, "must be the 64-hex-character id returned by Calibrate");
        }
        return store.get(id).orElseThrow(() -> new NotFoundException("calibration", id,
                "List calibrations with CalibrationService/ListCalibrations."));
    }

    private static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }
}
