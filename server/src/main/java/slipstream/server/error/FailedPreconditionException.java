package slipstream.server.error;

import java.util.List;

/** The request is well formed but the system state forbids it: FAILED_PRECONDITION listing every violation. */
public final class FailedPreconditionException extends SlipstreamException {

    private final List<PreconditionViolation> violations;

    public FailedPreconditionException(String reason, String message, List<PreconditionViolation> violations) {
        super(reason, message, null);
        this.violations = List.copyOf(violations);
    }

    public List<PreconditionViolation> violations() {
        return violations;
    }
}
