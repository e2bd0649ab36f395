package kyodo.ops.console;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What is wrong with a form's fields, one message per field, in words the page puts beside the field:
 * each error is a message key of the console bundle ({@code console.invalid.<constraint>}) and the
 * limit it names, so the page says it in its own language.
 */
public final class FormErrors {

    /**
     * @param code  the broken constraint's name (NotBlank, Size, Max, …) or {@code Number}
     * @param limit the limit it names (a length, a bound), or null
     */
    public record FieldError(String code, Object limit) {
    }

    private static final Pattern VERSION = Pattern.compile("[0-9]{1,18}");

    private final Map<String, FieldError> errors = new LinkedHashMap<>();

    /** A whole number field, null when left empty; anything else is noted as an error. */
    public Integer wholeNumber(Map<String, String> form, String name) {
        return parsed(form, name, value -> Integer.valueOf(value.strip()), "Number");
    }

    /** A whole number of yen (or of anything counted beyond int), null when left empty; else noted as an error. */
    public Long longNumber(Map<String, String> form, String name) {
        return parsed(form, name, value -> Long.valueOf(value.strip().replace(",", "")), "Number");
    }

    /** A day (yyyy-MM-dd, as a date input sends it), null when left empty; anything else is noted as an error. */
    public LocalDate date(Map<String, String> form, String name) {
        return parsed(form, name, value -> LocalDate.parse(value.strip()), "Date");
    }

    /**
     * A field read by {@code parse}, null when left empty; a value it cannot read is noted as an error
     * {@code code} of the field, and null answered.
     */
    private <T> T parsed(Map<String, String> form, String name, Function<String, T> parse, String code) {
        String value = form.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (NumberFormatException | DateTimeParseException unreadable) {
            errors.putIfAbsent(name, new FieldError(code, null));
            return null;
        }
    }

    /**
     * The version the form was rendered from (its If-Match), as an ETag; a missing or malformed one is noted
     * as an error of the field {@code version}, and null answered.
     */
    public String version(Map<String, String> form) {
        String version = form.get("version");
        if (version == null || !VERSION.matcher(version).matches()) {
            errors.putIfAbsent("version", new FieldError("Version", null));
            return null;
        }
        return "\"" + version + "\"";
    }

    /**
     * Checks the body record with the JSON API's constraints (the same validator), unless a field could not
     * even be read into it (its error is already noted).
     */
    public void check(Object body, Validator validator) {
        if (errors.isEmpty()) {
            add(validator.validate(body));
        }
    }

    /**
     * Adds the bean-validation violations of a body record (the JSON API's constraints), each under the
     * record's field it concerns: a list field's element ({@code themes[2].<list element>}) is its
     * field's error, as the form has one field for the whole list (a list's own length is {@code Items}).
     */
    public void add(Set<? extends ConstraintViolation<?>> violations) {
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
    public void add(String field, String code) {
        errors.putIfAbsent(field, new FieldError(code, null));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public Map<String, FieldError> byField() {
        return Map.copyOf(errors);
    }
}
