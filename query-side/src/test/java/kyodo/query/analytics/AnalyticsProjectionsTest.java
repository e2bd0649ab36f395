package kyodo.query.analytics;

import kyodo.kernel.proposal.ProposalSupported;

import kyodo.kernel.proposal.ProposalSupportWithdrawn;

import com.mongodb.client.MongoDatabase;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.proposal.ProposalAccepted;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.proposal.TestStores;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The five fact projections fed with events, and the rows computed from their facts, figure by figure. */
class AnalyticsProjectionsTest {

    @RegisterExtension
    static final TestStores stores = new TestStores();

    private MongoDatabase database;
    private AnalyticsFixture fixture;
    private AnalyticsRows rows;

    @BeforeEach
    void freshDatabase() {
        database = stores.freshDatabase();
        fixture = new AnalyticsFixture(database);
        rows = new AnalyticsRows(MongoReadStore.of(database));
    }

    @Test
    void proposalsAreCountedInEveryStateWithMedianAndP90DaysToAnswer() {
        fixture.feed(AnalyticsFixture.proposals(stores.protector));

        assertThat(rows("proposals/summary", Map.of(), List.of("ward", "fiscalYear"))).containsExactly(
                row("ward", "saiwai", "fiscalYear", 2025, "received", 8L, "acknowledged", 3L, "decided", 5L,
                        "accepted", 3L, "rejected", 2L, "withdrawn", 1L, "open", 2L, "overdue", 1L,
                        "answeredLate", 1L, "supports", 0L, "medianDaysToAnswer", new BigDecimal("5.0"),
                        "p90DaysToAnswer", 30),
                row("ward", "tama", "fiscalYear", 2025, "received", 4L, "acknowledged", 0L, "decided", 4L,
                        "accepted", 4L, "rejected", 0L, "withdrawn", 0L, "open", 0L, "overdue", 0L,
                        "answeredLate", 0L, "supports", 0L, "medianDaysToAnswer", new BigDecimal("5.5"),
                        "p90DaysToAnswer", 8));
    }

    @Test
    void supportsAreSummedAndProposalsGroupedBySupportBand() {
        List<EventMessage<?>> events = new ArrayList<>(AnalyticsFixture.proposals(stores.protector));
        Instant at = Instant.parse("2025-07-02T01:00:00Z");
        for (int n = 1; n <= 12; n++) { // p8 (open): twelve residents support it
            events.add(new GenericDomainEventMessage<>("Proposal", "p8", n,
                    new ProposalSupported("p8", "pseudonym-" + n, n, at)));
        }
        events.add(new GenericDomainEventMessage<>("Proposal", "p7", 3, new ProposalSupported("p7", "pseudonym-1", 1, at)));
        events.add(new GenericDomainEventMessage<>("Proposal", "p7", 4, new ProposalSupported("p7", "pseudonym-2", 2, at)));
        events.add(new GenericDomainEventMessage<>("Proposal", "p7", 5,
                new ProposalSupportWithdrawn("p7", "pseudonym-1", 1, at)));
        fixture.feed(events);

        assertThat(rows("proposals/summary", Map.of("ward", "saiwai"), List.of()))
                .extracting(r -> r.get("supports")).containsExactly(13L);
        assertThat(rows("proposals/summary", Map.of(), List.of("supportBand")))
                .extracting(r -> r.get("supportBand"), r -> r.get("received"), r -> r.get("supports"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("0", 10L, 0L),
                        org.assertj.core.groups.Tuple.tuple("1-9", 1L, 1L),
                        org.assertj.core.groups.Tuple.tuple("10-49", 1L, 12L));
        assertThat(rows("proposals/summary", Map.of("supportBand", "10-49"), List.of("ward")))
                .extracting(r -> r.get("ward"), r -> r.get("open")).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("saiwai", 1L));
    }

