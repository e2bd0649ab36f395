package kyodo.ops.bench;

import kyodo.kernel.Ward;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.ops.bench.BenchDataset.PlannedProposal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchDatasetTest {

    private static final Instant NOW = Instant.parse("2026-12-05T01:00:00Z");

    @Test
    void theSameSizeSeedAndNowGiveTheSamePlan() {
        assertThat(BenchDataset.plan(300, 24, 7, NOW)).isEqualTo(BenchDataset.plan(300, 24, 7, NOW));
        assertThat(BenchDataset.plan(300, 24, 8, NOW)).isNotEqualTo(BenchDataset.plan(300, 24, 7, NOW));
    }

    @Test
    void proposalsHaveRealisticLifecyclesInThePast() {
        BenchDataset plan = BenchDataset.plan(2_000, 24, 13, NOW);
        List<PlannedProposal> proposals = plan.proposals();
        assertThat(proposals).hasSize(2_000);
        assertThat(proposals).extracting(PlannedProposal::ward).containsAll(List.of(Ward.values()));
        long acknowledged = proposals.stream().filter(p -> p.acknowledgedAt() != null).count();
        long answered = proposals.stream().filter(p -> p.decidedAt() != null).count();
        long accepted = proposals.stream().filter(p -> p.outcome() == DecisionOutcome.ACCEPTED).count();
        long updated = proposals.stream().filter(p -> !p.progressAt().isEmpty()).count();
        long sentBack = proposals.stream().filter(p -> p.revisionRequestedAt() != null).count();
        long revised = proposals.stream().filter(p -> p.revisedAt() != null).count();
        // acknowledged but unanswered for more than the default 30 days: the deadline marks them overdue
        long overdue = proposals.stream().filter(p -> p.acknowledgedAt() != null && p.decidedAt() == null
                && p.acknowledgedAt().plus(Duration.ofDays(31)).isBefore(NOW)).count();
        assertThat(acknowledged).isBetween(1_600L, 1_800L);
        assertThat(answered).isBetween(800L, 1_300L);
        assertThat(accepted).isBetween(answered * 4 / 10, answered * 7 / 10);
        assertThat(updated).isBetween(800L, 1_200L);
        assertThat(sentBack).isBetween(80L, 200L);
        assertThat(revised).isBetween(sentBack / 2, sentBack);
        assertThat(overdue).isBetween(100L, 800L);
        assertThat(proposals.stream().filter(p -> p.title().contains(BenchDataset.SEARCHED_WORD)).count())
                .isBetween(40L, 200L);
        for (PlannedProposal p : proposals) {
            List<Instant> times = new ArrayList<>();
            times.add(p.submittedAt());
            if (p.acknowledgedAt() != null) {
                times.add(p.acknowledgedAt());
            }
            if (p.revisionRequestedAt() != null) {
                times.add(p.revisionRequestedAt());
            }
            if (p.revisedAt() != null) {
                assertThat(p.revisionRequestedAt()).isNotNull();
                times.add(p.revisedAt());
            }
            // an awaited revision holds the answer back
            if (p.revisionRequestedAt() != null && p.revisedAt() == null) {
                assertThat(p.decidedAt()).isNull();
            }
            times.addAll(p.progressAt());
            if (p.decidedAt() != null) {
                times.add(p.decidedAt());
            }
            assertThat(times).isSorted().allMatch(t -> t.isBefore(NOW) && t.isAfter(NOW.minus(Duration.ofDays(800))));
            assertThat(p.proposerContact()).endsWith("@example.invalid");
        }
    }

    @Test
    void projectsComeFromAcceptedProposalsAndEnvelopesCoverTheirAllocations() {
        BenchDataset plan = BenchDataset.plan(2_000, 24, 13, NOW);
        Map<Integer, PlannedProposal> byNumber = plan.proposals().stream()
                .collect(Collectors.toMap(PlannedProposal::number, Function.identity()));
        assertThat(plan.projects()).hasSize(200);
        assertThat(plan.meetings()).hasSize(200);
        plan.projects().forEach(project -> {
            PlannedProposal origin = byNumber.get(project.proposalNumber());
            assertThat(origin.outcome()).isEqualTo(DecisionOutcome.ACCEPTED);
            assertThat(project.ward()).isEqualTo(origin.ward());
            assertThat(project.launchedAt()).isAfterOrEqualTo(origin.decidedAt());
            if (project.approvedAt() == null) {
                assertThat(project.allocatedAt()).isNull();
                assertThat(project.reportsAt()).isEmpty();
                assertThat(project.completedAt()).isNull();
            }
            // never more spent than allocated
            assertThat(project.expenditureYen().stream().mapToLong(Long::longValue).sum())
                    .isLessThanOrEqualTo(project.allocationYen());
            if (project.allocatedAt() != null) {
                assertThat(project.approvedAt()).isNotNull();
                assertThat(project.expenditureYen()).isNotEmpty();
                assertThat(plan.envelopes()).containsKey(project.ward().code() + "-" + project.fiscalYear().startYear());
            }
        });
        plan.envelopes().values().forEach(envelope -> assertThat(envelope.yen()).isGreaterThanOrEqualTo(
                plan.projects().stream().filter(p -> p.ward() == envelope.ward()
                                && p.fiscalYear().equals(envelope.fiscalYear()))
                        .mapToLong(BenchDataset.PlannedProject::allocationYen).sum()));
        assertThat(plan.projects()).anyMatch(p -> p.completedAt() != null);
        plan.meetings().forEach(m -> {
            assertThat(m.attendance() - (2 + m.resolutions()) - 1).isPositive();
            assertThat(m.opinions()).isNotEmpty().allSatisfy(o -> assertThat(o.group()).isBetween(1, m.groups()));
            for (int o = 0; o < m.opinions().size(); o++) {
                assertThat(m.opinions().get(o).relatedTo()).isLessThan(o);
            }
            assertThat(m.minutesAt()).isAfterOrEqualTo(m.endsAt().isBefore(NOW) ? m.endsAt() : NOW).isBefore(NOW);
        });
    }

    @Test
    void aCitysDecadeHasAboutNineEventsPerProposal() {
        BenchDataset plan = BenchDataset.plan(10_000, 120, 13, NOW);
        // one event per command, plus the overdue marks the platform's deadlines add
        assertThat(plan.commands() / 10_000.0).isBetween(7.0, 10.0);
    }

    @Test
    void aPlanNeedsAProposal() {
        assertThatThrownBy(() -> BenchDataset.plan(0, 24, 13, NOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
