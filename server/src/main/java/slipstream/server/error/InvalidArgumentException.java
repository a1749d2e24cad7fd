package slipstream.server.error;

import java.util.List;
import java.util.stream.Collectors;

/** The request itself is malformed: INVALID_ARGUMENT with a BadRequest listing every bad field. */
public final class InvalidArgumentException extends SlipstreamException {

    private final List<FieldViolation> violations;

    public InvalidArgumentException(List<FieldViolation> violations) {
        super("INVALID_ARGUMENT", summary(violations), null);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid argument needs at least one field violation");
        }
        this.violations = List.copyOf(violations);
    }

    public static InvalidArgumentException of(String field, String description) {
        return new InvalidArgumentException(List.of(new FieldViolation(field, description)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    private static String summary(List<FieldViolation> violations) {
        return "invalid request: " + violations.stream()
                .map(v -> v.field() + ": " + v.description())
                .collect(Collectors.joining("; "));
    }
}
