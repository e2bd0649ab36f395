package kyodo.query.history;

import kyodo.kernel.Ward;
import kyodo.kernel.decision.SubjectType;
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

import static org.assertj.core.api.Assertions.assertThat;

class FeatureHistoriesReplayTest {

    static final Instant SUBMITTED = Instant.parse("2025-05-10T01:00:00Z");
    static final Instant ACKNOWLEDGED = Instant.parse("2025-05-11T01:00:00Z");
    static final Instant PROGRESS = Instant.parse("2025-05-20T01:00:00Z");
    static final Instant OVERDUE = Instant.parse("2025-06-10T15:00:00Z");
    static final Instant ACCEPTED = Instant.parse("2025-06-12T01:00:00Z");

    private static final FeatureHistories HISTORIES = FeatureHistoriesTest.everyFeature();

    @RegisterExtension
    static final TestStores stores = new TestStores();

    /** The events with the times the event store would have recorded them. */
    private static List<HistoryEvent> recorded(ProposalStory story, Instant... times) {
        List<HistoryEvent> events = new ArrayList<>();
        story.messages().forEach(m -> events.add(new HistoryEvent(m.getSequenceNumber(),
                times[(int) m.getSequenceNumber()], m.getPayload())));
        return events;
    }

    private static List<HistoryEvent> answeredLate() {
        ProposalStory story = ProposalStory.submitted(stores.protector, "p-life", Ward.SAIWAI, "駅前の駐輪場を増やしてほしい",
                        "朝は満車です。", List.of("交通"), ProposalProgramme.CITIZEN_PROPOSAL, SUBMITTED)
                .acknowledged("幸区役所 地域振興課", LocalDate.parse("2025-06-10"), ACKNOWLEDGED)
                .progress("現地を確認しました", PROGRESS)
                .overdue(LocalDate.parse("2025-06-10"), OVERDUE)
                .accepted("来年度に整備します", "町内会と協議のうえ", 2, ACCEPTED);
        return recorded(story, SUBMITTED, ACKNOWLEDGED, PROGRESS, OVERDUE, ACCEPTED);
    }

    private static FeatureHistories.Replayed proposalAt(List<HistoryEvent> events, Instant asOf) {
        return HISTORIES.replay(SubjectType.PROPOSAL, events, asOf);
    }

    @Test
    void beforeTheFirstEventNothingIsApplied() {
        FeatureHistories.Replayed replayed = proposalAt(answeredLate(), SUBMITTED.minusMillis(1));
        assertThat(replayed.version()).isEqualTo(-1);
        assertThat(replayed.state()).isEmpty();
    }

    @Test
    void atSubmissionItIsSubmittedWithItsTextAndNoDepartment() {
        Map<String, Object> state = proposalAt(answeredLate(), SUBMITTED).state();
        assertThat(state).containsEntry("status", "SUBMITTED").containsEntry("title", "駅前の駐輪場を増やしてほしい")
                .containsEntry("body", "朝は満車です。").containsEntry("themes", List.of("交通"))
                .containsEntry("ward", "saiwai").containsEntry("programme", "CITIZEN_PROPOSAL")
                .containsEntry("department", null).containsEntry("dueOn", null).containsEntry("outcome", null)
                .containsEntry("overdue", false).doesNotContainKey("proposer");
    }

    @Test
    void afterAcknowledgementButBeforeTheAnswerItIsAcknowledgedWithItsDueDateAndNoOutcome() {
        FeatureHistories.Replayed replayed = proposalAt(answeredLate(), PROGRESS.minusSeconds(1));
        assertThat(replayed.version()).isEqualTo(1);
        assertThat(replayed.state()).containsEntry("status", "ACKNOWLEDGED")
                .containsEntry("department", "幸区役所 地域振興課").containsEntry("dueOn", "2025-06-10")
                .containsEntry("outcome", null).containsEntry("reason", null).containsEntry("overdue", false);
        assertThat(proposalAt(answeredLate(), PROGRESS).state()).containsEntry("status", "ACKNOWLEDGED")
                .containsEntry("progressUpdates", 1);
    }

    @Test
    void afterTheDueDateItIsOverdueUntilAnswered() {
        assertThat(proposalAt(answeredLate(), OVERDUE.plusSeconds(60)).state())
                .containsEntry("status", "ACKNOWLEDGED").containsEntry("overdue", true).containsEntry("outcome", null);
        FeatureHistories.Replayed answered = proposalAt(answeredLate(), ACCEPTED.plusSeconds(1));
        assertThat(answered.version()).isEqualTo(4);
        assertThat(answered.state()).containsEntry("status", "ACCEPTED").containsEntry("outcome", "ACCEPTED")
                .containsEntry("reason", "来年度に整備します").containsEntry("conditions", "町内会と協議のうえ")
                .containsEntry("daysLate", 2).containsEntry("decidedByRole", "WARD_HEAD")
                .containsEntry("overdue", false);
        assertThat(answered.state().toString()).doesNotContain("staff-0007").doesNotContain(ProposalStory.NAME);
    }

