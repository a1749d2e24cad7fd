package slipstream.server.spec;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import slipstream.proto.v1.CompileSpecRequest;
import slipstream.proto.v1.CompileSpecResponse;
import slipstream.proto.v1.GetSpecRequest;
import slipstream.proto.v1.GetSpecResponse;
import slipstream.proto.v1.ListSpecsRequest;
import slipstream.proto.v1.ListSpecsResponse;
import slipstream.proto.v1.SpecServiceGrpc;
import slipstream.proto.v1.SpecSummary;
import slipstream.server.grpc.Paging;
import slipstream.server.grpc.Rpc;

/** gRPC mapping of SpecService: validate, call {@link SpecService}, map back. */
@Singleton
public class SpecEndpoint extends SpecServiceGrpc.SpecServiceImplBase {

    private final SpecService specs;

    public SpecEndpoint(SpecService specs) {
        this.specs = specs;
    }

    @Override
    public void compileSpec(CompileSpecRequest request, StreamObserver<CompileSpecResponse> observer) {
        Rpc.respond(observer, () -> {
            SlateIds.requireValid("slate_id", request.getSlateId());
            SpecService.Compiled compiled = specs.compile(request.getSlateId());
            return CompileSpecResponse.newBuilder().setSpec(SpecProtos.toProto(compiled.spec()))
                    .setCreated(compiled.created()).setRowsRead(compiled.rowsRead())
                    .setCompileMillis(compiled.millis()).build();
        });
    }

    @Override
    public void getSpec(GetSpecRequest request, StreamObserver<GetSpecResponse> observer) {
        Rpc.respond(observer, () -> GetSpecResponse.newBuilder()
                .setSpec(SpecProtos.toProto(specs.get("spec_id", request.getSpecId()))).build());
    }

    @Override
    public void listSpecs(ListSpecsRequest request, StreamObserver<ListSpecsResponse> observer) {
        Rpc.respond(observer, () -> {
            Paging paging = Paging.of(request.getPage());
            if (!request.getSlateId().isEmpty()) {
                SlateIds.requireValid("slate_id", request.getSlateId());
            }
            var page = specs.list(request.getSlateId(), paging.offset(), paging.size());
            var response = ListSpecsResponse.newBuilder().setNextPageToken(paging.nextToken(page.size()));
            page.forEach(s -> response.addSpecs(SpecSummary.newBuilder().setSpecId(s.specId())
                    .setSlateId(s.slateId()).setEntryCount(s.entryCount())
                    .setCreatedTime(Timestamp.newBuilder().setSeconds(s.createdAt().getEpochSecond())
                            .setNanos(s.createdAt().getNano()))));
            return response.build();
        });
    }
}
