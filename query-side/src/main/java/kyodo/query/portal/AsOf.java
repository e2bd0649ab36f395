package kyodo.query.portal;

import kyodo.kernel.FiscalYear;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The moment a subject page is shown "as of" ({@code ?asOf=}), as people pick it: a date and time in
 * Tokyo without an offset, which is what an HTML {@code datetime-local} field sends
 * ({@code 2025-06-01T09:00}, seconds and fractions optional). The page's own links carry the exact
 * moment of an event, with its fraction of a second, so "as it stood after this step" is exact.
 */
public final class AsOf {

    public static final String PARAMETER = "asOf";

    private AsOf() {
    }

    /**
     * @throws KyodoProblemException invalid-input naming {@value #PARAMETER}
     */
    public static Instant parse(String value) {
        try {
            return LocalDateTime.parse(value.strip()).atZone(FiscalYear.TOKYO).toInstant();
        } catch (DateTimeParseException e) {
            throw new KyodoProblemException(CommonProblems.INVALID_INPUT, "The asOf is invalid.",
                    List.of(new FieldViolation(PARAMETER, "must be a date and time in Japan, e.g. 2025-06-01T09:00")),
                    Map.of());
        }
    }

    /** The exact moment as a parameter value, in Tokyo time ({@link #parse} reads it back to the same instant). */
    public static String format(Instant instant) {
        return LocalDateTime.ofInstant(instant, FiscalYear.TOKYO).toString();
    }

    /** The moment to the second, as a {@code datetime-local} field with {@code step="1"} shows it. */
    public static String input(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), FiscalYear.TOKYO).toString();
    }
}
