package slipstream.server.optimizer;

import jakarta.inject.Singleton;
import slipstream.proto.v1.OptimizerServiceGrpc;

/** gRPC mapping of OptimizerService (its RPC answers UNIMPLEMENTED until the Optimize issue lands). */
@Singleton
public class OptimizerEndpoint extends OptimizerServiceGrpc.OptimizerServiceImplBase {
}
