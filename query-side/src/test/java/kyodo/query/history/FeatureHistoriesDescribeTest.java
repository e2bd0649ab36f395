package kyodo.query.history;

import kyodo.kernel.FiscalYear;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.Yen;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionBasis;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.meeting.AgendaItem;
import kyodo.kernel.meeting.AgendaPublished;
import kyodo.kernel.meeting.FeedbackRecorded;
import kyodo.kernel.meeting.GroupFormed;
import kyodo.kernel.meeting.MeetingCancelled;
import kyodo.kernel.meeting.MeetingClosed;
import kyodo.kernel.meeting.MeetingKind;
import kyodo.kernel.meeting.MeetingOpened;
import kyodo.kernel.meeting.MeetingRescheduled;
import kyodo.kernel.meeting.MeetingScheduled;
import kyodo.kernel.meeting.MinutesPublished;
import kyodo.kernel.meeting.OpinionRecorded;
import kyodo.kernel.meeting.Participant;
import kyodo.kernel.meeting.ParticipantRegistered;
import kyodo.kernel.meeting.ResolutionVoted;
import kyodo.kernel.project.ActualRecorded;
import kyodo.kernel.project.AgreementSigned;
import kyodo.kernel.project.BudgetAllocated;
import kyodo.kernel.project.BudgetEnvelopeSet;
import kyodo.kernel.project.ExpenditureRecorded;
import kyodo.kernel.project.FundsReleased;
import kyodo.kernel.project.FundsReserved;
import kyodo.kernel.project.PartnerAdded;
import kyodo.kernel.project.PartnerType;
import kyodo.kernel.project.ProgressReported;
import kyodo.kernel.project.ProjectApproved;
import kyodo.kernel.project.ProjectCompleted;
import kyodo.kernel.project.ProjectLaunched;
import kyodo.kernel.project.ProjectOrigin;
import kyodo.kernel.project.ProjectProgramme;
import kyodo.kernel.project.ProjectTerminated;
import kyodo.kernel.project.SelfEvaluated;
import kyodo.kernel.project.TargetSet;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.query.proposal.ProposalStory;
import kyodo.query.proposal.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class FeatureHistoriesDescribeTest {

    static final Instant T = Instant.parse("2025-06-01T01:00:00Z");
    static final StaffRef CLERK = new StaffRef("staff-0042", "STAFF");
    static final StaffRef HEAD = new StaffRef("staff-0007", "WARD_HEAD");
    static final String PARTICIPANT_NAME = "中原 一郎";

    /** Every feature's history, as Spring collects them in the app. */
    static final FeatureHistories HISTORIES = FeatureHistoriesTest.everyFeature();

    @RegisterExtension
    static final TestStores stores = new TestStores();

    static List<HistoryEvent> proposalLifecycle(String id) {
        ProposalStory story = ProposalStory.submitted(stores.protector, id, Ward.SAIWAI, "駅前の駐輪場を増やしてほしい",
                        "朝は満車です。", List.of("交通"), ProposalProgramme.CITIZEN_PROPOSAL, T)
                .acknowledged("幸区役所 地域振興課", LocalDate.parse("2025-07-03"), T.plusSeconds(3600))
                .progress("現地を確認しました", T.plusSeconds(7200))
                .revisionRequested("場所を具体的に", T.plusSeconds(8000))
                .revised("駅北口の駐輪場を増やしてほしい", null, T.plusSeconds(9000))
                .referred("m-1", "区民会議で議論", T.plusSeconds(10000))
                .overdue(LocalDate.parse("2025-07-03"), T.plusSeconds(11000))
                .accepted("来年度に整備します", "町内会と協議のうえ", 2, T.plusSeconds(12000))
                .rejected("重複", 0, T.plusSeconds(13000))
                .withdrawn("自治会で解決しました", T.plusSeconds(14000));
        List<HistoryEvent> events = new ArrayList<>();
        story.messages().forEach(m -> events.add(new HistoryEvent(m.getSequenceNumber(),
                T.plusSeconds(m.getSequenceNumber()), m.getPayload())));
        return events;
    }

    static Decision decision(SubjectType type, String id, DecisionKind kind, DecisionOutcome outcome, String reason) {
        return new Decision(id + "-d", type, id, Ward.SAIWAI, kind, outcome, reason, HEAD, T,
                DecisionBasis.meetingResolution("r-1"));
    }

    static List<Object> everyOtherEvent(kyodo.kernel.personal.PersonalDataProtector protector) {
        FiscalYear fy = FiscalYear.of(2025);
        return List.of(
                new MeetingScheduled("m-1", MeetingKind.WARD_ASSEMBLY, Ward.SAIWAI, null, "幸区区民会議", T,
                        T.plusSeconds(7200), "幸区役所", 50, true, List.of("交通"), 9, 1, T, CLERK),
                new MeetingRescheduled("m-1", T.plusSeconds(86400), T.plusSeconds(93600), "台風", T, CLERK),
                new AgendaPublished("m-1", List.of(new AgendaItem("駐輪場", "交通政策課", List.of("台数"), List.of())), T,
                        CLERK),
                new GroupFormed("m-1", 1, "交通", T, CLERK),
                new ParticipantRegistered("m-1", "pt-1", protector.sealForNewSubject("subj-pt-" + java.util.UUID.randomUUID(),
                        new Participant(PARTICIPANT_NAME, "町内会"), T), "町内会連合会", T, CLERK),
                new MeetingOpened("m-1", 30, T, CLERK),
                new OpinionRecorded("m-1", "o-1", 1, "交通", "駐輪場が足りない", List.of(), null, T, CLERK),
                new ResolutionVoted("m-1", "r-1", "駐輪場の増設を求める", "p-1", DecisionOutcome.ACCEPTED, 20, 5, 5, 30,
                        decision(SubjectType.MEETING, "m-1", DecisionKind.RESOLUTION, DecisionOutcome.ADOPTED,
                                "賛成多数")),
                new MeetingClosed("m-1", 30, T, CLERK),
                new MinutesPublished("m-1", "議事録本文", T, CLERK),
                new FeedbackRecorded("m-1", "交通政策課", "検討します", T, CLERK),
                new MeetingCancelled("m-2", "台風", T, CLERK),
                new ProjectLaunched("pj-1", Ward.SAIWAI, fy, "駐輪場プロジェクト", "交通", ProjectProgramme.COLLABORATIVE,
                        ProjectOrigin.DEPARTMENT_INITIATIVE, "交通政策課", T, CLERK),
                new ProjectApproved("pj-1", decision(SubjectType.PROJECT, "pj-1", DecisionKind.PROJECT_APPROVAL,
                        DecisionOutcome.APPROVED, "効果が見込める")),
                new PartnerAdded("pj-1", "pa-1", "幸区自転車の会", PartnerType.CITIZEN_GROUP, "運営", T, CLERK),
                new AgreementSigned("pj-1", "ag-1", "協働協定", List.of("pa-1"), LocalDate.parse("2025-06-10"),
                        decision(SubjectType.PROJECT, "pj-1", DecisionKind.AGREEMENT, DecisionOutcome.SIGNED, "締結")),
                new BudgetAllocated("pj-1", "al-1", "saiwai-2025", Yen.of(1_000_000),
                        decision(SubjectType.PROJECT, "pj-1", DecisionKind.BUDGET_ALLOCATION,
                                DecisionOutcome.ALLOCATED, "配分")),
                new ExpenditureRecorded("pj-1", "ex-1", Yen.of(200_000), "ラック購入", LocalDate.parse("2025-07-01"), T,
                        CLERK),
                new TargetSet("pj-1", "台数", "台", 100, Map.of(2025, 150L), T, CLERK),
                new ActualRecorded("pj-1", "台数", 2025, 140, T, CLERK),
                new ProgressReported("pj-1", "設置完了", T, CLERK),
                new SelfEvaluated("pj-1", 4, "おおむね達成", T, CLERK),
                new ProjectCompleted("pj-1", decision(SubjectType.PROJECT, "pj-1", DecisionKind.PROJECT_COMPLETION,
                        DecisionOutcome.COMPLETED, "目標達成")),
                new ProjectTerminated("pj-2", Yen.of(300_000), "saiwai-2025",
                        decision(SubjectType.PROJECT, "pj-2", DecisionKind.PROJECT_TERMINATION,
                                DecisionOutcome.TERMINATED, "担い手不足")),
                new BudgetEnvelopeSet("saiwai-2025", Ward.SAIWAI, fy, Yen.of(50_000_000),
                        decision(SubjectType.WARD_BUDGET, "saiwai-2025", DecisionKind.BUDGET_ENVELOPE,
                                DecisionOutcome.SET, "予算成立")),
                new FundsReserved("saiwai-2025", "al-1", "pj-1", Yen.of(1_000_000), T),
                new FundsReleased("saiwai-2025", "rl-1", "pj-2", Yen.of(300_000), "事業中止", T));
    }

    @Test
    void theAcknowledgementSaysWhoAcceptedItAndWhenTheAnswerIsDue() {
        HistoryEntry entry = HISTORIES.describe(proposalLifecycle("p-ack").get(1));
        assertThat(entry.kind()).isEqualTo("PROPOSAL_ACKNOWLEDGED");
        assertThat(entry.descriptionJa()).isEqualTo("幸区役所 地域振興課が受理しました（回答期限 2025-07-03）");
        assertThat(entry.descriptionEn()).isEqualTo("Acknowledged by 幸区役所 地域振興課 (answer due 2025-07-03)");
        assertThat(entry.data()).containsEntry("dueOn", "2025-07-03").containsEntry("role", "STAFF");
    }

    @Test
    void decisionsCarryTheirOutcomeReasonAndRole() {
        HistoryEntry accepted = HISTORIES.describe(proposalLifecycle("p-dec").get(7));
        assertThat(accepted.kind()).isEqualTo("PROPOSAL_ACCEPTED");
        assertThat(accepted.descriptionJa()).contains("【決定：採用／理由：来年度に整備します／区長】", "町内会と協議のうえ")
                .doesNotContain("ACCEPTED", "WARD_HEAD");
        assertThat(accepted.descriptionEn()).contains("[decision: Accepted; reason: 来年度に整備します; by the ward head]")
                .doesNotContain("ACCEPTED", "WARD_HEAD");
        @SuppressWarnings("unchecked")
        Map<String, Object> decision = (Map<String, Object>) accepted.data().get("decision");
        assertThat(decision).containsEntry("outcome", "ACCEPTED").containsEntry("reason", "来年度に整備します")
                .containsEntry("decidedByRole", "WARD_HEAD").doesNotContainKey("decidedBy");
    }

    @Test
    void everyProposalEventIsDescribedInBothLanguagesWithoutPersonalDataOrStaffIds() throws Exception {
        List<HistoryEvent> events = proposalLifecycle("p-all");
        List<HistoryEntry> entries = events.stream().map(HISTORIES::describe).toList();
        assertThat(entries).extracting(HistoryEntry::kind).containsExactly("PROPOSAL_SUBMITTED",
                "PROPOSAL_ACKNOWLEDGED", "PROPOSAL_PROGRESS_UPDATED", "PROPOSAL_REVISION_REQUESTED",
                "PROPOSAL_REVISED", "PROPOSAL_REFERRED_TO_MEETING", "PROPOSAL_RESPONSE_OVERDUE", "PROPOSAL_ACCEPTED",
                "PROPOSAL_REJECTED", "PROPOSAL_WITHDRAWN");
        wellDescribed(entries);
        assertThat(entries.get(0).descriptionJa()).contains("（個人情報・非公開）");
        assertThat(entries.get(0).descriptionEn()).contains("(personal data, not shown)");
        String json = TestStores.JSON.writeValueAsString(entries);
        String ciphertext = ((kyodo.kernel.proposal.ProposalSubmitted) events.get(0).payload()).proposer().ciphertext();
        assertThat(json).doesNotContain(ProposalStory.NAME).doesNotContain(ProposalStory.CONTACT)
                .doesNotContain(ciphertext).doesNotContain("subj-");
    }

    @Test
    void everyMeetingProjectAndBudgetEventIsDescribed() throws Exception {
        List<Object> payloads = everyOtherEvent(stores.protector);
        List<HistoryEntry> entries = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            entries.add(HISTORIES.describe(new HistoryEvent(i, T, payloads.get(i))));
        }
        wellDescribed(entries);
        Set<String> kinds = entries.stream().map(HistoryEntry::kind).collect(Collectors.toSet());
        assertThat(kinds).hasSize(payloads.size()).contains("MEETING_SCHEDULED", "RESOLUTION_VOTED",
                "PROJECT_LAUNCHED", "BUDGET_ENVELOPE_SET", "FUNDS_RELEASED");
        String json = TestStores.JSON.writeValueAsString(entries);
        assertThat(json).doesNotContain(PARTICIPANT_NAME).doesNotContain("subj-pt-").contains("（個人情報・非公開）");
        HistoryEntry resolution = entries.get(7);
        assertThat(resolution.descriptionJa()).contains("賛成 20", "反対 5", "【決定：議決／理由：賛成多数", "区長");
        assertThat(resolution.descriptionEn()).contains("20 for", "decision: Resolution adopted", "賛成多数");
        assertThat(entries.get(24).descriptionJa()).contains("50,000,000円");
        assertThat(entries.get(24).descriptionEn()).contains("¥50,000,000");
    }

    @Test
    void anUnknownEventGetsAGenericDescriptionAndNoData() {
        record SomethingNew(String secret) {
        }
        HistoryEntry entry = HISTORIES.describe(new HistoryEvent(3, T, new SomethingNew("staff-0042")));
        assertThat(entry.kind()).isEqualTo("SOMETHING_NEW");
        assertThat(entry.descriptionJa()).contains("種類不明の記録");
        assertThat(entry.descriptionEn()).contains("Recorded");
        assertThat(entry.data()).isEmpty();
    }

    @Test
    void everyKnownEventIsToldByExactlyOneFeature() {
        List<Object> payloads = new ArrayList<>();
        proposalLifecycle("p-one").forEach(e -> payloads.add(e.payload()));
        payloads.addAll(everyOtherEvent(stores.protector));
        for (Object payload : payloads) {
            List<String> tellers = FeatureHistoriesTest.features().stream().filter(f -> f.describe(payload) != null)
                    .map(f -> f.subjectType().code()).toList();
            assertThat(tellers).as(payload.getClass().getSimpleName()).hasSize(1);
        }
    }

    private static void wellDescribed(List<HistoryEntry> entries) throws Exception {
        for (HistoryEntry entry : entries) {
            assertThat(entry.descriptionJa()).as(entry.kind()).isNotBlank().doesNotContain("種類不明")
                    .containsPattern("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]");
            assertThat(entry.descriptionEn()).as(entry.kind()).isNotBlank().doesNotStartWith("Recorded (")
                    .containsPattern("[A-Za-z]{3,}");
        }
        String json = TestStores.JSON.writeValueAsString(entries);
        assertThat(json).doesNotContain("staff-0042").doesNotContain("staff-0007").doesNotContain("staffId");
    }
}
