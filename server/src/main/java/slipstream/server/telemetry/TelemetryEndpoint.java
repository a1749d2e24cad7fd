package slipstream.server.telemetry;

import jakarta.inject.Singleton;
import slipstream.proto.v1.TelemetryServiceGrpc;

/** gRPC mapping of TelemetryService (its RPCs answer UNIMPLEMENTED until the telemetry issue lands). */
@Singleton
public class TelemetryEndpoint extends TelemetryServiceGrpc.TelemetryServiceImplBase {
}
