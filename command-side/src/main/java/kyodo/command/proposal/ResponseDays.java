package kyodo.command.proposal;

import kyodo.kernel.FiscalYear;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** A proposal's response clock runs on Tokyo calendar days: when the answer is due, and how late it came. */
final class ResponseDays {

    private ResponseDays() {
    }

    static LocalDate tokyoDate(Instant instant) {
        return instant.atZone(FiscalYear.TOKYO).toLocalDate();
    }

    /** The answer is due by the end of the due day in Tokyo. */
    static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(FiscalYear.TOKYO).toInstant();
    }

    /** Whole days past the due day the answer came at; 0 when on time or when no answer was due. */
    static int daysLate(LocalDate dueOn, Instant answeredAt) {
        return dueOn == null ? 0 : (int) Math.max(0, ChronoUnit.DAYS.between(dueOn, tokyoDate(answeredAt)));
    }
}
