package kyodo.kernel.problem;

/**
 * One invalid input field, reported in a problem's {@code errors} array.
 *
 * @param field   JSON path of the field, e.g. {@code proposer.name}
 * @param message what is wrong with it
 */
public record FieldViolation(String field, String message) {
}
