package slipstream.server.error;

/**
 * A domain failure with a defined gRPC meaning. Domain services throw these; {@link StatusMapping} is the one
 * place that turns them into gRPC statuses with rich error details. Anything else that escapes is a bug and
 * becomes INTERNAL without a stack trace on the wire.
 */
public abstract sealed class SlipstreamException extends RuntimeException
        permits InvalidArgumentException, NotFoundException, FailedPreconditionException,
                UnavailableException, ResourceExhaustedException, PermissionDeniedException {

    private final String reason;

    protected SlipstreamException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Machine-readable reason for {@code google.rpc.ErrorInfo}, UPPER_SNAKE_CASE (AIP-193). */
    public String reason() {
        return reason;
    }
}
