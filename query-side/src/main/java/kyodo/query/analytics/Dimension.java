package kyodo.query.analytics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import kyodo.kernel.FiscalYear;
import kyodo.query.listing.ListParameters;

import java.util.List;
import java.util.Optional;

/**
 * A field a read model's rows can be filtered and grouped by. One definition serves the schema
 * endpoint, the validation of {@code ?filter=} and {@code groupBy}, and the fact field the rows are
 * read from, so that what is documented is what is checked.
 *
 * @param name        its name in requests, rows and CSV headers
 * @param type        {@code string} or {@code integer}, as JSON carries it
 * @param unit        what one value is measured in, e.g. {@code ward code}, {@code fiscal year}
 * @param meaning     what it means, for people
 * @param values      the only values it takes (codes), or empty for open text / numbers
 * @param multiValued whether one subject has several values (a proposal's themes): it then counts
 *                    under each of them when grouped by this dimension
 * @param nullable    whether a row may hold null here (e.g. ward of a city-wide subject)
 * @param field       the fact document's field it is read from
 * @param kind        how a filter value is checked
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Dimension(String name, String type, String unit, String meaning, List<String> values,
                        boolean multiValued, boolean nullable, @JsonIgnore String field, @JsonIgnore Kind kind) {

    /** Longest free-text filter value (a theme), in characters. */
    public static final int TEXT_MAX = 50;

    /** How a filter value is read. */
    public enum Kind {
        /** One of {@link #values()}, case-insensitively; stored as listed. */
        CODE,
        /** A fiscal year by its starting year. */
        FISCAL_YEAR,
        /** A calendar month {@code YYYY-MM} (Asia/Tokyo). */
        MONTH,
        /** Free text, matched exactly. */
        TEXT
    }

    public Dimension {
        values = values == null ? List.of() : List.copyOf(values);
    }

    public static Dimension code(String name, String unit, String meaning, List<String> values, boolean nullable) {
        return new Dimension(name, "string", unit, meaning, values, false, nullable, name, Kind.CODE);
    }

    public static Dimension fiscalYear(String meaning) {
        return new Dimension("fiscalYear", "integer", "fiscal year (starting year; 2025 = 2025-04-01..2026-03-31)",
                meaning, List.of(), false, false, "fiscalYear", Kind.FISCAL_YEAR);
    }

    public static Dimension month(String meaning) {
        return new Dimension("month", "string", "calendar month YYYY-MM, Asia/Tokyo", meaning, List.of(), false,
                false, "month", Kind.MONTH);
    }

    public static Dimension text(String name, String field, String meaning, boolean multiValued, boolean nullable) {
        return new Dimension(name, "string", "free text", meaning, List.of(), multiValued, nullable, field,
                Kind.TEXT);
    }

    /** The same dimension with another meaning and whether it may be null. */
    public Dimension withNullable(boolean nullable, String meaning) {
        return new Dimension(name, type, unit, meaning, values, multiValued, nullable, field, kind);
    }

    /** The filter value as stored in facts, or empty when it is not a value of this dimension. */
    public Optional<Object> parse(String raw) {
        return switch (kind) {
            case CODE -> values.stream().filter(v -> v.equalsIgnoreCase(raw.strip())).findFirst().map(v -> v);
            case FISCAL_YEAR -> ListParameters.whole(raw)
                    .filter(y -> y >= FiscalYear.MIN_YEAR && y <= FiscalYear.MAX_YEAR).map(Long::intValue);
            case MONTH -> raw.matches("[0-9]{4}-(0[1-9]|1[0-2])") ? Optional.of(raw) : Optional.empty();
            case TEXT -> ListParameters.length(raw) <= TEXT_MAX ? Optional.of(raw) : Optional.empty();
        };
    }

    /** Completes "must be …" when a filter value is refused. */
    public String expected() {
        return switch (kind) {
            case CODE -> ListParameters.oneOf(values);
            case FISCAL_YEAR -> "a year from " + FiscalYear.MIN_YEAR + " to " + FiscalYear.MAX_YEAR;
            case MONTH -> "a month written YYYY-MM";
            case TEXT -> "at most " + TEXT_MAX + " characters";
        };
    }
}