    @Test
    void revisionAndReferralLeaveTheirMarks() {
        Instant t = SUBMITTED;
        ProposalStory story = ProposalStory.submitted(stores.protector, "p-rev", Ward.TAMA, "公園", "遊具を",
                        List.of(), ProposalProgramme.SUGGESTION_BOX, t)
                .acknowledged("公園緑地課", LocalDate.parse("2025-06-30"), t.plusSeconds(10))
                .revisionRequested("場所を具体的に", t.plusSeconds(20))
                .revised("生田緑地の公園", null, t.plusSeconds(30))
                .referred("m-7", "区民会議で議論", t.plusSeconds(40))
                .rejected("予算がありません", 0, t.plusSeconds(50));
        List<HistoryEvent> events = recorded(story, t, t.plusSeconds(10), t.plusSeconds(20), t.plusSeconds(30),
                t.plusSeconds(40), t.plusSeconds(50));
        assertThat(proposalAt(events, t.plusSeconds(25)).state()).containsEntry("status", "REVISION_REQUESTED")
                .containsEntry("reason", "場所を具体的に").containsEntry("title", "公園");
        assertThat(proposalAt(events, t.plusSeconds(35)).state()).containsEntry("status", "ACKNOWLEDGED")
                .containsEntry("title", "生田緑地の公園").containsEntry("body", "遊具を");
        assertThat(proposalAt(events, t.plusSeconds(45)).state()).containsEntry("status", "REFERRED_TO_MEETING")
                .containsEntry("meetingId", "m-7");
        assertThat(proposalAt(events, t.plusSeconds(55)).state()).containsEntry("status", "REJECTED")
                .containsEntry("outcome", "REJECTED").containsEntry("reason", "予算がありません")
                .containsEntry("conditions", null).containsEntry("meetingId", "m-7");
    }

    @Test
    void meetingsProjectsAndBudgetsFoldTheirEvents() {
        List<Object> all = FeatureHistoriesDescribeTest.everyOtherEvent(stores.protector);
        Instant t = FeatureHistoriesDescribeTest.T;
        List<HistoryEvent> meeting = events(all.subList(0, 11), t);
        Map<String, Object> m = HISTORIES.replay(SubjectType.MEETING, meeting, t.plusSeconds(100)).state();
        assertThat(m).containsEntry("status", "CLOSED").containsEntry("title", "幸区区民会議")
                .containsEntry("startsAt", t.plusSeconds(86400).toString())
                .containsEntry("opinions", 1).containsEntry("participants", 1).containsEntry("minutesPublished", true);
        assertThat((List<?>) m.get("groups")).hasSize(1);
        assertThat((List<?>) m.get("agenda")).hasSize(1);
        assertThat(m.get("resolutions").toString()).contains("駐輪場の増設を求める", "votesFor=20", "ADOPTED");
        Map<String, Object> opened = HISTORIES.replay(SubjectType.MEETING, meeting.subList(0, 6),
                t.plusSeconds(100)).state();
        assertThat(opened).containsEntry("status", "OPEN").containsEntry("attendance", 30);

        Map<String, Object> project = HISTORIES.replay(SubjectType.PROJECT, events(all.subList(12, 23), t),
                t.plusSeconds(100)).state();
        assertThat(project).containsEntry("status", "COMPLETED").containsEntry("title", "駐輪場プロジェクト")
                .containsEntry("allocatedYen", 1_000_000L).containsEntry("spentYen", 200_000L);
        assertThat(project.get("partners").toString()).contains("幸区自転車の会");
        assertThat(project.get("targets").toString()).contains("台数", "2025=150", "2025=140");

        Map<String, Object> budget = HISTORIES.replay(SubjectType.WARD_BUDGET, events(all.subList(24, 27), t),
                t.plusSeconds(100)).state();
        assertThat(budget).containsEntry("envelopeYen", 50_000_000L).containsEntry("reservedYen", 1_000_000L)
                .containsEntry("returnedYen", 300_000L).containsEntry("availableYen", 49_300_000L);
    }

    private static List<HistoryEvent> events(List<Object> payloads, Instant at) {
        List<HistoryEvent> events = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            events.add(new HistoryEvent(i, at.plusSeconds(i), payloads.get(i)));
        }
        return events;
    }
}
