package kyodo.query.portal;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class PortalFormatTest {

    private final PortalFormat ja = new PortalFormat(Locale.JAPANESE);
    private final PortalFormat en = new PortalFormat(Locale.ENGLISH);

    @Test
    void yenIsWrittenInManAndOkuGroupsExactly() {
        assertThat(PortalFormat.yenJa(55_000_000)).isEqualTo("5,500万円");
        assertThat(PortalFormat.yenJa(350_000_000)).isEqualTo("3億5,000万円");
        assertThat(PortalFormat.yenJa(1_234_567_890)).isEqualTo("12億3,456万7,890円");
        assertThat(PortalFormat.yenJa(2_000_000_000_123L)).isEqualTo("2兆123円");
        assertThat(PortalFormat.yenJa(999)).isEqualTo("999円");
        assertThat(PortalFormat.yenJa(0)).isEqualTo("0円");
        assertThat(ja.yen(55_000_000)).isEqualTo("¥55,000,000");
    }

    @Test
    void fiscalYearsCarryTheirEraBesideTheIsoYear() {
        assertThat(ja.fiscalYear(2024)).isEqualTo("令和6年度 (2024)");
        assertThat(ja.fiscalYear(2019)).isEqualTo("令和元年度 (2019)");
        assertThat(en.fiscalYear(2005)).isEqualTo("FY2005 (平成17年度)");
    }

    @Test
    void timesAreTokyoClockTimesWithTheirOffsetForMachines() {
        Instant start = Instant.parse("2015-09-19T04:00:00Z");
        assertThat(ja.time(start)).isEqualTo("13:00");
        assertThat(en.time(Instant.parse("2015-09-19T00:05:00Z"))).isEqualTo("9:05");
        assertThat(ja.isoDateTime(start)).isEqualTo("2015-09-19T13:00+09:00");
        assertThat(ja.time(null)).isEmpty();
        assertThat(ja.isoDateTime(null)).isEmpty();
    }

    @Test
    void datesAreTokyoCalendarDaysInThePagesLanguage() {
        Instant lateEveningUtc = Instant.parse("2026-03-31T15:30:00Z");
        assertThat(ja.date(lateEveningUtc)).isEqualTo("2026年4月1日");
        assertThat(en.date(lateEveningUtc)).isEqualTo("1 Apr 2026");
        assertThat(ja.isoDate(lateEveningUtc)).isEqualTo("2026-04-01");
        assertThat(ja.date(LocalDate.of(2027, 1, 4))).isEqualTo("2027年1月4日");
        assertThat(ja.date("2026-12-05T01:02:03.000Z")).isEqualTo("2026年12月5日");
    }

    @Test
    void sharesAndMediansAreRoundedForPeople() {
        assertThat(ja.percent(new BigDecimal("0.4321"))).isEqualTo("43.2%");
        assertThat(ja.percent(null)).isEqualTo("–");
        assertThat(ja.decimal(new BigDecimal("12.50"))).isEqualTo("12.5");
        assertThat(ja.decimal(new BigDecimal("30"))).isEqualTo("30");
    }

    @Test
    void barsAreScaledToTheLongestAndAZeroStaysEmpty() {
        BarChart chart = BarChart.of("c", List.of("a", "b", "c"), List.of(184L, 92L, 0L), List.of("184", "92", "0"));
        assertThat(chart.bars()).extracting(BarChart.Bar::width).containsExactly(BarChart.BAR_AREA, BarChart.BAR_AREA / 2, 0);
        assertThat(chart.bars()).extracting(BarChart.Bar::y).containsExactly(0, BarChart.ROW, 2 * BarChart.ROW);
        assertThat(BarChart.of("d", List.of("x"), List.of(1L), List.of("1")).bars().get(0).width())
                .isEqualTo(BarChart.BAR_AREA);
        assertThat(BarChart.of("e", List.of("x", "y"), List.of(1_000_000L, 1L), List.of("", "")).bars().get(1).width())
                .as("a small figure still shows").isEqualTo(1);
    }

    @Test
    void portalPathsAreThePagesAndTheirFilesOnly() {
        assertThat(PortalPaths.isPage("/")).isTrue();
        assertThat(PortalPaths.isPage("/proposals")).isTrue();
        assertThat(PortalPaths.isPage("/proposals/abc-123")).isTrue();
        assertThat(PortalPaths.isPage("/proposals/abc/def")).isFalse();
        assertThat(PortalPaths.isPage("/proposals/")).isFalse();
        assertThat(PortalPaths.isPage("/public/proposals")).isFalse();
        assertThat(PortalPaths.isPortal("/portal/portal.css")).isTrue();
        assertThat(PortalPaths.isPortal("/api/proposals")).isFalse();
    }
}
