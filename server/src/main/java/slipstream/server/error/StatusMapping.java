package slipstream.server.error;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.PreconditionFailure;
import com.google.rpc.ResourceInfo;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapping from failures to gRPC statuses, in the rich error model (AIP-193): every status carries a
 * {@code google.rpc.ErrorInfo}, plus {@code BadRequest}, {@code PreconditionFailure}, {@code ResourceInfo} or
 * {@code RetryInfo} as fits. Unexpected exceptions become INTERNAL with a generic message and are logged
 * here, server side only: no stack trace ever reaches a client.
 */
public final class StatusMapping {

    public static final String DOMAIN = "slipstream.dev";
    private static final Logger LOG = LoggerFactory.getLogger(StatusMapping.class);

    private StatusMapping() {}

    public static StatusRuntimeException toStatus(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof StatusRuntimeException sre) {
            return sre;
        }
        if (t instanceof StatusException se) {
            return se.getStatus().asRuntimeException(se.getTrailers());
        }
        if (t instanceof SlipstreamException e) {
            return StatusProto.toStatusRuntimeException(toProto(e));
        }
        if (t instanceof CancellationException || t instanceof InterruptedException) {
            return io.grpc.Status.CANCELLED.withDescription("the call was cancelled").asRuntimeException();
        }
        LOG.error("Unexpected failure (reported to the client as INTERNAL)", t);
        return StatusProto.toStatusRuntimeException(Status.newBuilder()
                .setCode(Code.INTERNAL_VALUE)
                .setMessage("internal error; the server log has details. Retry, or report it if it persists.")
                .addDetails(Any.pack(errorInfo("INTERNAL")))
                .build());
    }

    static Status toProto(SlipstreamException e) {
        Status.Builder status = Status.newBuilder().setMessage(e.getMessage());
        status.addDetails(Any.pack(errorInfo(e.reason())));
        switch (e) {
            case InvalidArgumentException ia -> {
                status.setCode(Code.INVALID_ARGUMENT_VALUE);
                BadRequest.Builder bad = BadRequest.newBuilder();
                ia.violations().forEach(v -> bad.addFieldViolations(BadRequest.FieldViolation.newBuilder()
                        .setField(v.field()).setDescription(v.description())));
                status.addDetails(Any.pack(bad.build()));
            }
            case NotFoundException nf -> {
                status.setCode(Code.NOT_FOUND_VALUE);
                status.addDetails(Any.pack(ResourceInfo.newBuilder()
                        .setResourceType(nf.resourceType()).setResourceName(nf.resourceName())
                        .setDescription(nf.getMessage()).build()));
            }
            case FailedPreconditionException fp -> {
                status.setCode(Code.FAILED_PRECONDITION_VALUE);
                PreconditionFailure.Builder pf = PreconditionFailure.newBuilder();
                fp.violations().forEach(v -> pf.addViolations(PreconditionFailure.Violation.newBuilder()
                        .setType(v.type()).setSubject(v.subject()).setDescription(v.description())));
                status.addDetails(Any.pack(pf.build()));
            }
            case UnavailableException u -> {
                status.setCode(Code.UNAVAILABLE_VALUE);
                status.addDetails(Any.pack(retryInfo(u.retryAfter())));
            }
            case ResourceExhaustedException r -> {
                status.setCode(Code.RESOURCE_EXHAUSTED_VALUE);
                status.addDetails(Any.pack(retryInfo(r.retryAfter())));
            }
            case PermissionDeniedException p -> status.setCode(Code.PERMISSION_DENIED_VALUE);
        }
        return status.build();
    }

    private static ErrorInfo errorInfo(String reason) {
        return ErrorInfo.newBuilder().setReason(reason).setDomain(DOMAIN).build();
    }

    private static RetryInfo retryInfo(java.time.Duration after) {
        return RetryInfo.newBuilder().setRetryDelay(Duration.newBuilder()
                .setSeconds(after.getSeconds()).setNanos(after.getNano())).build();
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof java.util.concurrent.CompletionException
                || current instanceof java.util.concurrent.ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
