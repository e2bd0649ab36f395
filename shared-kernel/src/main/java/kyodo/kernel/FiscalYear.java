package kyodo.kernel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.chrono.JapaneseDate;
import java.time.chrono.JapaneseEra;
import java.util.stream.IntStream;

/**
 * A Japanese fiscal year (年度), April to March, named by the calendar year in which it starts:
 * FY2025 runs 2025-04-01..2026-03-31 and is 令和7年度. Dates are read in Asia/Tokyo.
 */
public record FiscalYear(int startYear) implements Comparable<FiscalYear> {

    public static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    /** Earliest year the platform accepts (the seeds reach back to 2002). */
    public static final int MIN_YEAR = 1989;
    public static final int MAX_YEAR = 2200;
    /** Every year's Japanese label, computed once: lists label every row, and the era look-up is not cheap. */
    private static final String[] LABELS_JA = IntStream.rangeClosed(MIN_YEAR, MAX_YEAR)
            .mapToObj(FiscalYear::eraLabel).toArray(String[]::new);

    public FiscalYear {
        if (startYear < MIN_YEAR || startYear > MAX_YEAR) {
            throw new IllegalArgumentException("fiscal year out of range: " + startYear);
        }
    }

    @JsonCreator
    public static FiscalYear of(int startYear) {
        return new FiscalYear(startYear);
    }

    public static FiscalYear containing(LocalDate date) {
        return new FiscalYear(date.getMonthValue() >= Month.APRIL.getValue() ? date.getYear() : date.getYear() - 1);
    }

    public static FiscalYear containing(Instant instant) {
        return containing(instant.atZone(TOKYO).toLocalDate());
    }

    @JsonValue
    public int startYear() {
        return startYear;
    }

    public LocalDate firstDay() {
        return LocalDate.of(startYear, Month.APRIL, 1);
    }

    public LocalDate lastDay() {
        return LocalDate.of(startYear + 1, Month.MARCH, 31);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(firstDay()) && !date.isAfter(lastDay());
    }

    /** The instant the fiscal year starts, midnight in Tokyo. */
    public Instant start() {
        return firstDay().atStartOfDay(TOKYO).toInstant();
    }

    /** The instant the next fiscal year starts (exclusive end). */
    public Instant endExclusive() {
        return next().start();
    }

    public FiscalYear next() {
        return new FiscalYear(startYear + 1);
    }

    /**
     * The Japanese label as the city writes it: 令和7年度, 平成17年度. A fiscal year takes the era in
     * force at the end of its first calendar year, so FY2019 (April 2019, still 平成31年) is
     * 令和元年度, as in Kawasaki's own reports; the first year of an era is 元年.
     */
    public String labelJa() {
        return LABELS_JA[startYear - MIN_YEAR];
    }

    private static String eraLabel(int startYear) {
        JapaneseDate date = JapaneseDate.from(LocalDate.of(startYear, Month.DECEMBER, 31));
        JapaneseEra era = date.getEra();
        int yearOfEra = date.get(java.time.temporal.ChronoField.YEAR_OF_ERA);
        return eraName(era) + (yearOfEra == 1 ? "元" : Integer.toString(yearOfEra)) + "年度";
    }

    public String labelEn() {
        return "FY" + startYear;
    }

    private static String eraName(JapaneseEra era) {
        return era.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.JAPANESE);
    }

    @Override
    public int compareTo(FiscalYear other) {
        return Integer.compare(startYear, other.startYear);
    }

    @Override
    public String toString() {
        return labelEn();
    }
}
