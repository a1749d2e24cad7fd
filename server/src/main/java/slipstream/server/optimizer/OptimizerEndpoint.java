package slipstream.server.optimizer;

import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import slipstream.proto.v1.OptimizeProgress;
import slipstream.proto.v1.OptimizeRequest;
import slipstream.proto.v1.OptimizeResponse;
import slipstream.proto.v1.OptimizerServiceGrpc;
import slipstream.server.compute.ComputePool;
import slipstream.server.grpc.JobStream;

/** gRPC mapping of OptimizerService: validate, run on the compute pool, stream progress and the result. */
@Singleton
public class OptimizerEndpoint extends OptimizerServiceGrpc.OptimizerServiceImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(OptimizerEndpoint.class);

    private final OptimizerService optimizer;
    private final ComputePool pool;

    public OptimizerEndpoint(OptimizerService optimizer, ComputePool pool) {
        this.optimizer = optimizer;
        this.pool = pool;
    }

    @Override
    public void optimize(OptimizeRequest request, StreamObserver<OptimizeResponse> observer) {
        JobStream<OptimizeResponse> stream = new JobStream<>(observer);
        OptimizePlan plan;
        try {
            plan = OptimizePlan.from(request);
        } catch (RuntimeException e) {
            stream.fail(e);
            return;
        }
        pool.submit(() -> optimizer.optimize(plan,
                        (phase, fraction, message) -> stream.progress(OptimizeResponse.newBuilder()
                                .setProgress(OptimizeProgress.newBuilder().setPhase(phase)
                                        .setFractionDone(Math.min(1, fraction)).setMessage(message)).build()),
                        stream::cancelled))
                .whenComplete((result, failure) -> {
                    if (stream.millisSinceCancel() >= 0) {
                        LOG.info("optimize job stopped {} ms after the client cancelled", String.format("%.1f", stream.millisSinceCancel()));
                    }
                    if (failure != null) {
                        stream.fail(failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure);
                    } else {
                        stream.finish(OptimizeResponse.newBuilder().setResult(result).build());
                    }
                });
    }
}
