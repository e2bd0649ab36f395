package kyodo.kernel;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FiscalYearTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void theLastDayOfMarchBelongsToTheFiscalYearThatStartedTheYearBefore() {
        assertThat(FiscalYear.containing(LocalDate.of(2025, 3, 31))).isEqualTo(FiscalYear.of(2024));
    }

    @Test
    void theFirstDayOfAprilStartsANewFiscalYear() {
        assertThat(FiscalYear.containing(LocalDate.of(2025, 4, 1))).isEqualTo(FiscalYear.of(2025));
    }

    @Test
    void januaryBelongsToTheFiscalYearThatStartedTheYearBefore() {
        assertThat(FiscalYear.containing(LocalDate.of(2026, 1, 15))).isEqualTo(FiscalYear.of(2025));
    }

    @Test
    void anInstantIsReadAsATokyoDate() {
        // 15:30 UTC on 31 March is 00:30 on 1 April in Tokyo.
        assertThat(FiscalYear.containing(Instant.parse("2025-03-31T15:30:00Z"))).isEqualTo(FiscalYear.of(2025));
        // One second before midnight in Tokyo is still March.
        assertThat(FiscalYear.containing(Instant.parse("2025-03-31T14:59:59Z"))).isEqualTo(FiscalYear.of(2024));
    }

    @Test
    void anInstantIsReadInTokyoWhateverTheJvmTimeZone() {
        TimeZone original = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            assertThat(FiscalYear.containing(Instant.parse("2025-03-31T15:30:00Z"))).isEqualTo(FiscalYear.of(2025));
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void fiscalYear2025IsReiwa7() {
        assertThat(FiscalYear.of(2025).labelJa()).isEqualTo("令和7年度");
    }

    @Test
    void fiscalYear2005IsHeisei17() {
        assertThat(FiscalYear.of(2005).labelJa()).isEqualTo("平成17年度");
    }

    @Test
    void fiscalYear2020IsReiwa2() {
        assertThat(FiscalYear.of(2020).labelJa()).isEqualTo("令和2年度");
    }

    /**
     * Reiwa began on 1 May 2019, a month into FY2019; the city writes that year 令和元年度, and so
     * does kyodo (the era in force at the end of the starting calendar year).
     */
    @Test
    void fiscalYear2019IsTheFirstYearOfReiwaAsTheCityWritesIt() {
        assertThat(FiscalYear.of(2019).labelJa()).isEqualTo("令和元年度");
    }

    @Test
    void theYearBeforeAnEraChangeKeepsTheOldEra() {
        assertThat(FiscalYear.of(2018).labelJa()).isEqualTo("平成30年度");
    }

    /** Shōwa ended on 7 January 1989, so 1 April 1989 is the first year of Heisei. */
    @Test
    void fiscalYear1989IsTheFirstYearOfHeiseiWrittenGannen() {
        assertThat(FiscalYear.of(1989).labelJa()).isEqualTo("平成元年度");
    }

    @Test
    void theEnglishLabelIsFyAndTheStartYear() {
        assertThat(FiscalYear.of(2025).labelEn()).isEqualTo("FY2025");
        assertThat(FiscalYear.of(2025)).hasToString("FY2025");
    }

    @Test
    void aFiscalYearRunsFromTheFirstOfAprilToTheThirtyFirstOfMarch() {
        FiscalYear fy = FiscalYear.of(2025);

        assertThat(fy.firstDay()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(fy.lastDay()).isEqualTo(LocalDate.of(2026, 3, 31));
    }

    @Test
    void aFiscalYearStartsAndEndsAtMidnightInTokyo() {
        FiscalYear fy = FiscalYear.of(2025);

        assertThat(fy.start()).isEqualTo(Instant.parse("2025-03-31T15:00:00Z"));
        assertThat(fy.endExclusive()).isEqualTo(Instant.parse("2026-03-31T15:00:00Z"));
    }

    @Test
    void containsItsFirstAndLastDayButNothingOutside() {
        FiscalYear fy = FiscalYear.of(2025);

        assertThat(fy.contains(LocalDate.of(2025, 4, 1))).isTrue();
        assertThat(fy.contains(LocalDate.of(2026, 3, 31))).isTrue();
        assertThat(fy.contains(LocalDate.of(2025, 3, 31))).isFalse();
        assertThat(fy.contains(LocalDate.of(2026, 4, 1))).isFalse();
    }

    @Test
    void theNextFiscalYearStartsAYearLater() {
        assertThat(FiscalYear.of(2025).next()).isEqualTo(FiscalYear.of(2026));
    }

    @Test
    void fiscalYearsOrderByTheirStartYear() {
        assertThat(FiscalYear.of(2024)).isLessThan(FiscalYear.of(2025));
        assertThat(FiscalYear.of(2025).compareTo(FiscalYear.of(2025))).isZero();
    }

    @Test
    void acceptsTheBoundsOfTheRange() {
        assertThat(FiscalYear.of(FiscalYear.MIN_YEAR).startYear()).isEqualTo(1989);
        assertThat(FiscalYear.of(FiscalYear.MAX_YEAR).startYear()).isEqualTo(2200);
    }

    @Test
    void rejectsAYearBeforeTheRange() {
        assertThatThrownBy(() -> FiscalYear.of(1988))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fiscal year out of range: 1988");
    }

    @Test
    void rejectsAYearAfterTheRange() {
        assertThatThrownBy(() -> new FiscalYear(2201))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fiscal year out of range: 2201");
    }

    @Test
    void rejectsADateWhoseFiscalYearIsBeforeTheRange() {
        assertThatThrownBy(() -> FiscalYear.containing(LocalDate.of(1989, 3, 31)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fiscal year out of range: 1988");
    }

    @Test
    void jacksonWritesAFiscalYearAsABareInteger() throws Exception {
        assertThat(mapper.writeValueAsString(FiscalYear.of(2025))).isEqualTo("2025");
        assertThat(mapper.writeValueAsString(Map.of("fiscalYear", FiscalYear.of(2025))))
                .isEqualTo("{\"fiscalYear\":2025}");
    }

    @Test
    void jacksonReadsAFiscalYearBackFromABareInteger() throws Exception {
        assertThat(mapper.readValue("2025", FiscalYear.class)).isEqualTo(FiscalYear.of(2025));
    }

    @Test
    void jacksonRejectsAnOutOfRangeYear() {
        assertThatThrownBy(() -> mapper.readValue("1900", FiscalYear.class))
                .isInstanceOf(JsonMappingException.class)
                .rootCause()
                .hasMessage("fiscal year out of range: 1900");
    }
}
