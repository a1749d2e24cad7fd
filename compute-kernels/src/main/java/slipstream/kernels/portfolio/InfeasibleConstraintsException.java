package slipstream.kernels.portfolio;

import java.util.List;
import java.util.stream.Collectors;

/** The request's constraints admit no portfolio. The server maps it to FAILED_PRECONDITION. */
public final class InfeasibleConstraintsException extends RuntimeException {
    private final List<ConstraintViolation> violations;

    public InfeasibleConstraintsException(List<ConstraintViolation> violations) {
        super(violations.stream().map(v -> v.constraint() + ": " + v.detail()).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<ConstraintViolation> violations() {
        return violations;
    }
}
