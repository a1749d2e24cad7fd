package slipstream.server.calibration;

import jakarta.inject.Singleton;
import slipstream.proto.v1.CalibrationServiceGrpc;

/** gRPC mapping of CalibrationService (its RPCs answer UNIMPLEMENTED until the Calibrate issue lands). */
@Singleton
public class CalibrationEndpoint extends CalibrationServiceGrpc.CalibrationServiceImplBase {
}
