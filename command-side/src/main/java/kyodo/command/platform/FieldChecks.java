package kyodo.command.platform;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;

import java.util.List;
import java.util.Map;

/**
 * The field checks every aggregate's rules share: collect every violation, then refuse once with
 * all of them, so a client sees each bad field in one answer.
 */
public final class FieldChecks {

    private FieldChecks() {
    }

    /** A required text within its length limit (after stripping). */
    public static void text(List<FieldViolation> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldViolation(field, "required"));
        } else if (value.strip().length() > max) {
            errors.add(new FieldViolation(field, "at most " + max + " characters"));
        }
    }

    /** A value that must be given. */
    public static void required(List<FieldViolation> errors, String field, Object value) {
        if (value == null) {
            errors.add(new FieldViolation(field, "required"));
        }
    }

    /**
     * From {@code min} to {@code max} texts, each required and within {@code itemMax} characters; a
     * missing list counts as empty.
     *
     * @param items what the count is of, in the violation ("items", "themes")
     */
    public static void list(List<FieldViolation> errors, String field, List<String> values, int min, int max,
                            int itemMax, String items) {
        each(errors, field, values, min, max, items, (path, value) -> text(errors, path, value, itemMax));
    }

    /** Checks one item of a list, named by its path ({@code items[2]}). */
    @FunctionalInterface
    public interface ItemCheck<T> {
        void check(String path, T item);
    }

    /**
     * From {@code min} to {@code max} items, then each item checked under its path
     * ({@code field[i]}) once the count is right; a missing list counts as empty.
     *
     * @param items what the count is of, in the violation ("items", "marks")
     */
    public static <T> void each(List<FieldViolation> errors, String field, List<T> values, int min, int max,
                                String items, ItemCheck<T> check) {
        int size = values == null ? 0 : values.size();
        if (size < min || size > max) {
            errors.add(new FieldViolation(field, min + " to " + max + " " + items));
            return;
        }
        for (int i = 0; i < size; i++) {
            check.check(field + "[" + i + "]", values.get(i));
        }
    }

    /** A whole number from {@code min} to {@code max}; null passes (an optional field). */
    public static void range(List<FieldViolation> errors, String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            errors.add(new FieldViolation(field, min + " to " + max));
        }
    }

    /** A single required text, refused at once. */
    public static void requireText(String field, String value, int max) {
        List<FieldViolation> errors = new java.util.ArrayList<>();
        text(errors, field, value, max);
        refuseIfAny(errors, "The " + field + " is missing or too long.");
    }

    /** Refuses with every collected violation as one invalid-input problem. */
    public static void refuseIfAny(List<FieldViolation> errors, String detail) {
        if (!errors.isEmpty()) {
            throw new KyodoProblemException(CommonProblems.INVALID_INPUT, detail, errors, Map.of());
        }
    }
}
