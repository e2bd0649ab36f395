package kyodo.command.web.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The value is one of an enum's wire names (for {@link kyodo.kernel.Ward}, its code). Null passes:
 * combine with {@code @NotNull} where required. Keeps requests as plain strings so that every bad
 * field is reported at once, with the accepted values.
 */
@Documented
@Constraint(validatedBy = OneOf.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface OneOf {

    Class<? extends Enum<?>> value();

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Accepts the wire names of the enum in {@link OneOf#value()}. */
    class Validator implements ConstraintValidator<OneOf, String> {

        private Set<String> accepted;

        @Override
        public void initialize(OneOf annotation) {
            accepted = Arrays.stream(annotation.value().getEnumConstants())
                    .map(Validator::wireName)
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        }

        static String wireName(Enum<?> constant) {
            return constant instanceof kyodo.kernel.Ward ward ? ward.code() : constant.name();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || accepted.contains(value)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must be one of " + String.join(", ", accepted))
                    .addConstraintViolation();
            return false;
        }
    }
}