    @Test
    void aProposalCountsUnderEachThemeButOnceWithoutThemes() {
        fixture.feed(AnalyticsFixture.proposals(stores.protector));

        List<Map<String, Object>> byTheme = rows("proposals/summary", Map.of("ward", "saiwai"), List.of("theme"));
        assertThat(byTheme).extracting(r -> r.get("theme"), r -> r.get("received"), r -> r.get("decided"),
                        r -> r.get("open"), r -> r.get("medianDaysToAnswer"), r -> r.get("p90DaysToAnswer"))
                .containsExactly( // in code-point order: 緑 U+7DD1 before 防 U+9632
                        org.assertj.core.groups.Tuple.tuple(AnalyticsFixture.GREEN, 5L, 5L, 0L,
                                new BigDecimal("5.0"), 30),
                        org.assertj.core.groups.Tuple.tuple(AnalyticsFixture.SAFETY, 4L, 1L, 2L,
                                new BigDecimal("1.0"), 1));
        assertThat(rows("proposals/summary", Map.of("ward", "saiwai"), List.of()).get(0).get("received"))
                .isEqualTo(8L);
        // Filtered by a theme without grouping by it, each proposal of that theme counts once.
        assertThat(rows("proposals/summary", Map.of("theme", AnalyticsFixture.GREEN), List.of("ward")))
                .extracting(r -> r.get("ward"), r -> r.get("received"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("saiwai", 5L),
                        org.assertj.core.groups.Tuple.tuple("tama", 4L));
    }

    @Test
    void budgetsShowEnvelopeMoneyAndUtilisationOfTheGroupsSums() {
        fixture.feed(AnalyticsFixture.moneyAndProjects());

        assertThat(rows("budgets", Map.of(), List.of("ward", "fiscalYear"))).containsExactly(
                row("ward", "saiwai", "fiscalYear", 2025, "envelopeYen", 10_000_000L, "reservedYen", 3_500_000L,
                        "allocatedYen", 3_500_000L, "returnedYen", 1_000_000L, "spentYen", 1_200_000L,
                        "availableYen", 6_800_000L, "utilisation", new BigDecimal("0.1200"),
                        "allocationRate", new BigDecimal("0.3500"), "projects", 2L),
                row("ward", "tama", "fiscalYear", 2025, "envelopeYen", 8_000_000L, "reservedYen", 0L,
                        "allocatedYen", 0L, "returnedYen", 0L, "spentYen", 0L, "availableYen", 8_000_000L,
                        "utilisation", new BigDecimal("0.0000"), "allocationRate", new BigDecimal("0.0000"),
                        "projects", 0L));
        Map<String, Object> city = rows("budgets", Map.of(), List.of("fiscalYear")).get(0);
        assertThat(city.get("envelopeYen")).isEqualTo(18_000_000L);
        assertThat(city.get("utilisation")).isEqualTo(new BigDecimal("0.0667"));
        assertThat(city.get("allocationRate")).isEqualTo(new BigDecimal("0.1944"));
        assertThat(rows("budgets", Map.of("fiscalYear", "2030"), List.of()).get(0).get("utilisation")).isNull();
    }

    @Test
    void projectsAreCountedWithPartnersByTypeMoneyAndTargets() {
        fixture.feed(AnalyticsFixture.moneyAndProjects());

        Map<String, Object> year = rows("projects/counts", Map.of(), List.of("fiscalYear")).get(0);
        Map<String, Object> expected = row("fiscalYear", 2025, "count", 3L, "active", 2L, "approved", 2L,
                "completed", 0L, "terminated", 1L, "partners", 3L, "partnersCitizenGroup", 0L, "partnersNpo", 1L,
                "partnersNeighbourhoodAssociation", 1L, "partnersCompany", 0L, "partnersUniversity", 1L,
                "partnersCityDepartment", 0L, "partnersOther", 0L, "agreements", 1L, "allocatedYen", 3_500_000L,
                "spentYen", 1_200_000L, "remainingYen", 2_300_000L, "targets", 2L, "targetValues", 3L,
                "actualsRecorded", 2L, "targetsMet", 1L);
        assertThat(year).isEqualTo(expected);
        assertThat(new ArrayList<>(year.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
        assertThat(rows("projects/counts", Map.of("fiscalYear", "2025"), List.of("programme", "ward")))
                .extracting(r -> r.get("programme"), r -> r.get("ward"), r -> r.get("count"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("COLLABORATIVE", "saiwai", 2L),
                        org.assertj.core.groups.Tuple.tuple("WARD_LOCAL_ISSUE", "tama", 1L));
    }

    @Test
    void meetingsCountParticipationOpinionsPerThemeAndResolutions() {
        fixture.feed(AnalyticsFixture.meetings(stores.protector));

        assertThat(rows("meetings/participation", Map.of(), List.of("kind", "ward", "fiscalYear"))).containsExactly(
                row("kind", "TOWN_HALL", "ward", "saiwai", "fiscalYear", 2025, "meetings", 1L, "held", 0L,
                        "cancelled", 1L, "registrations", 0L, "attendance", 0L, "opinions", 0L, "resolutions", 0L,
                        "resolutionsPassed", 0L, "resolutionsFailed", 0L),
                row("kind", "WARD_ASSEMBLY", "ward", "saiwai", "fiscalYear", 2025, "meetings", 1L, "held", 1L,
                        "cancelled", 0L, "registrations", 2L, "attendance", 17L, "opinions", 1L, "resolutions", 2L,
                        "resolutionsPassed", 1L, "resolutionsFailed", 1L),
                row("kind", "WORKSHOP", "ward", null, "fiscalYear", 2015, "meetings", 1L, "held", 1L,
                        "cancelled", 0L, "registrations", 0L, "attendance", 44L, "opinions", 12L, "resolutions", 0L,
                        "resolutionsPassed", 0L, "resolutionsFailed", 0L));
        assertThat(rows("meetings/participation", Map.of("fiscalYear", "2015"), List.of("theme")))
                .extracting(r -> r.get("opinions")).containsExactly(4L, 4L, 4L);
        assertThat(rows("meetings/participation", Map.of("district", "south"), List.of()).get(0))
                .containsEntry("meetings", 3L).containsEntry("opinions", 13L);
    }

    @Test
    void decisionsAreCountedPerKindOutcomeWardAndMonth() {
        fixture.feed(AnalyticsFixture.history(stores.protector));

        List<Map<String, Object>> byKind = rows("decisions", Map.of(), List.of("kind", "outcome"));
        assertThat(byKind).extracting(r -> r.get("kind") + "/" + r.get("outcome") + "=" + r.get("count"))
                .containsExactly("AGREEMENT/SIGNED=1", "BUDGET_ALLOCATION/ALLOCATED=2", "BUDGET_ENVELOPE/SET=2",
                        "PROJECT_APPROVAL/APPROVED=2", "PROJECT_TERMINATION/TERMINATED=1",
                        "PROPOSAL_ANSWER/ACCEPTED=7", "PROPOSAL_ANSWER/REJECTED=2", "RESOLUTION/ADOPTED=1",
                        "RESOLUTION/REJECTED=1");
        assertThat(rows("decisions", Map.of("kind", "PROPOSAL_ANSWER", "ward", "tama"), List.of("month")))
                .containsExactly(row("month", "2025-05", "count", 4L));
    }

    @Test
    void aDecisionIsBucketedByItsMonthInTokyoAroundMidnight() {
        fixture.feed(List.of(decided("d-1", "2025-03-31T14:59:59Z"), decided("d-2", "2025-03-31T15:00:00Z"),
                decided("d-3", "2025-12-31T15:00:00Z")));

        assertThat(rows("decisions", Map.of(), List.of("month", "fiscalYear"))).containsExactly(
                row("month", "2025-03", "fiscalYear", 2024, "count", 1L),
                row("month", "2025-04", "fiscalYear", 2025, "count", 1L),
                row("month", "2026-01", "fiscalYear", 2025, "count", 1L));
    }

    @Test
    void replayAfterResetGivesTheSameDocuments() {
        List<EventMessage<?>> history = AnalyticsFixture.history(stores.protector);
        fixture.feed(history);
        Map<String, List<Document>> live = fixture.snapshot();

        fixture.reset();
        assertThat(fixture.snapshot().values()).allMatch(List::isEmpty);
        fixture.feed(history);

        assertThat(fixture.snapshot()).isEqualTo(live);
        assertThat(live.values()).allMatch(docs -> !docs.isEmpty());
    }

    @Test
    void eventsSeenTwiceOrInBatchesChangeNothing() {
        List<EventMessage<?>> history = AnalyticsFixture.history(stores.protector);
        fixture.feed(history);
        Map<String, List<Document>> once = fixture.snapshot();

        fixture.feed(history);
        assertThat(fixture.snapshot()).isEqualTo(once);

        fixture.reset();
        for (int from = 0; from < history.size(); from += 7) {
            BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(
                    List.copyOf(history.subList(from, Math.min(from + 7, history.size()))));
            batch.executeWithResult(() -> {
                fixture.feed(List.of(batch.getMessage()));
                return null;
            });
        }
        assertThat(fixture.snapshot()).isEqualTo(once);
    }

    @Test
    void noFactHoldsPersonalDataOrStaffIds() {
        fixture.feed(AnalyticsFixture.history(stores.protector));

        String all = fixture.snapshot().toString();
        assertThat(all).doesNotContain(AnalyticsFixture.NAME, AnalyticsFixture.CONTACT, "川崎 太郎", "staff-0",
                "ciphertext", "御幸町内会", "実施します");
    }

    @Test
    void theBlockingStreamForTheExportGivesTheSameRowsAsTheFlux() {
        fixture.feed(AnalyticsFixture.history(stores.protector));
        AnalyticsQuery query = AnalyticsQuery.of("meetings/participation", Map.of("district", "SOUTH"),
                List.of("theme", "kind"));

        List<AnalyticsRow> streamed;
        try (var stream = rows.stream(query)) {
            streamed = stream.toList();
        }

        assertThat(streamed).isEqualTo(rows.rows(query).collectList().block()).hasSize(5);
        assertThat(query.columns()).startsWith("theme", "kind", "meetings");
        assertThatThrownBy(() -> AnalyticsQuery.of("people", Map.of(), List.of()))
                .isInstanceOf(kyodo.kernel.problem.KyodoProblemException.class);
        assertThatThrownBy(() -> AnalyticsQuery.of("budgets", Map.of("theme", "x"), List.of()))
                .isInstanceOf(kyodo.kernel.problem.KyodoProblemException.class);
    }

    private static EventMessage<?> decided(String id, String at) {
        Instant when = Instant.parse(at);
        return new GenericDomainEventMessage<>("Proposal", id, 3, new ProposalAccepted(id, null, 0,
                new Decision(id + "-answer", SubjectType.PROPOSAL, id, Ward.ASAO, DecisionKind.PROPOSAL_ANSWER,
                        DecisionOutcome.ACCEPTED, "理由", new StaffRef("staff-0009", "STAFF"), when, null)));
    }

    private List<Map<String, Object>> rows(String model, Map<String, String> filters, List<String> groupBy) {
        return rows.rows(model, filters, groupBy).map(AnalyticsRow::values).collectList().block();
    }

    private static Map<String, Object> row(Object... pairs) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1]);
        }
        return row;
    }
}
