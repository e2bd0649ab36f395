package kyodo.ops.demo;

import kyodo.kernel.FiscalYear;
import kyodo.ops.demo.DemoProposals.Demo;
import kyodo.ops.demo.DemoProposals.Step;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo proposals' dates (issue 20): whatever day the demo is loaded, they were submitted over past
 * months, some were answered late, some are overdue today, and answers took days, not none; every step
 * lies in the past, after the one before it, and the same day gives the same dates and ids.
 */
class DemoProposalsTimelineTest {

    /** A load at 08:00 in Tokyo, before the office's hours, on a day in the middle of a fiscal year. */
    private static final Instant NOW = ZonedDateTime.of(2026, 12, 5, 8, 0, 0, 0, FiscalYear.TOKYO).toInstant();
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

    @Test
    void proposalsWereSubmittedOverThePastMonths() {
        List<Integer> daysAgo = DemoProposals.ALL.stream().map(Demo::daysAgo).toList();

        assertThat(daysAgo).allMatch(d -> d >= 1).anyMatch(d -> d > 120).anyMatch(d -> d < 30);
    }

    @Test
    void answersTookDaysSomeLateAndTwoProposalsAreOverdueToday() {
        List<Long> daysToAnswer = new ArrayList<>();
        int late = 0;
        for (Demo demo : DemoProposals.ALL) {
            LocalDate submitted = date(demo, 0);
            LocalDate due = null;
            for (int i = 1; i <= demo.steps().size(); i++) {
                Step step = demo.steps().get(i - 1);
                if (step.action().equals("acknowledgement")) {
                    due = date(demo, i).plusDays((Integer) step.body().get("responseDueDays"));
                }
                if (step.action().equals("decision")) {
                    daysToAnswer.add(ChronoUnit.DAYS.between(submitted, date(demo, i)));
                    late += date(demo, i).isAfter(due) ? 1 : 0;
                }
            }
        }
        List<Long> sorted = daysToAnswer.stream().sorted().toList();

        assertThat(sorted).hasSize(3).allMatch(d -> d > 0);
        assertThat(sorted.get(sorted.size() / 2)).as("median days to answer").isGreaterThan(0);
        assertThat(late).as("answered after the due date").isEqualTo(2);
        assertThat(DemoProposals.ALL.stream().filter(d -> BackdatedProposals.overdueToday(d, TODAY)))
                .extracting(Demo::key).containsExactly("demo-proposal-02", "demo-proposal-05");
    }

    @Test
    void everyStepIsInThePastAfterTheOneBeforeIt() {
        for (Demo demo : DemoProposals.ALL) {
            Instant previous = Instant.MIN;
            for (int i = 0; i <= demo.steps().size(); i++) {
                Instant at = BackdatedProposals.at(TODAY, demo, i, NOW);
                assertThat(at).as(demo.key() + " step " + i).isAfter(previous).isBefore(NOW);
                previous = at;
            }
        }
    }

    @Test
    void aStepDueLaterTodayThanNowIsTakenNowAtTheLatest() {
        Demo today = new Demo("today", 0, DemoProposals.ALL.get(0).submission(),
                List.of(new Step("acknowledgement", 0,
                        java.util.Map.of("department", "幸区役所", "responseDueDays", 30))));

        assertThat(BackdatedProposals.at(TODAY, today, 0, NOW)).isEqualTo(NOW.minusSeconds(2));
        assertThat(BackdatedProposals.at(TODAY, today, 1, NOW)).isEqualTo(NOW.minusSeconds(1));
    }

    @Test
    void theSameDayGivesTheSameDatesAndIds() {
        Demo first = DemoProposals.ALL.get(0);

        assertThat(BackdatedProposals.at(TODAY, first, 3, NOW))
                .isEqualTo(BackdatedProposals.at(TODAY, first, 3, NOW.plusSeconds(3600)))
                .isEqualTo(ZonedDateTime.of(2026, 8, 18, 10, 3, 0, 0, FiscalYear.TOKYO).toInstant());
        assertThat(BackdatedProposals.id(first.key(), "proposal"))
                .isEqualTo(BackdatedProposals.id(first.key(), "proposal"))
                .isNotEqualTo(BackdatedProposals.id(first.key(), "decision"));
    }

    private static LocalDate date(Demo demo, int step) {
        return BackdatedProposals.at(TODAY, demo, step, NOW).atZone(FiscalYear.TOKYO).toLocalDate();
    }
}
