package kyodo.ops.console;

import jakarta.validation.ConstraintViolation;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What is wrong with a form's fields, one message per field, in words the page puts beside the field:
 * each error is a message key of the console bundle ({@code console.invalid.<constraint>}) and the
 * limit it names, so the page says it in its own language.
 */
final class FormErrors {

    /**
     * @param code  the broken constraint's name (NotBlank, Size, Max, …) or {@code Number}
     * @param limit the limit it names (a length, a bound), or null
     */
    public record FieldError(String code, Object limit) {
    }

    private final Map<String, FieldError> errors = new LinkedHashMap<>();

    /** A whole number field, null when left empty; anything else is noted as an error. */
    Integer wholeNumber(Map<String, String> form, String name) {
        String value = form.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException notANumber) {
            errors.putIfAbsent(name, new FieldError("Number", null));
            return null;
        }
    }

    /**
     * Adds the bean-validation violations of a body record (the JSON API's constraints), each under the
     * record's field it concerns: a list field's element ({@code themes[2].<list element>}) is its
     * field's error, as the form has one field for the whole list (a list's own length is {@code Items}).
     */
    void add(Set<? extends ConstraintViolation<?>> violations) {
        violations.stream()
                .sorted(java.util.Comparator.comparing(v -> v.getPropertyPath().toString()))
                .forEach(v -> {
                    Map<String, Object> attributes = v.getConstraintDescriptor().getAttributes();
                    Object limit = attributes.containsKey("max") ? attributes.get("max") : attributes.get("value");
                    String code = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
                    // a list's length is a count of items, not of characters
                    errors.putIfAbsent(v.getPropertyPath().iterator().next().getName(), new FieldError(
                            "Size".equals(code) && v.getInvalidValue() instanceof Collection<?> ? "Items" : code,
                            limit));
                });
    }

    /** Notes an error of a field the body record does not check (e.g. the form's version). */
    void add(String field, String code) {
        errors.putIfAbsent(field, new FieldError(code, null));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    Map<String, FieldError> byField() {
        return Map.copyOf(errors);
    }
}
