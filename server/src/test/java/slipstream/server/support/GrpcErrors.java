package slipstream.server.support;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.PreconditionFailure;
import com.google.rpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.Optional;

/** Reads rich error details from a failed call, as clients do. */
public final class GrpcErrors {

    private GrpcErrors() {}

    public static Status status(StatusRuntimeException e) {
        Status status = StatusProto.fromThrowable(e);
        if (status == null) {
            throw new AssertionError("no google.rpc.Status in trailers of " + e);
        }
        return status;
    }

    public static List<String> badFields(StatusRuntimeException e) {
        return detail(e, BadRequest.class).orElseThrow(() -> new AssertionError("no BadRequest in " + e))
                .getFieldViolationsList().stream().map(BadRequest.FieldViolation::getField).toList();
    }

    public static List<PreconditionFailure.Violation> preconditionViolations(StatusRuntimeException e) {
        return detail(e, PreconditionFailure.class)
                .orElseThrow(() -> new AssertionError("no PreconditionFailure in " + e)).getViolationsList();
    }

    public static <T extends com.google.protobuf.Message> Optional<T> detail(StatusRuntimeException e, Class<T> type) {
        for (Any any : status(e).getDetailsList()) {
            if (any.is(type)) {
                try {
                    return Optional.of(any.unpack(type));
                } catch (InvalidProtocolBufferException ex) {
                    throw new AssertionError(ex);
                }
            }
        }
        return Optional.empty();
    }
}
