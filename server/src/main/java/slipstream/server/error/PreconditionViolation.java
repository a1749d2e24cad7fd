package slipstream.server.error;

/**
 * One failed precondition, as in {@code google.rpc.PreconditionFailure.Violation}: a type (e.g. {@code ONTOLOGY},
 * {@code CONVERGENCE}, {@code CONSTRAINT}), the subject (a node and property, a gate, a constraint) and why.
 */
public record PreconditionViolation(String type, String subject, String description) {}
