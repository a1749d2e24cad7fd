package slipstream.server.error;

/** One bad request field: its path (e.g. {@code contest.field_size}) and what is wrong with it. */
public record FieldViolation(String field, String description) {}
