package slipstream.server.spec;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import slipstream.proto.v1.CompileSpecRequest;
import slipstream.proto.v1.CompileSpecResponse;
import slipstream.proto.v1.SpecServiceGrpc;
import slipstream.server.grpc.Rpc;

/** gRPC mapping of SpecService. */
@Singleton
public class SpecEndpoint extends SpecServiceGrpc.SpecServiceImplBase {

    @Override
    public void compileSpec(CompileSpecRequest request, StreamObserver<CompileSpecResponse> observer) {
        Rpc.respond(observer, () -> {
            SlateIds.requireValid("slate_id", request.getSlateId());
            throw Status.UNIMPLEMENTED.withDescription("CompileSpec is not implemented yet").asRuntimeException();
        });
    }
}
