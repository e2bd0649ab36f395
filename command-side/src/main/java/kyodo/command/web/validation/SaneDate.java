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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAccessor;

/**
 * A date or time a city office could really record: from 1989-01-01 (Heisei 1, the earliest
 * fiscal year kyodo knows) to ten years from today. A typo such as 20255-01-01 or 1025-01-01 is
 * refused at the edge with the field named, instead of being kept for good in the event store.
 * Applies to {@link LocalDate} and {@link OffsetDateTime}; null passes.
 */
@Documented
@Constraint(validatedBy = SaneDate.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SaneDate {

    /** The earliest date accepted. */
    LocalDate EARLIEST = LocalDate.of(1989, 1, 1);
    /** How far ahead a date may lie. */
    int YEARS_AHEAD = 10;
    /** For the OpenAPI description of a field carrying this constraint. */
    String DESCRIPTION = "ISO-8601; from 1989-01-01 to ten years from today";

    String message() default "must be between 1989-01-01 and ten years from today";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the calendar date (in its own offset, for a date-time). */
    class Validator implements ConstraintValidator<SaneDate, TemporalAccessor> {

        @Override
        public boolean isValid(TemporalAccessor value, ConstraintValidatorContext context) {
            LocalDate date;
            if (value == null) {
                return true;
            } else if (value instanceof LocalDate local) {
                date = local;
            } else if (value instanceof OffsetDateTime time) {
                date = time.toLocalDate();
            } else {
                return false;
            }
            LocalDate latest = LocalDate.now(ZoneOffset.UTC).plusYears(YEARS_AHEAD);
            return !date.isBefore(EARLIEST) && !date.isAfter(latest);
        }
    }
}
