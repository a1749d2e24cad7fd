package slipstream.kernels.portfolio;

/**
 * One infeasible constraint: which one and by how much.
 *
 * @param constraint the constraint's name, e.g. "salary_cap", "locks", "min_exposure", "uniqueness"
 * @param detail     a sentence with the numbers, e.g. "locked drivers cost 52,300, 2,300 over the cap of 50,000"
 */
public record ConstraintViolation(String constraint, String detail) {}
